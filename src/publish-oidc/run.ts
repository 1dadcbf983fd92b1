import type { IAMClient } from '@aws-sdk/client-iam';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ActionResult } from '../io/action.js';
import type { Logger } from '../io/logger.js';
import {
  checkAlgorithms,
  checkIssuer,
  parseClusterDiscovery,
  publishedDiscovery
} from '../oidc/discovery.js';
import { documentLocations, type DocumentLocations } from '../oidc/document-locations.js';
import { jwksDocument, parseJwks, readPublishedKeys } from '../oidc/jwks.js';
import { planKeyRetention } from '../oidc/key-retention.js';
import { documentBytes } from '../oidc/published-content.js';
import { decodeRetiredSince, encodeRetiredSince } from '../oidc/retirement-record.js';
import { arnPartition, publicReadStatement } from './bucket-policy.js';
import { bucketPlanChanges, planBucket, type BucketPlan } from './bucket-plan.js';
import { applyBucketPlan, readBucketState } from './bucket-setup.js';
import type { ClusterDocuments } from './cluster-documents.js';
import type { PublishInputs } from './inputs.js';
import { applyProviderPlan, findProvider } from './oidc-provider.js';
import { checkPublicDocuments, type PublishedDocument } from './public-check.js';
import type { PublicResponse } from './public-read.js';
import { planProvider, providerPlanChanges, type ProviderPlan, type ProviderState } from './provider-plan.js';
import {
  isUpToDate,
  putDocument,
  readPublishedObject,
  RETIRED_METADATA,
  type DesiredObject,
  type PublishedObject
} from './published-objects.js';
import { publishSummary } from './summary.js';

export interface PublishDeps {
  readCluster(): Promise<ClusterDocuments>;
  s3: S3Client;
  iam: IAMClient;
  issuerThumbprint(issuerUrl: string): Promise<string>;
  publicGet(url: string): Promise<PublicResponse>;
  log: Logger;
  now(): Date;
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
  return { discovery, served };
}

/**
 * The JWKS published so far: at the target key, or, when the JWKS moves (a jwks_uri change), at
 * the key the published discovery document still points at, so that its keys are retained too.
 */
async function previouslyPublishedJwks(
  inputs: PublishInputs,
  deps: PublishDeps,
  locations: DocumentLocations,
  currentDiscovery: PublishedObject | undefined
): Promise<{ object: PublishedObject | undefined; atTarget: boolean }> {
  const atTarget = await readPublishedObject(deps.s3, inputs.bucket, locations.jwksKey);
  if (atTarget) return { object: atTarget, atTarget: true };
  const none = { object: undefined, atTarget: false };
  const published = parseJson(currentDiscovery) as { jwks_uri?: unknown } | undefined;
  if (typeof published?.jwks_uri !== 'string') return none;
  const previous = documentLocations(inputs.issuerUrl, inputs.bucket, published.jwks_uri);
  if (previous.jwksUriRewritten || previous.jwksKey === locations.jwksKey) return none;
  return { object: await readPublishedObject(deps.s3, inputs.bucket, previous.jwksKey), atTarget: false };
}

interface ProviderStep {
  current: ProviderState | undefined;
  plan: ProviderPlan | undefined;
}

async function providerStep(inputs: PublishInputs, deps: PublishDeps): Promise<ProviderStep> {
  if (!inputs.createProvider) {
    // Only looked up, for the provider-arn output; a role without IAM read access is not an error here.
    try {
      return { current: await findProvider(deps.iam, inputs.issuerUrl), plan: undefined };
    } catch (error) {
      deps.log.warning(
        `Could not look up the IAM OIDC provider (${error instanceof Error ? error.message : String(error)}).`
      );
      return { current: undefined, plan: undefined };
    }
  }
  const current = await findProvider(deps.iam, inputs.issuerUrl);
  const thumbprint = await deps.issuerThumbprint(inputs.issuerUrl);
  return { current, plan: planProvider(current, inputs.clientIds, thumbprint) };
}

