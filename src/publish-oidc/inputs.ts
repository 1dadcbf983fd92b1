import { resolveRegion } from '../aws/clients.js';
import { dnsSuffixes } from '../aws/partitions.js';
import { UserError } from '../io/errors.js';
import {
  booleanInput,
  httpsUrl,
  integerInput,
  listInput,
  optionalInput,
  requiredInput,
  type InputReader
} from '../io/inputs.js';
import { kubeconfigSource, type KubeconfigSource } from '../kube/kubeconfig-source.js';
import { awsOnInternet, unreachableHost } from '../net/aws-reach.js';
import { defaultIssuerUrl, plainKeySegment } from '../oidc/document-locations.js';
import { bucketName } from './bucket-name.js';

export interface PublishInputs {
  kubeconfig: KubeconfigSource;
  bucket: string;
  /** The account that must own the bucket; undefined for the credentials' own account. */
  bucketOwner: string | undefined;
  region: string;
  issuerUrl: string;
  manageBucket: boolean;
  createProvider: boolean;
  clientIds: string[];
  keyRetentionHours: number;
  verifyPublic: boolean;
  dryRun: boolean;
}

// IAM: at most 100 client IDs per provider, each 1 to 255 characters.
const MAX_CLIENT_IDS = 100;

function clientIds(read: InputReader): string[] {
  const ids = [...new Set(listInput(read, 'client-ids'))];
  if (ids.length === 0) return ['sts.amazonaws.com'];
  if (ids.length > MAX_CLIENT_IDS)
    throw new UserError(
      `lists ${ids.length} client IDs; IAM allows at most ${MAX_CLIENT_IDS}.`,
      'client-ids'
    );
  const tooLong = ids.find((id) => id.length > 255);
  if (tooLong) throw new UserError(`'${tooLong.slice(0, 40)}…' is longer than 255 characters.`, 'client-ids');
  // A token's aud is matched whole: 'sts.amazonaws.com my-app' would be one audience nobody sends.
  const spaced = ids.find((id) => /[\s\p{Cc}\p{Cf}]/u.test(id));
  if (spaced !== undefined)
    throw new UserError(
      `'${spaced.replace(/[\p{Cc}\p{Cf}]/gu, '?')}' holds a space or an invisible or control character: give one client ID per line or separate them with commas.`,
      'client-ids'
    );
  return ids;
}

// S3's own hosts, virtual-hosted (BUCKET.s3.REGION.amazonaws.com, BUCKET.s3-REGION..., BUCKET.s3.dualstack.REGION...,
// BUCKET.s3.amazonaws.com) and path-style (s3.REGION.amazonaws.com/BUCKET), under every partition's domain
// (amazonaws.com.cn, amazonaws.eu, c2s.ic.gov...): they name the bucket that answers.
const S3_HOST = new RegExp(
  String.raw`^(?:(.+)\.)?s3(?:-fips)?(?:[.-](?:dualstack\.)?([a-z0-9-]+))?\.(?:` +
    dnsSuffixes()
      .map((suffix) => suffix.replace(/\./g, '\\.'))
      .join('|') +
    ')$'
);
// us-east-1's legacy s3-external-1 endpoint names no region of its own.
const REGION_ALIASES: Record<string, string> = { 'external-1': 'us-east-1' };

/** An issuer on S3's own host must name this bucket (and region): another bucket's would serve nothing published here. */
function checkIssuerAgainstBucket(issuer: string, bucket: string, region: string): void {
  const url = new URL(issuer);
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  // The issuer's path becomes the documents' key prefix, which the bucket policy names.
  for (const raw of segments)
    if (plainKeySegment(raw) === undefined)
      throw new UserError(
        `'${issuer}' has the path segment '${raw}', which cannot be an S3 key prefix: use letters, digits and . _ ~ -.`,
        'issuer-url'
      );
  const s3 = S3_HOST.exec(url.hostname.replace(/\.$/, ''));
  if (!s3) return;
  const [, hostBucket, namedRegion] = s3;
  const hostRegion = namedRegion === undefined ? undefined : (REGION_ALIASES[namedRegion] ?? namedRegion);
  const named = hostBucket ?? segments[0];
  if (named !== bucket)
    throw new UserError(
      `'${issuer}' is served by the S3 bucket '${named ?? '(none)'}', not by '${bucket}' where the documents are published.`,
      'issuer-url'
    );
  if (hostRegion !== undefined && hostRegion !== 'amazonaws' && hostRegion !== region)
    throw new UserError(`'${issuer}' names the region ${hostRegion}, not ${region}.`, 'issuer-url');
}

/**
 * With AWS's own IAM, an issuer on a host STS can never reach is refused: the provider and the
 * documents this run would write could never let a token in.
 */
