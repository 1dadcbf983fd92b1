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

  describe('given a second signal (the runner sends SIGTERM 7.5 s after SIGINT, and kills 2.5 s later)', () => {
    /** Cancels a verify-irsa-like run whose cleanup says `done`, then hangs until the test lets it go. */
    function hangingCleanup(done: string[], onSecond?: (signal: NodeJS.Signals) => Promise<string[]>) {
      let finish = (): void => undefined;
      const stuck = new Promise<void>((resolve) => (finish = resolve));
      const timing = { cancelledAt: 0, writtenAt: 0 };
      jest.spyOn(stdoutLines, 'write').mockImplementation((line: string) => {
        runner.lines.push(line);
        if (line.startsWith('::error::')) timing.writtenAt = performance.now();
      });
      const running = cancelAt('verify-irsa', async (ctx, stopHere) => {
        ctx.mask(SECRET);
        ctx.writing?.();
        const stop = onCancel(async (_signal, progress) => {
          timing.cancelledAt = performance.now();
          for (const clause of done) progress.note(clause);
          await stuck;
          return [...done, 'deleted the service account ns/a this run created'];
        }, onSecond);
        try {
          await stopHere();
        } finally {
          stop();
        }
      });
      return { running, finish, timing };
    }

    it('during the cleanup: writes at once what it had done so far, and ends without waiting for the rest', async () => {
      const told: NodeJS.Signals[] = [];
      let second = 0;
      const { running, finish, timing } = hangingCleanup(
        ['deleted the pod ns/p this run created'],
        async (signal) => {
          told.push(signal);
          return [`told the child to stop (${signal}), ${SECRET}`];
        }
      );
      try {
        await tick(300);
        expect(errors()).toEqual([]);
        second = performance.now();
        process.emit('SIGTERM', 'SIGTERM');
        expect((await running).ended).toBe(true);
      } finally {
        // Settled, or the next test's run would wait for it.
        finish();
      }
      // Well before the runner's kill, 2.5 s after its SIGTERM; the cleanup has not settled.
      expect(timing.writtenAt - second).toBeLessThan(500);
      expect(told).toEqual(['SIGTERM']);
      expect(errors()).toEqual([
        expect.stringMatching(
          /^::error::verify-irsa was cancelled \(SIGINT\) after it began to write; deleted the pod ns\/p this run created; told the child to stop \(SIGTERM\), \*\*\*; a second signal \(SIGTERM\) came 0\.\d s after the first, while its cleanup was still running: the step ended then, without waiting for the rest of it; what it did not report is unknown, so check what the run made\.\n$/
        )
      ]);
      expect(summary()).toMatch(
        /\*\*Cleanup on cancel:\*\*\n\n- deleted the pod ns\/p this run created\n- told the child to stop \(SIGTERM\), \*\*\*\n- a second signal \(SIGTERM\) came 0\.\d s after the first, while its cleanup was still running/
      );
      // What it did not report by then is not claimed.
      expect(summary()).not.toContain('service account');
      expect(summary().split('### verify-irsa: cancelled')).toHaveLength(2);
      expect(timing.cancelledAt).toBeGreaterThan(0);
    });

    it('after the summary written at the bound: ends at once, with that summary alone', async () => {
      const { running, finish, timing } = hangingCleanup([]);
      let second = 0;
      try {
        while (errors().length === 0) await tick(100);
        expect(timing.writtenAt - timing.cancelledAt).toBeGreaterThanOrEqual(CLEANUP_BOUND_MS - 50);
        second = performance.now();
        process.emit('SIGTERM', 'SIGTERM');
        expect((await running).ended).toBe(true);
      } finally {
        finish();
      }
      expect(performance.now() - second).toBeLessThan(500);
      expect(errors()).toHaveLength(1);
      expect(summary().split('### verify-irsa: cancelled')).toHaveLength(2);
      expect(summary()).toContain('- its cleanup had not finished 7 s after the signal');
    }, 15_000);

    it('once the cleanup has settled, changes nothing', async () => {
      const state = await cancelAt('verify-irsa', async (ctx, stopHere) => {
        ctx.writing?.();
        const stop = onCancel(async () => ['deleted the pod ns/p this run created']);
        try {
          await stopHere();
          process.emit('SIGTERM', 'SIGTERM');
        } finally {
          stop();
        }
      });
      expect(state.ended).toBe(true);
      expect(errors()).toEqual([
        '::error::verify-irsa was cancelled (SIGINT) after it began to write; deleted the pod ns/p this run created.\n'
      ]);
    });
  });
});
