/** The IAM OIDC provider as it is, and what must change to match the inputs. Pure. */
export interface ProviderState {
  arn: string;
  clientIds: string[];
  thumbprints: string[];
}

export interface ProviderPlan {
  create: boolean;
  addClientIds: string[];
  /** The thumbprint list to set, when the served chain's changed; undefined when current. */
  thumbprints: string[] | undefined;
  /** Client IDs the provider has beyond the inputs: left alone, since other roles may use them. */
  extraClientIds: string[];
}

export function planProvider(
  current: ProviderState | undefined,
  clientIds: string[],
  thumbprint: string
): ProviderPlan {
  if (!current)
    return { create: true, addClientIds: clientIds, thumbprints: [thumbprint], extraClientIds: [] };
  const thumbprintKnown = current.thumbprints.some(
    (known) => known.toLowerCase() === thumbprint.toLowerCase()
  );
  return {
    create: false,
    addClientIds: clientIds.filter((id) => !current.clientIds.includes(id)),
    thumbprints: thumbprintKnown ? undefined : [thumbprint],
    extraClientIds: current.clientIds.filter((id) => !clientIds.includes(id))
  };
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
  if (plan.thumbprints)
    changes.push(
      `update the provider's thumbprint from ${current?.thumbprints.join(', ') || 'none'} to ${plan.thumbprints.join(', ')}`
    );
  return changes;
}

/** IAM keeps a provider's URL without its scheme. */
export function providerUrlOf(issuerUrl: string): string {
  return issuerUrl.replace(/^https:\/\//, '');
}
