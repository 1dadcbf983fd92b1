/**
 * A mistake the user can fix: a bad input or a misconfiguration. The entry prints its message as
 * one `::error::` line; anything else is treated as a fault of the action or of a service.
 */
export class UserError extends Error {
  readonly input: string | undefined;
  /** The message without the input's name, for a caller that words the error again. */
  readonly reason: string;

  constructor(message: string, input?: string) {
    super(input ? `Input '${input}': ${message}` : message);
    this.name = 'UserError';
    this.input = input;
    this.reason = message;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** One line, whatever was thrown: annotations must not spill across lines. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * One line for a failure the action did not foresee. An AWS call's error (tagged by the client,
 * src/aws/clients.ts) says which service and call failed and the HTTP status, since the SDK's own
 * message may be just "UnknownError" or an XML parser's complaint.
 */
export function failureText(error: unknown): string {
  const call =
    typeof error === 'object' && error !== null ? (error as { awsCall?: unknown }).awsCall : undefined;
  if (typeof call !== 'string' || !(error instanceof Error)) return oneLine(error);
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  const code = typeof status === 'number' ? ` (HTTP ${status})` : '';
  return oneLine(`AWS ${call} failed: ${error.name}${code}: ${error.message}`);
}
