// remove: true — takes one issuer back out: its two documents, its own bucket-policy statement and
// the IAM OIDC provider publish-oidc made for it. Loaded only by a removal run (action.ts), so the
// publish path's chunks stay as they were.
import { DeleteBucketPolicyCommand, DeleteObjectCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { DeleteOpenIDConnectProviderCommand } from '@aws-sdk/client-iam';
import type { ActionResult } from '../io/action.js';
import { UserError } from '../io/errors.js';
import { inOrder } from '../io/in-order.js';
import { partitionOfRegion } from '../aws/partitions.js';
import { DEFAULT_JWKS_PATH, documentLocations, issuerKeyPrefix } from '../oidc/document-locations.js';
import { isAwsError } from './aws-errors.js';
import { planStatementRemoval, publicReadStatement, type RemovalPlan } from './bucket-policy.js';
import { bucketExists, readBucketPolicy } from './bucket-setup.js';
import type { PublishDeps } from './deps.js';
import type { RemoveInputs } from './inputs.js';
import { findProvider } from './oidc-provider.js';
import type { ProviderState } from './provider-plan.js';
import { isOwnProvider } from './provider-tags.js';
import {
  ISSUER_METADATA,
  issuerMark,
  readPublishedObject,
  writtenByThisAction,
  type PublishedObject
} from './published-objects.js';
import { removalSummary } from './remove-summary.js';
import { trustingRoles, type TrustingRoles } from './trusting-roles.js';

export type RemoveDeps = Pick<PublishDeps, 's3' | 'iam' | 'callerAccount' | 'log' | 'writing' | 'written'> & {
  /** ctx.redact: what the bucket holds is quoted redacted of every value the run masked, before it is cut. */
  redact(text: string): string;
};

/** What a removal will delete, decided from reads only. */
export interface Removal {
  owner: string;
  /** Object keys to delete, the JWKS before the discovery document that names it. */
  objects: string[];
  jwksKey: string;
  jwksUrl: string;
  /** With manage-bucket: the bucket policy without this issuer's statement. */
  policy: RemovalPlan | undefined;
  /** The provider to delete, when it is this suite's for this issuer and create-provider is on. */
  deleteProvider: ProviderState | undefined;
  /** A provider for the issuer that stays; its ARN is the provider-arn output. */
  keptProvider: ProviderState | undefined;
  /** Roles whose trust names the provider to delete; undefined when they could not be listed. */
  roles: TrustingRoles | undefined;
  /** What is to be removed, one line each. */
  changes: string[];
  /** What is left in place, and why: warned of and in the summary. */
  left: string[];
  /** What is left in place because the inputs say it is not this action's (manage-bucket or create-provider false): said, not warned of. */
  notes: string[];
}

// At most this many role names in a warning; the rest are counted.
const ROLES_NAMED = 5;

/** The issuer a stored discovery document names, or a reason it names none. */
function storedIssuer(bytes: Buffer): { issuer: string; jwksUri: string | undefined } | undefined {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as { issuer?: unknown; jwks_uri?: unknown };
    if (typeof parsed.issuer !== 'string') return undefined;
    return {
      issuer: parsed.issuer,
      jwksUri: typeof parsed.jwks_uri === 'string' ? parsed.jwks_uri : undefined
    };
  } catch {
    return undefined;
  }
}

/**
 * A value read from the bucket, quoted for one log line: its own line breaks cannot start another.
 * Redacted first: a cut through a masked value would leave a part no later redaction recognises.
 */
