import { resolveRegion } from '../aws/clients.js';
import { partitionOfRegion } from '../aws/partitions.js';
import { UserError } from '../io/errors.js';
import type { InputReader } from '../io/inputs.js';
import { booleanInput, enumInput, integerInput, optionalInput, requiredInput } from '../io/inputs.js';
import type { KubeconfigSource } from '../kube/kubeconfig-source.js';
import { kubeconfigSource } from '../kube/kubeconfig-source.js';
import { imageReference } from './image-reference.js';

export const VERIFY_MODES = ['token', 'pod', 'both'] as const;
export type VerifyMode = (typeof VERIFY_MODES)[number];

export const DEFAULT_IMAGE = 'public.ecr.aws/aws-cli/aws-cli:2.22.35';

/** The role named by `role-arn`, split into the parts the checks compare against. */
export interface RoleRef {
  arn: string;
  partition: string;
  accountId: string;
  /** The role name without its path: what GetRole takes and what an assumed-role ARN names. */
  name: string;
}

export interface VerifyInputs {
  kubeconfig: KubeconfigSource;
  role: RoleRef;
  namespace: string;
  serviceAccount: string;
  createServiceAccount: boolean;
  audience: string;
  mode: VerifyMode;
  image: string;
  timeoutSeconds: number;
  region: string;
  cleanup: boolean;
}

// IAM role ARN: partition, empty region, 12-digit account, optional path, name of IAM's charset.
// The path's segments may hold any printable ASCII, as IAM's (and irsa-role's role-path) allow.
const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::(\d{12}):role\/((?:[\x21-\x2e\x30-\x7e]+\/)*)([\w+=,.@-]{1,64})$/;
// IAM's limit on a path, its leading slash included.
const MAX_PATH_LENGTH = 512;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function parseRoleArn(value: string, input = 'role-arn'): RoleRef {
  const match = ROLE_ARN.exec(value);
  if (!match || `/${match[3] ?? ''}`.length > MAX_PATH_LENGTH)
    throw new UserError(
      `'${value}' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>).`,
      input
    );
  return { arn: value, partition: match[1] ?? 'aws', accountId: match[2] ?? '', name: match[4] ?? '' };
}

/** Namespaces must be DNS-1123 labels, as kube-apiserver enforces. */
export function namespaceName(value: string, input: string): string {
  if (value.length > 63 || !DNS1123_LABEL.test(value))
    throw new UserError(
      `'${value}' is not a DNS label (lower-case letters, digits and '-', at most 63 characters).`,
      input
    );
  return value;
}

/** Service-account names must be DNS-1123 subdomains, as kube-apiserver enforces. */
export function serviceAccountName(value: string, input: string): string {
  if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value))
    throw new UserError(
      `'${value}' is not a DNS subdomain name (lower-case letters, digits, '-' and '.', at most 253 characters).`,
      input
    );
  return value;
}

function singleToken(value: string, input: string, what: string): string {
  if (/\s/.test(value)) throw new UserError(`'${value}' is not ${what}: it contains white space.`, input);
  return value;
}

// IAM lists at most 255 characters per client ID, and publish-oidc refuses invisible characters
// in one: an audience outside that could never be on the provider, and a zero-width character
// would make the provider-audience check name two values that look the same.
const MAX_AUDIENCE_LENGTH = 255;

function audienceInput(value: string): string {
  if (/[\s\p{Cc}\p{Cf}]/u.test(value))
    throw new UserError(
      `'${value.replace(/[\p{Cc}\p{Cf}]/gu, '?')}' is not an audience: it holds a space or an invisible or control character.`,
      'audience'
    );
  if (value.length > MAX_AUDIENCE_LENGTH)
    throw new UserError(
      `'${value.slice(0, 40)}…' is longer than ${MAX_AUDIENCE_LENGTH} characters, the most an IAM OIDC provider's client ID may have.`,
      'audience'
    );
  return value;
}

/** Reads and validates every input before anything touches the cluster or AWS. */
export function parseVerifyInputs(read: InputReader, env: NodeJS.ProcessEnv): VerifyInputs {
  // role-arn first: it is the input action.yml marks required, so its absence is named first.
  const role = parseRoleArn(requiredInput(read, 'role-arn'));
  const kubeconfig = kubeconfigSource(read, true);
  const mode = enumInput(read, 'mode', VERIFY_MODES, 'both');
  const namespace = namespaceName(optionalInput(read, 'namespace') ?? 'default', 'namespace');
  const serviceAccount = serviceAccountName(
    optionalInput(read, 'service-account') ?? 'irsa-verify',
    'service-account'
  );
  const timeoutSeconds = positiveInteger(read, 'timeout-seconds', 300);
  const region = resolveRegion(optionalInput(read, 'region'), env);
  if (partitionOfRegion(region) !== role.partition)
    throw new UserError(
      `is in the partition ${role.partition}, but the region ${region} is in ${partitionOfRegion(region)}; STS cannot assume a role of another partition (set region to one of ${role.partition}).`,
      'role-arn'
    );
  return {
    kubeconfig,
    role,
    namespace,
    serviceAccount,
    createServiceAccount: booleanInput(read, 'create-service-account', true),
    audience: audienceInput(optionalInput(read, 'audience') ?? 'sts.amazonaws.com'),
    mode,
    image: imageReference(
      singleToken(optionalInput(read, 'image') ?? DEFAULT_IMAGE, 'image', 'an image reference'),
      'image'
    ),
    timeoutSeconds,
    region,
    cleanup: booleanInput(read, 'cleanup', true)
  };
}

// An hour is far more than a pod needs to run get-caller-identity, and timers beyond ~24 days
// overflow Node's 32-bit timeouts.
export const MAX_TIMEOUT_SECONDS = 3600;

function positiveInteger(read: InputReader, name: string, fallback: number): number {
  const value = read(name);
  if (value !== '' && !/^\d+$/.test(value))
    throw new UserError(`'${value}' is not a positive whole number of seconds.`, name);
  return integerInput(read, name, fallback, { min: 1, max: MAX_TIMEOUT_SECONDS });
}
