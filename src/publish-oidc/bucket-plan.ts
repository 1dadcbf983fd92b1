import { planBucketPolicy, type PolicyStatement } from './bucket-policy.js';

export interface PublicAccessBlock {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

export interface BucketState {
  exists: boolean;
  /** Undefined when the bucket has no public access block configuration of its own. */
  publicAccessBlock: PublicAccessBlock | undefined;
  policy: string | undefined;
}

export interface BucketPlan {
  create: boolean;
  publicAccessBlock: Required<PublicAccessBlock> | undefined;
  policy: string | undefined;
  keptStatements: number;
}

/**
 * Only the two settings that stop a public bucket policy are relaxed; the ACL settings stay as
 * they are (or on, for a new bucket), so no object can be made public by an ACL.
 */
export function planPublicAccessBlock(state: BucketState): Required<PublicAccessBlock> | undefined {
  // AWS turns all four settings on for a new bucket, so a bucket created here always needs this.
  if (!state.exists)
    return {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false
    };
  const current = state.publicAccessBlock;
  if (!current || (!current.BlockPublicPolicy && !current.RestrictPublicBuckets)) return undefined;
  return {
    BlockPublicAcls: current.BlockPublicAcls ?? false,
    IgnorePublicAcls: current.IgnorePublicAcls ?? false,
    BlockPublicPolicy: false,
    RestrictPublicBuckets: false
  };
}

export function planBucket(state: BucketState, statement: PolicyStatement): BucketPlan {
  const policy = planBucketPolicy(state.exists ? state.policy : undefined, statement);
  return {
    create: !state.exists,
    publicAccessBlock: planPublicAccessBlock(state),
    policy: policy.policy,
    keptStatements: policy.keptStatements
  };
}

export function bucketPlanChanges(plan: BucketPlan, bucket: string): string[] {
  const changes: string[] = [];
  if (plan.create) changes.push(`create bucket ${bucket}`);
  if (plan.publicAccessBlock)
    changes.push('relax BlockPublicPolicy and RestrictPublicBuckets (ACL blocks stay on)');
  if (plan.policy)
    changes.push(
      `set the bucket policy's public read of the two documents` +
        (plan.keptStatements > 0 ? ` (keeping ${plan.keptStatements} other statement(s))` : '')
    );
  return changes;
}
