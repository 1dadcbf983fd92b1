// Stops the stack started by global-setup.js: SIGTERM to its process group lets it stop moto
// and the other helpers itself; if it does not exit in time, SIGKILL the group and reap the
// helpers' own groups (moto runs detached) so no moto_server outlives the run.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout } from 'node:timers';

const STOP_TIMEOUT_MS = 10_000;

// A child that has exited stays a zombie until Node reaps it, so prefer Node's own record.
function alive(pid, child) {
  if (child) return child.exitCode === null && child.signalCode === null;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function waitForExit(pid, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid, child) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid, child);
}

export default async function globalTeardown() {
  const stash = globalThis.__TALOS_IRSA_STACK__;
  const dir = stash?.dir ?? process.env.TALOS_IRSA_STACK_DIR;
  if (!dir) return;
  const pidFile = join(dir, 'stack.pid');
  const pid = stash?.child.pid ?? (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : undefined);
  if (!pid) return;

  if (stash) stash.child.stdin.end();
  signalGroup(pid, 'SIGTERM');
  if (!(await waitForExit(pid, stash?.child, STOP_TIMEOUT_MS))) {
    signalGroup(pid, 'SIGKILL');
    await waitForExit(pid, stash?.child, 2_000);
    // Only now, when the stack could not stop its helpers itself, reap their groups.
    const pidsFile = join(dir, 'helper-pids.json');
    const helpers = existsSync(pidsFile) ? JSON.parse(readFileSync(pidsFile, 'utf8')) : [];
    for (const helper of helpers) signalGroup(helper, 'SIGKILL');
  }
  if (!process.env.TALOS_IRSA_KEEP_STACK) rmSync(dir, { recursive: true, force: true });
}
