// The S3 front serves a bucket to anonymous callers exactly as far as its public access block
// and bucket policy allow, and serves the bucket's own objects, never moto's stand-ins.
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3';
import { anonymousDecision } from './stack/s3-front.js';
import { createdBucket, misdirectedAnswer } from './stack/s3-bucket-defaults.js';
import {
  DISCOVERY_KEY,
  JWKS_KEY,
  OTHER_ACCOUNT,
  otherAccountS3,
  publicReadPolicy,
  publishIssuer,
  relaxPublicAccessBlock,
  STACK_ACCOUNT,
  stackClients,
  uniqueName,
  type PublishedIssuer
} from './stack/oidc-fixture.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// The CA is passed explicitly: NODE_EXTRA_CA_CERTS only takes effect in processes started
// after global setup set it, and Jest may run this file in its own process.
function anonymous(url: string, method = 'GET'): Promise<Answer> {
  const ca = readFileSync(process.env['TALOS_IRSA_TEST_CA'] ?? '', 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const front = (): string => process.env['TALOS_IRSA_S3_PUBLIC_URL'] ?? '';

async function bucketWith(s3: S3Client, keys: Record<string, string>): Promise<string> {
  const bucket = uniqueName('irsa-front-test');
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const [key, body] of Object.entries(keys)) {
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' })
    );
  }
  return bucket;
}

