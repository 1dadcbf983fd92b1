// Which AWS API calls an action's code can make, and the IAM actions those calls need. The README's
// minimal IAM policies are checked against this, so a new SDK call without a policy line (or a
// policy line no code needs any more) fails a test instead of a user's first run.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** A call AWS authorizes without an IAM permission (unsigned, or allowed for every principal). */
export const NO_PERMISSION = 'none';

// Where the IAM action is not simply `<service>:<Operation>`.
const S3_EXCEPTIONS: Record<string, string> = {
  HeadBucket: 's3:ListBucket',
  HeadObject: 's3:GetObject',
  ListObjects: 's3:ListBucket',
  ListObjectsV2: 's3:ListBucket',
  GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
  PutPublicAccessBlock: 's3:PutBucketPublicAccessBlock',
  DeletePublicAccessBlock: 's3:PutBucketPublicAccessBlock',
  GetBucketLocation: 's3:GetBucketLocation'
};
const STS_EXCEPTIONS: Record<string, string> = {
  // The web identity token is the credential: the request is not signed.
  AssumeRoleWithWebIdentity: NO_PERMISSION,
  // Every principal may ask who it is.
  GetCallerIdentity: NO_PERMISSION
};

/** The IAM action a `XxxCommand` of `@aws-sdk/client-<service>` needs. */
export function iamActionFor(service: string, command: string): string {
  const operation = command.replace(/Command$/, '');
  if (service === 's3') return S3_EXCEPTIONS[operation] ?? `s3:${operation}`;
  if (service === 'sts') return STS_EXCEPTIONS[operation] ?? `sts:${operation}`;
  return `${service}:${operation}`;
}

const STATIC_IMPORT = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g;
const RELATIVE_SPECIFIER = /(?:from\s+|import\()\s*'(\.{1,2}\/[^']+\.js)'/g;

/** `XxxCommand` names a source file imports (as values, not types) from an AWS SDK client. */
export function sdkCommandsIn(source: string): Array<{ service: string; command: string }> {
  const found: Array<{ service: string; command: string }> = [];
  for (const match of source.matchAll(STATIC_IMPORT)) {
    const [, typeOnly, names = '', specifier = ''] = match;
    const client = /^@aws-sdk\/client-([a-z0-9-]+)$/.exec(specifier);
    if (!client || typeOnly) continue;
    for (const raw of names.split(',')) {
      const name = raw.trim();
      if (name.startsWith('type ')) continue;
      const imported = name.split(/\s+as\s+/)[0]?.trim() ?? '';
      if (/^[A-Z]\w*Command$/.test(imported)) found.push({ service: client[1] ?? '', command: imported });
    }
  }
  return found;
}

/** Source files reachable from `entry` through relative imports (static and dynamic). */
export function reachableSources(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [resolve(entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(RELATIVE_SPECIFIER)) {
      queue.push(join(dirname(file), (match[1] ?? '').replace(/\.js$/, '.ts')));
    }
  }
  return [...seen].sort();
}

// A call IAM authorizes as a second action too: publish-oidc creates its providers with tags, and a
// create that carries tags needs the tag action as well (IAM's "Tagging IAM resources").
const ALSO_NEEDED: Record<string, string> = {
  'iam:CreateOpenIDConnectProvider': 'iam:TagOpenIDConnectProvider'
};

/** The IAM actions the action whose logic starts at src/<name>/action.ts can need. */
export function requiredIamActions(root: string, name: string): Map<string, string[]> {
  const needs = new Map<string, string[]>();
  for (const file of reachableSources(join(root, 'src', name, 'action.ts'))) {
    for (const { service, command } of sdkCommandsIn(readFileSync(file, 'utf8'))) {
      const action = iamActionFor(service, command);
      if (action === NO_PERMISSION) continue;
      for (const needed of [action, ...(ALSO_NEEDED[action] ? [ALSO_NEEDED[action]] : [])])
        needs.set(needed, [...(needs.get(needed) ?? []), command]);
    }
  }
  return needs;
}

interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

/** Every IAM action an Allow statement of the policy grants (wildcards kept as written). */
export function allowedActions(policy: { Statement?: Statement[] }): string[] {
  return (policy.Statement ?? [])
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : []));
}
