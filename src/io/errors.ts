/**
 * A mistake the user can fix: a bad input or a misconfiguration. The entry prints its message as
 * one `::error::` line; anything else is treated as a fault of the action or of a service.
 */
export class UserError extends Error {
  readonly input: string | undefined;

  constructor(message: string, input?: string) {
    super(input ? `Input '${input}': ${message}` : message);
    this.name = 'UserError';
    this.input = input;
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