export async function run(inputs: PublishInputs, deps: PublishDeps): Promise<ActionResult> {
  const { log } = deps;
  const { discovery, served } = await log.group('Read the cluster’s discovery documents', async () => {
    const documents = await validatedClusterDocuments(inputs, deps);
    log.info(`Issuer ${documents.discovery.issuer}; the cluster serves ${documents.served.length} key(s).`);
    return documents;
  });
  const locations = documentLocations(inputs.issuerUrl, inputs.bucket, discovery.jwksUri);
  if (locations.jwksUriRewritten)
    log.warning(
      `The cluster's jwks_uri ${discovery.jwksUri} is not under the issuer; the JWKS is published at ` +
        `${locations.jwksUrl} and the published jwks_uri says so. Set --service-account-jwks-uri=${locations.jwksUrl} ` +
        '(Talos: cluster.apiServer.extraArgs.service-account-jwks-uri) so that the cluster agrees.'
    );

  // Reads only, until every plan is made.
  const bucketState = await readBucketState(deps.s3, inputs.bucket, inputs.region, inputs.manageBucket);
  const currentDiscovery = bucketState.exists
    ? await readPublishedObject(deps.s3, inputs.bucket, locations.discoveryKey)
    : undefined;
  const publishedJwks = bucketState.exists
    ? await previouslyPublishedJwks(inputs, deps, locations, currentDiscovery)
    : { object: undefined, atTarget: false };
  const currentJwks = publishedJwks.object;
  const previous = readPublishedKeys(parseJson(currentJwks));
  if (previous.dropped.length > 0)
    log.warning(`Dropping published key(s) that must not be published: ${previous.dropped.join('; ')}.`);
  const retention = planKeyRetention({
    served,
    previouslyPublished: previous.keys,
    retiredSince: decodeRetiredSince(currentJwks?.metadata[RETIRED_METADATA]),
    now: deps.now(),
    retentionHours: inputs.keyRetentionHours
  });

  const jwks: DesiredObject = {
    key: locations.jwksKey,
    bytes: documentBytes(jwksDocument(retention.published)),
    state: { [RETIRED_METADATA]: encodeRetiredSince(retention.retiredSince) }
  };
  const discoveryObject: DesiredObject = {
    key: locations.discoveryKey,
    bytes: documentBytes(publishedDiscovery(discovery, locations.jwksUrl, retention.published)),
    state: {}
  };
  const writeJwks = !isUpToDate(publishedJwks.atTarget ? currentJwks : undefined, jwks);
  const writeDiscovery = !isUpToDate(currentDiscovery, discoveryObject);

  const bucketPlan: BucketPlan | undefined = inputs.manageBucket
    ? planBucket(
        bucketState,
        publicReadStatement(arnPartition(inputs.region), inputs.bucket, [
          locations.jwksKey,
          locations.discoveryKey
        ])
      )
    : undefined;
  const provider = await providerStep(inputs, deps);

  const changes = [
    ...(bucketPlan ? bucketPlanChanges(bucketPlan, inputs.bucket) : []),
    ...(writeJwks ? [`write the JWKS (${locations.jwksKey})`] : []),
    ...(writeDiscovery ? [`write the discovery document (${locations.discoveryKey})`] : []),
    ...(provider.plan ? providerPlanChanges(provider.plan, inputs.issuerUrl, provider.current) : [])
  ];

  let providerArn = provider.current?.arn ?? '';
  let failure: string | undefined;
  if (inputs.dryRun) {
    log.info(changes.length > 0 ? `Dry run; would ${changes.join('; ')}.` : 'Dry run; nothing would change.');
  } else {
    if (bucketPlan) await applyBucketPlan(deps.s3, inputs.bucket, inputs.region, bucketPlan);
    // The JWKS first: the public discovery document must never point at keys not yet there.
    if (writeJwks) await putDocument(deps.s3, inputs.bucket, jwks);
    if (writeDiscovery) await putDocument(deps.s3, inputs.bucket, discoveryObject);
    if (provider.plan)
      providerArn = await applyProviderPlan(deps.iam, inputs.issuerUrl, provider.plan, provider.current);
    log.info(
      changes.length > 0
        ? `Changed: ${changes.join('; ')}.`
        : 'Everything was already up to date; nothing was written.'
    );
    if (inputs.verifyPublic) failure = await verifyPublic(inputs, deps, locations, jwks, discoveryObject);
  }

  return {
    outputs: {
      'issuer-url': inputs.issuerUrl,
      'jwks-url': locations.jwksUrl,
      'provider-arn': providerArn,
      changed: String(changes.length > 0),
      'key-ids': retention.published.map((key) => key.kid).join(',')
    },
    summary: publishSummary({ inputs, locations, retention, providerArn, changes, failure }),
    ...(failure ? { failure } : {})
  };
}

async function verifyPublic(
  inputs: PublishInputs,
  deps: PublishDeps,
  locations: DocumentLocations,
  jwks: DesiredObject,
  discovery: DesiredObject
): Promise<string | undefined> {
  const docs: PublishedDocument[] = [
    { name: 'JWKS', url: locations.jwksUrl, key: jwks.key, bytes: jwks.bytes },
    { name: 'Discovery document', url: locations.discoveryUrl, key: discovery.key, bytes: discovery.bytes }
  ];
  const problems = await checkPublicDocuments((url) => deps.publicGet(url), docs, inputs.bucket);
  if (problems.length === 0) {
    deps.log.info(`Both documents read back anonymously from ${inputs.issuerUrl}, byte for byte.`);
    return undefined;
  }
  return `Published, but not publicly readable as STS needs: ${problems.join(' ')}`;
}
