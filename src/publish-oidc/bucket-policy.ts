import { createHash } from 'node:crypto';
import { DISCOVERY_PATH } from '../oidc/document-locations.js';
import { isRecord, oneOrMany } from '../json/shape.js';

/**
 * The bucket-policy statement this action owns for one issuer: anonymous s3:GetObject on exactly
 * its two documents. Other statements in the bucket's policy belong to the user, or to the
 * issuers of other clusters sharing the bucket under their own key prefixes, and are kept as they
 * are; nothing else is ever granted, so every other object stays private.
 */
export const STATEMENT_SID = 'TalosIrsaPublicOidcDocuments';

/**
 * One Sid per issuer: an issuer at the bucket's root keeps the plain Sid, one under a key prefix
 * adds a digest of it (Sids are alphanumeric), so clusters sharing a bucket never replace each other's.
 */
export function statementSid(keyPrefix: string): string {
  if (keyPrefix === '') return STATEMENT_SID;
  return STATEMENT_SID + createHash('sha256').update(keyPrefix).digest('hex').slice(0, 12);
}

// IAM reads * and ? in a Resource as wildcards and ${...} as a policy variable: a key holding any of
// them would grant more than one object.
const POLICY_SPECIAL = /[*?]|\$\{/;

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: '*';
  Action: 's3:GetObject';
  Resource: string[];
}

export function publicReadStatement(
  partition: string,
  bucket: string,
  keys: string[],
  keyPrefix = ''
): PolicyStatement {
  const special = keys.find((key) => POLICY_SPECIAL.test(key));
  if (special !== undefined)
    throw new Error(`refusing to grant public read on '${special}': IAM would read it as a pattern.`);
  return {
    Sid: statementSid(keyPrefix),
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: [...new Set(keys)].sort().map((key) => `arn:${partition}:s3:::${bucket}/${key}`)
  };
}

function asSortedList(value: unknown): string[] {
  return oneOrMany(value).map(String).sort();
}

function principalIsEveryone(value: unknown): boolean {
  if (value === '*') return true;
  return isRecord(value) && Object.keys(value).length === 1 && asSortedList(value.AWS).join() === '*';
}

// IAM returns a policy in its own formatting ("Action" as a string or a one-item list, Principal
// as "*" or {"AWS":"*"}); comparing meaning rather than text keeps a second run from rewriting it.
function sameStatement(current: unknown, wanted: PolicyStatement): boolean {
  if (!isRecord(current)) return false;
  const known = ['Sid', 'Effect', 'Principal', 'Action', 'Resource'];
  if (Object.keys(current).some((key) => !known.includes(key))) return false;
  return (
    current.Effect === wanted.Effect &&
    principalIsEveryone(current.Principal) &&
    asSortedList(current.Action).join() === wanted.Action &&
    asSortedList(current.Resource).join() === wanted.Resource.join()
  );
}

export interface PolicyPlan {
  /** The policy to put, or undefined when the bucket's policy already says exactly this. */
  policy: string | undefined;
  /** Statements of the user's own that the policy keeps. */
  keptStatements: number;
}

export function planBucketPolicy(currentPolicy: string | undefined, wanted: PolicyStatement): PolicyPlan {
  let current: Record<string, unknown> = {};
  if (currentPolicy) {
    try {
      const parsed: unknown = JSON.parse(currentPolicy);
      if (isRecord(parsed)) current = parsed;
    } catch {
      // An unreadable policy cannot be merged with; it is replaced by ours alone.
    }
  }
  const statements = current.Statement ? oneOrMany(current.Statement) : [];
  const isOurs = (statement: unknown): boolean => isRecord(statement) && ownedBy(statement, wanted);
  const others = statements.filter((statement) => !isOurs(statement));
  const ours = statements.filter(isOurs);
  // A statement of the user's (Terraform's, say) that grants exactly the same is as good as ours.
  const upToDate =
    (ours.length === 1 &&
      isRecord(ours[0]) &&
      ours[0].Sid === wanted.Sid &&
      sameStatement(ours[0], wanted)) ||
    (ours.length === 0 && others.some((statement) => sameStatement(statement, wanted)));
  if (upToDate) return { policy: undefined, keptStatements: others.length };
  // The user's Version and Id stay: the Version decides how their statements' ${...} variables read.
  const policy = { ...current, Version: current.Version ?? '2012-10-17', Statement: [...others, wanted] };
  return { policy: JSON.stringify(policy), keptStatements: others.length };
}

/**
 * The statement with this issuer's Sid; or, for an issuer under a key prefix, one with the plain Sid
 * that grants this issuer's discovery document, as versions before per-issuer Sids wrote it.
 */
function ownedBy(statement: Record<string, unknown>, wanted: PolicyStatement): boolean {
  const discovery = wanted.Resource.find((resource) => resource.endsWith(`/${DISCOVERY_PATH}`));
  const resources = asSortedList(statement.Resource);
  if (statement.Sid === STATEMENT_SID) {
    // Under the plain Sid an earlier version may have granted another issuer's documents: that
    // statement is the other issuer's (even for the root issuer, whose Sid is the plain one).
    const anothers = resources.some(
      (resource) => resource.endsWith(`/${DISCOVERY_PATH}`) && resource !== discovery
    );
    if (anothers) return false;
    return statement.Sid === wanted.Sid || (discovery !== undefined && resources.includes(discovery));
  }
  return statement.Sid === wanted.Sid;
}

export interface RemovalPlan {
  /** Whether the policy holds this issuer's statement at all. */
  found: boolean;
  /** The policy to put without it; undefined with found when nothing else is left (delete the policy). */
  policy: string | undefined;
  /** Statements of others that the policy keeps. */
  keptStatements: number;
}

/**
 * The bucket policy without this issuer's own statement (found as planBucketPolicy finds it, by Sid,
 * so another issuer's, the user's, or one Terraform wrote granting the same objects stay).
 */
export function planStatementRemoval(currentPolicy: string | undefined, ours: PolicyStatement): RemovalPlan {
  if (!currentPolicy) return { found: false, policy: undefined, keptStatements: 0 };
  let current: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(currentPolicy);
    if (!isRecord(parsed)) return { found: false, policy: undefined, keptStatements: 0 };
    current = parsed;
  } catch {
    // Not ours to rewrite: nothing in it can be told for this issuer's.
    return { found: false, policy: undefined, keptStatements: 0 };
  }
  const statements = current.Statement ? oneOrMany(current.Statement) : [];
  const others = statements.filter((statement) => !(isRecord(statement) && ownedBy(statement, ours)));
  if (others.length === statements.length)
    return { found: false, policy: undefined, keptStatements: others.length };
  if (others.length === 0) return { found: true, policy: undefined, keptStatements: 0 };
  return {
    found: true,
    policy: JSON.stringify({ ...current, Statement: others }),
    keptStatements: others.length
  };
}
