import { UserError } from '../io/errors.js';
import { inOrder } from '../io/in-order.js';
import type { Logger } from '../io/logger.js';
import { partitionOfRegion } from '../aws/partitions.js';
import {
  checkAlgorithms,
  checkIssuer,
  parseClusterDiscovery,
  publishedDiscovery
} from '../oidc/discovery.js';
import { documentLocations, issuerKeyPrefix, type DocumentLocations } from '../oidc/document-locations.js';
import { jwksDocument, keySetChanged, parseJwks, readPublishedKeys, type PublicJwk } from '../oidc/jwks.js';
import { planKeyRetention, type RetentionPlan } from '../oidc/key-retention.js';
import { bytesToPublish } from '../oidc/published-content.js';
import { decodeRetiredSince, encodeRetiredSince } from '../oidc/retirement-record.js';
import { planBucketPolicy, publicReadStatement, type PolicyStatement } from './bucket-policy.js';
import { bucketPlanChanges, planBucket, type BucketPlan, type BucketState } from './bucket-plan.js';
import { readBucketState } from './bucket-setup.js';
import type { PublishDeps } from './deps.js';
import type { PublishInputs } from './inputs.js';
import type { IssuerThumbprint } from './issuer-thumbprint.js';
import { findProvider } from './oidc-provider.js';
import {
  planProvider,
  providerPlanChanges,
  thumbprintCapWarning,
  type ProviderPlan,
  type ProviderState
} from './provider-plan.js';
import {
  ISSUER_METADATA,
  issuerMark,
  isUpToDate,
  readPublishedObject,
  RETIRED_METADATA,
  writtenByThisAction,
  type DesiredObject,
  type PublishedObject
} from './published-objects.js';

export interface ProviderStep {
  current: ProviderState | undefined;
  plan: ProviderPlan | undefined;
  /** What the issuer's host sent, when the provider is managed: a provider found later is planned with it. */
  served?: IssuerThumbprint;
}

/** Everything a run will write, decided from reads only. */
export interface PublishPlan {
  /** The account that owns the bucket: every S3 call but CreateBucket names it. */
  owner: string;
  locations: DocumentLocations;
  retention: RetentionPlan;
  jwks: DesiredObject;
  discovery: DesiredObject;
  writeJwks: boolean;
  writeDiscovery: boolean;
  /**
   * The keys STS reads differ from those it read before this run: a key added or removed. Not the
   * JWKS's retirement record, nor its move to another key, which leave the keys as they were.
   */
  keysChanged: boolean;
  bucket: BucketPlan | undefined;
  /** When the JWKS moves: the policy without the old JWKS, put once the discovery document points away from it. */
  finalPolicy: string | undefined;
  /** With manage-bucket: this issuer's public-read statement as the run leaves the bucket policy. */
  statement: PolicyStatement | undefined;
  provider: ProviderStep;
  /** The bucket's and the documents' changes, then the provider's. */
  changes: string[];
  /** The provider's changes alone, the tail of changes. */
  providerChanges: string[];
}

const JWKS_ORIGIN = "The cluster's JWKS (/openid/v1/jwks)";

