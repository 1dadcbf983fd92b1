import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addMask,
  appendSummary,
  commandLine,
  fail,
  group,
  issue,
  lineWriter,
  setOutput,
  stdoutLines
} from '../src/io/workflow-commands.js';
import { parseOutputFile } from './harness/run-bundle.js';

describe('workflow commands', () => {
  let written: string[];
  let dir: string;
  beforeEach(() => {
    written = [];
    jest.spyOn(stdoutLines, 'write').mockImplementation((line: string) => {
      written.push(line);
    });
    dir = mkdtempSync(join(tmpdir(), 'talos-irsa-commands-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
    process.exitCode = undefined;
  });

  it('issues a command inside a stop-commands window (terraform output) so the runner obeys it, then stops commands again', () => {
    commandLine('::stop-commands::tf-token');
    addMask('s3cr3t-value');
    issue('warning', 'told to stop');
    commandLine('::tf-token::');
    issue('notice', 'after');
    // Without the window closed around them the runner shows these as text: a mask not applied.
    expect(written.join('')).toBe(
      [
        '::stop-commands::tf-token',
        '::tf-token::',
        '::add-mask::s3cr3t-value',
        '::stop-commands::tf-token',
        '::tf-token::',
        '::warning::told to stop',
        '::stop-commands::tf-token',
        '::tf-token::',
        '::notice::after',
        ''
      ].join('\n')
    );
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

describe('lineWriter', () => {
  const text = (chunks: Uint8Array[]) => chunks.map((chunk) => Buffer.from(chunk).toString('utf8')).join('');

  it('writes whole lines to the fd while it takes them', () => {
    const fd: Uint8Array[] = [];
    const stream: Uint8Array[] = [];
    const write = lineWriter(
      (bytes) => (fd.push(bytes), bytes.length),
      (bytes) => stream.push(bytes)
    );
    write('one\n');
    write('twö\n');
    expect(text(fd)).toBe('one\ntwö\n');
    expect(stream).toEqual([]);
  });

  it('sends the rest of a partly written line, and every later line, through the stream', () => {
    const fd: Uint8Array[] = [];
    const stream: Uint8Array[] = [];
    let calls = 0;
    const write = lineWriter(
      (bytes) => {
        calls += 1;
        fd.push(bytes.subarray(0, 3));
        return 3;
      },
      (bytes) => stream.push(bytes)
    );
    write('first line\n');
    write('second\n');
    expect(calls).toBe(1);
    expect(text(fd) + text(stream)).toBe('first line\nsecond\n');
  });

  it('falls back on EAGAIN and rethrows any other error', () => {
    const stream: Uint8Array[] = [];
    const eagain = lineWriter(
      () => {
        throw Object.assign(new Error('EAGAIN: resource temporarily unavailable'), { code: 'EAGAIN' });
      },
      (bytes) => stream.push(bytes)
    );
    eagain('kept\n');
    expect(text(stream)).toBe('kept\n');
    const broken = lineWriter(
      () => {
        throw Object.assign(new Error('EBADF: bad file descriptor'), { code: 'EBADF' });
      },
      () => undefined
    );
    expect(() => broken('lost\n')).toThrow('EBADF');
  });
});

describe('lines on a real pipe', () => {
  it('keeps every line, in order, when a slow reader fills a non-blocking pipe', async () => {
    // Touching process.stdout first makes fd 1 non-blocking, as any library printing would; the
    // parent then reads nothing for 300 ms while 4 MB of lines are written.
    const script = [
      "import { info } from './src/io/workflow-commands.ts';",
      'void process.stdout;',
      "for (let i = 0; i < 20000; i++) info(`line ${i} ${'x'.repeat(200)}`);"
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: join(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit']
    });
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(0);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(20000);
    lines.forEach((line, i) => expect(line.startsWith(`line ${i} `)).toBe(true));
  }, 30000);
});
