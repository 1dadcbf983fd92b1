import { PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import type { ActionResult } from '../io/action.js';
import { unreachableResolution } from '../net/aws-reach.js';
import { planBucketPolicy } from './bucket-policy.js';
import { applyBucketPlan, readBucketPolicy } from './bucket-setup.js';
import type { PublishDeps } from './deps.js';
import type { PublishInputs } from './inputs.js';
import { applyProviderPlan } from './oidc-provider.js';
import { planPublish, replanProvider, type PublishPlan } from './plan.js';
import { checkPublicDocuments, SETTLE_DELAYS_MS } from './public-check.js';
import { putDocument } from './published-objects.js';
import { nothingToChange, publishSummary } from './summary.js';

export type { PublishDeps } from './deps.js';
// For the action's entry, which loads this chunk anyway: a chunk of its own would copy the module.
export { retryingTransient } from '../net/public-read.js';

interface Applied {
  /** The plan as applied: planned again when the provider it was to create turned out to exist. */
  plan: PublishPlan;
  providerArn: string;
}

/**
 * Writes in the order that keeps the public pair consistent if a run stops halfway: the bucket
 * first, the JWKS before the discovery document that points at it, the old JWKS's grant last.
 */
async function applyPlan(inputs: PublishInputs, deps: PublishDeps, plan: PublishPlan): Promise<Applied> {
  // Each write as S3 or IAM answers it, for a cancelled run's summary.
  const done: string[] = [];
  deps.written?.(() => done);
  if (plan.bucket)
    await applyBucketPlan(deps.s3, inputs.bucket, inputs.region, plan.bucket, plan.owner, (step) =>
      done.push(step)
    );
  if (plan.writeJwks) {
    await putDocument(deps.s3, inputs.bucket, plan.jwks, plan.owner);
    done.push(`put the JWKS (${plan.locations.jwksKey})`);
  }
  if (plan.writeDiscovery) {
    await putDocument(deps.s3, inputs.bucket, plan.discovery, plan.owner);
    done.push(`put the discovery document (${plan.locations.discoveryKey})`);
  }
  if (plan.finalPolicy) {
    await deps.s3.send(
      new PutBucketPolicyCommand({
        Bucket: inputs.bucket,
        ExpectedBucketOwner: plan.owner,
        Policy: plan.finalPolicy
      })
    );
    done.push("put the bucket policy that stops the old JWKS's public read");
  }
  const { current, plan: providerPlan } = plan.provider;
  if (!providerPlan) return { plan, providerArn: current?.arn ?? '' };
  let applied = plan;
  const providerArn = await applyProviderPlan(
    deps.iam,
    inputs.issuerUrl,
    providerPlan,
    current,
    (existing) => {
      const replanned = replanProvider(plan, existing, inputs, deps.log);
      applied = replanned.publish;
      return replanned.provider;
    },
    (message) => deps.log.warning(message)
  );
  done.push(`the IAM OIDC provider: ${applied.providerChanges.join('; ')}`);
  return { plan: applied, providerArn };
}

/**
 * S3 has no conditional write of a bucket policy, so runs for clusters sharing a bucket, each in
 * its own concurrency group, can overlap: one that read the policy before this run's put and writes
 * it after drops this issuer's statement, and STS can no longer read its documents. Read back once
 * the run's other writes are done, and merged in again (keeping the other run's statements) when it
 * is gone. Returns the change made, if any.
 */
async function keepStatement(
  inputs: PublishInputs,
  deps: PublishDeps,
  plan: PublishPlan
): Promise<string | undefined> {
  const { statement } = plan;
  if (!statement || !(plan.bucket?.policy || plan.finalPolicy)) return undefined;
  const policy = planBucketPolicy(
    await readBucketPolicy(deps.s3, inputs.bucket, plan.owner),
    statement
  ).policy;
  if (!policy) return undefined;
  deps.log.warning(
    `The bucket policy of ${inputs.bucket} lost this issuer's public-read statement after this run put it: another run wrote the bucket policy at the same time ` +
      '(a cluster sharing the bucket), from a read made before. Put it again, keeping the other statements. Run publish-oidc for the clusters that share a bucket one at a time (one concurrency group): a statement of theirs that this run overwrote is restored only by their next run.'
  );
  await deps.s3.send(
    new PutBucketPolicyCommand({ Bucket: inputs.bucket, ExpectedBucketOwner: plan.owner, Policy: policy })
  );
  return "put this issuer's bucket-policy statement again, which another run's policy write had dropped";
}

async function verifyPublic(
  inputs: PublishInputs,
  deps: PublishDeps,
  plan: PublishPlan
): Promise<string | undefined> {
  const { locations, jwks, discovery } = plan;
  const problems = await checkPublicDocuments(
    (url) => deps.publicGet(url),
    [
      { name: 'JWKS', url: locations.jwksUrl, key: jwks.key, bytes: jwks.bytes },
      { name: 'Discovery document', url: locations.discoveryUrl, key: discovery.key, bytes: discovery.bytes }
    ],
    inputs.bucket,
    // Not only this run's own changes may still be settling: a run cut short seconds ago leaves a
    // policy or object S3 is still applying, and the rerun then has nothing left to write. The wait
    // only costs a run whose documents stay unreadable.
    {
      delaysMs: SETTLE_DELAYS_MS,
      sleep: (ms) => deps.sleep(ms),
      managed: inputs.manageBucket
    }
  );
  if (problems.length === 0) {
    deps.log.info(`Both documents read back anonymously from ${inputs.issuerUrl}, byte for byte.`);
    return undefined;
  }
  return `Published, but not publicly readable as STS needs: ${problems.join(' ')}`;
}

/**
 * A warning when the runner resolves the issuer's host to addresses STS cannot reach. Looked up only
 * by a run that contacts that host anyway (for the thumbprint, or to read the documents back). Not a
 * refusal: the runner's DNS need not be the internet's (split-horizon DNS, a VPC's private zones).
 */
async function issuerHostWarning(inputs: PublishInputs, deps: PublishDeps): Promise<string | undefined> {
  const contacts = inputs.createProvider || (inputs.verifyPublic && !inputs.dryRun);
  if (!deps.resolveHost || !contacts) return undefined;
  const problem = await unreachableResolution(inputs.issuerUrl, deps.resolveHost, deps.lookupBoundMs);
  if (!problem) return undefined;
  return (
    `issuer-url: ${problem}. STS fetches the issuer's documents from the internet, so it refuses this ` +
    "issuer's tokens unless public DNS gives the host public addresses: serve issuer-url from a public host."
  );
}

/**
 * IAM's CreateOpenIDConnectProvider says the URL "should not contain a port number". Only a warning:
 * "should" is all the documentation says, and only AWS itself can show what it does with one. Said only
 * with AWS's own IAM (resolveHost is given then), since the local stack's issuers carry ports.
 */
function issuerPortWarning(inputs: PublishInputs, deps: PublishDeps): string | undefined {
  const port = new URL(inputs.issuerUrl).port;
  if (!deps.resolveHost || !inputs.createProvider || port === '') return undefined;
  return `issuer-url names the port ${port}: IAM's documentation says an OIDC provider's URL should not contain one, and STS reads the documents at the issuer as tokens name it; serve the issuer on port 443 without a port in the URL.`;
}

export async function run(inputs: PublishInputs, deps: PublishDeps): Promise<ActionResult> {
  const { log } = deps;
  const plan = await planPublish(inputs, deps);
  // Looked up once the plan is read, not while: node's lookup (getaddrinfo) cannot be cancelled, and
  // one in flight holds the process until the resolver answers or gives up, so a run whose plan
  // failed would wait for it before exiting. Told before anything is written.
  const warning = await issuerHostWarning(inputs, deps);
  if (warning) log.warning(warning);
  const portWarning = issuerPortWarning(inputs, deps);
  if (portWarning) log.warning(portWarning);
  let { changes } = plan;
  let providerArn = plan.provider.current?.arn ?? '';
  let failure: string | undefined;
  if (inputs.dryRun) {
    log.info(changes.length > 0 ? `Dry run; would ${changes.join('; ')}.` : 'Dry run; nothing would change.');
  } else {
    deps.writing?.();
    const applied = await applyPlan(inputs, deps, plan);
    providerArn = applied.providerArn;
    const restored = await keepStatement(inputs, deps, plan);
    changes = restored ? [...applied.plan.changes, restored] : applied.plan.changes;
    log.info(
      changes.length > 0
        ? `Changed: ${changes.join('; ')}.`
        : `${nothingToChange(inputs)} Nothing was written.`
    );
    if (inputs.verifyPublic) failure = await verifyPublic(inputs, deps, plan);
  }
  return {
    outputs: {
      'issuer-url': inputs.issuerUrl,
      'jwks-url': plan.locations.jwksUrl,
      'provider-arn': providerArn,
      changed: String(changes.length > 0),
      'keys-changed': String(plan.keysChanged),
      'key-ids': plan.retention.published.map((key) => key.kid).join(',')
    },
    summary: publishSummary({
      inputs,
      locations: plan.locations,
      retention: plan.retention,
      providerArn,
      changes,
      failure
    }),
    ...(failure ? { failure } : {})
  };
}
