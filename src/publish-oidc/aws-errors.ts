/** The error code and HTTP status an AWS SDK v3 call failed with, read without importing the SDK. */
export function awsErrorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

export function awsHttpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return metadata?.httpStatusCode;
}

export function isAwsNotFound(error: unknown, ...names: string[]): boolean {
  return names.includes(awsErrorName(error)) || awsHttpStatus(error) === 404;
}
