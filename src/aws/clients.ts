import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Client, MetadataBearer } from '@smithy/types';
import { UserError } from '../io/errors.js';

export type AwsService = 'S3' | 'IAM' | 'STS';

export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  retryMode: 'adaptive';
  maxAttempts: number;
  requestHandler: {
    requestTimeout: number;
    throwOnRequestTimeout: true;
    socketTimeout: number;
    connectionTimeout: number;
    httpAgent?: HttpAgent;
    httpsAgent?: HttpsAgent;
  };
}

// The SDK waits for an answer without limit; a request that hangs (a proxy, a half-open connection)
// would hang the step until the job's timeout. With these, it fails as a TimeoutError and is retried.
export const AWS_REQUEST_TIMEOUT_MS = 20_000;
export const AWS_CONNECT_TIMEOUT_MS = 5_000;

/** Region from the input, then the variables the AWS SDKs and CLI read. */
export function resolveRegion(
  input: string | undefined,
  env: NodeJS.ProcessEnv,
  inputName = 'region'
): string {
  const region = input || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) throw new UserError('is not set and neither AWS_REGION nor AWS_DEFAULT_REGION is.', inputName);
  // Two letters, or four for the European Sovereign Cloud's eusc-de-east-1.
  if (!/^[a-z]{2}(?:[a-z]{2})?(-[a-z]+)+-\d+$/.test(region))
    throw new UserError(`'${region}' is not an AWS region.`, inputName);
  return region;
}

/**
 * The standard endpoint variables (AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, unless
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true), read here
 * rather than left to the SDK so that S3 can switch to path-style addressing when they are set:
 * emulators and proxies do not resolve BUCKET.host names.
 */
export function endpointFor(service: AwsService, env: NodeJS.ProcessEnv): string | undefined {
  // As the SDKs read it: exactly "true" turns the variables off, and AWS's own endpoints stand.
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  return env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL || undefined;
}

export function clientConfig(
  service: AwsService,
  region: string,
  env: NodeJS.ProcessEnv,
  requestTimeoutMs = AWS_REQUEST_TIMEOUT_MS
): AwsClientConfig {
  const endpoint = endpointFor(service, env);
  const config: AwsClientConfig = {
    region,
    retryMode: 'adaptive',
    maxAttempts: 8,
    // Without throwOnRequestTimeout, this SDK only logs a warning when requestTimeout passes.
    // requestTimeout ends with the answer's headers; socketTimeout, an idle timeout, also bounds a
    // body that stops coming on a connection left open, which would otherwise hold the call for ever.
    requestHandler: {
      requestTimeout: requestTimeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: requestTimeoutMs,
      connectionTimeout: AWS_CONNECT_TIMEOUT_MS
    }
  };
  if (endpoint) config.endpoint = endpoint;
  if (service === 'S3' && endpoint) config.forcePathStyle = true;
  return config;
}

/**
 * Tags each failed call's error with the service and operation ("IAM GetRole"), which the SDK's
 * error does not carry, so that an unforeseen failure can say which call it was (failureText).
 */
export function namingFailedCalls<C extends Client<object, MetadataBearer, unknown>>(
  client: C,
  service: AwsService
): C {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (typeof error === 'object' && error !== null && !('awsCall' in error))
          Object.defineProperty(error, 'awsCall', {
            value: `${service} ${String(context.commandName ?? 'call').replace(/Command$/, '')}`,
            enumerable: false
          });
        throw error;
      }
    },
    { step: 'initialize', name: 'talosIrsaNamedCall' }
  );
  return client;
}

/** Counts the AWS calls a run makes, split into reads and writes, for the summary and the benchmark. */
export class RequestCounter {
  readonly reads = new Map<string, number>();
  readonly writes = new Map<string, number>();

  record(command: string): void {
    const bucket = /^(Get|List|Head|Describe)/.test(command) ? this.reads : this.writes;
    bucket.set(command, (bucket.get(command) ?? 0) + 1);
  }

  get readCount(): number {
    return [...this.reads.values()].reduce((a, b) => a + b, 0);
  }

  get writeCount(): number {
    return [...this.writes.values()].reduce((a, b) => a + b, 0);
  }

  // Counted once per command (not per retry attempt): the benchmark asks how many calls a run needs.
  attach<C extends Client<object, MetadataBearer, unknown>>(client: C): C {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        this.record(String(context.commandName ?? 'Unknown').replace(/Command$/, ''));
        return next(args);
      },
      { step: 'initialize', name: 'talosIrsaRequestCounter' }
    );
    return client;
  }
}
