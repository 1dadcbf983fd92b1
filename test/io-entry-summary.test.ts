// The job summary of a run that completed (its own success or its own reported failure): a summary
// file that cannot be written is a warning, and the run keeps its exit status and its error line.
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionResult } from '../src/io/action.js';
import { runAction } from '../src/io/entry.js';
import { useRunnerFiles } from './harness/runner-files.js';

describe('the summary of a run that completed', () => {
  const runner = useRunnerFiles('talos-irsa-sum-', { summary: false });

  const linesOf = (command: string): string[] =>
    runner.lines.filter((line) => line.startsWith(`::${command}::`));
  const completing = (failure?: string) => async (): Promise<ActionResult> => ({
    outputs: { changed: 'true' },
    summary: '### done',
    ...(failure ? { failure } : {})
  });

  it('is appended to the summary file when it can be written', async () => {
    process.env.GITHUB_STEP_SUMMARY = join(runner.dir, 'summary');
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
    await runAction('irsa-role', completing());
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('### done\n');
    expect(linesOf('warning')).toEqual([]);
  });

  it.each([
    ['a directory', (): string => runner.dir, 'EISDIR'],
    ['in a missing directory', (): string => join(runner.dir, 'gone', 'summary'), 'ENOENT'],
    // A write to /dev/full fails as on a full disk.
    ['on a full disk', (): string => '/dev/full', 'ENOSPC']
  ])('is a warning when the summary file is %s', async (_case, file, code) => {
    process.env.GITHUB_STEP_SUMMARY = file();
    for (const failure of [undefined, 'verified is false: STS refused the token.']) {
      runner.lines.length = 0;
      process.exitCode = undefined;
      await expect(runAction('verify-irsa', completing(failure))).resolves.toBeUndefined();
      expect(process.exitCode).toBe(failure ? 1 : undefined);
      expect(linesOf('error')).toEqual(failure ? [`::error::${failure}\n`] : []);
      expect(linesOf('warning')).toEqual([
        expect.stringMatching(
          new RegExp(
            // Jest's fs errors come from another realm, where oneLine reads them as 'Error: …'.
            `^::warning::verify-irsa: the job summary could not be written to GITHUB_STEP_SUMMARY ${file()}: (Error: )?${code}:`
          )
        )
      ]);
    }
    // The outputs went before the summary, and stay.
    expect(readFileSync(join(runner.dir, 'output'), 'utf8')).toContain('changed<<');
  });

  it('is redacted of what the run masked, and so is every output but those it writes verbatim', async () => {
    process.env.GITHUB_STEP_SUMMARY = join(runner.dir, 'summary');
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
    await runAction('verify-irsa', async (ctx) => {
      ctx.mask('masked-token-0123456789');
      // A piece of a structured secret that a non-secret value also holds (a cluster's name).
      ctx.mask('prod-cluster');
      return {
        outputs: {
          diagnosis: 'the API server said: invalid token masked-token-0123456789',
          'issuer-url': 'https://discovery.example.com/prod-cluster',
          kubeconfig: 'token: masked-token-0123456789'
        },
        verbatimOutputs: ['issuer-url', 'kubeconfig'],
        summary: '| token | refused: masked-token-0123456789 |'
      };
    });
    const outputs = readFileSync(process.env.GITHUB_OUTPUT ?? '', 'utf8');
    expect(outputs).toContain('the API server said: invalid token ***');
    expect(outputs).toContain('https://discovery.example.com/prod-cluster');
    expect(outputs).toContain('token: masked-token-0123456789');
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('| token | refused: *** |\n');
  });

  it('serves the action ctx.redact, which redacts every value any module masked, before the action cuts it', async () => {
    const quoted: string[] = [];
    await runAction('publish-oidc', async (ctx) => {
      // Masked by two modules that know nothing of each other, one in a JSON-escaped form.
      ctx.mask('aws-secret-0123456789');
      ctx.mask('line one\nline-two-secret');
      const answer = 'proxy said: aws-secret-0123456789 and "line one\\nline-two-secret" and the rest';
      quoted.push(ctx.redact(answer).slice(0, 40));
      return completing()();
    });
    expect(quoted).toEqual(['proxy said: *** and "***" and the rest']);
    expect(linesOf('add-mask')).toHaveLength(2);
  });
});
