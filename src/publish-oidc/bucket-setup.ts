import { inOrder } from '../io/in-order.js';
import {
  CreateBucketCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type S3Client
} from '@aws-sdk/client-s3';
import { UserError } from '../io/errors.js';
import { awsErrorHeader, awsErrorName, awsHttpStatus, isAwsError, isAwsNotFound } from './aws-errors.js';
import type { BucketPlan, BucketState } from './bucket-plan.js';

/** Whether the bucket exists as one of `owner`'s, in `region`; a bucket elsewhere is a UserError naming the input. */
export async function bucketExists(
  s3: S3Client,
  bucket: string,
  region: string,
  owner: string,
  ownerGiven: boolean
): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: owner }));
    return true;
  } catch (error) {
    const status = awsHttpStatus(error);
    if (isAwsNotFound(error, 'NotFound', 'NoSuchBucket')) return false;
    // S3 answers a request sent to another region than the bucket's with 301 (400 for regions launched
    // after 20 March 2019), and names the bucket's region in this header either way.
    const bucketRegion = awsErrorHeader(error, 'x-amz-bucket-region');
    if ((status === 301 || status === 400) && bucketRegion && bucketRegion !== region)
      throw new UserError(
        `the bucket '${bucket}' is in ${bucketRegion}, not ${region}. Set region: ${bucketRegion}.`,
        'region'
      );
    if (status === 301 || awsErrorName(error) === 'PermanentRedirect')
      throw new UserError(
        `the bucket '${bucket}' is not in ${region}; set it to the bucket's region.`,
        'region'
      );
    // A refusal as a bucket of the account bucket-owner names is most likely that input's mistake.
    if (status === 403 && ownerGiven)
      throw new UserError(
        `S3 refused '${bucket}' as a bucket of account ${owner}: the bucket belongs to another account, ` +
          'or these credentials lack s3:ListBucket on it.',
        'bucket-owner'
      );
    if (status === 403)
      throw new UserError(
        `'${bucket}' exists but S3 refused it as a bucket of account ${owner}: it belongs to another account ` +
          '(bucket names are global; set bucket-owner to use a bucket of another account on purpose), or these ' +
          'credentials lack s3:ListBucket on it.',
        'bucket'
      );
    throw error;
  }
}

/** The bucket's policy document; undefined when it has none. */
export function readBucketPolicy(s3: S3Client, bucket: string, owner: string): Promise<string | undefined> {
  return s3.send(new GetBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: owner })).then(
    (response) => response.Policy,
    (error: unknown) => {
      if (!isAwsNotFound(error, 'NoSuchBucketPolicy')) throw error;
      return undefined;
    }
  );
}

/**
 * The bucket's settings that publishing depends on. Reads only. Every call names the account that must
 * own the bucket, so S3 refuses (403) one of another account instead of serving or accepting it.
 */
export async function readBucketState(
  s3: S3Client,
  bucket: string,
  region: string,
  manageBucket: boolean,
  owner: string,
  ownerGiven = false
): Promise<BucketState> {
  const exists = await bucketExists(s3, bucket, region, owner, ownerGiven);
  if (!exists && !manageBucket)
    throw new UserError(`'${bucket}' does not exist. Create it, or set manage-bucket: true.`, 'bucket');
  if (!exists || !manageBucket) return { exists, publicAccessBlock: undefined, policy: undefined };
  const [publicAccessBlock, policy] = await inOrder(
    s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket, ExpectedBucketOwner: owner })).then(
      (response): BucketState['publicAccessBlock'] => response.PublicAccessBlockConfiguration ?? {},
      (error: unknown) => {
        if (!isAwsNotFound(error, 'NoSuchPublicAccessBlockConfiguration')) throw error;
        return undefined;
      }
    ),
    readBucketPolicy(s3, bucket, owner)
  );
  return { exists, publicAccessBlock, policy };
}

/** Creates the bucket, then relaxes the block, then puts the policy: a public policy put under BlockPublicPolicy fails. */
export async function applyBucketPlan(
  s3: S3Client,
  bucket: string,
  region: string,
  plan: BucketPlan,
  owner: string,
  /** Told each step once S3 has answered it. */
  done: (step: string) => void = () => undefined
): Promise<void> {
  if (plan.create) {
    await s3
      .send(
        new CreateBucketCommand({
          Bucket: bucket,
          ObjectOwnership: 'BucketOwnerEnforced',
          // us-east-1 is the one region that rejects its own name as a location constraint.
          ...(region === 'us-east-1'
            ? {}
            : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } })
        })
      )
      .catch((error: unknown) => {
        // The bucket was missing when the plan was made, so one this account owns now was made by this
        // call's own first attempt (its answer lost, the SDK sent it again) or by another run at the same
        // time. Outside us-east-1 S3 refuses to create it again; either way it is the bucket to use.
        if (!isAwsError(error, 'BucketAlreadyOwnedByYou')) throw error;
      });
    done(`created the bucket ${bucket}`);
  }
  if (plan.publicAccessBlock) {
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        ExpectedBucketOwner: owner,
        PublicAccessBlockConfiguration: plan.publicAccessBlock
      })
    );
    done('relaxed BlockPublicPolicy and RestrictPublicBuckets (the ACL blocks stay on)');
  }
  if (plan.policy) {
    await s3.send(
      new PutBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: owner, Policy: plan.policy })
    );
    done("put the bucket policy's public read of the two documents");
  }
}
