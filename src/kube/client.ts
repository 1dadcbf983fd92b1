import type { KubeConfig } from '@kubernetes/client-node';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { RequestOptions } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../io/errors.js';
import type { Masker } from '../io/secrets.js';
import { redactSecrets, type Masking } from '../io/redact.js';
import { maskSecret, secretFragments } from '../io/secrets.js';
import { loadYamlParser } from '../io/yaml.js';
import { workspaceRoot } from '../io/workspace.js';
import {
  parseKubeconfig,
  resolveKubeconfigPaths,
  serverUserinfoSecrets,
  type KubeConnection
} from './kubeconfig.js';
import type { KubeconfigSource } from './kubeconfig-source.js';
import {
  KUBE_ATTEMPTS,
  pauseMs,
  repeatOf,
  retriesConnection,
  retriesStatus,
  RETRY_AFTER_CAP_MS,
  type Repeat
} from './retry.js';

export interface KubeClient {
  /** Never holds user:password@ (parseKubeconfig refuses a URL with it), so errors may print it. */
  server: string;
  source: KubeconfigSource;
  /** What a plain request needs; undefined when the user's authentication needs client-node. */
  connection: KubeConnection | undefined;
  /** client-node's KubeConfig for the generated API clients and watches, loaded on first use. */
  kubeConfig(): Promise<KubeConfig>;
  /**
   * Masks a secret that reaches the client later than the kubeconfig's text (a token file, a key
   * file, an exec plugin's token), each fragment once.
   */
  maskDerived: Masker;
  /**
   * The text with every secret the client masked, and every value the run masked (ctx.redact, when
   * the client was given the context), replaced by `***`: for a piece of a server's answer cut short
   * before it is printed, since the runner masks a secret only whole and a cut may split one.
   */
  redact(text: string): string;
}

/** A masker that registers each fragment once, however often the same secret comes by. */
function maskingOnce(mask: Masker): { mask: Masker; registered: ReadonlySet<string> } {
  const registered = new Set<string>();
  return {
    registered,
    mask: (secret) => {
      for (const fragment of secretFragments(secret))
        if (!registered.has(fragment)) {
          registered.add(fragment);
          mask(fragment);
        }
    }
  };
}

