// The runner's workflow-command protocol, written directly. @actions/core does the same, but its
// bundle (1 MiB with http-client and undici, for OIDC tokens these actions never request) costs
// each action more start-up time than all of its own input checks; see the README's Performance.
import { appendFileSync, writeSync } from 'node:fs';
import { EOL } from 'node:os';

// Escaping as the runner documents it (and as @actions/core does): data escapes %, CR and LF.
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Writes whole lines to fd 1 with writeSync while it takes them: setting up process.stdout on a pipe
 * costs a run ~5 ms of start-up, more than all its input checks. Once the fd refuses (a full
 * non-blocking pipe: EAGAIN) or takes part of a line, the rest and every later line go through the
 * stream, which buffers, so lines keep their order.
 */
export function lineWriter(
  writeFd: (bytes: Uint8Array) => number,
  writeStream: (bytes: Uint8Array) => void
): (line: string) => void {
  let throughStream = false;
  return (line) => {
    const bytes = Buffer.from(line, 'utf8');
    if (throughStream) return writeStream(bytes);
    let written = 0;
    try {
      written = writeFd(bytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
    if (written === bytes.length) return;
    throughStream = true;
    writeStream(bytes.subarray(written));
  };
}

/** Where every line for the runner goes; an object so that tests can watch it. */
export const stdoutLines = {
  write: lineWriter(
    (bytes) => writeSync(1, bytes),
    (bytes) => process.stdout.write(bytes)
  )
};

// The token of a `::stop-commands::` still in force (terraform's output, src/terraform/cli.ts), if any.
let stoppedBy: string | undefined;

export function issue(command: string, message = ''): void {
  const line = `::${command}::${escapeData(message)}${EOL}`;
  if (stoppedBy === undefined) return stdoutLines.write(line);
  // Inside terraform's stop-commands window the runner would show the command as text: a warning, an
  // error, a mask (a value then left unmasked). The window is closed for it and opened again.
  const token = stoppedBy;
  stdoutLines.write(`::${token}::${EOL}${line}::stop-commands::${token}${EOL}`);
}

export function addMask(secret: string): void {
  issue('add-mask', secret);
}

/**
 * Text as one plain line of the log. The runner reads a line break (LF, CR or CRLF) anywhere as the
 * start of a new line, where `::command::` is a command, and obeys `##[command]` anywhere in a line
 * (the runner's first command syntax, still parsed). So a line break becomes a space and `##[`
 * becomes `## [`: text from the cluster, AWS or a tool (a jwks_uri holding "\n::error::…", an
 * apiserver message holding "##[add-mask]…") cannot issue a command from inside a line.
 */
export function plainLine(message: string): string {
  return message
    .replace(/\r\n?|\n/g, ' ')
    .replace(/##\[/g, '## [')
    .replace(/^(\s*)::/, '$1: :');
}

/**
 * One line of text, never a command: text from a cluster, AWS or terraform cannot start one, whether
 * by a line break, a leading `::` or the older `##[` syntax the runner obeys anywhere in a line.
 */
export function info(message: string): void {
  stdoutLines.write(`${plainLine(message)}${EOL}`);
}

/** A command line the action builds itself (its data already escaped), written as is. */
export function commandLine(line: string): void {
  const stop = /^::stop-commands::(.+)$/.exec(line);
  if (stop) stoppedBy = stop[1];
  else if (stoppedBy !== undefined && line === `::${stoppedBy}::`) stoppedBy = undefined;
  stdoutLines.write(`${line}${EOL}`);
}

export async function group<T>(name: string, body: () => Promise<T>): Promise<T> {
  issue('group', name);
  try {
    return await body();
  } finally {
    issue('endgroup');
  }
}

/** An output through the GITHUB_OUTPUT file, with a random heredoc delimiter the value cannot forge. */
export function setOutput(name: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_OUTPUT;
  // Outside a runner there is nowhere to put it; printing it could print a secret.
  if (!file) return;
  // Fetched here, not imported at the top: loading node:crypto costs a failing run ~4 ms at start.
  const delimiter = `ghadelimiter_${process.getBuiltinModule('node:crypto').randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`output ${name} contains its own delimiter`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
}

export function appendSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, `${markdown}${EOL}`, 'utf8');
}

export function fail(message: string): void {
  process.exitCode = 1;
  issue('error', message);
}
