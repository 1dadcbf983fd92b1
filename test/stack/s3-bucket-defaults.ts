// A pass-through in front of moto that does two things S3 does and moto does not.
// - Since April 2023 S3 creates every bucket with all four Block Public Access settings on, as the
//   bucket's own configuration (GetPublicAccessBlock returns it). Without this, a bucket made by
//   CreateBucket reads as having no configuration, which on AWS means a bucket whose configuration
//   was deleted, and a run that resumes after creating a bucket would be judged against the wrong state.
// - S3 answers a request sent to another region than its bucket's with 301 PermanentRedirect, or
//   with 400 when the request went to a region launched after 20 March 2019, and names the bucket's
//   region in x-amz-bucket-region (S3 API Reference: Request routing; HeadBucket). moto serves any
//   bucket from any region, so a wrong region input would pass here and fail on AWS.
// - S3 refuses (403 AccessDenied) a request whose x-amz-expected-bucket-owner names another account
//   than the bucket's (S3 User Guide: Verifying bucket ownership with bucket owner condition); moto
//   ignores the header.
// Only buckets made through this pass-through are checked: their region and owner (the account of
// the credentials that made them, as moto's GetCallerIdentity tells) are learnt when they are created.
import { HeadBucketCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, xmlEscape } from './http-plumbing.js';
import { askUpstream, readBody, signedService } from './fault-proxy.js';

export interface S3BucketDefaults {
  url: string;
  stop(): Promise<void>;
}

/** The bucket a path-style CreateBucket names (PUT /bucket with no query), else undefined. */
export function createdBucket(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): string | undefined {
  if (req.method !== 'PUT' || signedService(req.headers, req.url ?? '/') !== 's3') return undefined;
  const url = new URL(req.url ?? '/', 'http://moto');
  if (url.search !== '') return undefined;
  return /^\/([^/]+)\/?$/.exec(url.pathname)?.[1];
}

/** A request on the bucket itself (PUT or DELETE /bucket with no query), not on a key or subresource. */
function isBucketPath(req: Pick<IncomingMessage, 'url'>): boolean {
  const url = new URL(req.url ?? '/', 'http://moto');
  return url.search === '' && /^\/[^/]+\/?$/.test(url.pathname);
}

/** The region a request was signed for: Credential=AKID/DATE/REGION/SERVICE/aws4_request. */
export function signedRegion(req: Pick<IncomingMessage, 'url' | 'headers'>): string | undefined {
  const auth = String(req.headers.authorization ?? '');
  const scope =
    /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth)?.[1] ??
    new URL(req.url ?? '/', 'http://moto').searchParams.get('X-Amz-Credential')?.split('/')[2];
  return scope || undefined;
}

/** The bucket a path-style S3 request names, if any. */
function requestBucket(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): string | undefined {
  if (signedService(req.headers, req.url ?? '/') !== 's3') return undefined;
  const segment = /^\/([^/?]+)/.exec(new URL(req.url ?? '/', 'http://moto').pathname)?.[1];
  return segment ? decodeURIComponent(segment) : undefined;
}

// The opt-in regions: those launched after 20 March 2019 (AWS Account Management, "Enable or disable
// AWS Regions in your account"), where S3 answers a misdirected request with 400 instead of 301.
const OPT_IN_REGIONS = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1'
]);

/** The access key a request was signed with, and its session token if any. */
function signingKey(
  req: Pick<IncomingMessage, 'url' | 'headers'>
): { id: string; token?: string } | undefined {
  const auth = String(req.headers.authorization ?? '');
  const id =
    /Credential=([^/]+)\//.exec(auth)?.[1] ??
    new URL(req.url ?? '/', 'http://moto').searchParams.get('X-Amz-Credential')?.split('/')[0];
  if (!id) return undefined;
  const token = req.headers['x-amz-security-token'];
  return typeof token === 'string' ? { id, token } : { id };
}

/** An answer the pass-through gives in S3's place, without asking moto. */
export interface Refusal {
  status: 301 | 400 | 403;
  headers: Record<string, string>;
  body: string;
}

