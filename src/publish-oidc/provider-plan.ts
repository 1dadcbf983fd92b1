/** The IAM OIDC provider as it is, and what must change to match the inputs. Pure. */
export interface ProviderState {
  arn: string;
  clientIds: string[];
  thumbprints: string[];
  /** Its tags, by key; absent where a test builds a state by hand. */
  tags?: Record<string, string>;
}

/** IAM's cap on a provider's thumbprint list (CreateOpenIDConnectProvider's ThumbprintList). */
export const MAX_THUMBPRINTS = 5;

export interface ProviderPlan {
  create: boolean;
  addClientIds: string[];
  /**
   * The thumbprint list to set, when the served certificate's is not listed; undefined when it is.
   * The served one first, then the others listed, which the user may have added (ahead of a
   * certificate rotation, or for another CA): IAM replaces the whole list.
   */
  thumbprints: string[] | undefined;
  /** Client IDs the provider has beyond the inputs: left alone, since other roles may use them. */
  extraClientIds: string[];
  /** The host's unsent root, as listed, dropped: earlier versions registered it instead. */
  droppedRoot?: string;
  /** Listed thumbprints dropped from the end to stay within MAX_THUMBPRINTS. */
  droppedPastCap?: string[];
}

export function planProvider(
  current: ProviderState | undefined,
  clientIds: string[],
  thumbprint: string,
  unsentRoot?: string
): ProviderPlan {
  if (!current)
    return { create: true, addClientIds: clientIds, thumbprints: [thumbprint], extraClientIds: [] };
  const same = (a: string, b: string | undefined): boolean => a.toLowerCase() === b?.toLowerCase();
  const clientPart = {
    create: false,
    addClientIds: clientIds.filter((id) => !current.clientIds.includes(id)),
    extraClientIds: current.clientIds.filter((id) => !clientIds.includes(id))
  };
  if (current.thumbprints.some((listed) => same(listed, thumbprint)))
    return { ...clientPart, thumbprints: undefined };
  const droppedRoot = current.thumbprints.find((listed) => same(listed, unsentRoot));
  const others = current.thumbprints.filter((listed) => !same(listed, unsentRoot));
  const kept = others.slice(0, MAX_THUMBPRINTS - 1);
  const droppedPastCap = others.slice(MAX_THUMBPRINTS - 1);
  return {
    ...clientPart,
    thumbprints: [thumbprint, ...kept],
    ...(droppedRoot !== undefined ? { droppedRoot } : {}),
    ...(droppedPastCap.length > 0 ? { droppedPastCap } : {})
  };
}

/** The warning for thumbprints lost to IAM's cap: the user may have added them on purpose. */
export function thumbprintCapWarning(plan: ProviderPlan, dryRun: boolean): string | undefined {
  const dropped = plan.droppedPastCap ?? [];
  const [added] = plan.thumbprints ?? [];
  if (dropped.length === 0 || added === undefined) return undefined;
  return (
    `IAM keeps at most ${MAX_THUMBPRINTS} thumbprints per OIDC provider: with ${added} added first, ` +
    `${dropped.join(', ')}, the last listed, ${dryRun ? 'would be' : 'is'} dropped. To keep one, put it back in ` +
    'place of another with aws iam update-open-id-connect-provider-thumbprint.'
  );
}

function thumbprintChange(plan: ProviderPlan, thumbprints: string[], current?: ProviderState): string {
  const [added, ...kept] = thumbprints;
  const parts = [`add ${added ?? ''} (the last certificate the issuer's host sends)`];
  if (kept.length > 0) parts.push(`keep ${kept.join(', ')}`);
  if (plan.droppedRoot !== undefined)
    parts.push(
      `drop ${plan.droppedRoot} (the issuer host's root CA, not sent by the host, was registered by ` +
        'publish-oidc before it took the last certificate the host sends, as IAM documents)'
    );
  if (plan.droppedPastCap)
    parts.push(`drop ${plan.droppedPastCap.join(', ')} (past IAM's ${MAX_THUMBPRINTS} per provider)`);
  return (
    `update the provider's thumbprints from ${current?.thumbprints.join(', ') || 'none'} to ` +
    `${thumbprints.join(', ')}: ${parts.join('; ')}`
  );
}

export function providerPlanChanges(
  plan: ProviderPlan,
  issuerUrl: string,
  current?: ProviderState
): string[] {
  if (plan.create) return [`create the IAM OIDC provider for ${issuerUrl}`];
  const changes: string[] = [];
  if (plan.addClientIds.length > 0)
    changes.push(`add client ID(s) ${plan.addClientIds.join(', ')} to the provider`);
  if (plan.thumbprints) changes.push(thumbprintChange(plan, plan.thumbprints, current));
  return changes;
}

/** IAM keeps a provider's URL without its scheme. */
export function providerUrlOf(issuerUrl: string): string {
  return issuerUrl.replace(/^https:\/\//, '');
}
