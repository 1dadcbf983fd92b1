/**
 * A deadline for each AWS call as a whole. The SDK bounds each attempt (AWS_REQUEST_TIMEOUT_MS) but
 * not the call: with 8 attempts of 20 s and their backoff, one call could hold a step for minutes.
 */
import type { Client, MetadataBearer } from '@smithy/types';

/**
 * Two of the SDK's 20 s attempts and their backoff: an attempt that timed out is tried once more in
 * full, and a throttled or failing call still gets the SDK's quick retries.
 */
export const AWS_CALL_MS = 45_000;

/** A call that did not complete by its deadline; named so that callers treat it as a timeout. */
export class AwsCallTimeoutError extends Error {
  constructor(call: string, ms: number) {
    super(`${call} did not complete within ${ms / 1000} s, the SDK's retries included`);
    this.name = 'TimeoutError';
  }
}

type Send = (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;

/**
 * The client with every call aborted after `ms` (unless the caller gives its own abort signal),
 * failing as an AwsCallTimeoutError that names the service and the operation.
 */
export function boundingCalls<C extends Client<object, MetadataBearer, unknown>>(
  client: C,
  service: string,
  ms = AWS_CALL_MS
): C {
  const send = (client.send as Send).bind(client);
  const bounded: Send = async (command, options) => {
    if (options?.abortSignal) return send(command, options);
    const abortSignal = AbortSignal.timeout(ms);
    try {
      return await send(command, { ...options, abortSignal });
    } catch (error) {
      if (!abortSignal.aborted) throw error;
      // namingFailedCalls tags the error with the operation's name as the SDK knows it.
      const tagged = (error as { awsCall?: unknown } | null)?.awsCall;
      const operation = (command as { constructor: { name: string } }).constructor.name.replace(
        /Command$/,
        ''
      );
      throw new AwsCallTimeoutError(typeof tagged === 'string' ? tagged : `${service} ${operation}`, ms);
    }
  };
  return Object.assign(client, { send: bounded });
}
