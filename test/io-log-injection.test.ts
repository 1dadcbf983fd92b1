// Text the action did not write (from the cluster, AWS, terraform) must never become a workflow
// command. Checked against a model of what the runner obeys in a step's stdout.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../src/io/logger.js';
import { commandLine, group, info, issue, stdoutLines } from '../src/io/workflow-commands.js';
import { terraformCli } from '../src/terraform/cli.js';

interface Command {
  command: string;
  data: string;
}

// The commands the runner knows (actions/runner's ActionCommandManager and its extensions): a line
// naming another is not a command, and the runner then tries the ##[ syntax on it.
const REGISTERED = [
  'stop-commands',
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'warning'
];

/**
 * What the runner obeys in `stdout`, as it reads it: a line ends at LF, CR or CRLF; `::name
 * props::data` after leading whitespace; else `##[name props]data` anywhere in the line; nothing but
 * the token between `::stop-commands::TOKEN` and `::TOKEN::`. Names are case-insensitive.
 */
function obeyed(stdout: string): Command[] {
  const found: Command[] = [];
  let stopToken: string | undefined;
  const registered = (name: string): boolean =>
    REGISTERED.includes(name.toLowerCase()) || name.toLowerCase() === stopToken?.toLowerCase();
  const parse = (line: string): Command | undefined => {
    const trimmed = line.trimStart();
    if (trimmed.startsWith('::')) {
      const end = trimmed.indexOf('::', 2);
      const name = end < 0 ? '' : (trimmed.slice(2, end).split(' ')[0] ?? '');
      if (end >= 0 && registered(name)) return { command: name, data: trimmed.slice(end + 2) };
    }
    const start = line.indexOf('##[');
    const close = start < 0 ? -1 : line.indexOf(']', start);
    if (close < 0) return undefined;
    const name = line.slice(start + 3, close).split(' ')[0] ?? '';
    return registered(name) ? { command: name, data: line.slice(close + 1) } : undefined;
  };
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const command = parse(line);
    if (!command) continue;
    if (stopToken !== undefined) {
      if (command.command.toLowerCase() === stopToken.toLowerCase()) stopToken = undefined;
    } else if (command.command.toLowerCase() === 'stop-commands') stopToken = command.data;
    else found.push({ command: command.command.toLowerCase(), data: command.data });
  }
  return found;
}

/** The entry's logger (src/io/entry.ts), on the same workflow-command writers. */
const runnerLogger: Logger = {
  info,
  command: commandLine,
  warning: (message) => issue('warning', message),
  debug: (message) => issue('debug', message),
  group
};

let written: string[];
beforeEach(() => {
  written = [];
  jest.spyOn(stdoutLines, 'write').mockImplementation((line: string) => {
    written.push(line);
  });
});
afterEach(() => {
  jest.restoreAllMocks();
});

describe('the model of the runner', () => {
  it('obeys the commands the action issues, and a raw line break followed by one', () => {
    issue('warning', 'one\n::error::two');
    stdoutLines.write('text\n  ::error title=x::forged\n');
    stdoutLines.write('text ##[add-mask]forged\n');
    expect(obeyed(written.join(''))).toEqual([
      { command: 'warning', data: 'one%0A::error::two' },
      { command: 'error', data: 'forged' },
      { command: 'add-mask', data: 'forged' }
    ]);
  });
});

