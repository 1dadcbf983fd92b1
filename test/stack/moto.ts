// moto_server as the local stand-in for S3, IAM and STS. It runs in its own process group so
// that stop() also reaches anything the pyenv shim or werkzeug may have forked.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Moto {
  endpoint: string;
  /** Process group id, so a supervisor can reap moto even if this process dies first. */
  pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  log: () => string,
  deadline: number
): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`moto_server exited before it was ready (code ${child.exitCode}):\n${log()}`);
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server did not answer on ${endpoint} within ${READY_TIMEOUT_MS} ms:\n${log()}`);
}

/**
 * The port moto bound, from its "Running on http://127.0.0.1:PORT" line. Port 0 lets moto bind one
 * itself: a port picked here and closed before moto started could be taken in between by another
 * process, another stack's moto among them, which would then answer this stack's requests.
 */
async function boundPort(child: ChildProcess, log: () => string, deadline: number): Promise<number> {
  while (Date.now() < deadline) {
    const port = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(log())?.[1];
    if (port) return Number(port);
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`moto_server exited before it was ready (code ${child.exitCode}):\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`moto_server did not say which port it bound within ${READY_TIMEOUT_MS} ms:\n${log()}`);
}

export async function startMoto(): Promise<Moto> {
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', '0'], {
    // Without the AWS managed policies, attaching arn:aws:iam::aws:policy/... fails with NoSuchEntity.
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true
  });

  // moto logs every request to stderr: keep draining it (a full pipe would stall moto) but
  // remember only its start (which names the port) and the tail, for error messages.
  let head = '';
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (head.length < 4000) head = (head + chunk).slice(0, 4000);
    tail = (tail + chunk).slice(-4000);
  });

  const spawnError = await new Promise<Error | undefined>((resolve) => {
    child.once('error', resolve);
    child.once('spawn', () => resolve(undefined));
  });
  if (spawnError) {
    const missing = (spawnError as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? "moto_server is not on PATH; install it with `pip install 'moto[server]'`"
        : `could not start moto_server: ${spawnError.message}`
    );
  }
  const stop = async (): Promise<void> => {
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
    await exited(child);
    clearTimeout(timer);
    // The shim's children may outlive the leader; make sure the whole group is gone.
    signalGroup(child, 'SIGKILL');
  };

  let endpoint: string;
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    endpoint = `http://127.0.0.1:${await boundPort(child, () => head, deadline)}`;
    await waitUntilAnswering(endpoint, child, () => tail, deadline);
  } catch (err) {
    await stop();
    throw err;
  }
  return { endpoint, pid: child.pid ?? 0, stop };
}
