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
  /** Set when the thumbprint replaced is the host's unsent root, which earlier versions registered. */
  replacesRoot?: true;
}

export function planProvider(
  current: ProviderState | undefined,
  clientIds: string[],
  thumbprint: string,
  unsentRoot?: string
): ProviderPlan {
  if (!current)
    return { create: true, addClientIds: clientIds, thumbprints: [thumbprint], extraClientIds: [] };
  const known = (wanted: string | undefined): boolean =>
    current.thumbprints.some((listed) => listed.toLowerCase() === wanted?.toLowerCase());
  const thumbprintKnown = known(thumbprint);
  return {
    create: false,
    addClientIds: clientIds.filter((id) => !current.clientIds.includes(id)),
    thumbprints: thumbprintKnown ? undefined : [thumbprint],
    extraClientIds: current.clientIds.filter((id) => !clientIds.includes(id)),
    ...(!thumbprintKnown && known(unsentRoot) ? { replacesRoot: true as const } : {})
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
      `update the provider's thumbprint from ${current?.thumbprints.join(', ') || 'none'} to ${plan.thumbprints.join(', ')}` +
        (plan.replacesRoot
          ? " (the issuer host's root CA, not sent by the host, was registered by publish-oidc before it " +
            'took the last certificate the host sends, as IAM documents)'
          : '')
    );
  return changes;
}

/** IAM keeps a provider's URL without its scheme. */
export function providerUrlOf(issuerUrl: string): string {
  return issuerUrl.replace(/^https:\/\//, '');
}
