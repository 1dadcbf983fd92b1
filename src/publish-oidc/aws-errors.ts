/** The error code and HTTP status an AWS SDK v3 call failed with, read without importing the SDK. */
export function awsErrorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/** Whether a call failed with AWS error `code`, whichever way the SDK names it (with or without "Exception"). */
export function isAwsError(error: unknown, code: string): boolean {
  const name = awsErrorName(error);
  return name === code || name === `${code}Exception`;
}

export function awsHttpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return metadata?.httpStatusCode;
}

export function isAwsNotFound(error: unknown, ...names: string[]): boolean {
  return names.includes(awsErrorName(error)) || awsHttpStatus(error) === 404;
}

/** A response header of the answer an AWS SDK v3 call failed with (the SDK keeps it as $response). */
export function awsErrorHeader(error: unknown, name: string): string | undefined {
  if (typeof error !== 'object' || error === null || !('$response' in error)) return undefined;
  const headers = (error as { $response?: { headers?: Record<string, string | undefined> } }).$response
    ?.headers;
  return headers?.[name];
}
