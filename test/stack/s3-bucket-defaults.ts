// A pass-through in front of moto that gives a new bucket what S3 gives it and moto does not: since
// April 2023 S3 creates every bucket with all four Block Public Access settings on, as the bucket's
// own configuration (GetPublicAccessBlock returns it). Without this, a bucket made by CreateBucket
// reads as having no configuration, which on AWS means a bucket whose configuration was deleted,
// and a run that resumes after creating a bucket would be judged against the wrong state.
import { PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { closeServer, listenOnLoopback } from './http-plumbing.js';
import { readBody, signedService, upstreamOptions } from './fault-proxy.js';

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
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const answer = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>(
        (resolve, reject) => {
          const upstream = httpRequest(upstreamOptions(target, req), (reply) => {
            const chunks: Buffer[] = [];
            reply.on('data', (chunk: Buffer) => chunks.push(chunk));
            reply.on('end', () =>
              resolve({
                status: reply.statusCode ?? 502,
                headers: reply.headers,
                body: Buffer.concat(chunks)
              })
            );
            reply.on('error', reject);
          });
          upstream.on('error', reject);
          upstream.end(body);
        }
      );
      const bucket = createdBucket(req);
      // Before the client hears of the bucket, as on S3, where the two are one operation.
      if (bucket && answer.status === 200)
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
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
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
