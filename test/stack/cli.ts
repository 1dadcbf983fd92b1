// `npm run stack`: start the local stack and keep it up until Ctrl-C, SIGTERM or stdin closing.
// Prints the environment as `export K=V` lines, writes it to <dir>/env.json and ends with
// `STACK_READY <path to env.json>`, which Jest's global setup waits for.
//
// Usage: tsx test/stack/cli.ts [--dir <dir>]   (default .stack/, which git ignores)
import { existsSync, fstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAwsStack } from './aws-stack.js';
import type { TestCa } from './tls.js';

interface Part {
  env?: Record<string, string>;
  pids?: number[];
  stop(): Promise<void>;
}

function stackDir(argv: string[]): string {
  const at = argv.indexOf('--dir');
  const given = at >= 0 ? argv[at + 1] : undefined;
  return resolve(given ?? '.stack');
}

function isPart(value: unknown): value is Part {
  return typeof value === 'object' && value !== null && typeof (value as Part).stop === 'function';
}

// OPTIONAL: the Kubernetes double lives in kube-stack.ts, written separately. When that file is
// present it must export `startKubeForStack(ca: TestCa, env: Record<string, string>)` resolving
// to `{ env?, pids?, stop() }`; its env is merged into the stack's. When absent, the stack is
// AWS only. The specifier is a variable so type-checking does not require the module to exist.
async function startKubeIfPresent(ca: TestCa, env: Record<string, string>): Promise<Part | undefined> {
  const source = fileURLToPath(new URL('./kube-stack.ts', import.meta.url));
  if (!existsSync(source)) return undefined;
  const specifier = './kube-stack.js';
  const mod: unknown = await import(specifier);
  const start = (mod as { startKubeForStack?: unknown }).startKubeForStack;
  if (typeof start !== 'function') throw new Error(`${source} does not export startKubeForStack(ca, env)`);
  const part: unknown = await start(ca, env);
  if (!isPart(part)) throw new Error('startKubeForStack must resolve to { env?, pids?, stop() }');
  return part;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// Stdin closing means whoever started us is gone. /dev/null "closes" at once, so only a pipe,
// socket or terminal counts as someone holding it open.
function watchStdin(onClose: () => void): void {
  const stat = fstatSync(0);
  if (!isatty(0) && !stat.isFIFO() && !stat.isSocket()) return;
  process.stdin.on('end', onClose);
  process.stdin.on('close', onClose);
  process.stdin.resume();
}

/** Starts each part in turn, recording it in `parts` as soon as it runs so it can be stopped. */
async function startParts(dir: string, parts: Part[]): Promise<Record<string, string>> {
  const aws = await startAwsStack({ dir });
  parts.push(aws);
  const env = { ...aws.env };
  const kube = await startKubeIfPresent(aws.ca, env);
  if (kube) {
    parts.push(kube);
    Object.assign(env, kube.env ?? {});
  }
  return env;
}

async function main(): Promise<void> {
  const dir = stackDir(process.argv.slice(2));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const parts: Part[] = [];
  const startup = startParts(dir, parts);
  let stopping: Promise<void> | undefined;
  const shutdown = (code: number): Promise<void> => {
    stopping ??= (async () => {
      // A stop that arrives mid-startup must wait for what is still starting, or it would
      // come up after we are gone (an orphaned moto_server).
      await startup.catch(() => undefined);
      for (const part of parts.reverse()) await part.stop().catch(() => undefined);
      process.exit(code);
    })();
    return stopping;
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  watchStdin(() => void shutdown(0));
  // Whoever reads our output may be gone (Jest killed): a write then fails with EPIPE, which
  // would otherwise crash this process and orphan moto. Stop cleanly instead.
  process.stdout.on('error', () => void shutdown(0));
  process.stderr.on('error', () => void shutdown(0));
  process.on('uncaughtException', (err) => {
    process.stderr.write(`stack crashed: ${err.stack ?? err.message}\n`);
    void shutdown(1);
  });

  try {
    const env = await startup;
    if (stopping) return;
    writeFileSync(resolve(dir, 'helper-pids.json'), JSON.stringify(parts.flatMap((p) => p.pids ?? [])));
    const envPath = resolve(dir, 'env.json');
    writeFileSync(envPath, `${JSON.stringify(env, null, 2)}\n`, { mode: 0o600 });
    for (const [key, value] of Object.entries(env)) console.log(`export ${key}=${shellQuote(value)}`);
    console.log(`STACK_READY ${envPath}`);
  } catch (err) {
    console.error(
      `stack failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`
    );
    await shutdown(1);
  }
}

void main();
