import type { AnonymousResponse as PublicResponse } from '../net/anonymous-get.js';
import { statusText } from '../net/public-read.js';

function isJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

export interface PublishedDocument {
  name: string;
  url: string;
  key: string;
  bytes: Buffer;
}

/**
 * Why one anonymously fetched document is not what STS needs, or undefined when it is. `managed`: this run
 * saw to the bucket's own Block Public Access and policy statement (manage-bucket), so a refusal comes
 * from something it does not touch.
 */
export function publicReadProblem(
  doc: PublishedDocument,
  response: PublicResponse,
  bucket: string,
  managed = false
): string | undefined {
  if (response.status === 403 && managed)
    return (
      `anonymous GET ${doc.url} was refused (403), though manage-bucket set the bucket's own Block Public Access ` +
      `and a policy statement allowing it, and STS reads anonymously: the account's Block Public Access ` +
      `(BlockPublicPolicy or RestrictPublicBuckets, aws s3control get-public-access-block), a Deny statement in ` +
      `the bucket policy, or an AWS Organizations resource control policy stops the read of ${bucket}/${doc.key}.`
    );
  if (response.status === 403)
    return (
      `anonymous GET ${doc.url} was refused (403): S3 Block Public Access (on the bucket or the account) or a ` +
      `missing bucket policy stops public reads, and STS reads anonymously. Set manage-bucket: true, or turn off ` +
      `BlockPublicPolicy and RestrictPublicBuckets and allow s3:GetObject for Principal "*" on ` +
      `the object ${bucket}/${doc.key}.`
    );
  if (response.status === 404)
    return `anonymous GET ${doc.url} found nothing (404): issuer-url does not lead to the object ${doc.key} in ${bucket}.`;
  if (response.status !== 200)
    return `anonymous GET ${doc.url} answered ${statusText(response.status, response.body.toString('utf8'), response.location)}.`;
  if (response.body.equals(doc.bytes)) return undefined;
  if (!isJson(response.body))
    return (
      `anonymous GET ${doc.url} answered 200 with something other than JSON (an error page, or a body cut ` +
      'short): something in front of the bucket answers for it.'
    );
  return (
    `anonymous GET ${doc.url} served other bytes than were written; a CDN or cache in front of the bucket ` +
    'may still hold the old document.'
  );
}

async function problemsOnce(
  get: (url: string) => Promise<PublicResponse>,
  docs: PublishedDocument[],
  bucket: string,
  managed: boolean
): Promise<string[]> {
  // Both documents at once; the problems keep the documents' order.
  const found = await Promise.all(
    docs.map(async (doc): Promise<string | undefined> => {
      try {
        const problem = publicReadProblem(doc, await get(doc.url), bucket, managed);
        return problem ? `${doc.name}: ${problem}` : undefined;
      } catch (error) {
        return `${doc.name}: anonymous GET ${doc.url} failed (${error instanceof Error ? error.message : String(error)}).`;
      }
    })
  );
  return found.filter((problem): problem is string => problem !== undefined);
}

export interface PublicCheckOptions {
  /** Pauses between attempts, in ms; empty for one attempt. */
  delaysMs: number[];
  sleep(ms: number): Promise<void>;
  /** Whether the run saw to the bucket's own public-read settings (manage-bucket). */
  managed?: boolean;
}

// S3 applies a new bucket policy or public access block within seconds, not at once: right after
// this run changed them, a 403 may be stale, so the check is repeated for a while before it fails.
export const SETTLE_DELAYS_MS = [1000, 2000, 4000, 8000];

/** The problems left after the last attempt; empty when both documents read back as written. */
export async function checkPublicDocuments(
  get: (url: string) => Promise<PublicResponse>,
  docs: PublishedDocument[],
  bucket: string,
  options: PublicCheckOptions = { delaysMs: [], sleep: async () => undefined }
): Promise<string[]> {
  const managed = options.managed ?? false;
  let problems = await problemsOnce(get, docs, bucket, managed);
  for (const delay of options.delaysMs) {
    if (problems.length === 0) break;
    await options.sleep(delay);
    problems = await problemsOnce(get, docs, bucket, managed);
  }
  return problems;
}
