// Test fixture for the stack's own tests: a self-made issuer published the way the product
// publishes one (discovery + JWKS in a bucket, public GET on exactly those two objects, an
// IAM OIDC provider for the S3 front URL), with the key to sign tokens for it.
import { randomBytes } from 'node:crypto';
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  IAMClient,
  type CreateOpenIDConnectProviderCommandOutput
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

export const DISCOVERY_KEY = '.well-known/openid-configuration';
export const JWKS_KEY = '.well-known/jwks.json';

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the tests through Jest's global setup (npm run test:jest)`);
  return value;
}

export function stackClients(): { s3: S3Client; iam: IAMClient } {
  const common = {
    region: required('AWS_REGION'),
    endpoint: required('AWS_ENDPOINT_URL'),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  };
  return { s3: new S3Client({ ...common, forcePathStyle: true }), iam: new IAMClient(common) };
}

/** The account of the stack's own credentials ('testing'), moto's default. */
export const STACK_ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '111111111111';

/**
 * An S3 client with credentials of another account than the stack's, from moto's AssumeRole into a role
 * of that account (moto keeps one set of resources per account); buckets it makes belong to that account.
 */
export async function otherAccountS3(account = OTHER_ACCOUNT): Promise<S3Client> {
  const common = {
    region: required('AWS_REGION'),
    endpoint: required('AWS_ENDPOINT_URL')
  };
  const sts = new STSClient({
    ...common,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
  try {
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${account}:role/bucket-maker`,
        RoleSessionName: 'other'
      })
    );
    return new S3Client({
      ...common,
      forcePathStyle: true,
      credentials: {
        accessKeyId: Credentials?.AccessKeyId ?? '',
        secretAccessKey: Credentials?.SecretAccessKey ?? '',
        sessionToken: Credentials?.SessionToken ?? ''
      }
    });
  } finally {
    sts.destroy();
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export function publicReadPolicy(bucket: string, keys: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PublicOidcDiscovery',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: keys.map((k) => `arn:aws:s3:::${bucket}/${k}`)
      }
    ]
  });
}

export async function relaxPublicAccessBlock(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false
      }
    })
  );
}

export interface PublishedIssuer {
  bucket: string;
  issuer: string;
  /** The issuer without https://: the IAM provider's URL and the trust condition key prefix. */
  hostPath: string;
  providerArn: string;
  kid: string;
  jwks: { keys: object[] };
  discovery: Record<string, unknown>;
  sign(
    claims: JWTPayload,
    options?: { kid?: string; key?: CryptoKey; expiresIn?: string | number }
  ): Promise<string>;
}

export async function createOidcProvider(iam: IAMClient, issuer: string): Promise<string> {
  const out: CreateOpenIDConnectProviderCommandOutput = await iam.send(
    new CreateOpenIDConnectProviderCommand({
      Url: issuer,
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: ['0'.repeat(40)]
    })
  );
  if (!out.OpenIDConnectProviderArn) throw new Error('moto returned no provider ARN');
  return out.OpenIDConnectProviderArn;
}

export async function publishIssuer(): Promise<PublishedIssuer> {
  const { s3, iam } = stackClients();
  const bucket = uniqueName('irsa-stack-test');
  const issuer = `${required('TALOS_IRSA_S3_PUBLIC_URL')}/${bucket}`;
  const kid = uniqueName('kid');
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  const discovery = {
    issuer,
    jwks_uri: `${issuer}/${JWKS_KEY}`,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256']
  };

  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const [key, doc] of [
    [DISCOVERY_KEY, discovery],
    [JWKS_KEY, jwks]
  ] as const) {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: JSON.stringify(doc),
        ContentType: 'application/json',
        CacheControl: 'max-age=300'
      })
    );
  }
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'private.txt', Body: 'not for you' }));
  await relaxPublicAccessBlock(s3, bucket);
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: bucket,
      Policy: publicReadPolicy(bucket, [DISCOVERY_KEY, JWKS_KEY])
    })
  );
  const providerArn = await createOidcProvider(iam, issuer);

  return {
    bucket,
    issuer,
    hostPath: issuer.replace(/^https:\/\//, ''),
    providerArn,
    kid,
    jwks,
    discovery,
    sign: (claims, options = {}) =>
      new SignJWT({ iss: issuer, aud: ['sts.amazonaws.com'], ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? kid })
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '1h')
        .sign(options.key ?? privateKey)
  };
}

export function irsaTrustPolicy(providerArn: string, hostPath: string, subject: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${hostPath}:sub`]: subject, [`${hostPath}:aud`]: 'sts.amazonaws.com' }
        }
      }
    ]
  });
}

export async function createRole(
  iam: IAMClient,
  name: string,
  trustPolicy: string,
  path?: string
): Promise<string> {
  const out = await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: trustPolicy,
      ...(path === undefined ? {} : { Path: path })
    })
  );
  if (!out.Role?.Arn) throw new Error('moto returned no role ARN');
  return out.Role.Arn;
}