function quoted(value: string, redact: (text: string) => string): string {
  const json = JSON.stringify(redact(value));
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

interface StoredObjects {
  objects: string[];
  /** Why each object that no discovery document names is deleted, by key. */
  reasons: Map<string, string>;
  jwksKey: string;
  jwksUrl: string;
  left: string[];
}

/** The mark's issuer, for a message: decoded as issuerMark encoded it, else as stored. */
function markedIssuer(mark: string): string {
  try {
    return decodeURI(mark);
  } catch {
    return mark;
  }
}

/**
 * Why a JWKS that no discovery document names is not provably this issuer's, or undefined when it is:
 * publish-oidc marked it with this issuer, and its bytes are still those it wrote (the digest fits).
 */
function unprovenJwks(
  jwks: PublishedObject,
  issuerUrl: string,
  redact: (text: string) => string
): string | undefined {
  const mark = jwks.metadata[ISSUER_METADATA];
  const own = issuerMark(issuerUrl);
  if (mark === undefined)
    return "nothing shows it is this issuer's: it carries no issuer mark (written by hand, by another tool, or by a publish-oidc before the mark)";
  // An issuer without a mark of its own (issuerMark) never has one written: a mark is another's.
  if (own === undefined || mark !== own)
    return `publish-oidc marked it as the JWKS of ${quoted(markedIssuer(mark), redact)}`;
  if (!writtenByThisAction(jwks))
    return 'its bytes changed since publish-oidc wrote it (its sha256 no longer fits)';
  return undefined;
}

/**
 * This issuer's two objects, proven by the stored discovery document's issuer. Another issuer's
 * documents at this key are refused before anything is removed: the issuer-url is wrong.
 */
async function storedObjects(inputs: RemoveInputs, deps: RemoveDeps, owner: string): Promise<StoredObjects> {
  const at = (key: string) => `s3://${inputs.bucket}/${key}`;
  const fallback = documentLocations(inputs.issuerUrl, inputs.bucket, '');
  const discovery = await readPublishedObject(deps.s3, inputs.bucket, fallback.discoveryKey, owner);
  if (!discovery) {
    // A first publish cut short between its two writes leaves a JWKS at the default key and no
    // discovery document to prove whose it is: only publish-oidc's own mark of this issuer does.
    const none = {
      objects: [],
      reasons: new Map<string, string>(),
      jwksKey: fallback.jwksKey,
      jwksUrl: fallback.jwksUrl
    };
    const orphan = await readPublishedObject(deps.s3, inputs.bucket, fallback.jwksKey, owner);
    if (!orphan) return { ...none, left: [] };
    const unproven = unprovenJwks(orphan, inputs.issuerUrl, deps.redact);
    if (unproven !== undefined)
      return {
        ...none,
        left: [
          `${at(fallback.jwksKey)} is left: no discovery document of this issuer names it, and ${unproven}. Delete it by hand if it is this issuer's: aws s3 rm ${at(fallback.jwksKey)}`
        ]
      };
    const reason =
      "a JWKS that no discovery document names (what a first publish cut short between its two writes leaves), provably this issuer's: " +
      `publish-oidc marked it issuer=${inputs.issuerUrl}, and its sha256 fits its bytes`;
    return { ...none, objects: [fallback.jwksKey], reasons: new Map([[fallback.jwksKey, reason]]), left: [] };
  }
  const stored = storedIssuer(discovery.bytes);
  if (!stored)
    throw new UserError(
      `${at(fallback.discoveryKey)} is not a discovery document naming an issuer, so nothing shows it is '${inputs.issuerUrl}''s: nothing was removed. Check issuer-url and bucket, or delete the objects by hand.`,
      'issuer-url'
    );
  if (stored.issuer !== inputs.issuerUrl)
    throw new UserError(
      `${at(fallback.discoveryKey)} is the discovery document of ${quoted(stored.issuer, deps.redact)}, not of '${inputs.issuerUrl}': nothing was removed. Give the issuer-url of the cluster to retire (its path is the key prefix in the bucket).`,
      'issuer-url'
    );
  const locations = documentLocations(inputs.issuerUrl, inputs.bucket, stored.jwksUri ?? '');
  const jwks = await readPublishedObject(deps.s3, inputs.bucket, locations.jwksKey, owner);
  return {
    objects: [...(jwks ? [locations.jwksKey] : []), locations.discoveryKey],
    reasons: new Map(),
    jwksKey: locations.jwksKey,
    jwksUrl: locations.jwksUrl,
    left: []
  };
}

interface ProviderFacts {
  remove: ProviderState | undefined;
  kept: ProviderState | undefined;
  left: string[];
  notes: string[];
}

async function providerFacts(inputs: RemoveInputs, deps: RemoveDeps): Promise<ProviderFacts> {
  if (!inputs.createProvider) {
    // Never deleted: with create-provider false the provider is not this action's to manage.
    try {
      const found = await findProvider(deps.iam, inputs.issuerUrl);
      return {
        remove: undefined,
        kept: found,
        left: [],
        notes: found
          ? [
              `The IAM OIDC provider ${found.arn} is left: create-provider is false, so it is not this action's to delete.`
            ]
          : []
      };
    } catch (error) {
      deps.log.warning(
        `Could not look up the IAM OIDC provider (${error instanceof Error ? error.message : String(error)}); with create-provider false it would be left anyway.`
      );
      return { remove: undefined, kept: undefined, left: [], notes: [] };
    }
  }
  const found = await findProvider(deps.iam, inputs.issuerUrl);
  if (!found) return { remove: undefined, kept: undefined, left: [], notes: [] };
  if (isOwnProvider(found.tags ?? {}, inputs.issuerUrl))
    return { remove: found, kept: undefined, left: [], notes: [] };
  return {
    remove: undefined,
    kept: found,
    notes: [],
    left: [
      `The IAM OIDC provider ${found.arn} is left: it does not carry publish-oidc's tags for this issuer (managed-by=talos-irsa and talos-irsa/issuer), so it was made by hand, by Terraform or by a version before the tags. ` +
        'Delete it with aws iam delete-open-id-connect-provider (or its owner, terraform destroy) once no role needs it.'
    ]
  };
}

function rolesWarning(arn: string, roles: TrustingRoles, dryRun: boolean): string | undefined {
  if (roles.names.length === 0) return undefined;
  const named = roles.names.slice(0, ROLES_NAMED).join(', ');
  const more = roles.names.length > ROLES_NAMED ? ` and ${roles.names.length - ROLES_NAMED} more` : '';
  return (
    `${roles.names.length} IAM role(s) still trust the provider ${arn}: ${named}${more}. ` +
    `They ${dryRun ? 'would be' : 'are'} left, and no token can assume them once it is gone: run irsa-role for a rebuilt cluster's issuer to move them to it, or delete the roles no longer needed.`
  );
}

export async function planRemoval(inputs: RemoveInputs, deps: RemoveDeps): Promise<Removal> {
  const owner = inputs.bucketOwner ?? (await deps.callerAccount());
  const readBucket = async () => {
    if (!(await bucketExists(deps.s3, inputs.bucket, inputs.region, owner, inputs.bucketOwner !== undefined)))
      return undefined;
    const stored = await storedObjects(inputs, deps, owner);
    return {
      stored,
      policy: inputs.manageBucket ? await readBucketPolicy(deps.s3, inputs.bucket, owner) : undefined
    };
  };
  // Reads only, and independent; a failure is reported for the bucket first.
  const [bucket, provider] = await inOrder(readBucket(), providerFacts(inputs, deps));
  const prefix = issuerKeyPrefix(inputs.issuerUrl, inputs.bucket);
  const fallback = documentLocations(inputs.issuerUrl, inputs.bucket, '');
  const jwksKey = bucket?.stored.jwksKey ?? prefix + DEFAULT_JWKS_PATH;
  const policy =
    bucket && inputs.manageBucket
      ? planStatementRemoval(
          bucket.policy,
          publicReadStatement(
            partitionOfRegion(inputs.region),
            inputs.bucket,
            [jwksKey, fallback.discoveryKey],
            prefix
          )
        )
      : undefined;
  const roles = provider.remove ? await trustingRoles(deps.iam, provider.remove.arn, deps.log) : undefined;
  const objects = bucket?.stored.objects ?? [];
  const reasons = bucket?.stored.reasons ?? new Map<string, string>();
  const changes = [
    ...objects.map((key) => {
      const reason = reasons.get(key);
      return `delete s3://${inputs.bucket}/${key}${reason === undefined ? '' : `: ${reason}`}`;
    }),
    ...(policy?.found
      ? [
          policy.policy
            ? `remove this issuer's statement from the bucket policy of ${inputs.bucket} (keeping ${policy.keptStatements} other statement(s))`
            : `delete the bucket policy of ${inputs.bucket}, which held only this issuer's statement`
        ]
      : []),
    ...(provider.remove ? [`delete the IAM OIDC provider ${provider.remove.arn}`] : [])
  ];
  const left = [...(bucket?.stored.left ?? []), ...provider.left];
  // What the inputs keep out of this action's hands (the bundled module's terraform owns the policy and
  // the provider, and deletes them next) is no warning. Said by the run that removes the documents, not
  // by every run after it, which has nothing to say.
  const notes = [...provider.notes];
  if (!inputs.manageBucket && objects.length > 0)
    notes.push(`The bucket policy of ${inputs.bucket} is not looked at: manage-bucket is false.`);
  return {
    owner,
    objects,
    jwksKey,
    jwksUrl: bucket?.stored.jwksUrl ?? fallback.jwksUrl,
    policy,
    deleteProvider: provider.remove,
    keptProvider: provider.kept,
    roles,
    changes,
    left,
    notes
  };
}

/**
 * The JWKS first: a run cut short leaves the discovery document, which proves the next run's right to
 * both. Each deletion is pushed to `done` once AWS has answered it, for a cancelled run's summary.
 */
async function applyRemoval(
  inputs: RemoveInputs,
  deps: RemoveDeps,
  removal: Removal,
  done: string[]
): Promise<void> {
  for (const key of removal.objects) {
    await deps.s3.send(
      new DeleteObjectCommand({ Bucket: inputs.bucket, Key: key, ExpectedBucketOwner: removal.owner })
    );
    done.push(`deleted s3://${inputs.bucket}/${key}`);
  }
  const { policy } = removal;
  if (policy?.found && policy.policy) {
    await deps.s3.send(
      new PutBucketPolicyCommand({
        Bucket: inputs.bucket,
        ExpectedBucketOwner: removal.owner,
        Policy: policy.policy
      })
    );
    done.push(`removed this issuer's statement from the bucket policy of ${inputs.bucket}`);
  } else if (policy?.found) {
    await deps.s3.send(
      new DeleteBucketPolicyCommand({ Bucket: inputs.bucket, ExpectedBucketOwner: removal.owner })
    );
    done.push(`deleted the bucket policy of ${inputs.bucket}`);
  }
  if (removal.deleteProvider) {
    const { arn } = removal.deleteProvider;
    const gone = await deps.iam
      .send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))
      .then(
        () => false,
        (error: unknown) => {
          // A retried delete whose first attempt landed, or another run's: gone either way.
          if (!isAwsError(error, 'NoSuchEntity')) throw error;
          return true;
        }
      );
    done.push(
      gone ? `found the IAM OIDC provider ${arn} already deleted` : `deleted the IAM OIDC provider ${arn}`
    );
  }
}

