// Why S3 answered publish-oidc's read with 403. Besides a missing s3:GetObject (or s3:ListBucket, without
// which S3 answers a missing key with 403), an explicit Deny in the bucket policy refuses whatever IAM
// allows: a statement on aws:SecureTransport, on a source VPC or IP, or naming the principal. The policy
// is read when the credentials may, and a Deny that covers s3:GetObject on the object is named.
import { GetBucketPolicyCommand, type S3Client } from '@aws-sdk/client-s3';
import { iamWildcard } from '../trust/iam-wildcard.js';
import { awsErrorName, isAwsNotFound } from './aws-errors.js';
import { asRecord, asStringList, oneOrMany } from '../json/shape.js';

type Fields = Record<string, unknown>;

/** Whether a statement's Action/NotAction and Resource/NotResource cover s3:GetObject on `objectArn`. */
function covers(statement: Fields, objectArn: string): boolean {
  const action = (patterns: string[]): boolean =>
    // Actions compare without regard to case.
    patterns.some((pattern) => iamWildcard(pattern, 's3:GetObject', true));
  const resource = (patterns: string[]): boolean =>
    // The partition is the bucket's, which the action does not know here: any partition's ARN matches.
    patterns.some((pattern) => iamWildcard(pattern.replace(/^arn:[^:]*:/, 'arn:*:'), objectArn));
  const actionCovered =
    'NotAction' in statement
      ? !action(asStringList(statement.NotAction))
      : action(asStringList(statement.Action));
  const resourceCovered =
    'NotResource' in statement
      ? !resource(asStringList(statement.NotResource))
      : !('Resource' in statement) || resource(asStringList(statement.Resource));
  return actionCovered && resourceCovered;
}

/** `'DenyInsecure' (when Bool aws:SecureTransport)` or `2 (no Sid)`: a statement as a reader finds it. */
function described(statement: Fields, index: number): string {
  const sid =
    typeof statement.Sid === 'string' && statement.Sid !== ''
      ? `'${statement.Sid}'`
      : `${index + 1} (no Sid)`;
  const conditions = Object.entries(asRecord(statement.Condition) ?? {}).flatMap(([operator, keys]) =>
    Object.keys(asRecord(keys) ?? {}).map((key) => `${operator} ${key}`)
  );
  return conditions.length > 0 ? `${sid} (when ${conditions.join(', ')})` : sid;
}

/** The Deny statements of a bucket policy that cover s3:GetObject on the object, described. */
export function denyingStatements(policy: string, bucket: string, key: string): string[] {
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return [];
  }
  const statement = asRecord(document)?.Statement;
  const objectArn = `arn:aws:s3:::${bucket}/${key}`;
  return oneOrMany(statement).flatMap((entry, index) => {
    const fields = asRecord(entry);
    return fields?.Effect === 'Deny' && covers(fields, objectArn) ? [described(fields, index)] : [];
  });
}

const PERMISSIONS =
  "the credentials need s3:GetObject on the bucket's objects and s3:ListBucket on the bucket";

/** The sentence after "S3 refused to read s3://bucket/key (403)". Never throws: a reason, whatever it finds. */
export async function readRefusalReason(
  s3: S3Client,
  bucket: string,
  key: string,
  owner: string | undefined
): Promise<string> {
  let policy: string | undefined;
  try {
    const response = await s3.send(
      new GetBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: owner })
    );
    policy = response.Policy;
  } catch (error) {
    if (!isAwsNotFound(error, 'NoSuchBucketPolicy'))
      return (
        `either ${PERMISSIONS}, or an explicit Deny in the bucket policy refuses them, which overrides any Allow ` +
        `(the policy could not be read to tell: s3:GetBucketPolicy failed with ${awsErrorName(error) || 'an error'}).`
      );
  }
  const denying = policy === undefined ? [] : denyingStatements(policy, bucket, key);
  if (denying.length === 0) return `${PERMISSIONS}.`;
  const which = denying.length === 1 ? `statement ${denying[0]}` : `statements ${denying.join(', ')}`;
  return (
    `the bucket policy's ${which} ${denying.length === 1 ? 'denies' : 'deny'} s3:GetObject on it, and an explicit Deny ` +
    `overrides any Allow: check whether its Principal and Condition take in these credentials and this request, ` +
    `and if not, ${PERMISSIONS}.`
  );
}