/** A path is one line and has no "key: value" structure; a kubeconfig has both. */
function looksLikeContent(value: string): boolean {
  return /[\r\n]/.test(value) || /^\s*[{[]/.test(value) || /(^|[\s{,"])apiVersion"?\s*:/.test(value);
}

/**
 * The kubeconfig a one-line base64 value encodes (as a secret often holds one), if it is one: decoded
 * and read for a kubeconfig's keys, since the value's characters alone cannot tell it from a path (the
 * base64 of ASCII text holds a '/' for some of its '?', and that of other text anywhere).
 */
function encodedKubeconfig(value: string): string | undefined {
  const text = value.trim();
  // Standard or URL-safe, padded or not; Node's decoder takes both alphabets.
  if (text.length < 16 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  return /(^|[\s{,"])(apiVersion|clusters)"?\s*:/.test(decoded) ? decoded : undefined;
}

/**
 * A bearer token where the path belongs: a service account's JWT (three base64url parts, the first a
 * JSON header, "eyJ"), a bootstrap token (whose form Kubernetes documents as [a-z0-9]{6}.[a-z0-9]{16},
 * a dot in it as in a file name), or an opaque token of 32 or more characters without a dot or a
 * slash, which a file name seldom is.
 */
function looksLikeToken(value: string): boolean {
  const text = value.trim();
  return (
    /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(text) ||
    /^[a-z0-9]{6}\.[a-z0-9]{16}$/.test(text) ||
    /^[A-Za-z0-9+=_-]{32,}$/.test(text)
  );
}

/**
 * Parses the kubeconfig (masking its secrets first) and checks it names a server. An action passes
 * its context as `masking`, so that the client's redact also hides what other modules of the run
 * masked (a proxy in front of the API server may echo any of it); a bare masker serves a test.
 */
export async function loadKubeClient(
  source: KubeconfigSource,
  masking: Masker | Masking,
  env: NodeJS.ProcessEnv = process.env
): Promise<KubeClient> {
  const { mask, redact: runRedact } =
    typeof masking === 'function' ? { mask: masking, redact: (text: string) => text } : masking;
  let content = source.value;
  // The directory the kubeconfig's relative paths (certificate-authority, client-key, tokenFile, an
  // exec command like ./bin/plugin) are read from. For kubeconfig-path it is the file's own
  // directory, as kubectl --kubeconfig does. An inline kubeconfig has no file: client-go would read
  // its relative paths from the working directory, which in a step is the workspace; naming the
  // workspace gives the same answer there, is the directory every other path input of these actions
  // is relative to, and does not depend on where a wrapper or a test starts the process.
  let baseDir = workspaceRoot(env);
  if (source.input === 'kubeconfig-path') {
    if (looksLikeContent(source.value)) {
      // A kubeconfig pasted where its path belongs: masked, and never quoted back.
      maskSecret(source.value, mask);
      throw new UserError(
        "holds a kubeconfig's content, not a path to one; pass the content as kubeconfig instead.",
        source.input
      );
    }
    const decoded = encodedKubeconfig(source.value);
    if (decoded !== undefined) {
      // Its secrets too: a later step may print the value decoded.
      maskSecret(source.value, mask);
      maskSecret(decoded, mask);
      throw new UserError(
        'holds a kubeconfig base64-encoded, not a path to one; decode it and pass the content as kubeconfig instead.',
        source.input
      );
    }
    const file = resolve(baseDir, source.value);
    baseDir = dirname(file);
    try {
      content = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const why = typeof code === 'string' ? ` (${code})` : '';
      // The input is no secret, so the runner does not mask it: a token given here is not quoted back.
      if (looksLikeToken(source.value)) {
        maskSecret(source.value, mask);
        throw new UserError(
          `names no file that can be read${why}, and looks like a token rather than a path, so it is not repeated here; give the path of a kubeconfig file.`,
          source.input
        );
      }
      throw new UserError(`cannot read '${source.value}'${why}.`, source.input);
    }
  }
  const { mask: maskDerived, registered } = maskingOnce(mask);
  maskDerived(content);
  const parse = await loadYamlParser();
  let document: unknown;
  try {
    document = resolveKubeconfigPaths(parse(content), baseDir);
  } catch (error) {
    throw new UserError(`does not parse as a kubeconfig (${firstLine(error)}).`, source.input);
  }
  // A server URL's key is not a secret's, so the password in https://user:password@host is not
  // among what the text's masking found.
  for (const secret of serverUserinfoSecrets(document)) maskDerived(secret);
  const { server, connection } = parseKubeconfig(document, source.input);
  // Read from files the kubeconfig names, so not masked with its text.
  if (connection?.token) maskDerived(connection.token);
  if (connection?.key) maskDerived(connection.key.toString('utf8'));
  let loaded: Promise<KubeConfig> | undefined;
  const kubeConfig = (): Promise<KubeConfig> =>
    (loaded ??= (async () => {
      // The Kubernetes client is the heaviest import: only the paths that need it pay for it.
      const { KubeConfig } = await import('@kubernetes/client-node');
      const config = new KubeConfig();
      try {
        // The document with its paths resolved (JSON is YAML): client-node's loadFromString would
        // read them from the working directory, and reads a token-file while it loads.
        config.loadFromString(JSON.stringify(document));
      } catch (error) {
        throw new UserError(`does not parse as a kubeconfig (${firstLine(error)}).`, source.input);
      }
      return config;
    })());
  // The run's list holds the client's too when the client masks through it; a bare masker's does not.
  const redact = (text: string): string => redactSecrets(runRedact(text), registered);
  return { server, source, connection, kubeConfig, maskDerived, redact };
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

/** TLS material and credentials for one request, from the parsed kubeconfig or from client-node. */
export async function requestOptionsFor(client: KubeClient, method: string): Promise<RequestOptions> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const connection = client.connection;
  if (!connection) {
    const options: RequestOptions = { method, headers };
    await (await client.kubeConfig()).applyToHTTPSOptions(options);
    // An exec plugin or auth provider has just handed over a token or key that no kubeconfig held.
    const authorization = (options.headers as Record<string, unknown> | undefined)?.Authorization;
    if (typeof authorization === 'string') client.maskDerived(authorization.replace(/^Bearer\s+/i, ''));
    if (options.key) client.maskDerived(options.key.toString());
    return options;
  }
  if (connection.token) headers.Authorization = `Bearer ${connection.token}`;
  const options: RequestOptions = { method, headers, rejectUnauthorized: !connection.insecure };
  if (connection.ca) options.ca = connection.ca;
  if (connection.cert) options.cert = connection.cert;
  if (connection.key) options.key = connection.key;
  return options;
}

export interface RawResponse {
  status: number;
  body: string;
  contentType: string;
  /** The Retry-After header of a 429 or 5xx, if any. */
  retryAfter?: string;
  /** How many times the request was sent; absent means once. */
  attempts?: number;
}

export interface KubeRequestOptions {
  timeoutMs?: number;
  body?: string;
  contentType?: string;
  /** Whether the request may be sent again after a transient failure; GETs are by default. */
  repeat?: Repeat;
  /**
   * The most bytes of body taken: past them the connection is dropped and the call fails, not
   * retried. Unbounded when absent; a document from an untrusted server gives one.
   */
  maxBytes?: number;
}

/** A request that got no (whole) answer: its Node error code decides whether to send it again. */
class KubeConnectionError extends UserError {
  readonly errno: string | undefined;

  constructor(message: string, input: string, errno: string | undefined) {
    super(message, input);
    this.errno = errno;
  }
}

/** An attempt that got no whole answer within its time. */
class KubeTimeoutError extends UserError {}

/** An answer longer than the request's maxBytes: not retried, the same server would send it again. */
class KubeTooLargeError extends UserError {}

function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/**
 * How long one logical call may take, its retries and pauses included: the per-attempt timeout and a
 * third more, at most the Retry-After cap (20 s for the default 15 s). client-go bounds a request
 * and all its retries by the one timeout (rest.Request.request wraps its retry loop in
 * context.WithTimeout); the margin lets a server that refused quickly (a 429, a 503) still be asked
 * again, without letting one that fails slowly hold the call for every attempt's whole timeout.
 */
export function callDeadlineMs(timeoutMs: number): number {
  return timeoutMs + Math.min(RETRY_AFTER_CAP_MS, timeoutMs / 3);
}

/**
 * A raw request with the kubeconfig's TLS and credentials: for the non-resource paths
 * (/.well-known/openid-configuration, /openid/v1/jwks) that the generated API clients do not cover,
 * and for the plain REST calls that do not justify loading @kubernetes/client-node. A 429, a 5xx
 * or a lost connection is tried again (src/kube/retry.ts) while the request is safe to repeat and
 * the call's deadline (callDeadlineMs) leaves time; the last answer is returned, or the last
 * connection error thrown naming the call and the attempts.
 */
export async function kubeRequest(
  client: KubeClient,
  method: string,
  path: string,
  options: KubeRequestOptions = {}
): Promise<RawResponse> {
  const repeat = repeatOf(method, options.repeat);
  const timeoutMs = options.timeoutMs ?? 15000;
  const totalMs = callDeadlineMs(timeoutMs);
  const deadline = Date.now() + totalMs;
  // Whether another attempt may follow a pause of `ms`: only while the deadline leaves time for it.
  const leavesTime = (ms: number): boolean => Date.now() + ms < deadline;
  let earlier = '';
  for (let attempt = 1; ; attempt += 1) {
    let response: RawResponse;
    try {
      response = await kubeAttempt(client, method, path, {
        ...options,
        timeoutMs: Math.max(1, Math.min(timeoutMs, deadline - Date.now()))
      });
    } catch (error) {
      if (error instanceof KubeTimeoutError && attempt > 1)
        throw new UserError(
          `the cluster at ${client.server} did not complete ${method} ${path} within ${totalMs / 1000} s: ` +
            `sent ${attempt} times, retried after ${earlier}.`,
          client.source.input
        );
      if (!(error instanceof KubeConnectionError)) throw error;
      const pause = pauseMs(attempt, undefined);
      if (attempt < KUBE_ATTEMPTS && retriesConnection(error.errno, repeat) && leavesTime(pause)) {
        earlier = 'a lost connection';
        await sleep(pause);
        continue;
      }
      if (attempt === 1) throw error;
      throw new UserError(
        `${error.reason.replace(/\.$/, '')}; ${method} ${path} was sent ${attempt} times.`,
        client.source.input
      );
    }
    const pause = pauseMs(attempt, response.retryAfter);
    if (attempt < KUBE_ATTEMPTS && retriesStatus(response.status, repeat) && leavesTime(pause)) {
      earlier = `HTTP ${response.status}`;
      await sleep(pause);
      continue;
    }
    return attempt === 1 ? response : { ...response, attempts: attempt };
  }
}

/** One attempt of kubeRequest. */
async function kubeAttempt(
  client: KubeClient,
  method: string,
  path: string,
  options: KubeRequestOptions
): Promise<RawResponse> {
  const url = new URL(client.server + path);
  const requestOptions = await requestOptionsFor(client, method);
  if (options.body !== undefined)
    requestOptions.headers = {
      ...requestOptions.headers,
      'Content-Type': options.contentType ?? 'application/json',
      // Node sends a DELETE's body neither chunked nor sized unless told its length, and the server
      // then reads it as the start of another request.
      'Content-Length': String(Buffer.byteLength(options.body))
    };
  // Loaded on first use: input validation, which runs before any request, does not pay for TLS.
  const transport = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const timeoutMs = options.timeoutMs ?? 15000;
  const input = client.source.input;
  return new Promise<RawResponse>((resolve, reject) => {
    const tooSlow = (): UserError =>
      new KubeTimeoutError(
        `the cluster at ${client.server} did not answer ${method} ${path} within ${timeoutMs / 1000} s.`,
        input
      );
    const errnoOf = (error: unknown): string | undefined => {
      const code = (error as { code?: unknown }).code;
      return typeof code === 'string' ? code : undefined;
    };
    // The socket timeout catches silence; this catches an answer that trickles in for ever.
    const deadline = setTimeout(() => request.destroy(tooSlow()), timeoutMs);
    const request = transport.request(url, { ...requestOptions, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes)
          request.destroy(
            new KubeTooLargeError(
              `the cluster at ${client.server} answered ${method} ${path} with more than ${sizeText(options.maxBytes)}; ` +
                'check what answers there (a proxy, another server).'
            )
          );
        else chunks.push(chunk);
      });
      response.on('end', () => {
        clearTimeout(deadline);
        const retryAfter = response.headers['retry-after'];
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          contentType: String(response.headers['content-type'] ?? ''),
          ...(typeof retryAfter === 'string' ? { retryAfter } : {})
        });
      });
      response.on('error', (error) => {
        clearTimeout(deadline);
        reject(
          error instanceof UserError
            ? error
            : new KubeConnectionError(
                `the cluster at ${client.server} broke off its answer to ${method} ${path} (${firstLine(error)}).`,
                input,
                // An answer cut off is a connection lost after the request was read.
                errnoOf(error) ?? 'ECONNRESET'
              )
        );
      });
    });
    request.on('timeout', () => request.destroy(tooSlow()));
    request.on('error', (error) => {
      clearTimeout(deadline);
      reject(
        error instanceof UserError
          ? error
          : new KubeConnectionError(
              `cannot reach the cluster at ${client.server} (${firstLine(error)}).`,
              input,
              errnoOf(error)
            )
      );
    });
    if (options.body) request.write(options.body);
    request.end();
  });
}

/** The HTTP status of a failed call (a KubeApiError, or client-node's ApiException), if any. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

/** A non-2xx answer of the API server; `body` is its Status object as text. */
export class KubeApiError extends Error {
  readonly code: number;
  readonly body: string;
  /** How many times the request was sent: past one, an earlier attempt may have been applied. */
  readonly attempts: number;

  constructor(method: string, path: string, response: RawResponse) {
    const tries = response.attempts ? ` (sent ${response.attempts} times)` : '';
    super(`${method} ${path} answered HTTP ${response.status}${tries}`);
    this.name = 'KubeApiError';
    this.code = response.status;
    this.body = response.body;
    this.attempts = response.attempts ?? 1;
  }
}

// What a REST call holds in memory at most: the watch's longest line (src/kube/watch.ts). Far above any
// answer the suite asks for (a label- or field-selected list, a pod log capped by limitBytes), and a
// cluster that streams without end cannot fill the runner's memory.
const CALL_MAX_BYTES = 16 * 1024 * 1024;

/**
 * A REST call on a resource path: JSON in (a JSON merge patch for PATCH), JSON (or, for logs, text)
 * out; a KubeApiError otherwise.
 */
export async function kubeCall(
  client: KubeClient,
  method: string,
  path: string,
  body?: unknown,
  repeat?: Repeat
): Promise<RawResponse> {
  const response = await kubeRequest(client, method, path, {
    maxBytes: CALL_MAX_BYTES,
    ...(repeat ? { repeat } : {}),
    ...(body === undefined
      ? {}
      : {
          body: JSON.stringify(body),
          // The API server takes a PATCH body only with the patch type named.
          ...(method === 'PATCH' ? { contentType: 'application/merge-patch+json' } : {})
        })
  });
  // Redacted now, of every value the run masked: kubeErrorText quotes it, cut short.
  if (response.status < 200 || response.status > 299)
    throw new KubeApiError(method, path, { ...response, body: client.redact(response.body) });
  return response;
}

/** kubeCall for the calls that answer an object: its parsed JSON. */
export async function kubeJson<T>(
  client: KubeClient,
  method: string,
  path: string,
  body?: unknown,
  repeat?: Repeat
): Promise<T> {
  return JSON.parse((await kubeCall(client, method, path, body, repeat)).body) as T;
}

/** The core/v1 path of a namespace (`rest` empty) or of something in it. */
export function namespacedPath(namespace: string, rest = ''): string {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}`;
  return rest ? `${path}/${rest}` : path;
}

/**
 * Resolves once the requests started so far have handed their connection to the OS (net connects
 * on the next tick): a caller that is about to load modules for a while waits for this first, so
 * that the connection is made during the load instead of after it.
 */
export function afterPendingConnects(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
