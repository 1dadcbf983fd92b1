/**
 * Counts of a saved plan, read from `terraform show -json PLANFILE` (never from the human text,
 * whose wording changes between Terraform versions).
 */
export interface PlanCounts {
  add: number;
  change: number;
  destroy: number;
  /** Root outputs whose value changes: Terraform treats these as changes worth applying too. */
  outputChanges: number;
  /**
   * Resources changed in the state alone: moved to a new address (a `moved` block), imported (an
   * `import` block) or forgotten (a `removed` block with destroy = false) and otherwise unchanged.
   * Terraform's "N to add, N to change, N to destroy" leaves them out, yet the plan is applyable
   * and only an apply records them.
   */
  stateOnly: number;
}

interface PlanJson {
  resource_changes?: {
    mode?: string;
    previous_address?: string;
    change?: { actions?: string[]; importing?: unknown };
  }[];
  output_changes?: Record<string, { actions?: string[] }>;
}

export function planCounts(showJson: unknown): PlanCounts {
  if (typeof showJson !== 'object' || showJson === null || !('format_version' in showJson))
    throw new Error('terraform show -json did not return a plan document.');
  const plan = showJson as PlanJson;
  const counts: PlanCounts = { add: 0, change: 0, destroy: 0, outputChanges: 0, stateOnly: 0 };
  for (const resource of plan.resource_changes ?? []) {
    // Data sources are read, not changed; only managed resources count, as in Terraform's own line.
    if (resource.mode === 'data') continue;
    const actions = resource.change?.actions ?? [];
    // A replacement is ["delete","create"] or ["create","delete"]: one add and one destroy.
    if (actions.includes('create')) counts.add += 1;
    if (actions.includes('update')) counts.change += 1;
    if (actions.includes('delete')) counts.destroy += 1;
    const counted = ['create', 'update', 'delete'].some((action) => actions.includes(action));
    const inStateOnly =
      actions.includes('forget') ||
      resource.previous_address !== undefined ||
      (resource.change?.importing !== undefined && resource.change.importing !== null);
    if (!counted && inStateOnly) counts.stateOnly += 1;
  }
  for (const output of Object.values(plan.output_changes ?? {})) {
    const actions = output.actions ?? [];
    if (actions.some((action) => action !== 'no-op')) counts.outputChanges += 1;
  }
  return counts;
}

export function hasChanges(counts: PlanCounts): boolean {
  return counts.add + counts.change + counts.destroy + counts.outputChanges + counts.stateOnly > 0;
}

/** The `plan-summary` output: Terraform's own phrasing, from the counts. */
export function planSummary(counts: PlanCounts): string {
  return `${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy`;
}

/** What Terraform's counts leave out, for the log and the report: '' when nothing. */
export function stateOnlyText(counts: PlanCounts): string {
  if (counts.stateOnly === 0) return '';
  const resources = counts.stateOnly === 1 ? '1 resource' : `${counts.stateOnly} resources`;
  return `, and ${resources} to move, import or forget in the state`;
}

/**
 * The root module's declared variables, from the saved plan's configuration (`terraform show -json`);
 * undefined when the document has no configuration to say.
 */
export function declaredVariables(showJson: unknown): Set<string> | undefined {
  const root = (showJson as { configuration?: { root_module?: { variables?: unknown } } } | null)
    ?.configuration?.root_module;
  if (typeof root !== 'object' || root === null) return undefined;
  const variables = root.variables;
  return new Set(typeof variables === 'object' && variables !== null ? Object.keys(variables) : []);
}

/**
 * The root module's variables declared sensitive, from the saved plan's configuration: what the
 * action read of the module's files before terraform ran, as terraform read it.
 */
export function sensitiveVariables(showJson: unknown): Set<string> {
  const variables = (showJson as { configuration?: { root_module?: { variables?: unknown } } } | null)
    ?.configuration?.root_module?.variables;
  if (typeof variables !== 'object' || variables === null) return new Set();
  return new Set(
    Object.entries(variables as Record<string, { sensitive?: unknown }>)
      .filter(([, declaration]) => declaration?.sensitive === true)
      .map(([name]) => name)
  );
}

/**
 * The values the plan's root module variables were given (`terraform show -json PLAN`'s variables,
 * sensitive ones in the clear), from wherever terraform took them: var-files, the files it loads on
 * its own, TF_VAR_ variables, the generated file of the variables input.
 */
export function plannedVariables(showJson: unknown): Record<string, unknown> {
  const variables = (showJson as { variables?: unknown } | null)?.variables;
  if (typeof variables !== 'object' || variables === null) return {};
  return Object.fromEntries(
    Object.entries(variables as Record<string, { value?: unknown } | null>)
      .filter(([, entry]) => entry?.value !== undefined)
      .map(([name, entry]) => [name, entry?.value])
  );
}