export async function removeIssuer(inputs: RemoveInputs, deps: RemoveDeps): Promise<ActionResult> {
  const { log } = deps;
  const removal = await log.group(`Find what ${inputs.issuerUrl} left`, () => planRemoval(inputs, deps));
  // Both are the summary's "Left in place" list (remove-summary.ts): not listed again under its Warnings.
  for (const line of removal.left) log.warning(line, { inSummary: true });
  for (const line of removal.notes) log.info(line);
  const rolesLine =
    removal.deleteProvider && removal.roles
      ? rolesWarning(removal.deleteProvider.arn, removal.roles, inputs.dryRun)
      : undefined;
  if (rolesLine) log.warning(rolesLine, { inSummary: true });
  const { changes } = removal;
  if (inputs.dryRun)
    log.info(changes.length > 0 ? `Dry run; would ${changes.join('; ')}.` : 'Dry run; nothing to remove.');
  else if (changes.length === 0)
    log.info(`Nothing to remove: ${inputs.issuerUrl} left nothing here. Nothing was written.`);
  else {
    deps.writing?.();
    const done: string[] = [];
    deps.written?.(() => done);
    await applyRemoval(inputs, deps, removal, done);
    log.info(`Removed: ${changes.join('; ')}.`);
  }
  const jwksGoes = removal.objects.includes(removal.jwksKey);
  return {
    outputs: {
      'issuer-url': inputs.issuerUrl,
      'jwks-url': removal.jwksUrl,
      'provider-arn': removal.keptProvider?.arn ?? '',
      changed: String(changes.length > 0),
      'keys-changed': String(jwksGoes),
      'key-ids': ''
    },
    summary: removalSummary({ inputs, removal, rolesLine })
  };
}
