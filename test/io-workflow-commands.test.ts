import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMask, appendSummary, fail, group, issue, setOutput } from '../src/io/workflow-commands.js';
import { parseOutputFile } from './harness/run-bundle.js';

describe('workflow commands', () => {
  let written: string[];
  let dir: string;
  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    dir = mkdtempSync(join(tmpdir(), 'talos-irsa-commands-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
    process.exitCode = undefined;
  });

  it('escapes %, CR and LF so a message stays one command', () => {
    issue('error', 'line one\nline two 100%\r');
    expect(written).toEqual(['::error::line one%0Aline two 100%25%0D\n']);
  });

  it('masks a multi-line secret as one escaped command', () => {
    addMask('token: abc\nkey: def');
    expect(written).toEqual(['::add-mask::token: abc%0Akey: def\n']);
  });

  it('writes outputs as heredocs that survive multi-line values', () => {
    const file = join(dir, 'output');
    writeFileSync(file, '');
    setOutput('kubeconfig', 'apiVersion: v1\nkind: Config', { GITHUB_OUTPUT: file });
    setOutput('changed', 'false', { GITHUB_OUTPUT: file });
    expect(parseOutputFile(readFileSync(file, 'utf8'))).toEqual({
      kubeconfig: 'apiVersion: v1\nkind: Config',
      changed: 'false'
    });
    expect(readFileSync(file, 'utf8')).toMatch(/^kubeconfig<<ghadelimiter_[0-9a-f-]{36}\n/);
  });

  it('prints no output value when there is no GITHUB_OUTPUT file', () => {
    setOutput('kubeconfig', 'secret-content', {});
    expect(written).toEqual([]);
  });

  it('appends the summary and fails with exit code 1 and one error line', () => {
    const file = join(dir, 'summary');
    writeFileSync(file, '# before\n');
    appendSummary('| a | b |', { GITHUB_STEP_SUMMARY: file });
    expect(readFileSync(file, 'utf8')).toBe('# before\n| a | b |\n');
    fail("Input 'bucket': is required.");
    expect(process.exitCode).toBe(1);
    expect(written).toEqual(["::error::Input 'bucket': is required.\n"]);
  });

  it('closes a group even when its body throws', async () => {
    await expect(
      group('Read', async () => {
        throw new Error('boom');
      })
    ).rejects.toThrow('boom');
    expect(written).toEqual(['::group::Read\n', '::endgroup::\n']);
  });
});
