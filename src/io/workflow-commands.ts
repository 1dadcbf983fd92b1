// The runner's workflow-command protocol, written directly. @actions/core does the same, but its
// bundle (1 MiB with http-client and undici, for OIDC tokens these actions never request) costs
// each action more start-up time than all of its own input checks; see the README's Performance.
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';

// Escaping as the runner documents it (and as @actions/core does): data escapes %, CR and LF.
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function issue(command: string, message = ''): void {
  process.stdout.write(`::${command}::${escapeData(message)}${EOL}`);
}

export function addMask(secret: string): void {
  issue('add-mask', secret);
}

export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`);
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
  const delimiter = `ghadelimiter_${randomUUID()}`;
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
