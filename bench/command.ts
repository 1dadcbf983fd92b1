// Runs a command line tool to completion without blocking the event loop, which in the bench also
// serves the kube-apiserver double and the counting proxies the command talks to.
import { spawn } from 'node:child_process';

/** Resolves with stdout on exit 0; rejects with the tail of stderr otherwise. */
export function command(file: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${file} ${args.join(' ')} exited ${code}: ${stderr.trim().slice(-500)}`))
    );
  });
}
