/** Whether an IAM call failed with `code`, whichever way the SDK surfaces it (with or without "Exception"). */
function iamErrorIs(error: unknown, code: string): boolean {
  return error instanceof Error && (error.name === `${code}Exception` || error.name === code);
}

/** IAM's "not found" for roles, policies and providers. */
export function isNoSuchEntity(error: unknown): boolean {
  return iamErrorIs(error, 'NoSuchEntity');
}

export function isMalformedPolicy(error: unknown): boolean {
  return iamErrorIs(error, 'MalformedPolicyDocument');
}

export function isEntityAlreadyExists(error: unknown): boolean {
  return iamErrorIs(error, 'EntityAlreadyExists');
}

/** The credentials lack a permission: IAM's AccessDenied. */
export function isAccessDenied(error: unknown): boolean {
  return iamErrorIs(error, 'AccessDenied');
}

/**
 * IAM does not know the credentials' key: InvalidClientTokenId, which is also what a partition's
 * IAM answers to credentials of another partition.
 */
export function isUnknownCredentials(error: unknown): boolean {
  return iamErrorIs(error, 'InvalidClientTokenId');
}
