// The public face of the discovery bucket: what an anonymous `GET https://BUCKET.s3.../KEY`
// would see on AWS, served path-style from https://127.0.0.1:PORT/BUCKET/KEY.
//
// It is not a proxy to moto. Moto answers any unsigned GET ending in /.well-known/jwks.json
// with a Cognito JWKS of its own and ignores bucket policies and public access blocks for
// anonymous reads, so a proxy would prove nothing about the bucket's configuration. Instead
// each request is decided here from the bucket's real settings, read from moto with signed
// calls, and only an allowed object is fetched and returned.
//
// Simplifications, all in the strict direction:
// - Only the bucket policy grants access; object ACLs and account-level blocks are ignored.
// - An Allow with NotPrincipal/NotAction/NotResource never grants, and one with a Condition the
//   front cannot decide does not either. A Deny is applied whenever it might apply on AWS:
//   through Principal "*", NotPrincipal, NotAction, NotResource, and with any Condition the front
//   cannot decide. The only condition key modelled is aws:SecureTransport (always true here).
// - Either BlockPublicPolicy or RestrictPublicBuckets set counts as blocked (on AWS only the
//   latter blocks reads of an existing public policy; the former stops it being put).
// - An object encrypted with SSE-KMS is refused with 400 InvalidArgument, as S3 refuses anonymous
//   reads of such objects.
// - A missing key is 404 NoSuchKey only when the policy also grants anonymous s3:ListBucket on
//   the bucket, otherwise 403 AccessDenied, as S3 does to callers who cannot list.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  GetBucketPolicyCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException
} from '@aws-sdk/client-s3';
import type { ServerCert } from './tls.js';
import { closeServer, listenOnLoopback, xmlEscape } from './http-plumbing.js';
import {
  asList,
  conditionsMatch,
  isRecord,
  policyStatements,
  wildcardMatch,
  type ConditionContext,
  type Match
} from './iam-policy.js';

export interface S3FrontOptions {
  motoEndpoint: string;
  cert: ServerCert;
  region: string;
  /**
   * Since April 2023 AWS turns on all four public access block settings for every new bucket, as
   * the bucket's own configuration; moto has no such default (GetPublicAccessBlock answers
   * NoSuchPublicAccessBlockConfiguration). true approximates AWS for buckets made straight on moto.
   * The stack's own endpoint gives new buckets S3's configuration (s3-bucket-defaults.ts) and sets
   * false: a bucket with no configuration is then one whose configuration was deleted, not blocked.
   */
  blockByDefault?: boolean;
}

export interface S3Front {
  url: string;
  stop(): Promise<void>;
}

export type PolicyDecision = 'allow' | 'deny' | 'none';

interface Statement {
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: unknown;
  NotPrincipal?: unknown;
  NotAction?: unknown;
  NotResource?: unknown;
}

function namesEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  return isRecord(principal) && asList(principal['AWS']).includes('*');
}

// Anonymous callers over HTTPS: the one request-context key the front can vouch for.
const ANONYMOUS_HTTPS_CONTEXT: ConditionContext = {
  values: new Map([['aws:securetransport', ['true']]]),
  models: (key) => key === 'aws:securetransport'
};

function statementMatch(st: Statement, action: string, resourceArn: string): Match {
  const actionMatches = (actions: unknown): boolean =>
    asList(actions).some((a) => wildcardMatch(a, action, true));
  const resourceMatches = (resources: unknown): boolean =>
    asList(resources).some((r) => wildcardMatch(r, resourceArn));
  if (st.Effect !== 'Deny') {
    if (st.NotPrincipal !== undefined || st.NotAction !== undefined || st.NotResource !== undefined)
      return 'no';
    if (!namesEveryone(st.Principal) || !actionMatches(st.Action) || !resourceMatches(st.Resource))
      return 'no';
    return conditionsMatch(st.Condition, ANONYMOUS_HTTPS_CONTEXT);
  }
  const principal =
    st.NotPrincipal !== undefined ? !namesEveryone(st.NotPrincipal) : namesEveryone(st.Principal);
  const actionHit = st.NotAction !== undefined ? !actionMatches(st.NotAction) : actionMatches(st.Action);
  const resourceHit =
    st.NotResource !== undefined ? !resourceMatches(st.NotResource) : resourceMatches(st.Resource);
  if (!principal || !actionHit || !resourceHit) return 'no';
  return conditionsMatch(st.Condition, ANONYMOUS_HTTPS_CONTEXT);
}

