/**
 * How a finished run ends: at once, with the exit code it set, whatever is left in its event loop. Left to
 * itself Node exits only when the loop is empty, and a DNS lookup in flight (getaddrinfo runs on libuv's
 * threadpool and cannot be cancelled), a keep-alive socket or a stray timer would hold the step until the
 * resolver gives up or the job times out.
 */

// Requests that run on libuv's threadpool, as process.getActiveResourcesInfo names them. process.exit joins
// the threadpool's threads, so it too waits for one that never completes (a lookup the resolver does not
// answer, an open of a FIFO with no writer); Node 24 (the runner's, `using: node24`) can leave by execve.
const THREADPOOL_REQUESTS = new Set([
  'FSReqCallback',
  'FSReqPromise',
  'GetAddrInfoReqWrap',
  'GetNameInfoReqWrap'
]);

type Execve = (file: string, args: string[], env: NodeJS.ProcessEnv) => never;

/** The exit code the run set (fail() sets 1); one that is not a shell's exit status counts as a failure. */
export function exitCodeOf(code: string | number | null | undefined): number {
  const value = Number(code ?? 0);
  return Number.isInteger(value) && value >= 0 && value <= 255 ? value : 1;
}

/**
 * Resolves once what `stream` holds is written. On a pipe process.stdout and process.stderr write
 * asynchronously (on POSIX), and what they have not handed to the pipe is lost when the process exits.
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0) return Promise.resolve();
  // Writes complete in order: an empty one's callback comes once everything before it is written.
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/** Ends the process with process.exitCode once its output is out; what is left in the loop is dropped. */
export async function exitWhenWritten(): Promise<never> {
  // A stream on a pipe or a terminal is in the list (PipeWrap, TTYWrap) once made, as is a write still
  // pending. Otherwise neither was made (the log is written with writeSync), and making them here would
  // cost a failing run ~2.5 ms: Node 20 always has something left here (the module loader's CloseReq).
  const streamMade = process
    .getActiveResourcesInfo()
    .some((kind) => kind === 'PipeWrap' || kind === 'TTYWrap');
  if (streamMade) await Promise.all([drained(process.stdout), drained(process.stderr)]);
  const code = exitCodeOf(process.exitCode);
  const execve = (process as NodeJS.Process & { execve?: Execve }).execve;
  const inThreadpool = process.getActiveResourcesInfo().some((kind) => THREADPOOL_REQUESTS.has(kind));
  if (inThreadpool && execve && process.platform !== 'win32') {
    try {
      // What process.exit does first; then the process becomes a shell that exits with the run's code,
      // and no thread is joined. The pid, and so the runner's view of the step, stays the same.
      process.emit('exit', code);
      execve.call(process, '/bin/sh', ['/bin/sh', '-c', `exit ${code}`], {});
    } catch {
      // No shell to become: process.exit, which may wait for the threadpool as before.
    }
  }
  process.exit(code);
}
