// The job summary of a step that stops on its inputs: written once by the entry for every action
// (src/io/entry.ts), only before the run's first write, never with a masked value in it, and never
// at the cost of the error line or the exit status.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionContext, ActionResult } from '../src/io/action.js';
import { runAction } from '../src/io/entry.js';
import { UserError } from '../src/io/errors.js';
import { stdoutLines } from '../src/io/workflow-commands.js';

const SECRET = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLXZhbHVl.c2lnbmF0dXJl';

describe('the summary of a run that stops on its inputs', () => {
  let written: string[];
  let dir: string;
  let summaryFile: string;
  const saved = process.env.GITHUB_STEP_SUMMARY;
  beforeEach(() => {
    written = [];
    jest.spyOn(stdoutLines, 'write').mockImplementation((line: string) => {
      written.push(line);
    });
    dir = mkdtempSync(join(tmpdir(), 'talos-irsa-insum-'));
    summaryFile = join(dir, 'summary');
    writeFileSync(summaryFile, '');
    process.env.GITHUB_STEP_SUMMARY = summaryFile;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
    else process.env.GITHUB_STEP_SUMMARY = saved;
    process.exitCode = undefined;
  });

  const errorLines = (): string[] => written.filter((line) => line.startsWith('::error::'));
  const refusing =
    (error: Error, before?: (ctx: ActionContext) => void) =>
    async (ctx: ActionContext): Promise<ActionResult> => {
      before?.(ctx);
      throw error;
    };

  it('asks to correct what the error names, not an input, when the refusal names none (a weak key the cluster serves)', async () => {
    const refusal = new UserError(
      "the cluster's JWKS key 'k1' has a 1024-bit modulus; replace the cluster's service-account signing key, then run again."
    );
    await runAction('publish-oidc', refusing(refusal));
    expect(process.exitCode).toBe(1);
    expect(errorLines()).toEqual([`::error::${refusal.message}\n`]);
    // No table with an empty Input cell, and no title that blames the inputs.
    expect(readFileSync(summaryFile, 'utf8')).toBe(
      [
        '### publish-oidc: stopped before its first write',
        '',
        `**Error:** ${refusal.message}`,
        '',
        'Nothing was written to AWS or the cluster. Correct what the error names and run it again.'
      ].join('\n') + '\n'
    );
  });

  it('titles it, names the input, gives the error line and says nothing was written', async () => {
    await runAction('irsa-role', refusing(new UserError("'x y' is not a role name.", 'role-name')));
    expect(process.exitCode).toBe(1);
    expect(errorLines()).toEqual(["::error::Input 'role-name': 'x y' is not a role name.\n"]);
    expect(readFileSync(summaryFile, 'utf8')).toBe(
      [
        '### irsa-role: stopped on its inputs',
        '',
        '| Input | Error |',
        '| --- | --- |',
        "| `role-name` | Input 'role-name': 'x y' is not a role name. |",
        '',
        'Nothing was written to AWS or the cluster: the step stopped before its first write. Correct the input and run it again.',
        ''
      ].join('\n')
    );
  });

  it('shows a value the run masked as ***, as the log does', async () => {
    await runAction(
      'verify-irsa',
      refusing(new UserError(`cannot read '${SECRET}'.`, 'kubeconfig-path'), (ctx) => ctx.mask(SECRET))
    );
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).toContain("| `kubeconfig-path` | Input 'kubeconfig-path': cannot read '***'. |");
    expect(summary).not.toContain(SECRET);
    // The log's line is the runner's to mask, and it does: registered before it.
    expect(written[0]).toBe(`::add-mask::${SECRET}\n`);
  });

  // Those get the summary of a failed run instead (src/io/input-summary.ts): the error, and whether
  // anything may have been written.
  it('gives way, once the run has begun to write (it would deny what was written), to a failed run’s', async () => {
    await runAction(
      'irsa-role',
      refusing(new UserError("namespace 'apps' does not exist.", 'annotate-service-account'), (ctx) =>
        ctx.writing?.()
      )
    );
    expect(process.exitCode).toBe(1);
    expect(errorLines()).toHaveLength(1);
    expect(readFileSync(summaryFile, 'utf8')).toBe(
      [
        '### irsa-role: failed',
        '',
        "**Error:** Input 'annotate-service-account': namespace 'apps' does not exist.",
        '',
        'The step failed after it began to write: what it wrote before the error stays. Run it again once the cause is fixed.',
        ''
      ].join('\n')
    );
  });

  it('gives way, for a failure that is not the input’s, to a failed run’s that says nothing was written', async () => {
    await runAction('publish-oidc', refusing(new Error('socket hang up <eof>')));
    expect(process.exitCode).toBe(1);
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).not.toContain('stopped on its inputs');
    expect(summary).toContain('### publish-oidc: failed');
    expect(summary).toContain('**Error:** socket hang up &lt;eof&gt;');
    expect(summary).toContain(
      'Nothing was written to AWS or the cluster: the step failed before its first write.'
    );
  });

  it.each([
    ['unset', (): void => void delete process.env.GITHUB_STEP_SUMMARY],
    ['a directory', (): void => void (process.env.GITHUB_STEP_SUMMARY = dir)],
    [
      'in a missing directory',
      (): void => void (process.env.GITHUB_STEP_SUMMARY = join(dir, 'gone', 'summary'))
    ]
  ])(
    'leaves the exit status and the error line as they are when the summary file is %s',
    async (_case, set) => {
      const main = refusing(new UserError('is required.', 'bucket'));
      await runAction('publish-oidc', main);
      const withSummary = { status: process.exitCode, errors: errorLines() };
      written = [];
      process.exitCode = undefined;
      set();
      await expect(runAction('publish-oidc', main)).resolves.toBeUndefined();
      expect({ status: process.exitCode, errors: errorLines() }).toEqual(withSummary);
      expect(withSummary).toEqual({ status: 1, errors: ["::error::Input 'bucket': is required.\n"] });
      // Said as a warning when there was a file to write, not silently dropped.
      const warnings = written.filter((line) => line.startsWith('::warning::'));
      expect(warnings).toHaveLength(process.env.GITHUB_STEP_SUMMARY === undefined ? 0 : 1);
    }
  );
});
