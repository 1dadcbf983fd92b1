// A run that has done its work exits at once, with the exit code it set, whatever is left in its event
// loop: a DNS lookup in flight (getaddrinfo runs on libuv's threadpool and cannot be cancelled), a
// keep-alive socket, a stray timer. Its own output is out first: the lines, GITHUB_OUTPUT, the summary,
// and what went through process.stdout and process.stderr, which a pipe takes asynchronously. The
// committed bundles are run as the runner runs them, with test/harness/hold-loop.mjs imported first.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cancelsSettled, onCancel } from '../src/io/cancel.js';
import { exitCodeOf } from '../src/io/exit.js';
import { countedIam, createProvider, uniqueName } from './fixtures/irsa-role/harness.js';
import { repoRoot, runBundle, type BundleRun } from './harness/run-bundle.js';
import { node24 } from './harness/node24.js';

const hook = pathToFileURL(join(repoRoot, 'test', 'harness', 'hold-loop.mjs')).href;
// A run that exits on its own takes well under a second; a held one would wait for as long as it is let.
const HELD_MS = 15_000;
const PROMPT_MS = 5_000;

let dir: string;
let fifo: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'talos-irsa-exit-'));
  fifo = join(dir, 'never-written');
  execFileSync('mkfifo', [fifo]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function held(
  hold: Record<string, string>,
  node = node24
): { node: string; timeoutMs: number; env: Record<string, string> } {
  return { node, timeoutMs: HELD_MS, env: { NODE_OPTIONS: `--import=${hook}`, ...hold } };
}

function expectInputFailure(run: BundleRun, action: string, input: string): void {
  expect(run.status).toBe(1);
  expect(run.elapsedMs).toBeLessThan(PROMPT_MS);
  expect(run.errors).toEqual([expect.stringMatching(new RegExp(`^Input '${input}': is required`))]);
  expect(run.summary).toContain(`### ${action}: stopped on its inputs`);
}

describe('a finished run with a threadpool request that never completes, on Node 24', () => {
  it.each([
    ['irsa-role', 'provider-arn'],
    ['publish-oidc', 'bucket'],
    ['verify-irsa', 'role-arn'],
    ['provision', 'cluster-name']
  ])(
    '%s exits 1 at once on a missing input, its error line and summary written',
    async (action, input) => {
      const run = await runBundle(action, {}, held({ TALOS_IRSA_HOLD_FIFO: fifo }));
      expectInputFailure(run, action, input);
    },
    30_000
  );

  it('irsa-role exits 0 at once after creating a role, its outputs and summary written', async () => {
    const { iam } = countedIam();
    const provider = await createProvider(iam);
    const roleName = uniqueName('irsa-exit');
    const run = await runBundle(
      'irsa-role',
      {
        'issuer-url': provider.issuer,
        'role-name': roleName,
        namespace: 'apps',
        'service-account': 'api',
        'annotate-service-account': 'false'
      },
      held({ TALOS_IRSA_HOLD_FIFO: fifo })
    );
    expect(run.errors).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.elapsedMs).toBeLessThan(PROMPT_MS);
    expect(run.outputs['role-arn']).toBe(`arn:aws:iam::123456789012:role/${roleName}`);
    expect(run.summary).toContain('### IRSA roles');
  }, 30_000);

  it('delivers all that went through process.stdout and process.stderr before it exits', async () => {
    const bytes = 1_000_000;
    const run = await runBundle(
      'publish-oidc',
      {},
      held({ TALOS_IRSA_HOLD_FIFO: fifo, TALOS_IRSA_STREAM_BYTES: String(bytes) })
    );
    // The bundle's own lines go to fd 1 directly and may land inside the stream's bytes: counted, not placed.
    expect(run.status).toBe(1);
    expect(run.elapsedMs).toBeLessThan(PROMPT_MS);
    expect(run.stdout.match(/~/g)?.length).toBe(bytes);
    expect(run.stderr.match(/\^/g)?.length).toBe(bytes);
    expect(run.stdout).toContain("::error::Input 'bucket': is required");
  }, 30_000);
});

// Node 20 has no process.execve: process.exit joins the threadpool, so the run waits for the request.
describe('a finished run with a threadpool request, on Node 20', () => {
  const RELEASE_MS = 3_000;

  it('waits until the request completes, then exits 1 with its error line and summary', async () => {
    expect(process.versions.node.split('.')[0]).toBe('20');
    const released = join(dir, 'released-later');
    execFileSync('mkfifo', [released]);
    // A writer completes the run's open. Non-blocking: with no reader left (a run that did not
    // wait) the open fails at once instead of holding this process's own threadpool.
    const release = setTimeout(() => {
      try {
        closeSync(openSync(released, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // no reader: the run had already exited, which the elapsed time below reports
      }
    }, RELEASE_MS);
    try {
      const run = await runBundle(
        'irsa-role',
        {},
        held({ TALOS_IRSA_HOLD_FIFO: released }, process.execPath)
      );
      expect(run.elapsedMs).toBeGreaterThanOrEqual(RELEASE_MS);
      expect(run.elapsedMs).toBeLessThan(HELD_MS);
      expect(run.status).toBe(1);
      expect(run.errors).toEqual([expect.stringMatching(/^Input 'provider-arn': is required/)]);
      expect(run.summary).toContain('### irsa-role: stopped on its inputs');
    } finally {
      clearTimeout(release);
    }
  }, 30_000);
});

describe('a finished run with a timer left', () => {
  it.each([
    ['node20', process.execPath],
    ['node24', node24]
  ])(
    'exits 1 at once on %s',
    async (_runtime, node) => {
      const run = await runBundle('verify-irsa', {}, held({ TALOS_IRSA_HOLD_TIMER: '1' }, node));
      expectInputFailure(run, 'verify-irsa', 'role-arn');
    },
    30_000
  );
});

describe('a cancel handler under way when the run ends', () => {
  it('is waited for: its cleanup is part of the run', async () => {
    let finish = (): void => undefined;
    const cleanup = new Promise<void>((resolve) => (finish = resolve));
    const stop = onCancel(() => cleanup);
    try {
      process.emit('SIGINT', 'SIGINT');
      let settled = false;
      const waited = cancelsSettled().then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(settled).toBe(false);
      finish();
      await waited;
      expect(settled).toBe(true);
    } finally {
      stop();
    }
  });
});

describe('the exit code', () => {
  it.each([
    [undefined, 0],
    [0, 0],
    [1, 1],
    ['2', 2],
    [256, 1],
    ['oops', 1]
  ])('of process.exitCode %p is %p', (set, code) => expect(exitCodeOf(set)).toBe(code));
});
