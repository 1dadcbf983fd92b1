/** IAM's "not found" for roles, policies and providers, whichever way the SDK surfaces it. */
export function isNoSuchEntity(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NoSuchEntityException' || error.name === 'NoSuchEntity');
}

export function isMalformedPolicy(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'MalformedPolicyDocumentException' || error.name === 'MalformedPolicyDocument')
  );
}

export function isEntityAlreadyExists(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'EntityAlreadyExistsException' || error.name === 'EntityAlreadyExists')
  );
}