function parseJson(object: PublishedObject | undefined): unknown {
  if (!object) return undefined;
  try {
    return JSON.parse(object.bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The cluster's documents, checked against everything STS will check, before any write. */
async function validatedClusterDocuments(inputs: PublishInputs, deps: PublishDeps) {
  const cluster = await deps.readCluster();
  const discovery = parseClusterDiscovery(cluster.discovery);
  checkIssuer(discovery.issuer, inputs.issuerUrl, 'issuer-url');
  const served = parseJwks(cluster.jwks, JWKS_ORIGIN);
  checkAlgorithms(discovery, served);
  deps.log.info(
    `Issuer ${discovery.issuer}; the cluster serves ${served.length === 1 ? '1 key' : `${served.length} keys`}.`
  );
  return { discovery, served };
}

/** The object key of the JWKS that the published discovery document points at, if in this bucket. */
function publishedJwksKey(
  inputs: PublishInputs,
  currentDiscovery: PublishedObject | undefined
): string | undefined {
  // A jwks_uri edited in by other hands names no JWKS of this action's: neither read as one, nor granted.
  if (!currentDiscovery || !writtenByThisAction(currentDiscovery)) return undefined;
  const published = parseJson(currentDiscovery) as { jwks_uri?: unknown } | undefined;
  if (typeof published?.jwks_uri !== 'string') return undefined;
  const previous = documentLocations(inputs.issuerUrl, inputs.bucket, published.jwks_uri);
  return previous.jwksUriRewritten ? undefined : previous.jwksKey;
}

interface PublishedState {
  bucket: BucketState;
  discovery: PublishedObject | undefined;
  jwksAtTarget: PublishedObject | undefined;
  /** The JWKS STS reads today: where the published discovery document points. */
  liveJwks: PublishedObject | undefined;
  /** Set when the JWKS moves away from this key in this run. */
  movedFrom: string | undefined;
}

async function readPublishedState(
  inputs: PublishInputs,
  deps: PublishDeps,
  locations: DocumentLocations,
  owner: string
): Promise<PublishedState> {
  const bucket = await readBucketState(
    deps.s3,
    inputs.bucket,
    inputs.region,
    inputs.manageBucket,
    owner,
    inputs.bucketOwner !== undefined
  );
  // CreateBucket makes the bucket in the credentials' own account, which every later call would then
  // find owned by the wrong account.
  if (
    !bucket.exists &&
    inputs.bucketOwner !== undefined &&
    inputs.bucketOwner !== (await deps.callerAccount())
  )
    throw new UserError(
      `names account ${inputs.bucketOwner}, but '${inputs.bucket}' does not exist and a bucket made here would ` +
        "belong to the credentials' own account. Create it in that account, or leave bucket-owner out.",
      'bucket-owner'
    );
  if (!bucket.exists)
    return {
      bucket,
      discovery: undefined,
      jwksAtTarget: undefined,
      liveJwks: undefined,
      movedFrom: undefined
    };
  const [discovery, jwksAtTarget] = await inOrder(
    readPublishedObject(deps.s3, inputs.bucket, locations.discoveryKey, owner),
    readPublishedObject(deps.s3, inputs.bucket, locations.jwksKey, owner)
  );
  const liveKey = publishedJwksKey(inputs, discovery);
  if (liveKey === undefined || liveKey === locations.jwksKey)
    return { bucket, discovery, jwksAtTarget, liveJwks: jwksAtTarget, movedFrom: undefined };
  const liveJwks = await readPublishedObject(deps.s3, inputs.bucket, liveKey, owner);
  return { bucket, discovery, jwksAtTarget, liveJwks: liveJwks ?? jwksAtTarget, movedFrom: liveKey };
}

async function providerStep(inputs: PublishInputs, deps: PublishDeps): Promise<ProviderStep> {
  if (!inputs.createProvider) {
    // Only looked up, for the provider-arn output; a role without IAM read access is not an error here.
    try {
      return { current: await findProvider(deps.iam, inputs.issuerUrl), plan: undefined };
    } catch (error) {
      // Said with its consequence and the permissions that lift it: the bare error left the reader
      // to guess whether anything was wrong with what was published.
      deps.log.warning(
        `Could not look up the IAM OIDC provider (${error instanceof Error ? error.message : String(error)}), so provider-arn is empty: ` +
          'allow iam:ListOpenIDConnectProviders and iam:GetOpenIDConnectProvider to have it set, or ignore this if no later step uses it.'
      );
      return { current: undefined, plan: undefined };
    }
  }
  const [current, served] = await inOrder(
    findProvider(deps.iam, inputs.issuerUrl),
    deps.issuerThumbprint(inputs.issuerUrl)
  );
  return {
    current,
    plan: planProvider(current, inputs.clientIds, served.thumbprint, served.unsentRoot),
    served
  };
}

/**
 * The published keys retention may keep, with their retirement record. Only a JWKS this action wrote
 * holds keys it retired: in one edited by other hands, a key the cluster does not serve is no key of
 * its (a colleague's paste, another cluster's JWKS, or anyone with s3:PutObject on the bucket), and
 * kept as retired it would let STS take tokens it signed for key-retention-hours more. Those go now.
 */
function retainableKeys(
  published: PublicJwk[],
  served: PublicJwk[],
  liveJwks: PublishedObject | undefined,
  liveKey: string,
  dryRun: boolean,
  log: Logger
): { keys: PublicJwk[]; retiredSince: Map<string, number>; strangers: string[] } {
  if (!liveJwks || writtenByThisAction(liveJwks))
    return {
      keys: published,
      retiredSince: decodeRetiredSince(liveJwks?.metadata[RETIRED_METADATA]),
      strangers: []
    };
  const servedKids = new Set(served.map((key) => key.kid));
  const strangers = published.filter((key) => !servedKids.has(key.kid)).map((key) => key.kid);
  if (strangers.length > 0)
    log.warning(
      `The published JWKS (${liveKey}) was not written by publish-oidc: it was changed by hand or by another tool ` +
        `since this action's last run. Its key(s) ${strangers.join(', ')}, which the cluster does not serve, ` +
        `${dryRun ? 'would be' : 'are'} removed rather than kept as retired keys, so tokens they signed ` +
        `${dryRun ? 'would stop' : 'stop'} verifying. A key this action itself published keeps its key-retention-hours ` +
        'only while the JWKS is left to it.'
    );
  return {
    keys: published.filter((key) => servedKids.has(key.kid)),
    retiredSince: new Map(),
    strangers
  };
}

/**
 * The keys to publish, in the order the JWKS at the target key lists them when it holds exactly these
 * keys: a cluster serving the same keys in another order (another node's API server, its key files
 * listed otherwise) changes nothing STS reads, so it is no reason to rewrite the JWKS.
 */
function inPublishedOrder(keys: PublicJwk[], atTarget: PublishedObject | undefined): PublicJwk[] {
  const current = readPublishedKeys(parseJson(atTarget));
  if (current.dropped.length > 0 || keySetChanged(current.keys, keys)) return keys;
  const byKid = new Map(keys.map((key) => [key.kid, key]));
  return current.keys.map((key) => byKid.get(key.kid) ?? key);
}

/** What the provider's plan leaves alone or drops that the user may want: said before anything is written. */
function warnOfProviderPlan(plan: ProviderPlan, inputs: PublishInputs, log: Logger): void {
  const extra = plan.extraClientIds;
  if (extra.length > 0)
    log.warning(
      `The IAM OIDC provider also accepts client ID(s) ${extra.join(', ')}, which client-ids does not list: left alone, ` +
        'since roles may trust them: list them in client-ids to keep them, or remove one that is revoked with aws iam remove-client-id-from-open-id-connect-provider.'
    );
  const capWarning = thumbprintCapWarning(plan, inputs.dryRun);
  if (capWarning) log.warning(capWarning);
}

/**
 * The plan once the provider it was to create turns out to exist (another run made it, or this run's
 * own create landed and its answer was lost): planned, warned of and described as planPublish does.
 */
export function replanProvider(
  plan: PublishPlan,
  existing: ProviderState,
  inputs: PublishInputs,
  log: Logger
): { publish: PublishPlan; provider: ProviderPlan } {
  const { served } = plan.provider;
  if (!served) throw new Error('The provider was planned without the issuer host’s thumbprint.');
  const provider = planProvider(existing, inputs.clientIds, served.thumbprint, served.unsentRoot);
  warnOfProviderPlan(provider, inputs, log);
  const planned = providerPlanChanges(provider, inputs.issuerUrl, existing);
  // With nothing left to change, the create that met the provider may have been this run's own.
  const providerChanges = planned.length > 0 ? planned : plan.providerChanges;
  const s3Changes = plan.changes.slice(0, plan.changes.length - plan.providerChanges.length);
  return {
    publish: {
      ...plan,
      provider: { current: existing, plan: provider, served },
      changes: [...s3Changes, ...providerChanges],
      providerChanges
    },
    provider
  };
}

/**
 * The bucket's plan. While the JWKS moves, the policy keeps granting the old JWKS too, since the
 * published discovery document points at it until it is rewritten; the final policy drops it.
 */
function bucketSteps(inputs: PublishInputs, locations: DocumentLocations, state: PublishedState) {
  if (!inputs.manageBucket) return { bucket: undefined, finalPolicy: undefined, statement: undefined };
  const partition = partitionOfRegion(inputs.region);
  const prefix = issuerKeyPrefix(inputs.issuerUrl, inputs.bucket);
  const finalKeys = [locations.jwksKey, locations.discoveryKey];
  const duringKeys = state.movedFrom ? [...finalKeys, state.movedFrom] : finalKeys;
  const bucket = planBucket(state.bucket, publicReadStatement(partition, inputs.bucket, duringKeys, prefix));
  const statement = publicReadStatement(partition, inputs.bucket, finalKeys, prefix);
  const finalPolicy = state.movedFrom
    ? planBucketPolicy(bucket.policy ?? state.bucket.policy, statement).policy
    : undefined;
  return { bucket, finalPolicy, statement };
}

export async function planPublish(inputs: PublishInputs, deps: PublishDeps): Promise<PublishPlan> {
  const { log } = deps;
  // A bucket name is global: one of another account (taken after this one's bucket was deleted, or a
  // typo) would take the documents, and whoever owns it would control the issuer IAM trusts.
  const owner = inputs.bucketOwner !== undefined ? Promise.resolve(inputs.bucketOwner) : deps.callerAccount();
  owner.catch(() => undefined);
  const { discovery, served } = await log.group('Read the cluster’s discovery documents', () =>
    validatedClusterDocuments(inputs, deps)
  );
  const locations = documentLocations(inputs.issuerUrl, inputs.bucket, discovery.jwksUri);
  if (locations.jwksUriRewritten)
    log.warning(
      `The cluster's jwks_uri ${discovery.jwksUri} is not under the issuer; the JWKS is published at ` +
        `${locations.jwksUrl} and the published jwks_uri says so. Set --service-account-jwks-uri=${locations.jwksUrl} ` +
        '(Talos: cluster.apiServer.extraArgs.service-account-jwks-uri) so that the cluster agrees.'
    );

  // Reads only, and independent: the bucket's and the provider's state are read at the same time;
  // a failure is reported for the bucket first, as if they had run one after the other.
  const [state, provider] = await inOrder(
    owner.then((account) => readPublishedState(inputs, deps, locations, account)),
    providerStep(inputs, deps)
  );
  if (provider.plan) warnOfProviderPlan(provider.plan, inputs, log);
  const previous = readPublishedKeys(parseJson(state.liveJwks));
  if (previous.dropped.length > 0)
    log.warning(`Dropping published key(s) that must not be published: ${previous.dropped.join('; ')}.`);
  const own = retainableKeys(
    previous.keys,
    served,
    state.liveJwks,
    state.liveJwks === state.jwksAtTarget ? locations.jwksKey : (state.movedFrom ?? locations.jwksKey),
    inputs.dryRun,
    log
  );
  const planned = planKeyRetention({
    served,
    previouslyPublished: own.keys,
    retiredSince: own.retiredSince,
    now: deps.now(),
    retentionHours: inputs.keyRetentionHours
  });
  // Bytes this action wrote, which a document that says the same keeps.
  const ownBytes = (object: PublishedObject | undefined): Buffer | undefined =>
    object && writtenByThisAction(object) ? object.bytes : undefined;
  const retention = { ...planned, published: inPublishedOrder(planned.published, state.jwksAtTarget) };
  const jwks: DesiredObject = {
    key: locations.jwksKey,
    bytes: bytesToPublish(jwksDocument(retention.published), ownBytes(state.jwksAtTarget)),
    state: { [RETIRED_METADATA]: encodeRetiredSince(retention.retiredSince) },
    // What lets remove: true delete this JWKS should the discovery document never be written after it.
    marks: { [ISSUER_METADATA]: issuerMark(inputs.issuerUrl) ?? '' }
  };
  const discoveryObject: DesiredObject = {
    key: locations.discoveryKey,
    bytes: bytesToPublish(
      publishedDiscovery(discovery, locations.jwksUrl, retention.published),
      ownBytes(state.discovery)
    ),
    state: {}
  };
  const writeJwks = !isUpToDate(state.jwksAtTarget, jwks);
  const writeDiscovery = !isUpToDate(state.discovery, discoveryObject);
  // Against the JWKS STS reads today (where the published discovery document points), not the one at
  // the target key: a run cut short after writing the JWKS there changes STS's keys only now.
  const keysChanged = previous.dropped.length > 0 || keySetChanged(previous.keys, retention.published);
  const { bucket, finalPolicy, statement } = bucketSteps(inputs, locations, state);

  const providerChanges = provider.plan
    ? providerPlanChanges(provider.plan, inputs.issuerUrl, provider.current)
    : [];
  const changes = [
    ...(bucket ? bucketPlanChanges(bucket, inputs.bucket) : []),
    ...(writeJwks ? [`write the JWKS (${locations.jwksKey})`] : []),
    ...(own.strangers.length > 0
      ? [
          `remove key(s) ${own.strangers.join(', ')} from the JWKS, which the cluster does not serve and publish-oidc did not publish`
        ]
      : []),
    ...(writeDiscovery ? [`write the discovery document (${locations.discoveryKey})`] : []),
    ...(finalPolicy ? [`stop the public read of the old JWKS (${state.movedFrom ?? ''})`] : []),
    ...providerChanges
  ];
  return {
    owner: await owner,
    locations,
    retention,
    jwks,
    discovery: discoveryObject,
    writeJwks,
    writeDiscovery,
    keysChanged,
    bucket,
    finalPolicy,
    statement,
    provider,
    changes,
    providerChanges
  };
}
