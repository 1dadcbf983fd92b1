// Name rules of the two systems a binding joins: IAM (role names, paths, ARNs) and Kubernetes
// (namespaces and service accounts). Each check returns a sentence saying what is wrong, or
// undefined, so that callers can name the input the value came from.

const IAM_NAME = /^[\w+=,.@-]{1,64}$/;
// IAM paths: a slash, then optional segments of printable ASCII each ending in a slash.
const IAM_PATH = /^\/(?:[\x21-\x7e]+\/)?$/;
// Namespaces are DNS-1123 labels (63); service accounts DNS-1123 subdomains (253).
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// arn:PARTITION:iam::ACCOUNT-or-aws:policy/PATH/NAME
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/(?:[\x21-\x7e]+\/)?[\w+=,.@-]{1,128}$/;
const OIDC_PROVIDER_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):oidc-provider\/([^\s]+)$/;

export function iamRoleNameProblem(name: string): string | undefined {
  if (IAM_NAME.test(name)) return undefined;
  if (name.length === 0) return 'a role name must not be empty.';
  if (name.length > 64) return `role name '${name}' is ${name.length} characters; IAM allows at most 64.`;
  return `role name '${name}' may hold only letters, digits and + = , . @ _ - (IAM's rule).`;
}

export function iamPathProblem(path: string): string | undefined {
  if (path.length <= 512 && IAM_PATH.test(path)) return undefined;
  if (path.length > 512)
    return `'${path.slice(0, 40)}…' is not an IAM path: it is longer than 512 characters.`;
  if (!path.startsWith('/') || !path.endsWith('/'))
    return `'${path}' is not an IAM path: it must start and end with '/', e.g. / or /irsa/.`;
  return `'${path}' is not an IAM path: it may hold only printable ASCII characters, without spaces.`;
}

export function policyArnProblem(arn: string): string | undefined {
  if (POLICY_ARN.test(arn)) return undefined;
  return `'${arn}' is not a managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME).`;
}

/** The partition of an ARN (aws, aws-cn, aws-us-gov, ...): its second field. */
export function partitionOf(arn: string): string {
  return arn.split(':')[1] ?? '';
}

/** The account of an IAM ARN: its fifth field (12 digits, or 'aws' for AWS managed policies). */
export function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

export interface ProviderArnParts {
  partition: string;
  account: string;
  /** The issuer without https://, which is also the prefix of the trust condition keys. */
  hostPath: string;
}

export function parseProviderArn(arn: string): ProviderArnParts | undefined {
  const match = OIDC_PROVIDER_ARN.exec(arn);
  if (!match) return undefined;
  return { partition: match[1] ?? 'aws', account: match[2] ?? '', hostPath: match[3] ?? '' };
}

export type KubeNameKind = 'namespace' | 'service account';

/**
 * A namespace or service account name. With wildcards allowed, `*` may stand for any run of
 * characters (IAM StringLike); the rest must still be made of characters the name may hold.
 */
export function kubeNameProblem(
  kind: KubeNameKind,
  name: string,
  allowWildcards: boolean
): string | undefined {
  const max = kind === 'namespace' ? 63 : 253;
  if (name.length === 0) return `a ${kind} name must not be empty.`;
  if (name.length > max) return `${kind} '${name}' is longer than ${max} characters.`;
  if (name.includes('*')) {
    if (!allowWildcards)
      return `${kind} '${name}' contains '*'; set allow-wildcards: true to let the trust match by pattern.`;
    const allowedChars = kind === 'namespace' ? /^[a-z0-9*-]+$/ : /^[a-z0-9*.-]+$/;
    if (allowedChars.test(name)) return undefined;
    return `${kind} pattern '${name}' may hold only lower-case letters, digits, '-'${kind === 'namespace' ? '' : ", '.'"} and '*'.`;
  }
  const rule = kind === 'namespace' ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
  if (rule.test(name)) return undefined;
  return `${kind} '${name}' is not a DNS-1123 ${kind === 'namespace' ? 'label' : 'subdomain'} (lower-case letters, digits and '-', starting and ending with a letter or digit).`;
}

export function hasWildcard(value: string): boolean {
  return value.includes('*');
}
