/**
 * The one bucket-policy statement this action owns: anonymous s3:GetObject on exactly the two
 * documents. Other statements in the bucket's policy belong to the user and are kept as they are;
 * nothing else is ever granted, so every other object stays private.
 */
export const STATEMENT_SID = 'TalosIrsaPublicOidcDocuments';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: '*';
  Action: 's3:GetObject';
  Resource: string[];
}

export function arnPartition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function publicReadStatement(partition: string, bucket: string, keys: string[]): PolicyStatement {
  return {
    Sid: STATEMENT_SID,
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: [...new Set(keys)].sort().map((key) => `arn:${partition}:s3:::${bucket}/${key}`)
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asSortedList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => String(item)).sort();
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
  const statements: unknown[] = Array.isArray(current.Statement)
    ? current.Statement
    : current.Statement
      ? [current.Statement]
      : [];
  const others = statements.filter((statement) => !(isRecord(statement) && statement.Sid === STATEMENT_SID));
  const ours = statements.filter((statement) => isRecord(statement) && statement.Sid === STATEMENT_SID);
  const upToDate = ours.length === 1 && sameStatement(ours[0], wanted);
  if (upToDate) return { policy: undefined, keptStatements: others.length };
  const policy = { Version: '2012-10-17', Statement: [...others, wanted] };
  return { policy: JSON.stringify(policy), keptStatements: others.length };
}