function checkIssuerReach(issuer: string, region: string, env: NodeJS.ProcessEnv): void {
  if (!awsOnInternet('IAM', region, env)) return;
  const problem = unreachableHost(issuer);
  if (problem)
    throw new UserError(
      `'${issuer}' cannot work with AWS: ${problem}, and STS fetches the issuer's documents from the internet. ` +
        "Leave issuer-url out (the bucket's own S3 URL), or give a public host that serves the bucket.",
      'issuer-url'
    );
}

function issuerUrl(read: InputReader, bucket: string, region: string, env: NodeJS.ProcessEnv): string {
  const given = optionalInput(read, 'issuer-url');
  if (given !== undefined) {
    const issuer = httpsUrl(given, 'issuer-url');
    checkIssuerReach(issuer, region, env);
    checkIssuerAgainstBucket(issuer, bucket, region);
    return issuer;
  }
  // A dotted name breaks the *.s3.REGION.<partition's domain> certificate on the virtual-hosted URL.
  if (bucket.includes('.'))
    throw new UserError(
      `'${bucket}' holds dots, so the default issuer ${defaultIssuerUrl(bucket, region)} would not ` +
        "match S3's TLS certificate. Use a bucket name without dots, or set issuer-url (e.g. a CloudFront URL).",
      'bucket'
    );
  return defaultIssuerUrl(bucket, region);
}

function bucketOwner(read: InputReader): string | undefined {
  const given = optionalInput(read, 'bucket-owner');
  if (given !== undefined && !/^\d{12}$/.test(given))
    throw new UserError(`'${given}' is not an AWS account ID (12 digits).`, 'bucket-owner');
  return given;
}

/** What a run with `remove: true` needs: the issuer to take out, and where; no cluster. */
export type RemoveInputs = Pick<
  PublishInputs,
  'bucket' | 'bucketOwner' | 'region' | 'issuerUrl' | 'manageBucket' | 'createProvider' | 'dryRun'
>;

export type ParsedInputs = { remove: false; inputs: PublishInputs } | { remove: true; inputs: RemoveInputs };

/**
 * The removal's inputs. issuer-url is required: a removal deletes, so the issuer it deletes is named,
 * never defaulted from the bucket. A kubeconfig is refused rather than ignored: the removal reads
 * nothing from a cluster, and one given means a step that meant to publish.
 */
function parseRemoveInputs(read: InputReader, env: NodeJS.ProcessEnv, bucket: string): RemoveInputs {
  for (const name of ['kubeconfig', 'kubeconfig-path'])
    if (optionalInput(read, name) !== undefined)
      throw new UserError(
        'is not used with remove: true, which reads nothing from the cluster: leave it out of the removal step (or set remove: false to publish).',
        name
      );
  const region = resolveRegion(optionalInput(read, 'region'), env);
  const given = optionalInput(read, 'issuer-url');
  if (given === undefined)
    throw new UserError(
      `is required with remove: true: give the issuer to take out of '${bucket}' (the issuer-url output of its publish step, e.g. ${defaultIssuerUrl(bucket, region)}).`,
      'issuer-url'
    );
  const issuer = httpsUrl(given, 'issuer-url');
  checkIssuerAgainstBucket(issuer, bucket, region);
  return {
    bucket,
    bucketOwner: bucketOwner(read),
    region,
    issuerUrl: issuer,
    manageBucket: booleanInput(read, 'manage-bucket', false),
    createProvider: booleanInput(read, 'create-provider', true),
    dryRun: booleanInput(read, 'dry-run', false)
  };
}

/** Every input of either mode, parsed and checked, before anything touches the cluster or AWS. */
export function parseInputs(read: InputReader, env: NodeJS.ProcessEnv): ParsedInputs {
  const bucket = bucketName(requiredInput(read, 'bucket'), 'bucket');
  if (booleanInput(read, 'remove', false))
    return { remove: true, inputs: parseRemoveInputs(read, env, bucket) };
  return { remove: false, inputs: parsePublishInputs(read, env) };
}

/** Every input, parsed and checked, before anything touches the cluster or AWS. */
export function parsePublishInputs(read: InputReader, env: NodeJS.ProcessEnv): PublishInputs {
  // bucket first: it is the input action.yml marks required, so an empty `with:` names it.
  const bucket = bucketName(requiredInput(read, 'bucket'), 'bucket');
  const kubeconfig = kubeconfigSource(read, true);
  const region = resolveRegion(optionalInput(read, 'region'), env);
  return {
    kubeconfig,
    bucket,
    bucketOwner: bucketOwner(read),
    region,
    issuerUrl: issuerUrl(read, bucket, region, env),
    manageBucket: booleanInput(read, 'manage-bucket', false),
    createProvider: booleanInput(read, 'create-provider', true),
    clientIds: clientIds(read),
    keyRetentionHours: integerInput(read, 'key-retention-hours', 24, { min: 0, max: 8760 }),
    verifyPublic: booleanInput(read, 'verify-public', true),
    dryRun: booleanInput(read, 'dry-run', false)
  };
}