describe('S3 front, anonymous GET', () => {
  let published: PublishedIssuer;
  const { s3 } = stackClients();

  beforeAll(async () => {
    published = await publishIssuer();
  });

  test('the discovery document is readable with its content type and caching headers', async () => {
    const answer = await anonymous(`${published.issuer}/${DISCOVERY_KEY}`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual(published.discovery);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['cache-control']).toBe('max-age=300');
    expect(answer.headers['etag']).toMatch(/^"[0-9a-f]+"$/);
    expect(answer.headers['last-modified']).toMatch(/GMT$/);
  });

  test("the JWKS at /.well-known/jwks.json is the bucket's, not moto's Cognito keys", async () => {
    const answer = await anonymous(`${published.issuer}/${JWKS_KEY}`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual(published.jwks);
  });

  test('HEAD answers the headers without a body', async () => {
    const answer = await anonymous(`${published.issuer}/${JWKS_KEY}`, 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.headers['etag']).toBeDefined();
    expect(answer.body).toBe('');
  });

  test('another object in the same bucket is AccessDenied', async () => {
    const answer = await anonymous(`${published.issuer}/private.txt`);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('<Code>AccessDenied</Code>');
  });

  test('a method other than GET or HEAD is refused', async () => {
    const answer = await anonymous(`${published.issuer}/${JWKS_KEY}`, 'PUT');
    expect(answer.status).toBe(405);
    expect(answer.body).toContain('<Code>MethodNotAllowed</Code>');
  });

  test('a bucket that does not exist is NoSuchBucket', async () => {
    const answer = await anonymous(`${front()}/${uniqueName('irsa-absent')}/${DISCOVERY_KEY}`);
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('<Code>NoSuchBucket</Code>');
  });

  test('a public policy is blocked while the public access block is on', async () => {
    const bucket = await bucketWith(s3, { [DISCOVERY_KEY]: '{}' });
    await s3.send(
      new PutBucketPolicyCommand({ Bucket: bucket, Policy: publicReadPolicy(bucket, [DISCOVERY_KEY]) })
    );
    // A new bucket has S3's own configuration, all four settings on.
    expect((await anonymous(`${front()}/${bucket}/${DISCOVERY_KEY}`)).status).toBe(403);
    await relaxPublicAccessBlock(s3, bucket);
    expect((await anonymous(`${front()}/${bucket}/${DISCOVERY_KEY}`)).status).toBe(200);
  });

  test("a new bucket carries S3's Block Public Access configuration; one deleted leaves the policy in force", async () => {
    const bucket = await bucketWith(s3, { [DISCOVERY_KEY]: '{}' });
    const created = await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
    expect(created.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true
    });
    await s3.send(
      new PutBucketPolicyCommand({ Bucket: bucket, Policy: publicReadPolicy(bucket, [DISCOVERY_KEY]) })
    );
    expect((await anonymous(`${front()}/${bucket}/${DISCOVERY_KEY}`)).status).toBe(403);
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
    expect((await anonymous(`${front()}/${bucket}/${DISCOVERY_KEY}`)).status).toBe(200);
  });

  test('only a path-style CreateBucket is taken for one', () => {
    const signed = {
      authorization:
        'AWS4-HMAC-SHA256 Credential=testing/20261129/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0'
    };
    expect(createdBucket({ method: 'PUT', url: '/b1', headers: signed })).toBe('b1');
    expect(createdBucket({ method: 'PUT', url: '/b1/', headers: signed })).toBe('b1');
    expect(createdBucket({ method: 'PUT', url: '/b1?policy=', headers: signed })).toBeUndefined();
    expect(createdBucket({ method: 'PUT', url: '/b1/key', headers: signed })).toBeUndefined();
    expect(createdBucket({ method: 'GET', url: '/b1', headers: signed })).toBeUndefined();
    const iamSigned = { authorization: signed.authorization.replace('/s3/', '/iam/') };
    expect(createdBucket({ method: 'PUT', url: '/b1', headers: iamSigned })).toBeUndefined();
  });

  test("a request sent to another region than the bucket's is redirected (301) or refused (400), naming its region", async () => {
    const clientIn = (region: string) =>
      new S3Client({
        region,
        endpoint: process.env['AWS_ENDPOINT_URL'],
        forcePathStyle: true,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
      });
    const [home, elsewhere, optIn] = ['eu-west-1', 'us-east-1', 'af-south-1'].map(clientIn);
    const bucket = uniqueName('irsa-front-region');
    try {
      await home?.send(
        new CreateBucketCommand({
          Bucket: bucket,
          CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' }
        })
      );
      expect((await home?.send(new HeadBucketCommand({ Bucket: bucket })))?.BucketRegion).toBe('eu-west-1');
      for (const [client, status] of [
        [elsewhere, 301],
        [optIn, 400]
      ] as const) {
        const refused = await client?.send(new HeadBucketCommand({ Bucket: bucket })).then(
          () => undefined,
          (error: {
            $metadata?: { httpStatusCode?: number };
            $response?: { headers: Record<string, string> };
          }) => error
        );
        expect(refused?.$metadata?.httpStatusCode).toBe(status);
        expect(refused?.$response?.headers['x-amz-bucket-region']).toBe('eu-west-1');
      }
    } finally {
      for (const client of [home, elsewhere, optIn]) client?.destroy();
    }
    const redirect = misdirectedAnswer('b1', 'eu-west-1', 'us-east-1', 'GET');
    expect(redirect.body).toContain('<Code>PermanentRedirect</Code>');
    expect(redirect.body).toContain('<Endpoint>b1.s3.eu-west-1.amazonaws.com</Endpoint>');
    expect(misdirectedAnswer('b1', 'eu-west-1', 'me-south-1', 'HEAD')).toMatchObject({
      status: 400,
      body: ''
    });
  });

  test("a request that expects another owner than the bucket's is AccessDenied", async () => {
    const theirs = await otherAccountS3();
    const bucket = uniqueName('irsa-front-owner');
    try {
      await theirs.send(new CreateBucketCommand({ Bucket: bucket }));
    } finally {
      theirs.destroy();
    }
    const status = (owner: string) =>
      s3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: owner })).then(
        (answer) => answer.$metadata.httpStatusCode,
        (error: { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode
      );
    expect(await status(STACK_ACCOUNT)).toBe(403);
    expect(await status(OTHER_ACCOUNT)).toBe(200);
    const put = await s3
      .send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'x', ExpectedBucketOwner: STACK_ACCOUNT }))
      .catch((error: { name: string }) => error.name);
    expect(put).toBe('AccessDenied');
  });

  test('an object encrypted with SSE-KMS cannot be read anonymously', async () => {
    const bucket = await bucketWith(s3, {});
    await relaxPublicAccessBlock(s3, bucket);
    await s3.send(
      new PutBucketPolicyCommand({ Bucket: bucket, Policy: publicReadPolicy(bucket, [DISCOVERY_KEY]) })
    );
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }]
        }
      })
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: DISCOVERY_KEY,
        Body: '{}',
        ContentType: 'application/json'
      })
    );
    const answer = await anonymous(`${front()}/${bucket}/${DISCOVERY_KEY}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>InvalidArgument</Code>');
    expect((await anonymous(`${front()}/${bucket}/${DISCOVERY_KEY}`, 'HEAD')).status).toBe(400);
  });

  test('a missing key is AccessDenied unless the policy also grants ListBucket', async () => {
    const bucket = await bucketWith(s3, {});
    await relaxPublicAccessBlock(s3, bucket);
    const url = `${front()}/${bucket}/${DISCOVERY_KEY}`;
    await s3.send(
      new PutBucketPolicyCommand({ Bucket: bucket, Policy: publicReadPolicy(bucket, [DISCOVERY_KEY]) })
    );
    expect((await anonymous(url)).body).toContain('<Code>AccessDenied</Code>');

    const listable = JSON.parse(publicReadPolicy(bucket, [DISCOVERY_KEY])) as { Statement: object[] };
    listable.Statement.push({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:ListBucket',
      Resource: `arn:aws:s3:::${bucket}`
    });
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(listable) }));
    const answer = await anonymous(url);
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('<Code>NoSuchKey</Code>');
  });
});

describe('anonymous bucket policy evaluation', () => {
  const arn = 'arn:aws:s3:::b/.well-known/jwks.json';
  const policy = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
  const allowAll = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };

  test('Principal * and {"AWS": "*"} both name anonymous callers; a specific account does not', () => {
    expect(anonymousDecision(policy(allowAll), 's3:GetObject', arn)).toBe('allow');
    expect(anonymousDecision(policy({ ...allowAll, Principal: { AWS: ['*'] } }), 's3:GetObject', arn)).toBe(
      'allow'
    );
    const account = { ...allowAll, Principal: { AWS: 'arn:aws:iam::123456789012:root' } };
    expect(anonymousDecision(policy(account), 's3:GetObject', arn)).toBe('none');
  });

  test('Resource wildcards match with * and ?, exactly otherwise', () => {
    const exact = { ...allowAll, Resource: ['arn:aws:s3:::b/.well-known/openid-configuration'] };
    expect(anonymousDecision(policy(exact), 's3:GetObject', arn)).toBe('none');
    const single = { ...allowAll, Resource: 'arn:aws:s3:::?/.well-known/jwks.json' };
    expect(anonymousDecision(policy(single), 's3:GetObject', arn)).toBe('allow');
  });

  test('a matching Deny wins over an Allow', () => {
    const deny = { ...allowAll, Effect: 'Deny', Resource: arn };
    expect(anonymousDecision(policy(allowAll, deny), 's3:GetObject', arn)).toBe('deny');
  });

  test('an Allow whose Condition the front cannot decide does not grant; aws:SecureTransport is true', () => {
    const sourceIp = { ...allowAll, Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } };
    expect(anonymousDecision(policy(sourceIp), 's3:GetObject', arn)).toBe('none');
    const tls = { ...allowAll, Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    expect(anonymousDecision(policy(tls), 's3:GetObject', arn)).toBe('allow');
  });

  test('a Deny applies whenever it might on AWS: NotPrincipal, NotAction, NotResource, undecidable conditions', () => {
    const deny = (fields: object) => policy(allowAll, { Effect: 'Deny', ...fields });
    const decide = (fields: object) => anonymousDecision(deny(fields), 's3:GetObject', arn);
    const owner = { AWS: 'arn:aws:iam::123456789012:root' };
    expect(decide({ NotPrincipal: owner, Action: 's3:*', Resource: 'arn:aws:s3:::b/*' })).toBe('deny');
    expect(decide({ Principal: '*', NotAction: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' })).toBe('deny');
    expect(decide({ Principal: '*', Action: 's3:*', NotResource: 'arn:aws:s3:::b/public/*' })).toBe('deny');
    const notFromVpce = { StringNotEquals: { 'aws:SourceVpce': 'vpce-1234' } };
    expect(
      decide({ Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: notFromVpce })
    ).toBe('deny');
    // the common "deny plain HTTP" statement does not apply to a read over HTTPS
    const plainHttp = { Bool: { 'aws:SecureTransport': 'false' } };
    expect(
      decide({ Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: plainHttp })
    ).toBe('allow');
    // a Deny for a named principal only does not touch anonymous callers
    expect(decide({ Principal: owner, Action: 's3:*', Resource: 'arn:aws:s3:::b/*' })).toBe('allow');
  });

  test('actions match case-insensitively and with wildcards', () => {
    expect(anonymousDecision(policy({ ...allowAll, Action: 's3:get*' }), 's3:GetObject', arn)).toBe('allow');
    expect(anonymousDecision(policy({ ...allowAll, Action: 's3:PutObject' }), 's3:GetObject', arn)).toBe(
      'none'
    );
  });
});
