// The entry's end of a cancelled run (the runner's SIGINT or SIGTERM), in process: one error line and one
// summary, written once the action's cancel handlers have settled, saying at which step it was stopped,
// whether it had written, what its cleanup did, and every warning, redacted of what the run masked.
// Whatever main does after the signal is not reported. (The bundles: test/cancel-summary-bundle.test.ts,
// and the cancel tests of provision-bundle and verify-irsa-pod.)
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionContext, ActionResult } from '../src/io/action.js';
import { onCancel } from '../src/io/cancel.js';
import { CLEANUP_BOUND_MS, runAction } from '../src/io/entry.js';
import { stdoutLines } from '../src/io/workflow-commands.js';
import { useRunnerFiles } from './harness/runner-files.js';

const SECRET = 'tok-0123456789abcdef';

describe('a cancelled run', () => {
  const runner = useRunnerFiles('talos-irsa-cancel-sum-');

  const errors = (): string[] => runner.lines.filter((line) => line.startsWith('::error::'));
  const summary = (): string => readFileSync(runner.summaryFile, 'utf8');
  const tick = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  /** Runs `main` until it calls `stopHere`, sends SIGINT, then lets main return a result of its own. */
  async function cancelAt(
    action: string,
    main: (ctx: ActionContext, stopHere: () => Promise<void>) => Promise<void>
  ): Promise<{ ended: boolean }> {
    let reached = (): void => undefined;
    const atStop = new Promise<void>((resolve) => (reached = resolve));
    let resume = (): void => undefined;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const state = { ended: false };
    const running = runAction(
      action,
      async (ctx): Promise<ActionResult> => {
        await main(ctx, async () => {
          reached();
          await resumed;
        });
        // What main does after the signal: not its summary, nor its outputs, nor its failure.
        return { outputs: { changed: 'true' }, summary: '### finished after all', failure: 'late failure' };
      },
      async () => {
        state.ended = true;
      }
    );
    await atStop;
    process.emit('SIGINT', 'SIGINT');
    await tick();
    resume();
    await running;
    return state;
  }

  it('before its first write: says nothing was written, once, and exits non-zero', async () => {
    const state = await cancelAt('irsa-role', async (_ctx, stopHere) => stopHere());
    expect(state.ended).toBe(true);
    expect(process.exitCode).toBe(1);
    expect(errors()).toEqual(['::error::irsa-role was cancelled (SIGINT) before its first write.\n']);
    expect(summary()).toBe(
      [
        '### irsa-role: cancelled',
        '',
        'Cancelled by SIGINT before its first write.',
        '',
        'Nothing was written to AWS or the cluster: the step was cancelled before its first write.\n'
      ].join('\n')
    );
    expect(readFileSync(join(runner.dir, 'output'), 'utf8')).toBe('');
  });

  it('mid-step: names the step, lists what it wrote and every warning, redacted, and says what stays', async () => {
    await cancelAt('publish-oidc', async (ctx, stopHere) => {
      ctx.mask(SECRET);
      ctx.log.warning(`the issuer answered with ${SECRET} <in its body>`, { inSummary: true });
      ctx.writing?.();
      ctx.written?.(() => ['created the bucket b', `put the JWKS\n(${SECRET})`]);
      await ctx.log.group('Put the documents', stopHere);
    });
    expect(errors()).toEqual(['::error::publish-oidc was cancelled (SIGINT) during Put the documents.\n']);
    const text = summary();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('finished after all');
    expect(text).toBe(
      [
        '### publish-oidc: cancelled',
        '',
        'Cancelled by SIGINT during `Put the documents`, after the step had begun to write.',
        '',
        '**Written before the cancel** (each step AWS or the cluster had answered; a step under way is not listed):',
        '',
        '- created the bucket b',
        '- put the JWKS (***)',
        '',
        'This step undoes nothing when it is cancelled: it stopped at once. What it wrote before the cancel stays, and a write it had sent may or may not have been applied; its next run picks up from what it finds.',
        '',
        // Listed even though the action's own summary would have shown it: that summary is not written.
        '#### Warnings (1)',
        '',
        '- the issuer answered with *** &lt;in its body&gt;',
        '',
        ''
      ].join('\n')
    );
  });

  it('writes its summary when the cleanup outlasts the bound, saying it had not finished', async () => {
    let finish = (): void => undefined;
    const stuck = new Promise<void>((resolve) => (finish = resolve));
    let cancelledAt = 0;
    let writtenAt = 0;
    jest.spyOn(stdoutLines, 'write').mockImplementation((line: string) => {
      runner.lines.push(line);
      if (line.startsWith('::error::')) writtenAt = performance.now();
    });
    const running = cancelAt('verify-irsa', async (ctx, stopHere) => {
      ctx.writing?.();
      const stop = onCancel(async () => {
        cancelledAt = performance.now();
        await stuck;
        return ['deleted the pod ns/p this run created'];
      });
      try {
        await stopHere();
      } finally {
        stop();
      }
    });
    while (errors().length === 0) await tick(100);
    // Written at the bound, before the runner's SIGTERM 7.5 s after its SIGINT; not claimed done.
    expect(writtenAt - cancelledAt).toBeGreaterThanOrEqual(CLEANUP_BOUND_MS - 50);
    expect(writtenAt - cancelledAt).toBeLessThan(7500);
    expect(summary()).toContain(
      '- its cleanup had not finished 7 s after the signal, when this was written: what it did not report is unknown, so check what the run made\n'
    );
    expect(summary()).not.toContain('deleted the pod');
    finish();
    expect((await running).ended).toBe(true);
  }, 15_000);

  it('says a cleanup that threw failed, rather than ending without a summary', async () => {
    await cancelAt('provision', async (ctx, stopHere) => {
      ctx.mask(SECRET);
      ctx.writing?.();
      const stop = onCancel(async () => {
        throw new Error(`rm: EACCES\n${SECRET}`);
      });
      try {
        await stopHere();
      } finally {
        stop();
      }
    });
    expect(errors()).toEqual([
      '::error::provision was cancelled (SIGINT) after it began to write; its cleanup failed: rm: EACCES ***.\n'
    ]);
    expect(summary()).toContain('**Cleanup on cancel:**\n\n- its cleanup failed: rm: EACCES ***\n');
  });

  it("waits for the action's cleanup and reports only what it said it did, redacted", async () => {
    let finish = (): void => undefined;
    const cleaned = new Promise<void>((resolve) => (finish = resolve));
    let summaryWhileCleaning = '';
    const running = cancelAt('verify-irsa', async (ctx, stopHere) => {
      ctx.mask(SECRET);
      ctx.writing?.();
      const stop = onCancel(async () => {
        await cleaned;
        return [
          'deleted the pod ns/p this run created',
          `could not delete the service account ns/a (${SECRET})`
        ];
      });
      try {
        await stopHere();
      } finally {
        stop();
      }
    });
    await tick(100);
    // The cleanup is under way: nothing is written before it settles.
    summaryWhileCleaning = summary();
    expect(errors()).toEqual([]);
    finish();
    expect((await running).ended).toBe(true);
    expect(summaryWhileCleaning).toBe('');
    expect(errors()).toEqual([
      '::error::verify-irsa was cancelled (SIGINT) after it began to write; deleted the pod ns/p this run created; could not delete the service account ns/a (***).\n'
    ]);
    expect(summary()).toContain(
      [
        '**Cleanup on cancel:**',
        '',
        '- deleted the pod ns/p this run created',
        '- could not delete the service account ns/a (***)',
        '',
        'Anything else it wrote before the cancel stays; its next run picks up from what it finds.'
      ].join('\n')
    );
    expect(summary().split('### verify-irsa: cancelled')).toHaveLength(2);
  });
});