/** How a bucket policy treats an anonymous caller doing `action` on `resourceArn`. */
export function anonymousDecision(policy: unknown, action: string, resourceArn: string): PolicyDecision {
  let decision: PolicyDecision = 'none';
  for (const st of policyStatements(policy)) {
    const match = statementMatch(st, action, resourceArn);
    if (st.Effect === 'Deny') {
      if (match !== 'no') return 'deny';
    } else if (st.Effect === 'Allow' && match === 'yes') {
      decision = 'allow';
    }
  }
  return decision;
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {}
  ) {
    super(message);
  }
}

const accessDenied = (): S3Error => new S3Error(403, 'AccessDenied', 'Access Denied');

function errorCode(err: unknown): string | undefined {
  if (err instanceof S3ServiceException) return err.name;
  return isRecord(err) && typeof err['name'] === 'string' ? err['name'] : undefined;
}

function httpStatus(err: unknown): number | undefined {
  return err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
}

function parseLocation(rawUrl: string): { bucket: string; key: string } {
  const path = new URL(rawUrl, 'https://127.0.0.1').pathname;
  const slash = path.indexOf('/', 1);
  const bucket = decodeURIComponent(slash < 0 ? path.slice(1) : path.slice(1, slash));
  const key = slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1));
  // Listing a bucket anonymously is out of scope: the discovery documents are fetched by name.
  if (!bucket || !key) throw accessDenied();
  return { bucket, key };
}

class BucketGate {
  constructor(
    private readonly s3: S3Client,
    private readonly blockByDefault: boolean
  ) {}

  async ensureBucket(bucket: string): Promise<void> {
    try {
      await this.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (err) {
      if (httpStatus(err) === 404 || errorCode(err) === 'NotFound' || errorCode(err) === 'NoSuchBucket') {
        throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
      }
      throw err;
    }
  }

  async publicAccessBlocked(bucket: string): Promise<boolean> {
    try {
      const out = await this.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
      const cfg = out.PublicAccessBlockConfiguration ?? {};
      return cfg.BlockPublicPolicy === true || cfg.RestrictPublicBuckets === true;
    } catch (err) {
      if (errorCode(err) === 'NoSuchPublicAccessBlockConfiguration') return this.blockByDefault;
      throw err;
    }
  }

  async policy(bucket: string): Promise<unknown> {
    try {
      const out = await this.s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
      return JSON.parse(out.Policy ?? 'null') as unknown;
    } catch (err) {
      if (errorCode(err) === 'NoSuchBucketPolicy') return undefined;
      if (err instanceof SyntaxError) return undefined;
      throw err;
    }
  }
}

interface ObjectReply {
  status: number;
  headers: Record<string, string>;
  body?: Uint8Array;
}

// moto under the load of parallel test files now and then drops a connection mid-body; the SDK has
// already returned by then, so the front asks again rather than answer a client 500 S3 would not.
const MOTO_READ_ATTEMPTS = 3;

async function readObject(s3: S3Client, bucket: string, key: string, head: boolean): Promise<ObjectReply> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await readObjectOnce(s3, bucket, key, head);
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (attempt >= MOTO_READ_ATTEMPTS || code !== 'ECONNRESET') throw err;
    }
  }
}

