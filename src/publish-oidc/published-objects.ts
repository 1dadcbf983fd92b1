import {
  GetObjectCommand,
  PutObjectCommand,
  type GetObjectCommandOutput,
  type S3Client
} from '@aws-sdk/client-s3';
import { contentHash } from '../oidc/published-content.js';
import { UserError } from '../io/errors.js';
import { awsHttpStatus, isAwsNotFound } from './aws-errors.js';
import { readRefusalReason } from './read-denial.js';

export const CONTENT_TYPE = 'application/json';
// Short, so that a rotation reaches STS and CDNs within minutes rather than a day.
export const CACHE_CONTROL = 'public, max-age=300';
// SSE-S3, named on every write: a bucket whose default is SSE-KMS would otherwise encrypt the documents
// with KMS, and S3 serves such objects only to signed requests, never to STS's anonymous GET.
export const SERVER_SIDE_ENCRYPTION = 'AES256';
export const HASH_METADATA = 'sha256';
export const RETIRED_METADATA = 'retired-keys';
// On the JWKS: the issuer it was published for. A first publish cut short between its two writes leaves
// a JWKS that no discovery document names; this mark (with the digest) is what proves it this issuer's.
export const ISSUER_METADATA = 'issuer';
// IAM's own limit for a provider URL; with the digest and the retirement record (at most 1,500), well
// within S3's 2 KB of user metadata.
const ISSUER_MARK_LIMIT = 255;

/**
 * The value of the issuer mark for `issuerUrl`, or undefined when it has none: S3 sends metadata as
 * headers, so the value is kept ASCII (encodeURI, the identity for a plain URL) and within the limit.
 */
export function issuerMark(issuerUrl: string): string | undefined {
  let mark: string;
  try {
    mark = encodeURI(issuerUrl);
  } catch {
    return undefined;
  }
  return mark.length <= ISSUER_MARK_LIMIT ? mark : undefined;
}

export interface PublishedObject {
  bytes: Buffer;
  hash: string;
  contentType: string | undefined;
  cacheControl: string | undefined;
  /** x-amz-server-side-encryption as S3 reports it (AES256, aws:kms, aws:kms:dsse). */
  encryption: string | undefined;
  metadata: Record<string, string>;
}

// The SDK retries a request until its headers arrive, but hands over an object's body as a stream it
// no longer watches: a connection that breaks mid-body surfaces here, and the whole GET is repeated.
const BODY_READ_ATTEMPTS = 3;
const BROKEN_STREAM_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE']);

/** An object's body that stopped short because its connection broke. */
class BrokenBody extends Error {}

async function readBody(response: GetObjectCommandOutput, bucket: string, key: string): Promise<Buffer> {
  try {
    return Buffer.from((await response.Body?.transformToByteArray()) ?? new Uint8Array());
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && BROKEN_STREAM_CODES.has(code))
      throw new BrokenBody(`reading s3://${bucket}/${key} broke off (${code}: ${(error as Error).message})`, {
        cause: error
      });
    throw error;
  }
}

async function getObjectOnce(
  s3: S3Client,
  bucket: string,
  key: string,
  owner: string | undefined
): Promise<PublishedObject> {
  const response = await s3.send(
    new GetObjectCommand({ Bucket: bucket, Key: key, ExpectedBucketOwner: owner })
  );
  const bytes = await readBody(response, bucket, key);
  return {
    bytes,
    hash: contentHash(bytes),
    contentType: response.ContentType,
    cacheControl: response.CacheControl,
    encryption: response.ServerSideEncryption,
    metadata: response.Metadata ?? {}
  };
}

/** The object, or undefined when there is none; with `owner`, only from a bucket that account owns. */
export async function readPublishedObject(
  s3: S3Client,
  bucket: string,
  key: string,
  owner?: string
): Promise<PublishedObject | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await getObjectOnce(s3, bucket, key, owner);
    } catch (error) {
      if (isAwsNotFound(error, 'NoSuchKey')) return undefined;
      // S3 answers a missing key with 403 to callers without s3:ListBucket; a bucket policy's Deny, too.
      if (awsHttpStatus(error) === 403)
        throw new UserError(
          `S3 refused to read s3://${bucket}/${key} (403): ${await readRefusalReason(s3, bucket, key, owner)}`
        );
      if (error instanceof BrokenBody && attempt < BODY_READ_ATTEMPTS) continue;
      throw error;
    }
  }
}

/**
 * Whether the object is as this action wrote it: every write records the digest of its bytes, so an
 * object put or edited by other hands (the console, aws s3 cp) carries none, or one that no longer fits.
 */
export function writtenByThisAction(object: PublishedObject): boolean {
  return object.metadata[HASH_METADATA] === object.hash;
}

export interface DesiredObject {
  key: string;
  bytes: Buffer;
  /** Metadata entries that carry state between runs; an empty value means "absent". */
  state: Record<string, string>;
  /**
   * Metadata entries put on with every write of the object but not compared: an object written before
   * they existed is not rewritten only to carry them. An empty value means "absent".
   */
  marks?: Record<string, string>;
}

function metadataFor(desired: DesiredObject): Record<string, string> {
  const metadata: Record<string, string> = { [HASH_METADATA]: contentHash(desired.bytes) };
  for (const [key, value] of Object.entries({ ...desired.marks, ...desired.state }))
    if (value !== '') metadata[key] = value;
  return metadata;
}

/** True when the object already holds these bytes, served the same way, with the same record. */
export function isUpToDate(current: PublishedObject | undefined, desired: DesiredObject): boolean {
  if (!current) return false;
  if (current.hash !== contentHash(desired.bytes)) return false;
  // The same bytes put back by other hands (a backup restored with aws s3 cp) lack the digest, and would
  // pass for a document changed by hand at the next run that reads them: a retired key would not be kept.
  if (!writtenByThisAction(current)) return false;
  if (current.contentType !== CONTENT_TYPE || current.cacheControl !== CACHE_CONTROL) return false;
  // Only a KMS-encrypted object is unreadable anonymously; an SSE-S3 one from before is kept as it is.
  if (current.encryption?.startsWith('aws:kms')) return false;
  // The digest entry is checked above, so only the state entries are compared (not the marks).
  return Object.entries(desired.state).every(([key, value]) => (current.metadata[key] ?? '') === value);
}

export async function putDocument(
  s3: S3Client,
  bucket: string,
  desired: DesiredObject,
  owner: string
): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      ExpectedBucketOwner: owner,
      Key: desired.key,
      Body: desired.bytes,
      ContentType: CONTENT_TYPE,
      CacheControl: CACHE_CONTROL,
      ServerSideEncryption: SERVER_SIDE_ENCRYPTION,
      Metadata: metadataFor(desired)
    })
  );
}
