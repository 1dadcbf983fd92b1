// Starts the local stack once for the whole Jest run, in a child process (the same entry as
// `npm run stack`), and exports its environment to process.env so the workers inherit it.
// Each run gets its own directory: other runs may share this checkout at the same time.
import { spawn } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const READY_TIMEOUT_MS = 60_000;

// A run killed before its teardown leaves its directory behind; its Jest pid tells whether it
// is still going (other runs may be using theirs right now).
function pruneAbandonedRuns(stacks) {
  let entries = [];
  try {
    entries = readdirSync(stacks);
  } catch {
    return;
  }
  for (const name of entries) {
    const pid = Number(/^jest-(\d+)$/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if (err.code === 'ESRCH') rmSync(join(stacks, name), { recursive: true, force: true });
    }
  }
}

export default async function globalSetup() {
  pruneAbandonedRuns(join(root, '.stack'));
  const dir = join(root, '.stack', `jest-${process.pid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  // node + tsx's loader rather than npx, so the pid we hold is the stack itself.
  // detached: the stack leads its own process group, which teardown signals as a whole.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/stack/cli.ts', '--dir', dir], {
    cwd: root,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe']
  });
  writeFileSync(join(dir, 'stack.pid'), String(child.pid));
  globalThis.__TALOS_IRSA_STACK__ = { child, dir };

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-8000);
  });

  const envPath = await new Promise((resolveReady, reject) => {
    let stdout = '';
    const fail = (why) => {
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`local stack did not start: ${why}\n--- stack stderr ---\n${stderr}`));
    };
    const timer = setTimeout(
      () => fail(`no STACK_READY within ${READY_TIMEOUT_MS / 1000} s`),
      READY_TIMEOUT_MS
    );
    child.once('error', (err) => fail(err.message));
    child.once('exit', (code, signal) => fail(`it exited early (code ${code}, signal ${signal})`));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const ready = /^STACK_READY (.+)$/m.exec(stdout);
      if (!ready) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolveReady(ready[1].trim());
    });
  });

  const env = JSON.parse(readFileSync(envPath, 'utf8'));
  Object.assign(process.env, env);

  // Keep draining the stack's output, but let Jest exit without waiting on these handles.
  // stdin stays open as long as this process lives: if Jest dies without running teardown,
  // the pipe closes and the stack shuts itself down.
  child.stdout.resume();
  child.unref();
  child.stdin.unref();
  child.stdout.unref();
  child.stderr.unref();
}
