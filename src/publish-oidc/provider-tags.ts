// The tags publish-oidc puts on an IAM OIDC provider it creates, and the test the removal makes of
// them: only a provider this suite made for this issuer is deleted, never one made by hand or by
// Terraform for the same URL.
import { issuerTagValue } from '../trust/issuer-tag.js';
import { ISSUER_TAG_KEY, MANAGED_BY_KEY, MANAGED_BY_VALUE } from '../trust/tags.js';

export interface IamTag {
  Key: string;
  Value: string;
}

/** managed-by=talos-irsa and talos-irsa/issuer=<issuer>, as irsa-role tags its roles. */
export function providerTags(issuerUrl: string): IamTag[] {
  return [
    { Key: MANAGED_BY_KEY, Value: MANAGED_BY_VALUE },
    { Key: ISSUER_TAG_KEY, Value: issuerTagValue(issuerUrl) }
  ];
}

/** Whether a provider's tags say publish-oidc created it for this issuer. IAM compares tag keys without case. */
export function isOwnProvider(tags: Record<string, string>, issuerUrl: string): boolean {
  const lower = new Map(Object.entries(tags).map(([key, value]) => [key.toLowerCase(), value]));
  return (
    lower.get(MANAGED_BY_KEY) === MANAGED_BY_VALUE && lower.get(ISSUER_TAG_KEY) === issuerTagValue(issuerUrl)
  );
}