describe('a plain log line', () => {
  it.each([
    ['an LF', 'jwks_uri https://issuer.example/keys\n::error title=x::forged'],
    ['a CRLF', 'jwks_uri https://issuer.example/keys\r\n::error title=x::forged'],
    ['a lone CR', 'jwks_uri https://issuer.example/keys\r::error title=x::forged'],
    ['an LF and indentation', 'detail:\n    ::add-mask::forged']
  ])('with %s in it stays one line and issues no command', (_what, message) => {
    info(message);
    expect(written).toHaveLength(1);
    expect((written[0] ?? '').trimEnd().split(/\r\n|\r|\n/)).toHaveLength(1);
    expect(obeyed(written.join(''))).toEqual([]);
  });

  it.each([
    ['##[error]', 'the apiserver said: ##[error]forged'],
    ['##[add-mask]', 'Issuer https://x/##[add-mask]hide-everything; the cluster serves 1 key(s).'],
    ['##[stop-commands]', 'Could not look for pods: ##[stop-commands]t0ken']
  ])('holding %s issues no command, and the commands after it are obeyed', (_what, message) => {
    info(message);
    issue('warning', 'still obeyed');
    expect(obeyed(written.join(''))).toEqual([{ command: 'warning', data: 'still obeyed' }]);
    expect(written[0]).toContain('## [');
  });

  it.each([
    ['::error::', '::error title=x::forged by a pod log'],
    ['indented ::add-mask::', '   ::add-mask::hide-everything'],
    ['::stop-commands::', '::stop-commands::t0ken']
  ])('starting with %s issues no command; the action issues its own through command()', (_what, message) => {
    info(message);
    commandLine('::warning::the action means this one');
    expect(obeyed(written.join(''))).toEqual([{ command: 'warning', data: 'the action means this one' }]);
    expect(written[0]).toContain(': :');
  });

  it('keeps its text otherwise', () => {
    info('Issuer https://issuer.example; the cluster serves 2 key(s). 100% :: done');
    expect(written).toEqual(['Issuer https://issuer.example; the cluster serves 2 key(s). 100% :: done\n']);
  });
});

describe("terraform's output, streamed line by line", () => {
  // Made in beforeAll, not when the file is collected: a run filtered past these tests runs
  // neither hook, and left the directory behind.
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'talos-irsa-injection-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in terraform that prints `body`'s lines (printf escapes) and exits with `status`. */
  function fakeTerraform(name: string, stdout: string, stderr = '', status = 0): string {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\nprintf '%b' '${stdout}'\nprintf '%b' '${stderr}' >&2\nexit ${status}\n`, {
      mode: 0o755
    });
    return path;
  }

  const forged = [
    '::warning::forged warning',
    '  ::error title=x::forged error',
    '::add-mask::the-whole-log',
    '::set-output name=kubeconfig::forged',
    '##[error]forged in the first syntax',
    'value = "a\\r::error::after a carriage return"',
    '::stop-commands::guessed',
    '::guessed::',
    '::error::after a guessed resume'
  ];

  it('issues none of the commands it holds, and commands work again after it', async () => {
    const binary = fakeTerraform('terraform-forging', `${forged.join('\\n')}\\n`);
    const cli = terraformCli({ binary, cwd: dir, env: { PATH: process.env.PATH ?? '' }, log: runnerLogger });
    await cli.stream(['plan']);
    issue('warning', 'the action again');
    const stdout = written.join('');
    // Shown, with its leading :: broken up as every plain line's is, and inside the window besides.
    expect(stdout).toContain(': :warning::forged warning');
    expect(obeyed(stdout)).toEqual([
      { command: 'group', data: 'terraform plan' },
      { command: 'endgroup', data: '' },
      { command: 'warning', data: 'the action again' }
    ]);
  });

  it('keeps the annotation of an error it reports, and none of those it prints', async () => {
    const binary = fakeTerraform(
      'terraform-failing',
      `${forged.join('\\n')}\\n`,
      'Error: Invalid value\\n\\nThe value ::warning::x is not valid.\\n',
      1
    );
    const cli = terraformCli({ binary, cwd: dir, env: { PATH: process.env.PATH ?? '' }, log: runnerLogger });
    await expect(cli.stream(['apply'])).rejects.toThrow('terraform apply failed');
    const commands = obeyed(written.join(''));
    expect(commands.map((command) => command.command)).toEqual(['group', 'error', 'endgroup']);
    expect(commands[1]?.data).toContain('Invalid value');
  });
});
