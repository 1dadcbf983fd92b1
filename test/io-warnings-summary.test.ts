// Every warning a run gives reaches its job summary, once, escaped and redacted like the rest of it:
// the annotations show on the run's page, but a scheduled run is read from its summary.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { ActionContext, ActionResult } from '../src/io/action.js';
import { runAction } from '../src/io/entry.js';
import { UserError } from '../src/io/errors.js';
import { useRunnerFiles } from './harness/runner-files.js';

const SECRET = 'hunter2-s3cr3t|<x>';

describe('the warnings of a run, in its job summary', () => {
  const runner = useRunnerFiles('talos-irsa-warn-');

  const summary = (): string => readFileSync(runner.summaryFile, 'utf8');
  const warningLines = (): string[] => runner.lines.filter((line) => line.startsWith('::warning::'));
  const done = (ctx: ActionContext, extra: Partial<ActionResult> = {}): ActionResult => {
    void ctx;
    return { outputs: {}, summary: '### done\n', ...extra };
  };

  it('lists each warning once after the summary, escaped, and still annotates each', async () => {
    await runAction('irsa-role', async (ctx) => {
      ctx.log.warning('role a was not made by talos-irsa: <b>it</b> | is taken over');
      ctx.log.warning('line one\nline two');
      ctx.log.warning('role a was not made by talos-irsa: <b>it</b> | is taken over');
      return done(ctx);
    });
    const text = summary();
    expect(text.startsWith('### done\n')).toBe(true);
    expect(text).toContain('#### Warnings (2)');
    expect(text).toContain('- role a was not made by talos-irsa: &lt;b&gt;it&lt;/b&gt; | is taken over\n');
    expect(text).toContain('- line one line two\n');
    expect(text.match(/not made by/g)).toHaveLength(1);
    expect(warningLines()).toHaveLength(3);
  });

  it('ends a summary that ends in a table (provision) before its heading, with a blank line', async () => {
    await runAction('provision', async (ctx) => {
      ctx.log.warning('terraform ignored var.x');
      return done(ctx, { summary: '### Terraform\n\n| Output | Value |\n| --- | --- |\n| a | `b` |' });
    });
    expect(summary()).toBe(
      '### Terraform\n\n| Output | Value |\n| --- | --- |\n| a | `b` |\n\n#### Warnings (1)\n\n- terraform ignored var.x\n\n'
    );
  });

  it('redacts what the run masked, in every form', async () => {
    await runAction('publish-oidc', async (ctx) => {
      ctx.mask(SECRET);
      ctx.log.warning(`AWS said: token ${SECRET} refused`);
      return done(ctx);
    });
    const text = summary();
    expect(text).toContain('- AWS said: token *** refused');
    expect(text).not.toContain('hunter2');
  });

  it('adds no section to a run that warned of nothing', async () => {
    await runAction('verify-irsa', async (ctx) => done(ctx));
    expect(summary()).toBe('### done\n\n');
  });

  it('leaves out a warning the action says its own summary shows', async () => {
    await runAction('publish-oidc', async (ctx) => {
      ctx.log.warning('the provider is left: made by hand', { inSummary: true });
      ctx.log.warning('another');
      return done(ctx);
    });
    expect(summary()).not.toContain('made by hand');
    expect(summary()).toContain('#### Warnings (1)\n\n- another');
  });

  it('keeps the warnings of a run stopped on its inputs, after that summary', async () => {
    await runAction('irsa-role', async (ctx) => {
      ctx.log.warning("Role 'r' trusts team-*/api: any namespace matching");
      throw new UserError("namespace 'apps' does not exist.", 'namespace');
    });
    const text = summary();
    expect(text).toContain('### irsa-role: stopped on its inputs');
    expect(text).toContain("- Role 'r' trusts team-*/api: any namespace matching");
  });

  it('keeps the warnings of a run that failed after it began to write, those the action would have shown among them', async () => {
    await runAction('publish-oidc', async (ctx) => {
      ctx.writing?.();
      ctx.log.warning('roles still trust the provider: a, b', { inSummary: true });
      ctx.mask(SECRET);
      throw new Error(`AWS PutObject failed: ${SECRET}`);
    });
    const text = summary();
    expect(process.exitCode).toBe(1);
    expect(text).not.toContain('stopped on its inputs');
    expect(text).toContain('- roles still trust the provider: a, b');
    expect(text).not.toContain('hunter2');
  });
});
