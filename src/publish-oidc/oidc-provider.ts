import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  type IAMClient
} from '@aws-sdk/client-iam';
import { isAwsError } from './aws-errors.js';
import { providerUrlOf, type ProviderPlan, type ProviderState } from './provider-plan.js';
import { providerTags } from './provider-tags.js';

/**
 * The provider whose URL is the issuer, found by listing and reading providers, never by building
 * an ARN from the account and URL. The ARN's tail narrows the candidates; GetOpenIDConnectProvider's
 * Url decides.
 */
export async function findProvider(iam: IAMClient, issuerUrl: string): Promise<ProviderState | undefined> {
  const wantedUrl = providerUrlOf(issuerUrl);
  const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
  const candidates = (listed.OpenIDConnectProviderList ?? [])
    .map((entry) => entry.Arn ?? '')
    .filter((arn) => arn.toLowerCase().endsWith(`:oidc-provider/${wantedUrl.toLowerCase()}`));
  for (const arn of candidates) {
    const provider = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    if (provider.Url && providerUrlOf(provider.Url) === wantedUrl)
      return {
        arn,
        clientIds: provider.ClientIDList ?? [],
        thumbprints: provider.ThumbprintList ?? [],
        tags: Object.fromEntries((provider.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']))
      };
  }
  return undefined;
}

/**
 * Creates the provider tagged as this suite's for the issuer, which is what lets remove: true delete it
 * later. IAM asks iam:TagOpenIDConnectProvider of a create with tags, which policies written for
 * earlier versions lack: refused that, the provider is created untagged, with a warning (a removal
 * then leaves it, and says so), rather than the run failing on a permission it did not need before.
 */
async function createProvider(
  iam: IAMClient,
  issuerUrl: string,
  plan: ProviderPlan,
  warn: (message: string) => void
): Promise<string> {
  const create = (tagged: boolean) =>
    iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: issuerUrl,
        ClientIDList: plan.addClientIds,
        ThumbprintList: plan.thumbprints ?? [],
        ...(tagged ? { Tags: providerTags(issuerUrl) } : {})
      })
    );
  const created = await create(true).catch(async (error: unknown) => {
    if (!isAwsError(error, 'AccessDenied')) throw error;
    // Said only once the untagged create went through: a refusal of the create itself is its own error.
    const untagged = await create(false);
    warn(
      `IAM refused the IAM OIDC provider's tags (${error instanceof Error ? error.message : String(error)}), so it was created untagged, and publish-oidc's remove: true will leave it: ` +
        'allow iam:TagOpenIDConnectProvider, or delete the provider by hand when the cluster is retired.'
    );
    return untagged;
  });
  if (!created.OpenIDConnectProviderArn) throw new Error('CreateOpenIDConnectProvider returned no ARN.');
  return created.OpenIDConnectProviderArn;
}

/**
 * Applies the plan and returns the provider's ARN. `replan` plans against a provider that the plan
 * was to create but that exists: the caller's planning, so that it warns and describes as it does.
 */
export async function applyProviderPlan(
  iam: IAMClient,
  issuerUrl: string,
  plan: ProviderPlan,
  current: ProviderState | undefined,
  replan: (existing: ProviderState) => ProviderPlan,
  warn: (message: string) => void = () => undefined
): Promise<string> {
  if (plan.create || !current) {
    try {
      return await createProvider(iam, issuerUrl, plan, warn);
    } catch (error) {
      // A retried create whose first attempt did land (its answer was lost), or another run creating
      // the same provider: bring the provider that now exists in step instead of failing.
      if (!isAwsError(error, 'EntityAlreadyExists')) throw error;
      const existing = await findProvider(iam, issuerUrl);
      if (!existing) throw error;
      return applyProviderPlan(iam, issuerUrl, replan(existing), existing, replan, warn);
    }
  }
  for (const clientId of plan.addClientIds)
    await iam.send(
      new AddClientIDToOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: current.arn,
        ClientID: clientId
      })
    );
  if (plan.thumbprints)
    await iam.send(
      new UpdateOpenIDConnectProviderThumbprintCommand({
        OpenIDConnectProviderArn: current.arn,
        ThumbprintList: plan.thumbprints
      })
    );
  return current.arn;
}
