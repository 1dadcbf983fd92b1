// The refusal of a guessed region that IAM's answer shows wrong: it needs IAM's error codes, so it is
// kept out of the action's main chunk, which a run failing on a missing input loads, and re-exported
// by run.ts, whose chunk the action loads anyway before it calls it.
import { partitionOfHost, partitionOfRegion } from '../aws/partitions.js';
import { UserError } from '../io/errors.js';
import { isUnknownCredentials } from './iam-errors.js';

/**
 * A guessed region's partition may not be the credentials': then IAM does not know them
 * (InvalidClientTokenId), and the error says where IAM was called, why, and to set the region.
 */
export function guessedRegionRefusal(
  error: unknown,
  region: string,
  issuerUrl: string
): UserError | undefined {
  if (!isUnknownCredentials(error)) return undefined;
  const why = partitionOfHost(new URL(issuerUrl).hostname)
    ? "the partition issuer-url's host shows"
    : "as issuer-url's host shows no partition";
  return new UserError(
    `IAM in ${region} does not know these credentials (InvalidClientTokenId). Neither AWS_REGION nor AWS_DEFAULT_REGION is set, so IAM was called in ${partitionOfRegion(region)}, ${why}; if the credentials are of another partition (aws-cn, aws-us-gov, ...), set the region (configure-aws-credentials' aws-region) to one of it.`
  );
}