/** S3's answer to a request for `bucket` (in `bucketRegion`) that was sent to `requestRegion`. */
export function misdirectedAnswer(
  bucket: string,
  bucketRegion: string,
  requestRegion: string,
  method: string | undefined
): Refusal {
  const status = OPT_IN_REGIONS.has(requestRegion) ? 400 : 301;
  const error =
    status === 301
      ? '<Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed ' +
        'using the specified endpoint. Please send all future requests to this endpoint.</Message>' +
        `<Endpoint>${xmlEscape(`${bucket}.s3.${bucketRegion}.amazonaws.com`)}</Endpoint>` +
        `<Bucket>${xmlEscape(bucket)}</Bucket>`
      : '<Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is malformed; the region ' +
        `'${xmlEscape(requestRegion)}' is wrong; expecting '${xmlEscape(bucketRegion)}'</Message>` +
        `<Region>${xmlEscape(bucketRegion)}</Region>`;
  // A HEAD answer has no body, so the header is all a client can learn the region from.
  const body = method === 'HEAD' ? '' : `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${error}</Error>`;
  return {
    status,
    headers: {
      'x-amz-bucket-region': bucketRegion,
      'content-type': 'application/xml',
      'content-length': String(Buffer.byteLength(body))
    },
    body
  };
}

/** S3's refusal of a request whose expected bucket owner is not the bucket's. */
export function notTheOwnerAnswer(method: string | undefined): Refusal {
  const body =
    method === 'HEAD'
      ? ''
      : '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';
  return {
    status: 403,
    headers: { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(body)) },
    body
  };
}

function answer(res: ServerResponse, reply: Refusal): void {
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

export async function startS3BucketDefaults(options: {
  motoEndpoint: string;
  region: string;
}): Promise<S3BucketDefaults> {
  const target = new URL(options.motoEndpoint);
  const s3 = new S3Client({
    region: options.region,
    endpoint: options.motoEndpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
  // Each bucket's region and owner as moto holds them, for the buckets made through here.
  const regions = new Map<string, string>();
  const owners = new Map<string, string>();
  // moto does not check signatures, so the access key (and session token) name the account alone.
  const accountOf = async (key: { id: string; token?: string }): Promise<string | undefined> => {
    const sts = new STSClient({
      region: options.region,
      endpoint: options.motoEndpoint,
      credentials: { accessKeyId: key.id, secretAccessKey: 'unchecked', sessionToken: key.token }
    });
    try {
      return (await sts.send(new GetCallerIdentityCommand({}))).Account;
    } finally {
      sts.destroy();
    }
  };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const named = requestBucket(req);
      const bucketRegion = named === undefined ? undefined : regions.get(named);
      const requestRegion = signedRegion(req);
      if (
        named !== undefined &&
        bucketRegion !== undefined &&
        requestRegion !== undefined &&
        requestRegion !== bucketRegion &&
        createdBucket(req) === undefined
      )
        return answer(res, misdirectedAnswer(named, bucketRegion, requestRegion, req.method));
      const expectedOwner = req.headers['x-amz-expected-bucket-owner'];
      const owner = named === undefined ? undefined : owners.get(named);
      if (typeof expectedOwner === 'string' && owner !== undefined && expectedOwner !== owner)
        return answer(res, notTheOwnerAnswer(req.method));
      const upstreamAnswer = await askUpstream(target, req, body);
      const bucket = createdBucket(req);
      // Before the client hears of the bucket, as on S3, where the two are one operation.
      if (bucket && upstreamAnswer.status === 200) {
        await s3.send(
          new PutPublicAccessBlockCommand({
            Bucket: bucket,
            PublicAccessBlockConfiguration: {
              BlockPublicAcls: true,
              IgnorePublicAcls: true,
              BlockPublicPolicy: true,
              RestrictPublicBuckets: true
            }
          })
        );
        const { BucketRegion } = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
        if (BucketRegion) regions.set(bucket, BucketRegion);
        const key = signingKey(req);
        const account = key && (await accountOf(key));
        if (account) owners.set(bucket, account);
      }
      if (
        named !== undefined &&
        req.method === 'DELETE' &&
        isBucketPath(req) &&
        upstreamAnswer.status === 204
      ) {
        regions.delete(named);
        owners.delete(named);
      }
      res.writeHead(upstreamAnswer.status, upstreamAnswer.headers);
      res.end(upstreamAnswer.body);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`s3-bucket-defaults: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      s3.destroy();
      await closeServer(server);
    }
  };
}
