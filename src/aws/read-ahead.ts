// A run's first AWS call, sent while the AWS SDK is still loading. Importing the SDK takes 50–60 ms
// on Node 24 (V8 compiling and running ~1.2 MB of JavaScript) before it can send anything, and the
// first call's round trip then comes on top. The call is known from the inputs alone, so it is signed
// with environment credentials (aws4, a small SigV4 library) and sent at once; the SDK, once loaded,
// is given the answer when it makes the very same call (same endpoint, parameters, credentials and
// signing region), and parses, retries and reports it as its own. Anything that differs, and a
// failure of the early call before it was sent, leaves the SDK to send the call itself; a failure
// once it was sent is the SDK's first attempt, which it retries as its own. The answer it gets is
// never another request's, and IAM gets no more requests than the SDK's attempts.
import { existsSync } from 'node:fs';
import type { Agent as HttpAgent, ClientRequest, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { homedir } from 'node:os';
import { join, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { Client, MetadataBearer } from '@smithy/types';
import aws4 from 'aws4';
import { isRecord } from '../json/shape.js';
import { AWS_CONNECT_TIMEOUT_MS, AWS_REQUEST_TIMEOUT_MS, endpointFor } from './clients.js';
import { partitionOfRegion } from './partitions.js';

/** A query-protocol call (IAM's): its action, API version and parameters. */
export interface QueryCall {
  service: 'iam';
  action: string;
  version: string;
  params: Record<string, string>;
}

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Target {
  url: URL;
  signingRegion: string;
}

/** What the SDK's HTTP handler returns, buffered. */
interface Answer {
  statusCode: number;
  reason: string | undefined;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * An early call that failed: `thrown` when it failed after it was on the wire, so that IAM may have
 * had it. That failure is the SDK's first attempt, as its own HTTP handler would have thrown it, so
 * that IAM gets no more requests than the SDK's attempts; one that failed before (no connection, a
 * refused header) the SDK sends itself.
 */
interface Failure {
  failed: string;
  thrown?: Error;
}

// The codes the SDK's HTTP handler names a TimeoutError (NODEJS_TIMEOUT_ERROR_CODES), which its
// retry strategy takes as transient.
const TIMEOUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** `error` as the SDK's HTTP handler rejects with it. */
function asHandlerError(error: Error): Error {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && TIMEOUT_CODES.has(code)
    ? Object.assign(error, { name: 'TimeoutError' })
    : error;
}

/** The parts of the SDK's signed HttpRequest a match looks at. */
export interface SignedRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * The credentials the SDK's default chain takes first, when it will take them: with AWS_PROFILE set
 * it skips the environment's keys for the profile's.
 */
function environmentCredentials(env: NodeJS.ProcessEnv): Credentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey || env.AWS_PROFILE) return undefined;
  return env.AWS_SESSION_TOKEN
    ? { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN }
    : { accessKeyId, secretAccessKey };
}

/**
 * Whether the SDK takes `region` as it is: a host label (else it refuses the region, "Region not
 * accepted", and sends nothing), and no FIPS pseudo-region (fips-REGION, REGION-fips), which turns
 * FIPS endpoints on (its own partition's, which is not always the name's: fips-cn-north-1 is aws-cn)
 * and which the SDK refuses with an endpoint variable.
 */
function plainRegion(region: string): boolean {
  return (
    /^(?!-)(?!.*-$)[a-zA-Z0-9-]{1,63}$/.test(region) &&
    !region.startsWith('fips-') &&
    !region.endsWith('-fips')
  );
}

