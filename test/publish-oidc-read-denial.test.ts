// publish-oidc's S3 read answered 403: a bucket policy's explicit Deny is as likely a cause as a missing
// s3:GetObject/s3:ListBucket, and the error says which. moto enforces neither IAM nor bucket policies on
// signed requests (only with INITIAL_NO_AUTH_ACTION_COUNT, and then IAM's alone), so S3's 403 is played here.
import { describe, expect, it } from '@jest/globals';
import type { S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../src/io/errors.js';
import { readPublishedObject } from '../src/publish-oidc/published-objects.js';

const BUCKET = 'oidc-docs';
const KEY = 'prod/.well-known/openid-configuration';

function awsError(name: string, status: number): Error {
  return Object.assign(new Error(`${name} (test)`), { name, $metadata: { httpStatusCode: status } });
}

/** GetObject refused with 403; GetBucketPolicy answers `policy` (an object), or fails with the error given. */
function s3With(policy: object | Error | undefined): S3Client {
  const send = async (command: { constructor: { name: string } }): Promise<unknown> => {
    const name = command.constructor.name;
    if (name === 'GetObjectCommand') throw awsError('AccessDenied', 403);
    if (name === 'GetBucketPolicyCommand') {
      if (policy instanceof Error) throw policy;
      if (policy === undefined) throw awsError('NoSuchBucketPolicy', 404);
      return { Policy: JSON.stringify(policy) };
    }
    throw new Error(`unexpected ${name}`);
  };
  return { send } as unknown as S3Client;
}

async function refusal(policy: object | Error | undefined): Promise<string> {
  const error = await readPublishedObject(s3With(policy), BUCKET, KEY, '123456789012').then(
    () => undefined,
    (thrown: unknown) => thrown
  );
  expect(error).toBeInstanceOf(UserError);
  return (error as Error).message;
}

const allowPublic = {
  Sid: 'PublicRead',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: `arn:aws:s3:::${BUCKET}/prod/*`
};

describe('an S3 read refused with 403', () => {
  it('names the Sid of a Deny statement that covers s3:GetObject on the object, and says it overrides any Allow', async () => {
    const message = await refusal({
      Version: '2012-10-17',
      Statement: [
        allowPublic,
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } }
        }
      ]
    });
    expect(message).toContain(`S3 refused to read s3://${BUCKET}/${KEY} (403)`);
    expect(message).toContain("statement 'DenyInsecureTransport'");
    expect(message).toContain('Bool aws:SecureTransport');
    expect(message).toMatch(/explicit Deny/);
  });

  it('names a Deny statement without a Sid by its place in the policy', async () => {
    const message = await refusal({
      Statement: [
        allowPublic,
        {
          Effect: 'Deny',
          Principal: { AWS: 'arn:aws:iam::123456789012:role/ci' },
          Action: ['s3:Get*'],
          Resource: `arn:aws:s3:::${BUCKET}/*`
        }
      ]
    });
    expect(message).toContain('statement 2 (no Sid)');
    expect(message).not.toContain("statement 'PublicRead'");
  });

  it('blames the permissions when the policy it could read denies nothing on the object', async () => {
    const message = await refusal({
      Statement: [
        allowPublic,
        {
          Sid: 'DenyOtherPrefix',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::${BUCKET}/staging/*`
        },
        {
          Sid: 'DenyDeletes',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:DeleteObject',
          Resource: `arn:aws:s3:::${BUCKET}/*`
        }
      ]
    });
    expect(message).toContain(
      "the credentials need s3:GetObject on the bucket's objects and s3:ListBucket on the bucket"
    );
    expect(message).not.toContain('DenyOtherPrefix');
    expect(message).not.toContain('DenyDeletes');
    expect(await refusal(undefined)).toContain('the credentials need s3:GetObject');
  });

  it('says both causes are possible when the bucket policy cannot be read', async () => {
    const message = await refusal(awsError('AccessDenied', 403));
    expect(message).toContain('s3:GetObject');
    expect(message).toContain('s3:ListBucket');
    expect(message).toMatch(/explicit Deny in the bucket policy/);
    expect(message).toContain('s3:GetBucketPolicy');
  });
});
