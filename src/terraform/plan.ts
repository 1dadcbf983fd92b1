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
}

interface PlanJson {
  resource_changes?: { mode?: string; change?: { actions?: string[] } }[];
  output_changes?: Record<string, { actions?: string[] }>;
}

export function planCounts(showJson: unknown): PlanCounts {
  if (typeof showJson !== 'object' || showJson === null || !('format_version' in showJson))
    throw new Error('terraform show -json did not return a plan document.');
  const plan = showJson as PlanJson;
  const counts: PlanCounts = { add: 0, change: 0, destroy: 0, outputChanges: 0 };
  for (const resource of plan.resource_changes ?? []) {
    // Data sources are read, not changed; only managed resources count, as in Terraform's own line.
    if (resource.mode === 'data') continue;
    const actions = resource.change?.actions ?? [];
    // A replacement is ["delete","create"] or ["create","delete"]: one add and one destroy.
    if (actions.includes('create')) counts.add += 1;
    if (actions.includes('update')) counts.change += 1;
    if (actions.includes('delete')) counts.destroy += 1;
  }
  for (const output of Object.values(plan.output_changes ?? {})) {
    const actions = output.actions ?? [];
    if (actions.some((action) => action !== 'no-op')) counts.outputChanges += 1;
  }
  return counts;
}

export function hasChanges(counts: PlanCounts): boolean {
  return counts.add + counts.change + counts.destroy + counts.outputChanges > 0;
}

/** The `plan-summary` output: Terraform's own phrasing, from the counts. */
export function planSummary(counts: PlanCounts): string {
  return `${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy`;
}