/** The SDK's home directory (getHomeDir): HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, then the OS's. */
function sdkHome(env: NodeJS.ProcessEnv): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? `C:${sep}`}${env.HOMEPATH}`;
  return homedir();
}

/**
 * Whether a shared file may set what decides the SDK's endpoint (use_fips_endpoint,
 * use_dualstack_endpoint, endpoint_url, a services section): the config file, and the credentials
 * file, whose profile the SDK merges under the config file's for these settings too. Their paths as
 * the SDK reads them: a leading ~/ is its home directory.
 */
function sharedFileExists(env: NodeJS.ProcessEnv): boolean {
  const home = sdkHome(env);
  const resolved = (path: string): string => (path.startsWith('~/') ? join(home, path.slice(2)) : path);
  return (
    existsSync(resolved(env.AWS_CONFIG_FILE || join(home, '.aws', 'config'))) ||
    existsSync(resolved(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')))
  );
}

/**
 * An endpoint variable's URL as the SDK sends IAM's query calls to it: at its path with a slash
 * appended (https://host/prefix is posted to /prefix/). One with a query, a fragment or user
 * information is left to the SDK.
 */
function endpointTarget(endpoint: string, region: string): Target | undefined {
  if (!URL.canParse(endpoint)) return undefined;
  const url = new URL(endpoint);
  if (url.search || url.hash || url.username || url.password) return undefined;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { url, signingRegion: region };
}

/**
 * Whether the SDK's endpoint rules place `region` in the aws partition: aws-global, or a region its
 * partitions table's aws regionRegex matches and no other partition's prefix claims. The other
 * partitions' own pseudo-regions (aws-us-gov-global, aws-cn-global, ...) are theirs, and a region
 * no partition matches is left to the SDK.
 */
function inAwsPartition(region: string): boolean {
  if (region === 'aws-global') return true;
  return /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/.test(region) && partitionOfRegion(region) === 'aws';
}

/**
 * Where the SDK will send IAM calls and the region it signs them for, where that is known without
 * its endpoint rules: an endpoint variable's URL (signed for the client's region), or the aws
 * partition's global endpoint (signed for us-east-1). A region the SDK would refuse or read as FIPS,
 * FIPS or dual-stack (which the SDK refuses with an endpoint variable), a shared config or credentials
 * file (which may set either, or an endpoint) and the other partitions are left to the SDK.
 */
export function iamTarget(env: NodeJS.ProcessEnv, region: string): Target | undefined {
  if (!plainRegion(region)) return undefined;
  if (env.AWS_USE_FIPS_ENDPOINT || env.AWS_USE_DUALSTACK_ENDPOINT || sharedFileExists(env)) return undefined;
  const endpoint = endpointFor('IAM', env);
  if (endpoint) return endpointTarget(endpoint, region);
  if (!inAwsPartition(region)) return undefined;
  return { url: new URL('https://iam.amazonaws.com/'), signingRegion: 'us-east-1' };
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

function collect(response: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', reject);
    response.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) headers[name] = headerText(value);
      resolve({
        statusCode: response.statusCode ?? 0,
        reason: response.statusMessage,
        headers,
        body: Buffer.concat(chunks)
      });
    });
  });
}

function sameParams(a: string, b: string): boolean {
  const sorted = (text: string): string =>
    [...new URLSearchParams(text)]
      .map(([key, value]) => `${key}=${value}`)
      .sort()
      .join('&');
  return sorted(a) === sorted(b);
}

/** Credential=KEY/DATE/REGION/SERVICE/aws4_request of a SigV4 Authorization header. */
function credentialScope(authorization: string | undefined): string[] | undefined {
  return /Credential=([^,\s]+)/.exec(authorization ?? '')?.[1]?.split('/');
}

function isSignedRequest(request: unknown): request is SignedRequest {
  if (!isRecord(request)) return false;
  const { method, protocol, hostname, path, headers } = request;
  return (
    typeof method === 'string' &&
    typeof protocol === 'string' &&
    typeof hostname === 'string' &&
    typeof path === 'string' &&
    isRecord(headers)
  );
}

export class ReadAhead {
  /** Shared with the SDK's HTTP handler, so that its next call reuses the early call's connection. */
  readonly agent: HttpAgent | HttpsAgent;
  private readonly answer: Promise<Answer | Failure>;
  /** Settles once the request is on the wire, or has failed. */
  private readonly sent: Promise<void>;
  private claimed = false;
  /** What became of the early call, for the run's debug log. */
  outcome = 'not yet asked for by the SDK';

  private constructor(
    private readonly call: QueryCall,
    private readonly target: Target,
    private readonly credentials: Credentials,
    private readonly body: string,
    http: typeof import('node:http') | typeof import('node:https')
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    // Settles with what failed rather than rejecting: nobody may be waiting for it.
    let wired: () => void = () => undefined;
    this.sent = new Promise<void>((resolve) => (wired = resolve));
    let onTheWire = false;
    this.answer = new Promise<Answer | Failure>((resolve) => {
      const failed = (error: unknown): void => {
        // Not `instanceof Error`: Node's own errors come from another realm under a VM (Jest).
        const isError = isRecord(error) && typeof error.message === 'string';
        resolve({
          failed: isError ? String(error.message) : String(error),
          ...(onTheWire && isError ? { thrown: asHandlerError(error as unknown as Error) } : {})
        });
      };
      let request: ClientRequest;
      try {
        request = http.request(target.url, {
          method: 'POST',
          headers: this.signedHeaders(body),
          agent: this.agent,
          timeout: AWS_REQUEST_TIMEOUT_MS
        });
      } catch (error) {
        // http.request throws for a header value it refuses (ERR_INVALID_CHAR: a key or token with
        // a newline): a failed call, not a promise that never settles and a rejection nobody handles.
        failed(error);
        wired();
        return;
      }
      request.on('response', (response) => collect(response).then(resolve, failed));
      // As the SDK's requestTimeout fails an attempt: a TimeoutError, which it retries.
      request.on('timeout', () =>
        request.destroy(Object.assign(new Error('no answer in time'), { name: 'TimeoutError' }))
      );
      request.on('error', failed);
      // The SDK's connection timeout, to the request on the wire (TLS included): the action waits
      // for it before loading the SDK, so a silent endpoint must not hold it for the answer's 20 s.
      const connecting = setTimeout(
        () => request.destroy(new Error(`not connected in ${AWS_CONNECT_TIMEOUT_MS / 1000} s`)),
        AWS_CONNECT_TIMEOUT_MS
      );
      const onWire = (): void => {
        clearTimeout(connecting);
        wired();
      };
      request.on('finish', onWire);
      request.on('close', onWire);
      // Connected (TLS: its handshake done), the request is written at once: IAM may have it from
      // then on. Not 'finish', which may come after a reset the server sent on reading it.
      request.on('socket', (socket) => {
        const connected = (): void => {
          onTheWire = true;
        };
        if (!socket.connecting) connected();
        else socket.once('encrypted' in socket && socket.encrypted ? 'secureConnect' : 'connect', connected);
      });
      request.end(body);
    });
  }

  /** The early call's headers, signed by aws4 with the environment's keys. */
  private signedHeaders(body: string): OutgoingHttpHeaders | undefined {
    const url = this.target.url;
    return aws4.sign(
      {
        host: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        method: 'POST',
        service: this.call.service,
        region: this.target.signingRegion,
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }
      },
      this.credentials
    ).headers;
  }

  /**
   * Sends `call` now when the SDK's first call can be known to be the same request: environment
   * credentials and an endpoint known without the SDK. Undefined otherwise. Resolves once the request
   * is on the wire: on Node 24 an import loads and compiles its modules without yielding to the
   * event loop, so a request merely begun before the SDK's import would not even connect until after it.
   */
  static async start(
    call: QueryCall,
    env: NodeJS.ProcessEnv,
    region: string
  ): Promise<ReadAhead | undefined> {
    const credentials = environmentCredentials(env);
    const target = credentials && iamTarget(env, region);
    if (!credentials || !target) return undefined;
    if (target.url.protocol !== 'http:' && target.url.protocol !== 'https:') return undefined;
    const http = target.url.protocol === 'https:' ? await import('node:https') : await import('node:http');
    const body = new URLSearchParams({
      Action: call.action,
      Version: call.version,
      ...call.params
    }).toString();
    const readAhead = new ReadAhead(call, target, credentials, body, http);
    await readAhead.sent;
    return readAhead;
  }

  /** Whether the SDK's signed request is this call, unclaimed: the same request, asked for once. */
  private matches(request: SignedRequest): boolean {
    const url = this.target.url;
    const port = url.port ? Number(url.port) : undefined;
    const scope = credentialScope(request.headers.authorization ?? request.headers.Authorization);
    const token = request.headers['x-amz-security-token'] ?? request.headers['X-Amz-Security-Token'];
    return (
      request.method === 'POST' &&
      request.protocol === url.protocol &&
      request.hostname === url.hostname &&
      (request.port ?? undefined) === port &&
      request.path === url.pathname &&
      typeof request.body === 'string' &&
      sameParams(request.body, this.body) &&
      scope?.[0] === this.credentials.accessKeyId &&
      scope[2] === this.target.signingRegion &&
      scope[3] === this.call.service &&
      token === this.credentials.sessionToken
    );
  }

  /** A client's configuration with the early call's agent, so that its calls reuse that connection. */
  withAgent<T extends { requestHandler: object }>(config: T): T {
    const agent =
      this.target.url.protocol === 'https:'
        ? { httpsAgent: this.agent as HttpsAgent }
        : { httpAgent: this.agent as HttpAgent };
    return { ...config, requestHandler: { ...config.requestHandler, ...agent } };
  }

  /**
   * Serves the client's first call from the early call where it is the same request. Innermost in
   * the SDK's stack, where its HTTP handler would be called: signing, retries and parsing all stay
   * the SDK's, and a throttled or failed early answer is retried by the SDK as its own attempt.
   */
  attach<C extends Client<object, MetadataBearer, unknown>>(client: C): C {
    client.middlewareStack.add(
      (next) => async (args) => {
        const answer = isSignedRequest(args.request) ? await this.answerFor(args.request) : undefined;
        return answer ? { response: answer } : next(args);
      },
      { step: 'deserialize', priority: 'low', name: 'talosIrsaReadAhead' }
    );
    return client;
  }

  /**
   * The early call's answer, as the SDK's HTTP handler would give it, when `request` is that call
   * and the answer came; undefined when the SDK must send the request itself. Throws, as the handler
   * would, when the early call failed once on the wire.
   */
  private async answerFor(
    request: SignedRequest
  ): Promise<
    | { statusCode: number; reason: string | undefined; headers: Record<string, string>; body: Readable }
    | undefined
  > {
    if (this.claimed) return undefined;
    this.claimed = true;
    if (!this.matches(request)) {
      this.outcome = `not used: the SDK's first IAM call was not ${this.call.action} as sent early`;
      return undefined;
    }
    const answer = await this.answer;
    if ('failed' in answer) {
      if (answer.thrown) {
        this.outcome = `${this.call.action} failed after it was sent (${answer.failed}): the SDK took that as its first attempt`;
        throw answer.thrown;
      }
      this.outcome = `not used: it failed before it was sent (${answer.failed}), so the SDK sent ${this.call.action} itself`;
      return undefined;
    }
    this.outcome = `${this.call.action} sent before the SDK loaded; the SDK took its answer (HTTP ${answer.statusCode})`;
    return { ...answer, body: Readable.from([answer.body]) };
  }
}