async function readObjectOnce(
  s3: S3Client,
  bucket: string,
  key: string,
  head: boolean
): Promise<ObjectReply> {
  const meta = head
    ? await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    : await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  // S3 serves SSE-KMS objects only to SigV4-signed requests; an anonymous GET of one fails
  // (AWS Knowledge Center, s3-kms-signature-version-error).
  if (meta.ServerSideEncryption === 'aws:kms' || meta.ServerSideEncryption === 'aws:kms:dsse') {
    throw new S3Error(
      400,
      'InvalidArgument',
      'Requests specifying Server Side Encryption with AWS KMS managed keys require AWS Signature Version 4.'
    );
  }
  const headers: Record<string, string> = {};
  if (meta.ContentType) headers['content-type'] = meta.ContentType;
  if (meta.CacheControl) headers['cache-control'] = meta.CacheControl;
  if (meta.ETag) headers['etag'] = meta.ETag;
  if (meta.LastModified) headers['last-modified'] = meta.LastModified.toUTCString();
  if (meta.ContentLength !== undefined) headers['content-length'] = String(meta.ContentLength);
  const body = 'Body' in meta && meta.Body ? await meta.Body.transformToByteArray() : undefined;
  return { status: 200, headers, body };
}

async function decide(s3: S3Client, gate: BucketGate, req: IncomingMessage): Promise<ObjectReply> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  }
  const { bucket, key } = parseLocation(req.url ?? '/');
  await gate.ensureBucket(bucket);
  if (await gate.publicAccessBlocked(bucket)) throw accessDenied();
  const policy = await gate.policy(bucket);
  if (anonymousDecision(policy, 's3:GetObject', `arn:aws:s3:::${bucket}/${key}`) !== 'allow') {
    throw accessDenied();
  }
  try {
    const reply = await readObject(s3, bucket, key, req.method === 'HEAD');
    const etag = reply.headers['etag'];
    if (etag && req.headers['if-none-match'] === etag) {
      return { status: 304, headers: { etag }, body: undefined };
    }
    return reply;
  } catch (err) {
    const missing =
      errorCode(err) === 'NoSuchKey' || errorCode(err) === 'NotFound' || httpStatus(err) === 404;
    if (!missing) throw err;
    if (anonymousDecision(policy, 's3:ListBucket', `arn:aws:s3:::${bucket}`) === 'allow') {
      throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
    }
    throw accessDenied();
  }
}

function sendError(res: ServerResponse, head: boolean, err: S3Error): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const extra = Object.entries(err.extra)
    .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
    .join('');
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${err.code}</Code><Message>${xmlEscape(err.message)}</Message>${extra}` +
    `<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
  const headers: Record<string, string> = {
    'content-type': 'application/xml',
    'x-amz-request-id': requestId,
    'content-length': String(Buffer.byteLength(body))
  };
  if (err.status === 405) headers['allow'] = 'GET, HEAD';
  res.writeHead(err.status, headers);
  res.end(head ? undefined : body);
}

export async function startS3Front(options: S3FrontOptions): Promise<S3Front> {
  const s3 = new S3Client({
    region: options.region,
    endpoint: options.motoEndpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
  const gate = new BucketGate(s3, options.blockByDefault ?? true);

  const server = createServer({ cert: options.cert.certPem, key: options.cert.keyPem }, (req, res) => {
    const head = req.method === 'HEAD';
    decide(s3, gate, req)
      .then((reply) => {
        res.writeHead(reply.status, reply.headers);
        res.end(head || !reply.body ? undefined : Buffer.from(reply.body));
      })
      .catch((err: unknown) => {
        if (err instanceof S3Error) return sendError(res, head, err);
        const message = err instanceof Error ? err.message : String(err);
        sendError(res, head, new S3Error(500, 'InternalError', `S3 front could not ask moto: ${message}`));
      });
  });
  const port = await listenOnLoopback(server);
  return {
    url: `https://127.0.0.1:${port}`,
    stop: async () => {
      await closeServer(server);
      s3.destroy();
    }
  };
}
