import { isRecord } from '../json/shape.js';

/** Root-module outputs as `terraform output -json` prints them. */
export interface TerraformOutput {
  name: string;
  sensitive: boolean;
  value: unknown;
}

export function parseOutputs(json: string): TerraformOutput[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('terraform output -json did not print JSON.');
  }
  if (!isRecord(parsed)) throw new Error('terraform output -json did not print an object of outputs.');
  return Object.entries(parsed).map(([name, entry]) => {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as {
      sensitive?: unknown;
      value?: unknown;
    };
    return { name, sensitive: record.sensitive === true, value: record.value };
  });
}

// Credentials by name: treated as secrets even when a module forgets to mark them sensitive.
const CREDENTIAL_OUTPUTS = new Set(['kubeconfig', 'talosconfig']);

export function isSecretOutput(output: TerraformOutput): boolean {
  return output.sensitive || CREDENTIAL_OUTPUTS.has(output.name);
}

/** An output as one string: strings as they are, anything else as JSON. */
export function outputText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Every string inside a value, for masking the pieces of a structured secret one by one. */
export function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (isRecord(value)) return Object.values(value).flatMap(stringLeaves);
  return [];
}

/** The `outputs-json` output: non-secret outputs only, by name. */
export function publicOutputs(outputs: TerraformOutput[]): Record<string, unknown> {
  return Object.fromEntries(
    outputs.filter((output) => !isSecretOutput(output)).map((output) => [output.name, output.value])
  );
}

/**
 * The outputs a saved plan already knows the value of (`terraform show -json PLAN`'s output_changes),
 * as outputs: `terraform plan` prints them under "Changes to Outputs:", before any apply.
 */
export function plannedOutputs(plan: unknown): TerraformOutput[] {
  const changes = (plan as { output_changes?: Record<string, { after?: unknown; after_sensitive?: unknown }> } | null)
    ?.output_changes;
  if (!changes || typeof changes !== 'object') return [];
  return Object.entries(changes)
    .filter(([, change]) => change.after !== undefined && change.after !== null)
    .map(([name, change]) => ({ name, sensitive: change.after_sensitive === true, value: change.after }));
}
