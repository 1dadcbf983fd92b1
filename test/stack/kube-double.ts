// kube-apiserver double: an in-process HTTPS server on 127.0.0.1 that behaves as kube-apiserver
// does on every endpoint talos-irsa uses — OIDC discovery and JWKS of the service-account issuer,
// TokenRequest, namespaces, service accounts, pods, jobs, logs, events, watches and discovery —
// with bearer-token and x509 client-certificate auth, kube's Status errors and a kubelet simulation
// that runs the real `aws` CLI for pods. It is a double, not Kubernetes: see the header comments of the kube-*.ts siblings
// for what is simulated and how.
//
// Secrets hygiene: the double never prints anything; its request log holds method, path, status
// and user name only — never an Authorization header or a token.
//
// What kubectl 1.32 needs (tried for real): legacy discovery (/api, /apis, /api/v1, /apis/G/V as
// APIVersions/APIGroupList/APIResourceList; kubectl falls back from aggregated discovery by
// itself), Table responses for `get` (Accept ...;as=Table), /openapi/v3 with a `fieldValidation`
// parameter on each kind's PATCH for `apply -f`/`create -f` (otherwise: "failed to download
// openapi"), protobuf request bodies for the typed `create namespace|serviceaccount|token`
// (no JSON fallback on 415), and nothing at all for `get --raw`.
//
// Behaviour copied from kube-apiserver on purpose, because it trips real callers:
//   - list items carry no kind/apiVersion; DELETE returns the object; no-op updates keep the
//     resourceVersion; a JSON patch adding under a missing map fails with 422;
//   - a pod naming a missing service account is refused at admission (403), a Job's pod the
//     same way (Warning FailedCreate on the Job); a service account deleted after the pod was
//     admitted leaves the pod in ContainerCreating with Warning FailedMount events;
//   - restartPolicy defaults to Always, so a finished container restarts (CrashLoopBackOff);
//   - deleting a batch/v1 Job without propagationPolicy orphans its pods, with kube's Warning;
//   - TokenRequest and projected tokens below 600 s are 422; audiences default to --api-audiences;
//   - with a non-https issuer the discovery endpoints are not served (404), as kube refuses them;
//   - SA tokens the double minted authenticate (issuer discovery allowed, resources 403).
// Not modelled: RBAC beyond the admin/forbidden/service-account split, managedFields and real
// server-side apply (it is a strategic merge here), token refresh at 80% TTL, init containers,
// secrets/configmaps as resources, protobuf for other kinds. Watch bookmarks come as the watch
// cache sends them to a watch that asks (2 s before its timeoutSeconds, and every minute), and more
// often as the 'bookmarks' watch fault of kube-watch-faults.ts (which also cuts, stalls and re-chunks
// watch streams).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  ApiError,
  UNAUTHORIZED,
  alreadyExists,
  apiVersionOf,
  badRequest,
  clone,
  conflict,
  forbidden,
  invalid,
  metadataErrors,
  nameErrors,
  notFound,
  parseFieldSelector,
  parseLabelSelector,
  valueAtPath,
  type KubeObject,
  type ResourceDef
} from './kube-api.js';
import {
  admitPodServiceAccount,
  immutableChanges,
  prepareJob,
  prepareNamespace,
  preparePod
} from './kube-admission.js';
import { Controllers, randomSuffix } from './kube-controllers.js';
import {
  decodeJwt,
  generateSigningKey,
  isRecord,
  privateJwk,
  servedJwk,
  serviceAccountClaims,
  signJwt,
  verifyJwtSignature,
  type ServedJwk,
  type SigningKey
} from './kube-keys.js';
import { Kubelet, containersOf, type PodHold } from './kube-kubelet.js';
import { decodeKubeProtobuf, isProtobuf } from './kube-protobuf.js';
import { PatchError, jsonPatch, mergePatch, patchTypeOf, strategicMergePatch } from './kube-patch.js';
import {
  EVENTS,
  EVENTS_V1,
  JOBS,
  NAMESPACES,
  PODS,
  SERVICE_ACCOUNTS,
  VERSION_INFO,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  findResource,
  listOf,
  openApiV3Doc,
  openApiV3Root,
  storageDef,
  toTable,
  wantsTable
} from './kube-resources.js';
import { Store } from './kube-store.js';
import type { TestCa } from './tls.js';
import { KubeFaults, type KubeFault, type RandomFaults } from './kube-faults.js';
import { answerHostile, type HostileAnswer, type HostileServed } from './kube-hostile-answers.js';
import { WatchFaults, type RandomWatchFaults, type WatchFault } from './kube-watch-faults.js';

export type { KubeObject } from './kube-api.js';
export type { PodHold } from './kube-kubelet.js';
export type { KubeFault, RandomFaults } from './kube-faults.js';
export type { HostileAnswer, HostileServed } from './kube-hostile-answers.js';
export type { RandomWatchFaults, WatchFault } from './kube-watch-faults.js';
export type { ServedJwk } from './kube-keys.js';

export interface KubeDoubleOptions {
  ca: TestCa;
  /** --service-account-issuer. Must be https, or kube-apiserver (and the double) serve no discovery docs. */
  issuer: string;
  /**
   * --service-account-jwks-uri; default issuer + '/openid/v1/jwks', as this suite's Talos module sets
   * it. Note that kube-apiserver without the flag serves https://<its external address>/openid/v1/jwks
   * (NewOpenIDMetadata), which is not under the issuer: pass that here to test such a cluster.
   */
  jwksUri?: string;
  /** The admin bearer token; default random. */
  token?: string;
  /** Tokens that authenticate but are authorized for nothing beyond discovery (403s). */
  forbiddenTokens?: string[];
  /** Extra environment of every simulated container (AWS endpoints, CA bundles), under the pod's own env. */
  podEnv?: Record<string, string>;
  /** Default lifetime of a TokenRequest that names none (kube: 3600). */
  tokenTtlSeconds?: number;
  /** --service-account-max-token-expiration: longer requests are cut to this. */
  maxTokenTtlSeconds?: number;
  /** --api-audiences; default [issuer]. The audience of tokens that authenticate to the double. */
  apiAudiences?: string[];
  /** --anonymous-auth. Default false: a request without a token is a 401 (with true: system:anonymous). */
  anonymousAuth?: boolean;
  /** Binds system:service-account-issuer-discovery to everyone (by default only service accounts and admin). */
  publicIssuerDiscovery?: boolean;
  /** Base of kubelet CrashLoopBackOff and Job pod-failure back-off, in seconds (kube: 10). */
  backoffSeconds?: number;
  /** Listen port; default a free one. */
  port?: number;
}

export interface MintTokenOptions {
  namespace: string;
  serviceAccount: string;
  audience?: string | string[];
  /** Lifetime; zero or negative mints an already-expired token (issued 10 minutes before it expired). */
  expiresInSeconds?: number;
  /** Sign with this key (any key the double holds, published or not); default the current signer. */
  kid?: string;
  pod?: { name: string; uid: string };
  issuer?: string;
  /** Shallow overrides of the claims; a value of undefined removes the claim. */
  claims?: Record<string, unknown>;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  user: string;
  /** The injected fault it met, if any. */
  fault?: string;
  /**
   * A watch's events as handed to its stream, in order: 'TYPE name resourceVersion' ('ERROR 410',
   * 'BOOKMARK resourceVersion'); what a fault then kept back or cut is still listed.
   */
  events?: string[];
}

export interface KubeconfigOptions {
  user?: string;
  token?: string;
  namespace?: string;
  /**
   * Authenticate with a client certificate from the test CA (the double's --client-ca-file) instead
   * of a token, as a Talos admin kubeconfig does: CN is the user, each O a group (system:masters is
   * admin). `pem` uses a given certificate and key instead (one from another CA, say).
   */
  clientCertificate?: { user: string; groups?: string[] } | { pem: { certPem: string; keyPem: string } };
}

export interface KubeDouble {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly caPem: string;
  readonly issuer: string;
  readonly jwksUri: string;
  readonly signingKid: string;
  kubeconfig(opts?: KubeconfigOptions): string;
  /** Writes kubeconfig(opts) to path with mode 0600 and returns path. */
  writeKubeconfig(path: string, opts?: KubeconfigOptions): string;
  stop(): Promise<void>;

  // issuer keys
  addSigningKey(): string;
  addUnpublishedSigningKey(): string;
  retireKey(kid: string): void;
  servedKids(): string[];
  setIssuer(issuer: string, jwksUri?: string): void;
  discoveryDocument(): Record<string, unknown>;
  jwks(): { keys: ServedJwk[] };
  privateJwk(kid?: string): Record<string, string>;
  /** Serve this value (JSON-encoded; a string is served raw) instead of the JWKS; undefined restores. */
  overrideJwks(doc: unknown): void;
  overrideDiscovery(doc: unknown): void;
  /**
   * Test behaviour (test/stack/kube-hostile-answers.ts): answer the discovery document or the JWKS
   * as a hostile or broken cluster would, until called again with undefined. The returned record
   * fills in as the answer is written.
   */
  answerOidcHostile(document: 'discovery' | 'jwks', answer: HostileAnswer | undefined): HostileServed;
  mintToken(opts: MintTokenOptions): string;

  // auth and behaviour hooks
  forbidToken(token: string): void;
  setPodEnv(env: Record<string, string>): void;
  /** 'pending': new pods stay unschedulable; 'running': containers start but never finish. */
  holdPods(mode: PodHold): void;
  /** etcd compaction: watches resuming from any resourceVersion before now get a 410 Expired ERROR event. */
  compactHistory(): void;
  /** Scripted faults (test/stack/kube-faults.ts), each used up by the requests it matches, in order. */
  injectFaults(faults: KubeFault[]): void;
  /** A seeded share of every request (watches too only with `watches`) faulted at random; undefined stops it. */
  randomFaults(options: RandomFaults | undefined): void;
  /** Scripted watch-stream faults (test/stack/kube-watch-faults.ts), each used up by a watch it matches. */
  injectWatchFaults(faults: WatchFault[]): void;
  /** A seeded share of watches whose stream is faulted at random; undefined stops it. */
  randomWatchFaults(options: RandomWatchFaults | undefined): void;
  /** Drops the faults not yet used (request and watch), stops random ones, and forgets the counts. */
  clearFaults(): void;
  /** How often each fault was met, by kind ('status 503', 'watch stall'…). */
  faultsMet(): Record<string, number>;

  // inspection
  namespace(name: string): KubeObject | undefined;
  serviceAccount(ns: string, name: string): KubeObject | undefined;
  pod(ns: string, name: string): KubeObject | undefined;
  pods(ns?: string): KubeObject[];
  jobs(ns?: string): KubeObject[];
  events(ns?: string): KubeObject[];
  podLogs(ns: string, name: string, container?: string): string;
  /** Host directory backing a pod's volume while the pod exists (what the simulated container reads). */
  volumePath(ns: string, pod: string, volume: string): string | undefined;
  requests(): RequestRecord[];
}

interface Identity {
  name: string;
  groups: string[];
  admin: boolean;
}

interface KeyEntry {
  key: SigningKey;
  served: boolean;
  retired: boolean;
}

const OIDC_CONFIG_PATH = '/.well-known/openid-configuration';
const JWKS_PATH = '/openid/v1/jwks';
const NODE_NAME = 'talos-double-node';

/** authentication.k8s.io TokenRequest, for Status messages only. */
const TOKEN_REQUESTS: ResourceDef = {
  group: 'authentication.k8s.io',
  version: 'v1',
  resource: 'tokenrequests',
  singular: 'tokenrequest',
  kind: 'TokenRequest',
  namespaced: true,
  verbs: ['create'],
  fieldLabels: [],
  nameRule: 'subdomain'
};

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** How the request log lists a watch event: 'MODIFIED name 42', 'BOOKMARK 42', 'ERROR 410'. */
function eventLabel(event: { type: string; object: unknown }): string {
  const object = isRecord(event.object) ? event.object : {};
  if (event.type === 'ERROR') return `ERROR ${String(object.code)}`;
  const meta = isRecord(object.metadata) ? object.metadata : {};
  const rv = String(meta.resourceVersion ?? '');
  return event.type === 'BOOKMARK' ? `BOOKMARK ${rv}` : `${event.type} ${String(meta.name ?? '')} ${rv}`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 3 * 1024 * 1024) {
        reject(new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJsonBody(buf: Buffer): unknown {
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw badRequest(`error decoding request body: ${(e as Error).message}`);
  }
}

const UNSUPPORTED_BODY = new ApiError(
  415,
  'UnsupportedMediaType',
  'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf'
);

/**
 * A request body in the media type its Content-Type names, as NegotiateInputSerializer picks the
 * decoder: JSON (also when no Content-Type is sent), YAML, or the protobuf kubectl's typed commands
 * send. Anything else (text/plain, a patch type on a POST, CBOR without its feature gate) is a 415.
 */
function decodeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (isProtobuf(contentType)) {
    try {
      return decodeKubeProtobuf(raw);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw badRequest(`error decoding protobuf body: ${(e as Error).message}`);
    }
  }
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (media === '' || media === 'application/json') return parseJsonBody(raw);
  if (media === 'application/yaml') {
    if (raw.length === 0) return undefined;
    try {
      return parseYaml(raw.toString('utf8')) as unknown;
    } catch (e) {
      throw badRequest(`error decoding YAML body: ${(e as Error).message}`);
    }
  }
  throw UNSUPPORTED_BODY;
}

/** A request object body (POST, PUT): its media type is negotiated even when it is empty. */
async function readObjectBody(req: IncomingMessage): Promise<unknown> {
  return decodeBody(await readBody(req), req.headers['content-type']);
}

/** A DELETE's DeleteOptions: the media type is negotiated only when there is a body. */
async function readDeleteBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  return raw.length === 0 ? undefined : decodeBody(raw, req.headers['content-type']);
}

/**
 * The write options every create, update, patch and delete validates before anything is done
 * (ValidateCreateOptions and its siblings), each failure a 422 on the options kind:
 * dryRun takes only "All"; fieldManager (not on DELETE) is at most 128 printable characters;
 * fieldValidation is "", Ignore, Warn or Strict.
 */
function checkWriteOptions(method: string, q: URLSearchParams): void {
  const kind =
    method === 'POST'
      ? 'CreateOptions'
      : method === 'PUT'
        ? 'UpdateOptions'
        : method === 'PATCH'
          ? 'PatchOptions'
          : 'DeleteOptions';
  const causes: { reason: string; message: string; field: string }[] = [];
  const dryRun = q.getAll('dryRun');
  if (!dryRun.every((v) => v === 'All')) {
    const value = `[]string{${dryRun.map((v) => JSON.stringify(v)).join(', ')}}`;
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${value}: supported values: "All"`,
      field: 'dryRun'
    });
  }
  const manager = q.get('fieldManager');
  if (manager !== null && kind !== 'DeleteOptions') {
    if (manager.length > 128)
      causes.push({
        reason: 'FieldValueTooLong',
        message: 'Too long: may not be more than 128 bytes',
        field: 'fieldManager'
      });
    // one cause per character that is not unicode.IsPrint, at its byte offset (Go's %#U of it)
    let offset = 0;
    for (const c of manager) {
      if (/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/u.test(c) || (/\s/u.test(c) && c !== ' ')) {
        const code = `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
        causes.push({
          reason: 'FieldValueInvalid',
          message: `Invalid value: ${JSON.stringify(manager)}: invalid character ${code} (at position ${offset})`,
          field: 'fieldManager'
        });
      }
      offset += Buffer.byteLength(c);
    }
  }
  const validation = q.get('fieldValidation');
  if (
    validation !== null &&
    kind !== 'DeleteOptions' &&
    !['', 'Ignore', 'Warn', 'Strict'].includes(validation)
  )
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(validation)}: supported values: "", "Ignore", "Strict", "Warn"`,
      field: 'fieldValidation'
    });
  if (causes.length === 0) return;
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  throw new ApiError(
    422,
    'Invalid',
    `${kind}.meta.k8s.io "" is invalid: ${causes.length > 1 ? `[${text}]` : text}`,
    {
      group: 'meta.k8s.io',
      kind,
      causes
    }
  );
}

/**
 * PodLogOptions as the log REST reads them: a number that does not parse is a 400 from the
 * parameter codec, then ValidatePodLogOptions refuses (422) a negative tailLines, a limitBytes or
 * sinceSeconds below 1, and sinceSeconds with sinceTime; both before the pod is looked up.
 */
function checkLogOptions(name: string, q: URLSearchParams): void {
  const numbers: Record<string, number> = {};
  for (const key of ['tailLines', 'limitBytes', 'sinceSeconds']) {
    const raw = q.get(key);
    if (raw === null) continue;
    if (!/^[-+]?\d+$/.test(raw))
      throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
    numbers[key] = Number(raw);
  }
  const causes: { reason: string; message: string; field: string }[] = [];
  const bad = (field: string, detail: string): void => {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${numbers[field]}: ${detail}`,
      field
    });
  };
  if (numbers.tailLines !== undefined && numbers.tailLines < 0)
    bad('tailLines', 'must be greater than or equal to 0');
  if (numbers.limitBytes !== undefined && numbers.limitBytes < 1) bad('limitBytes', 'must be greater than 0');
  if (numbers.sinceSeconds !== undefined && q.get('sinceTime') !== null) {
    causes.push({
      reason: 'FieldValueForbidden',
      message: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
      field: ''
    });
  } else if (numbers.sinceSeconds !== undefined && numbers.sinceSeconds < 1)
    bad('sinceSeconds', 'must be greater than 0');
  if (causes.length === 0) return;
  const text = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).join(', ');
  throw new ApiError(
    422,
    'Invalid',
    `PodLogOptions "${name}" is invalid: ${causes.length > 1 ? `[${text}]` : text}`,
    {
      name,
      kind: 'PodLogOptions',
      causes
    }
  );
}

function bool(v: string | null): boolean {
  return v === 'true' || v === '1';
}

class KubeDoubleImpl implements KubeDouble {
  url = '';
  port = 0;
  readonly token: string;
  readonly caPem: string;
  private issuerUrl: string;
  private jwksUrl: string;
  private readonly keys = new Map<string, KeyEntry>();
  private signer!: SigningKey;
  private jwksOverride: unknown;
  private discoveryOverride: unknown;
  private readonly hostile = new Map<
    'discovery' | 'jwks',
    { answer: HostileAnswer; served: HostileServed }
  >();
  private readonly forbidden: Set<string>;
  private env: Record<string, string>;
  private hold: PodHold = false;
  private readonly log: RequestRecord[] = [];
  private readonly records = new WeakMap<IncomingMessage, RequestRecord>();
  private readonly faults = new KubeFaults();
  private readonly watchFaults = new WatchFaults();
  private lastEventNano = 0n;
  private readonly store = new Store();
  private readonly kubelet: Kubelet;
  private readonly controllers: Controllers;
  private readonly workDir: string;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly streams = new Set<ServerResponse>();

  constructor(private readonly opts: KubeDoubleOptions) {
    this.token = opts.token ?? randomBytes(24).toString('base64url');
    this.caPem = opts.ca.caPem;
    this.issuerUrl = opts.issuer;
    this.jwksUrl = opts.jwksUri ?? `${opts.issuer}${JWKS_PATH}`;
    this.forbidden = new Set(opts.forbiddenTokens ?? []);
    this.env = { ...(opts.podEnv ?? {}) };
    this.workDir = mkdtempSync(join(tmpdir(), 'kube-double-'));
    chmodSync(this.workDir, 0o700);
    this.addSigningKey();
    const backoffSeconds = opts.backoffSeconds ?? 10;
    this.kubelet = new Kubelet({
      store: this.store,
      nodeName: NODE_NAME,
      workDir: this.workDir,
      caPem: this.caPem,
      serverUrl: () => this.url,
      backoffSeconds,
      podEnv: () => ({ ...this.env }),
      hold: () => this.hold,
      apiAudiences: () => this.apiAudiences(),
      mintPodToken: (pod, audiences, ttl) => this.mintPodToken(pod, audiences, ttl),
      event: (obj, type, reason, message, component) =>
        this.recordEvent(obj, type, reason, message, component)
    });
    this.controllers = new Controllers({
      store: this.store,
      backoffSeconds,
      createPod: (pod) => this.createObject(PODS, pod.metadata.namespace ?? '', pod, false),
      deletePod: (ns, name) => {
        this.deletePod(ns, name, undefined);
      },
      event: (obj, type, reason, message, component) =>
        this.recordEvent(obj, type, reason, message, component)
    });
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      this.store.create(NAMESPACES, prepareNamespace(blank('v1', 'Namespace', ns)));
    }
  }

  async listen(): Promise<void> {
    const cert = this.opts.ca.issue(`kube-double-${randomSuffix(8)}`);
    // --client-ca-file is the test CA: a client certificate is asked for, never required (tokens
    // and anonymous requests come without one), and checked by the x509 authenticator below.
    const server = createServer(
      { key: cert.keyPem, cert: cert.certPem, ca: this.caPem, requestCert: true, rejectUnauthorized: false },
      (req, res) => {
        void this.handle(req, res);
      }
    );
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.url = `https://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    this.kubelet.stop();
    this.controllers.stop();
    for (const r of this.streams) r.end();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.workDir, { recursive: true, force: true });
  }

  // ---------------------------------------------------------------------------------------------
  // issuer, keys, tokens

  get issuer(): string {
    return this.issuerUrl;
  }

  get jwksUri(): string {
    return this.jwksUrl;
  }

  get signingKid(): string {
    return this.signer.kid;
  }

  private apiAudiences(): string[] {
    return this.opts.apiAudiences ?? [this.issuerUrl];
  }

  addSigningKey(): string {
    const key = generateSigningKey();
    this.keys.set(key.kid, { key, served: true, retired: false });
    this.signer = key;
    return key.kid;
  }

  addUnpublishedSigningKey(): string {
    const key = generateSigningKey();
    this.keys.set(key.kid, { key, served: false, retired: false });
    this.signer = key;
    return key.kid;
  }

  retireKey(kid: string): void {
    const e = this.keys.get(kid);
    if (!e) throw new Error(`no key ${kid}`);
    // Retiring the signer is allowed on purpose: it models a cluster signing with an unpublished key.
    e.served = false;
    e.retired = true;
  }

  servedKids(): string[] {
    return [...this.keys.values()].filter((e) => e.served).map((e) => e.key.kid);
  }

  setIssuer(issuer: string, jwksUri?: string): void {
    this.issuerUrl = issuer;
    this.jwksUrl = jwksUri ?? `${issuer}${JWKS_PATH}`;
  }

  discoveryDocument(): Record<string, unknown> {
    // field order of kube's openIDMetadata struct
    return {
      issuer: this.issuerUrl,
      jwks_uri: this.jwksUrl,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256']
    };
  }

  jwks(): { keys: ServedJwk[] } {
    return { keys: [...this.keys.values()].filter((e) => e.served).map((e) => servedJwk(e.key)) };
  }

  privateJwk(kid?: string): Record<string, string> {
    const e = this.keys.get(kid ?? this.signer.kid);
    if (!e) throw new Error(`no key ${kid ?? ''}`);
    return privateJwk(e.key);
  }

  overrideJwks(doc: unknown): void {
    this.jwksOverride = doc;
  }

  overrideDiscovery(doc: unknown): void {
    this.discoveryOverride = doc;
  }

  answerOidcHostile(document: 'discovery' | 'jwks', answer: HostileAnswer | undefined): HostileServed {
    const served: HostileServed = { bytes: 0, abandoned: false };
    if (answer) this.hostile.set(document, { answer, served });
    else this.hostile.delete(document);
    return served;
  }

  private sign(claims: Record<string, unknown>, kid?: string): string {
    const key = kid ? this.keys.get(kid)?.key : this.signer;
    if (!key) throw new Error(`no key ${kid ?? ''}`);
    return signJwt(key, claims);
  }

  mintToken(o: MintTokenOptions): string {
    const sa = this.store.get(SERVICE_ACCOUNTS, o.namespace, o.serviceAccount);
    const ttl = o.expiresInSeconds ?? this.opts.tokenTtlSeconds ?? 3600;
    // an expired token still looks issued-then-expired: 10 minutes of validity that ended ttl ago
    const lifetime = ttl > 0 ? ttl : 600;
    const issuedAt = new Date(Date.now() + (ttl > 0 ? 0 : (ttl - 600) * 1000));
    const audiences =
      o.audience === undefined ? this.apiAudiences() : Array.isArray(o.audience) ? o.audience : [o.audience];
    const claims = serviceAccountClaims({
      issuer: o.issuer ?? this.issuerUrl,
      audiences,
      namespace: o.namespace,
      serviceAccount: { name: o.serviceAccount, uid: sa?.metadata.uid ?? randomUUID() },
      ...(o.pod ? { pod: o.pod, node: { name: NODE_NAME, uid: NODE_UID } } : {}),
      expiresInSeconds: lifetime,
      now: issuedAt
    });
    for (const [k, v] of Object.entries(o.claims ?? {})) {
      if (v === undefined) delete claims[k];
      else claims[k] = v;
    }
    return this.sign(claims, o.kid);
  }

  private mintPodToken(pod: KubeObject, audiences: string[], ttl: number): string {
    const ns = pod.metadata.namespace ?? '';
    const saName = String(valueAtPath(pod, 'spec.serviceAccountName') ?? 'default');
    const sa = this.store.get(SERVICE_ACCOUNTS, ns, saName);
    if (!sa) throw notFound(SERVICE_ACCOUNTS, saName);
    const seconds = this.opts.maxTokenTtlSeconds ? Math.min(ttl, this.opts.maxTokenTtlSeconds) : ttl;
    return this.sign(
      serviceAccountClaims({
        issuer: this.issuerUrl,
        audiences,
        namespace: ns,
        serviceAccount: { name: saName, uid: sa.metadata.uid },
        pod: { name: pod.metadata.name, uid: pod.metadata.uid },
        node: { name: NODE_NAME, uid: NODE_UID },
        expiresInSeconds: seconds
      })
    );
  }

  // ---------------------------------------------------------------------------------------------
  // hooks and inspection

  forbidToken(token: string): void {
    this.forbidden.add(token);
  }

  setPodEnv(env: Record<string, string>): void {
    this.env = { ...this.env, ...env };
  }

  holdPods(mode: PodHold): void {
    this.hold = mode;
  }

  compactHistory(): void {
    this.store.compact();
  }

  namespace(name: string): KubeObject | undefined {
    return this.store.get(NAMESPACES, undefined, name);
  }

  serviceAccount(ns: string, name: string): KubeObject | undefined {
    return this.store.get(SERVICE_ACCOUNTS, ns, name);
  }

  pod(ns: string, name: string): KubeObject | undefined {
    return this.store.get(PODS, ns, name);
  }

  pods(ns?: string): KubeObject[] {
    return this.store.list(PODS, ns);
  }

  jobs(ns?: string): KubeObject[] {
    return this.store.list(JOBS, ns);
  }

  events(ns?: string): KubeObject[] {
    return this.store.list(EVENTS, ns);
  }

  podLogs(ns: string, name: string, container?: string): string {
    const pod = this.store.get(PODS, ns, name);
    if (!pod) return '';
    const c = container ?? containersOf(pod)[0]?.name ?? '';
    return (this.kubelet.logChunks(pod.metadata.uid, c, false) ?? []).map((x) => x.text).join('');
  }

  volumePath(ns: string, name: string, volume: string): string | undefined {
    const pod = this.store.get(PODS, ns, name);
    return pod ? join(this.workDir, 'pods', pod.metadata.uid, 'volumes', volume) : undefined;
  }

  injectFaults(faults: KubeFault[]): void {
    this.faults.inject(faults);
  }

  randomFaults(options: RandomFaults | undefined): void {
    this.faults.randomly(options);
  }

  injectWatchFaults(faults: WatchFault[]): void {
    this.watchFaults.inject(faults);
  }

  randomWatchFaults(options: RandomWatchFaults | undefined): void {
    this.watchFaults.randomly(options);
  }

  clearFaults(): void {
    this.faults.clear();
    this.watchFaults.clear();
  }

  faultsMet(): Record<string, number> {
    return { ...this.faults.counts(), ...this.watchFaults.counts() };
  }

  requests(): RequestRecord[] {
    return this.log.map((r) => ({ ...r }));
  }

  kubeconfig(o: KubeconfigOptions = {}): string {
    const user = o.user ?? 'double-admin';
    const cluster = 'talos-irsa-double';
    const context = `${user}@${cluster}`;
    return stringifyYaml({
      apiVersion: 'v1',
      kind: 'Config',
      preferences: {},
      clusters: [
        {
          name: cluster,
          cluster: {
            server: this.url,
            'certificate-authority-data': Buffer.from(this.caPem).toString('base64')
          }
        }
      ],
      users: [{ name: user, user: this.kubeconfigUser(o) }],
      contexts: [
        { name: context, context: { cluster, user, ...(o.namespace ? { namespace: o.namespace } : {}) } }
      ],
      'current-context': context
    });
  }

  private kubeconfigUser(o: KubeconfigOptions): Record<string, string> {
    const client = o.clientCertificate;
    if (!client) return { token: o.token ?? this.token };
    const pem = 'pem' in client ? client.pem : this.opts.ca.issueClient(client.user, client.groups ?? []);
    return {
      'client-certificate-data': Buffer.from(pem.certPem).toString('base64'),
      'client-key-data': Buffer.from(pem.keyPem).toString('base64'),
      ...(o.token ? { token: o.token } : {})
    };
  }

  writeKubeconfig(path: string, o?: KubeconfigOptions): string {
    writeFileSync(path, this.kubeconfig(o), { mode: 0o600 });
    chmodSync(path, 0o600);
    return path;
  }

  // ---------------------------------------------------------------------------------------------
  // events

  private recordEvent(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string
  ): void {
    const ns = obj.metadata.namespace ?? 'default';
    const nsObj = this.store.get(NAMESPACES, undefined, ns);
    if (!nsObj || nsObj.metadata.deletionTimestamp) return;
    const t = now();
    // the event recorder aggregates identical events into one with a growing count
    const same = this.store
      .list(EVENTS, ns)
      .find(
        (e) =>
          valueAtPath(e, 'involvedObject.uid') === obj.metadata.uid &&
          e.reason === reason &&
          e.message === message &&
          e.type === type
      );
    if (same) {
      same.count = Number(same.count ?? 1) + 1;
      same.lastTimestamp = t;
      this.store.update(EVENTS, same);
      return;
    }
    const host = component === 'kubelet' ? { host: NODE_NAME } : {};
    this.store.create(EVENTS, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${obj.metadata.name}.${this.eventNano().toString(16)}`,
        namespace: ns,
        uid: '',
        resourceVersion: '',
        creationTimestamp: ''
      },
      involvedObject: {
        kind: obj.kind,
        namespace: ns,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: obj.metadata.resourceVersion
      },
      reason,
      message,
      source: { component, ...host },
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: component === 'kubelet' ? NODE_NAME : ''
    });
  }

  /** The recorder names events <object>.<UnixNano in hex>; strictly increasing keeps them in order. */
  private eventNano(): bigint {
    const t = BigInt(Date.now()) * 1000000n;
    this.lastEventNano = t > this.lastEventNano ? t : this.lastEventNano + 1n;
    return this.lastEventNano;
  }

  private eventsV1View(e: KubeObject): KubeObject {
    return {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: e.metadata,
      eventTime: e.eventTime ?? null,
      reportingController: e.reportingComponent,
      reportingInstance: e.reportingInstance,
      reason: e.reason,
      regarding: e.involvedObject,
      note: e.message,
      type: e.type,
      deprecatedSource: e.source,
      deprecatedFirstTimestamp: e.firstTimestamp,
      deprecatedLastTimestamp: e.lastTimestamp,
      deprecatedCount: e.count
    };
  }

  private view(def: ResourceDef, obj: KubeObject): KubeObject {
    return def === EVENTS_V1 ? this.eventsV1View(obj) : obj;
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const rec: RequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      status: 0,
      user: ''
    };
    this.log.push(rec);
    this.records.set(req, rec);
    res.on('finish', () => (rec.status = res.statusCode));
    res.on('close', () => (rec.status = res.statusCode));
    const fault = this.faults.take(rec.method, url);
    if (fault) {
      rec.fault = fault.kind === 'status' ? `status ${fault.code ?? 503}` : fault.kind;
      if (this.faults.apply(fault, req, res)) return;
    }
    try {
      const who = this.authenticate(req.headers.authorization, req.socket);
      rec.user = who.name;
      await this.route(req, res, url, who);
    } catch (e) {
      const err =
        e instanceof ApiError
          ? e
          : new ApiError(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`);
      if (res.headersSent) {
        res.end();
        return;
      }
      this.sendJson(res, err.code, err.toStatus());
    }
  }

  private sendJson(
    res: ServerResponse,
    code: number,
    body: unknown,
    headers: Record<string, string> = {}
  ): void {
    res.writeHead(code, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      ...headers
    });
    res.end(JSON.stringify(body) + '\n');
  }

  /**
   * kube-apiserver's union of authenticators, x509 first: a client certificate that verifies against
   * --client-ca-file (for client use) is the user CN in the groups O; one that does not is an error,
   * which another authenticator (a good token) may still overrule, and otherwise is a 401.
   */
  private authenticate(header: string | undefined, socket: unknown): Identity {
    const x509 = this.certificateIdentity(socket);
    if (x509 && x509 !== 'invalid') return x509;
    return this.tokenIdentity(header, x509 === 'invalid');
  }

  private certificateIdentity(socket: unknown): Identity | 'invalid' | undefined {
    if (!(socket instanceof TLSSocket)) return undefined;
    const cert = socket.getPeerCertificate();
    if (!cert || Object.keys(cert).length === 0) return undefined;
    if (!socket.authorized) return 'invalid';
    const subject: Record<string, unknown> = { ...cert.subject };
    const cn = subject.CN;
    const o = subject.O;
    const name = Array.isArray(cn) ? String(cn[0] ?? '') : typeof cn === 'string' ? cn : '';
    const orgs = Array.isArray(o) ? o.map(String) : typeof o === 'string' ? [o] : [];
    if (!name) return 'invalid';
    const groups = [...orgs, 'system:authenticated'];
    return { name, groups, admin: orgs.includes('system:masters') };
  }

  private tokenIdentity(header: string | undefined, badCertificate: boolean): Identity {
    // The bearer-token authenticator splits the header on single spaces (strings.SplitN(h, " ", 3)):
    // anything but "Bearer <token>" (another scheme, a tab, two spaces) carries no token at all, and
    // the request is anonymous if --anonymous-auth allows it, else a 401.
    const parts = (header ?? '').split(' ');
    const token = parts.length >= 2 && parts[0]?.toLowerCase() === 'bearer' ? (parts[1] ?? '') : '';
    if (!token) {
      // a certificate that failed to verify is an error, which no anonymous fallback overrules
      if (this.opts.anonymousAuth && !badCertificate)
        return { name: 'system:anonymous', groups: ['system:unauthenticated'], admin: false };
      throw UNAUTHORIZED;
    }
    if (token === this.token)
      return { name: 'double-admin', groups: ['system:masters', 'system:authenticated'], admin: true };
    if (this.forbidden.has(token))
      return { name: 'double-restricted', groups: ['system:authenticated'], admin: false };
    const sa = this.serviceAccountIdentity(token);
    if (sa) return sa;
    throw UNAUTHORIZED;
  }

  /** The service-account token authenticator: signature, issuer, audience, time, and live SA/pod. */
  private serviceAccountIdentity(token: string): Identity | undefined {
    const decoded = decodeJwt(token);
    if (!decoded) return undefined;
    const entry = this.keys.get(String(decoded.header.kid ?? ''));
    if (!entry || entry.retired || !verifyJwtSignature(token, entry.key)) return undefined;
    const p = decoded.payload;
    const t = Math.floor(Date.now() / 1000);
    if (p.iss !== this.issuerUrl) return undefined;
    const aud = Array.isArray(p.aud) ? p.aud : [p.aud];
    if (!aud.some((a) => this.apiAudiences().includes(String(a)))) return undefined;
    if (typeof p.exp !== 'number' || p.exp < t || (typeof p.nbf === 'number' && p.nbf > t + 60))
      return undefined;
    const k8s = isRecord(p['kubernetes.io']) ? p['kubernetes.io'] : {};
    const ns = String(k8s.namespace ?? '');
    const saRef = isRecord(k8s.serviceaccount) ? k8s.serviceaccount : {};
    const sa = this.store.get(SERVICE_ACCOUNTS, ns, String(saRef.name ?? ''));
    if (!sa || sa.metadata.uid !== saRef.uid) return undefined;
    if (isRecord(k8s.pod)) {
      const pod = this.store.get(PODS, ns, String(k8s.pod.name ?? ''));
      if (!pod || pod.metadata.uid !== k8s.pod.uid) return undefined;
    }
    return {
      name: `system:serviceaccount:${ns}:${sa.metadata.name}`,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
      admin: false
    };
  }

  /** Default RBAC for non-admin identities: public info, discovery, and issuer discovery for SAs. */
  private authorizeNonResource(who: Identity, path: string): void {
    if (who.admin) return;
    const publicInfo = ['/version', '/healthz', '/livez', '/readyz'].includes(path);
    const discovery = /^\/(api|apis|openapi)(\/|$)/.test(path);
    const issuer = path === OIDC_CONFIG_PATH || path === JWKS_PATH;
    if (publicInfo) return;
    if (discovery && who.groups.includes('system:authenticated')) return;
    if (issuer && (this.opts.publicIssuerDiscovery || who.groups.includes('system:serviceaccounts'))) return;
    throw forbidden(who.name, 'get', null, '', '', path);
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL, who: Identity): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const segs = path.split('/').filter((s) => s !== '');
    const isResourcePath =
      (segs[0] === 'api' && segs[1] === 'v1' && segs.length > 2) || (segs[0] === 'apis' && segs.length > 3);
    if (!isResourcePath) {
      if (method !== 'GET' && method !== 'HEAD') {
        throw new ApiError(
          405,
          'MethodNotAllowed',
          `the server does not allow this method on the requested resource`
        );
      }
      this.authorizeNonResource(who, path);
      this.serveNonResource(res, path);
      return;
    }
    const group = segs[0] === 'api' ? '' : (segs[1] ?? '');
    const version = segs[0] === 'api' ? 'v1' : (segs[2] ?? '');
    const rest = segs.slice(segs[0] === 'api' ? 2 : 3);
    let ns: string | undefined;
    let def: ResourceDef | undefined;
    let name: string | undefined;
    let sub: string | undefined;
    const nsScoped =
      rest[0] === 'namespaces' && rest.length >= 3 ? findResource(group, version, rest[2] ?? '') : undefined;
    if (nsScoped?.namespaced) {
      ns = rest[1];
      def = nsScoped;
      [name, sub] = [rest[3], rest[4]];
      if (rest.length > 5) def = undefined;
    } else {
      def = findResource(group, version, rest[0] ?? '');
      [name, sub] = [rest[1], rest[2]];
      if (rest.length > 3 || (def?.namespaced && name !== undefined)) def = undefined;
    }
    if (!def) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

    const watch = bool(url.searchParams.get('watch'));
    const verb =
      method === 'GET'
        ? name === undefined
          ? watch
            ? 'watch'
            : 'list'
          : 'get'
        : method === 'POST'
          ? 'create'
          : method === 'PUT'
            ? 'update'
            : method === 'PATCH'
              ? 'patch'
              : method === 'DELETE'
                ? name === undefined
                  ? 'deletecollection'
                  : 'delete'
                : method.toLowerCase();
    if (!who.admin) throw forbidden(who.name, verb, def, name ?? '', ns ?? '', path);

    const q = url.searchParams;
    const dryRunValues = q.getAll('dryRun');
    if (method !== 'GET' && method !== 'HEAD') checkWriteOptions(method, q);
    const dryRun = dryRunValues.includes('All');
    if (name === undefined) {
      if (method === 'GET') {
        if (watch) return this.serveWatch(req, res, def, ns, q);
        return this.sendJson(res, 200, this.listResponse(def, ns, q, req.headers.accept));
      }
      if (method === 'POST') {
        if (def === EVENTS_V1)
          throw new ApiError(
            405,
            'MethodNotAllowed',
            'create is not supported on events.k8s.io in the double'
          );
        const body = await readObjectBody(req);
        const sentRv = isRecord(body) && isRecord(body.metadata) ? body.metadata.resourceVersion : undefined;
        const created = this.createObject(def, ns ?? '', this.objectFromBody(def, body, ns), dryRun, sentRv);
        return this.sendJson(res, 201, created);
      }
      if (method === 'DELETE') {
        const match = this.matcher(def, q);
        for (const o of this.store.list(storageDef(def), ns)) {
          if (match(o)) this.deleteObject(def, ns, o.metadata.name, {});
        }
        return this.sendJson(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
      }
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource'
      );
    }

    if (def === PODS && sub === 'log' && method === 'GET') return this.serveLogs(res, ns ?? '', name, q);
    if (def === SERVICE_ACCOUNTS && sub === 'token' && method === 'POST') {
      const body = await readObjectBody(req);
      return this.sendJson(res, 201, this.tokenRequest(ns ?? '', name, body));
    }
    if (sub !== undefined && sub !== 'status' && !(def === NAMESPACES && sub === 'finalize')) {
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
    }
    switch (method) {
      case 'GET': {
        const obj = this.store.get(storageDef(def), ns, name);
        if (!obj) throw notFound(def, name);
        if (wantsTable(req.headers.accept)) {
          return this.sendJson(
            res,
            200,
            toTable(def, [this.view(def, obj)], { resourceVersion: obj.metadata.resourceVersion })
          );
        }
        return this.sendJson(res, 200, this.view(def, obj));
      }
      case 'PUT': {
        const body = await readObjectBody(req);
        return this.sendJson(res, 200, this.updateObject(def, ns, name, body, sub, dryRun));
      }
      case 'PATCH': {
        const raw = await readBody(req);
        const { code, obj } = this.patchObject(
          def,
          ns,
          name,
          req.headers['content-type'],
          raw,
          sub,
          q,
          dryRun
        );
        return this.sendJson(res, code, obj);
      }
      case 'DELETE': {
        const body = await readDeleteBody(req);
        const opts = isRecord(body) ? body : {};
        for (const k of ['propagationPolicy', 'gracePeriodSeconds']) {
          const v = q.get(k);
          if (v !== null) opts[k] = k === 'gracePeriodSeconds' ? Number(v) : v;
        }
        if (q.get('orphanDependents') !== null) opts.orphanDependents = bool(q.get('orphanDependents'));
        if (dryRun) {
          const obj = this.store.get(storageDef(def), ns, name);
          if (!obj) throw notFound(def, name);
          return this.sendJson(res, 200, obj);
        }
        const { obj, warning } = this.deleteObject(def, ns, name, opts);
        return this.sendJson(res, 200, obj, warning ? { Warning: `299 - "${warning}"` } : {});
      }
      default:
        throw new ApiError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource'
        );
    }
  }

  private serveNonResource(res: ServerResponse, path: string): void {
    if (path === OIDC_CONFIG_PATH || path === JWKS_PATH) {
      // kube-apiserver does not install the endpoints when the issuer is not an https URL
      if (!/^https:\/\//.test(this.issuerUrl)) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('404 page not found\n');
        return;
      }
      const isConfig = path === OIDC_CONFIG_PATH;
      const hostile = this.hostile.get(isConfig ? 'discovery' : 'jwks');
      if (hostile) return answerHostile(res, hostile.answer, hostile.served);
      const override = isConfig ? this.discoveryOverride : this.jwksOverride;
      const doc = override !== undefined ? override : isConfig ? this.discoveryDocument() : this.jwks();
      res.writeHead(200, {
        'Content-Type': isConfig ? 'application/json' : 'application/jwk-set+json',
        'Cache-Control': 'public, max-age=3600'
      });
      res.end(typeof doc === 'string' ? doc : JSON.stringify(doc));
      return;
    }
    if (['/healthz', '/livez', '/readyz'].includes(path)) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    if (path === '/version') return this.sendJson(res, 200, VERSION_INFO);
    if (path === '/api') return this.sendJson(res, 200, apiVersions(`127.0.0.1:${this.port}`));
    if (path === '/apis') return this.sendJson(res, 200, apiGroupList());
    const segs = path.split('/').filter(Boolean);
    if (segs[0] === 'api' && segs[1] === 'v1' && segs.length === 2)
      return this.sendJson(res, 200, apiResourceList('', 'v1'));
    if (segs[0] === 'apis' && segs.length === 2) {
      const g = apiGroup(segs[1] ?? '');
      if (g) return this.sendJson(res, 200, g);
    }
    if (segs[0] === 'apis' && segs.length === 3) {
      const l = apiResourceList(segs[1] ?? '', segs[2] ?? '');
      if (l) return this.sendJson(res, 200, l);
    }
    if (path === '/openapi/v3') return this.sendJson(res, 200, openApiV3Root());
    if (segs[0] === 'openapi' && segs[1] === 'v3') {
      const doc = openApiV3Doc(segs.slice(2).join('/'));
      if (doc) return this.sendJson(res, 200, doc);
    }
    // no /openapi/v2: kubectl uses v3 when the server has it
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify(
        new ApiError(404, 'NotFound', 'the server could not find the requested resource', {}).toStatus()
      ) + '\n'
    );
  }

  // ---------------------------------------------------------------------------------------------
  // reads

  private matcher(def: ResourceDef, q: URLSearchParams): (o: KubeObject) => boolean {
    const labels = parseLabelSelector(q.get('labelSelector') ?? '');
    const fields = parseFieldSelector(q.get('fieldSelector') ?? '', def, (o, label) => {
      if (def === EVENTS_V1) {
        const mapped = label.startsWith('regarding.')
          ? `involvedObject.${label.slice('regarding.'.length)}`
          : label === 'reportingController'
            ? 'reportingComponent'
            : label;
        if (mapped === 'source') return valueAtPath(o, 'source.component');
        return valueAtPath(o, mapped);
      }
      if (label === 'source') return valueAtPath(o, 'source.component');
      if (label === 'spec.hostNetwork') return valueAtPath(o, label) ?? false;
      if (label === 'status.successful') return valueAtPath(o, 'status.succeeded') ?? 0;
      return valueAtPath(o, label);
    });
    return (o) => labels(o.metadata.labels) && fields(o);
  }

  private listResponse(
    def: ResourceDef,
    ns: string | undefined,
    q: URLSearchParams,
    accept: string | undefined
  ): unknown {
    const match = this.matcher(def, q);
    let items = this.store.list(storageDef(def), ns).filter(match);
    const rv = this.store.currentRv();
    let offset = 0;
    const cont = q.get('continue');
    if (cont) {
      try {
        const parsed: unknown = JSON.parse(Buffer.from(cont, 'base64').toString('utf8'));
        offset = isRecord(parsed) && typeof parsed.offset === 'number' ? parsed.offset : 0;
      } catch {
        throw badRequest('continue key is not valid: illegal base64 data');
      }
    }
    const limit = Number(q.get('limit') ?? 0);
    let next: string | undefined;
    items = items.slice(offset);
    if (limit > 0 && items.length > limit) {
      items = items.slice(0, limit);
      next = Buffer.from(JSON.stringify({ offset: offset + limit, rv })).toString('base64');
    }
    const views = items.map((o) => this.view(def, o));
    if (wantsTable(accept))
      return toTable(def, views, { resourceVersion: rv, ...(next ? { continue: next } : {}) });
    return listOf(def, views, rv, next);
  }

  private serveWatch(
    req: IncomingMessage,
    res: ServerResponse,
    def: ResourceDef,
    ns: string | undefined,
    q: URLSearchParams
  ): void {
    const match = this.matcher(def, q);
    const table = wantsTable(req.headers.accept);
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked'
    });
    res.flushHeaders();
    const record = this.records.get(req);
    if (record) record.events = [];
    const sent = (event: { type: string; object: unknown }): void => {
      record?.events?.push(eventLabel(event));
    };
    const expired = this.store.tooOldToWatch(q.get('resourceVersion') ?? undefined);
    if (expired) {
      // as the watch cache does: the stream opens, carries one ERROR event with a 410 Status, and ends
      const event = { type: 'ERROR', object: new ApiError(410, 'Expired', expired).toStatus() };
      sent(event);
      res.end(JSON.stringify(event) + '\n');
      return;
    }
    this.streams.add(res);
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const stream = this.watchFaults.stream(req, res, url, this.watchFaults.take(url), {
      bookmark: () => ({
        kind: def.kind,
        apiVersion: apiVersionOf(def),
        metadata: { resourceVersion: this.store.currentRv() }
      }),
      resourceVersion: () => this.store.currentRv(),
      sent
    });
    let first = true;
    const unsubscribe = this.store.watch({
      def: storageDef(def),
      namespace: ns,
      match,
      resourceVersion: q.get('resourceVersion') ?? undefined,
      send: (type, obj) => {
        let object: unknown = this.view(def, obj);
        if (table) {
          const t = toTable(def, [this.view(def, obj)], { resourceVersion: obj.metadata.resourceVersion });
          // the server sends column definitions with the first event only
          if (!first) t.columnDefinitions = [];
          first = false;
          object = t;
        }
        stream.event({ type, object });
      }
    });
    stream.begun();
    const timeout = Number(q.get('timeoutSeconds') ?? 0);
    const timer = timeout > 0 ? setTimeout(() => stream.end(), timeout * 1000) : undefined;
    // As the watch cache does for a watch that asked for bookmarks (cacheWatcher.nextBookmarkTime):
    // one 2 s before the watch's timeout, so that the client resumes from as late as it can, and
    // one about every minute.
    const bookmarks = q.get('allowWatchBookmarks') === 'true';
    const lastBookmark =
      bookmarks && timeout > 2 ? setTimeout(() => stream.bookmark(), (timeout - 2) * 1000) : undefined;
    const everyMinute = bookmarks ? setInterval(() => stream.bookmark(), 60_000) : undefined;
    const cleanup = (): void => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      if (lastBookmark) clearTimeout(lastBookmark);
      if (everyMinute) clearInterval(everyMinute);
      this.streams.delete(res);
    };
    req.on('close', cleanup);
    res.on('close', cleanup);
  }

  private serveLogs(res: ServerResponse, ns: string, name: string, q: URLSearchParams): void {
    checkLogOptions(name, q);
    const pod = this.store.get(PODS, ns, name);
    if (!pod) throw notFound(PODS, name);
    const names = containersOf(pod).map((c) => c.name);
    let container = q.get('container') ?? undefined;
    if (!container) {
      if (names.length !== 1) {
        throw badRequest(
          `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`
        );
      }
      container = names[0] ?? '';
    }
    if (!names.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
    const cs = (
      Array.isArray(valueAtPath(pod, 'status.containerStatuses'))
        ? (valueAtPath(pod, 'status.containerStatuses') as Record<string, unknown>[])
        : []
    ).find((c) => c.name === container);
    const waiting = valueAtPath(cs, 'state.waiting.reason');
    const previous = bool(q.get('previous'));
    const neverStarted = !cs || (waiting !== undefined && Number(cs.restartCount ?? 0) === 0 && !previous);
    if (neverStarted) {
      throw badRequest(
        `container "${container}" in pod "${name}" is waiting to start: ${String(waiting ?? 'ContainerCreating')}`
      );
    }
    const chunks = this.kubelet.logChunks(pod.metadata.uid, container, previous) ?? [];
    if (previous && Number(cs?.restartCount ?? 0) === 0) {
      throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    }
    const timestamps = bool(q.get('timestamps'));
    const render = (c: { time: Date; text: string }): string =>
      timestamps
        ? c.text
            .split(/(?<=\n)/)
            .map((l) => `${c.time.toISOString().replace('Z', '000000Z')} ${l}`)
            .join('')
        : c.text;
    let text = chunks.map(render).join('');
    const since = Number(q.get('sinceSeconds') ?? 0);
    if (since > 0) {
      const cutoff = Date.now() - since * 1000;
      text = chunks
        .filter((c) => c.time.getTime() >= cutoff)
        .map(render)
        .join('');
    }
    const tail = q.get('tailLines');
    if (tail !== null) {
      const lines = text.split(/(?<=\n)/);
      text = lines.slice(Math.max(0, lines.length - Number(tail))).join('');
    }
    const limitBytes = Number(q.get('limitBytes') ?? 0);
    if (limitBytes > 0) text = Buffer.from(text).subarray(0, limitBytes).toString('utf8');
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
    if (!bool(q.get('follow')) || previous) {
      res.end(text);
      return;
    }
    res.write(text);
    this.streams.add(res);
    const off = this.kubelet.followLogs(
      pod.metadata.uid,
      container,
      (c) => res.write(render(c)),
      () => res.end()
    );
    res.on('close', () => {
      off();
      this.streams.delete(res);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // writes

  /** Turns a request body into an object for def, checking kind/apiVersion/namespace like the decoder. */
  private objectFromBody(def: ResourceDef, body: unknown, ns: string | undefined): KubeObject {
    if (!isRecord(body)) throw badRequest('the body of the request was in an unknown format');
    if (body.kind !== undefined && body.kind !== def.kind) {
      throw badRequest(
        `${String(body.kind)} in version "${def.version}" cannot be handled as a ${def.kind}: no kind "${String(body.kind)}" is registered for version "${apiVersionOf(def)}"`
      );
    }
    if (body.apiVersion !== undefined && body.apiVersion !== apiVersionOf(def)) {
      throw badRequest(
        `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersionOf(def)})`
      );
    }
    const meta = isRecord(body.metadata) ? body.metadata : {};
    if (
      def.namespaced &&
      typeof meta.namespace === 'string' &&
      meta.namespace !== '' &&
      meta.namespace !== ns
    ) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request'
      );
    }
    const obj = clone(body) as Record<string, unknown>;
    obj.apiVersion = apiVersionOf(def);
    obj.kind = def.kind;
    const m: Record<string, unknown> = { ...meta };
    for (const k of [
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'generation',
      'managedFields',
      'selfLink'
    ]) {
      delete m[k];
    }
    m.name = typeof meta.name === 'string' ? meta.name : '';
    if (def.namespaced) m.namespace = ns;
    else delete m.namespace;
    obj.metadata = m;
    return obj as KubeObject;
  }

  /** POST: name generation, validation, namespace checks, admission, then storage. */
  private createObject(
    def: ResourceDef,
    ns: string,
    obj: KubeObject,
    dryRun: boolean,
    sentRv?: unknown
  ): KubeObject {
    const meta = obj.metadata;
    // SimpleNameGenerator: the prefix is cut to 58 characters so that the name fits a DNS label
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName.slice(0, 58)}${randomSuffix()}`;
    if (!meta.name) {
      throw invalid(def, '', [
        {
          reason: 'FieldValueRequired',
          message: 'Required value: name or generateName is required',
          field: 'metadata.name'
        }
      ]);
    }
    const causes = [...nameErrors(meta.name, def.nameRule), ...metadataErrors(meta)];
    if (causes.length) throw invalid(def, meta.name, causes);
    meta.uid = '';
    meta.resourceVersion = '';
    meta.creationTimestamp = '';
    if (def.namespaced) {
      const nsObj = this.store.get(NAMESPACES, undefined, ns);
      if (!nsObj) throw notFound(NAMESPACES, ns);
      if (nsObj.metadata.deletionTimestamp) {
        throw new ApiError(
          403,
          'Forbidden',
          `${def.resource} "${meta.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
          { name: meta.name, kind: def.resource }
        );
      }
    }
    if (this.store.get(def, def.namespaced ? ns : undefined, meta.name)) {
      // checked before admission so a re-create reports AlreadyExists, not an admission error
      throw alreadyExists(def, meta.name);
    }
    if (def === PODS) {
      preparePod(obj, (pod) => {
        const saName = String(valueAtPath(pod, 'spec.serviceAccountName'));
        admitPodServiceAccount(pod, this.store.get(SERVICE_ACCOUNTS, ns, saName));
      });
    } else if (def === JOBS) prepareJob(obj);
    else if (def === NAMESPACES) prepareNamespace(obj);
    if (dryRun) {
      const preview = clone(obj);
      preview.metadata.uid ||= randomUUID();
      preview.metadata.creationTimestamp = now();
      return preview;
    }
    // etcd3's store.Create refuses an object that still carries a resourceVersion with a plain error,
    // which the handler serves as a 500 without a reason (after validation and admission; a dry run
    // never reaches the store)
    if (typeof sentRv === 'string' && sentRv !== '' && sentRv !== '0')
      throw new ApiError(500, '', 'resourceVersion should not be set on objects to be created');
    const created = this.store.create(def, obj);
    if (def === PODS) this.kubelet.podAdded(created);
    return created;
  }

  private checkName(def: ResourceDef, name: string, bodyName: unknown): void {
    if (typeof bodyName === 'string' && bodyName !== '' && bodyName !== name) {
      throw badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`);
    }
  }

  /** Carries over what clients may not change through the main resource (or only status, for /status). */
  private finishUpdate(
    def: ResourceDef,
    cur: KubeObject,
    next: KubeObject,
    sub: string | undefined,
    dryRun: boolean
  ): KubeObject {
    const merged = sub === 'status' ? { ...clone(cur), status: next.status } : next;
    merged.apiVersion = cur.apiVersion;
    merged.kind = cur.kind;
    merged.metadata = {
      ...(sub === 'status' ? cur.metadata : next.metadata),
      name: cur.metadata.name,
      uid: cur.metadata.uid,
      creationTimestamp: cur.metadata.creationTimestamp,
      resourceVersion: cur.metadata.resourceVersion,
      ...(cur.metadata.namespace !== undefined ? { namespace: cur.metadata.namespace } : {}),
      ...(cur.metadata.deletionTimestamp ? { deletionTimestamp: cur.metadata.deletionTimestamp } : {}),
      ...(cur.metadata.generation !== undefined ? { generation: cur.metadata.generation } : {})
    } as KubeObject['metadata'];
    if (!merged.metadata.namespace) delete merged.metadata.namespace;
    if (sub !== 'status' && (def === PODS || def === JOBS || def === NAMESPACES)) merged.status = cur.status;
    if (def === NAMESPACES && sub !== 'finalize') merged.spec = cur.spec;
    const causes = [...metadataErrors(merged.metadata), ...immutableChanges(def, cur, merged)];
    if (causes.length) throw invalid(def, cur.metadata.name, causes);
    if (def === JOBS && JSON.stringify(cur.spec) !== JSON.stringify(merged.spec)) {
      merged.metadata.generation = (cur.metadata.generation ?? 1) + 1;
    }
    if (dryRun) return merged;
    return this.store.update(def, merged);
  }

  private updateObject(
    def: ResourceDef,
    ns: string | undefined,
    name: string,
    body: unknown,
    sub: string | undefined,
    dryRun: boolean
  ): KubeObject {
    if (def === EVENTS_V1)
      throw new ApiError(405, 'MethodNotAllowed', 'update is not supported on events.k8s.io in the double');
    const cur = this.store.get(def, ns, name);
    if (!cur) throw notFound(def, name);
    const next = this.objectFromBody(def, body, ns);
    this.checkName(def, name, next.metadata.name);
    const rv = isRecord(body) && isRecord(body.metadata) ? body.metadata.resourceVersion : undefined;
    if (typeof rv === 'string' && rv !== '' && rv !== cur.metadata.resourceVersion) throw conflict(def, name);
    return this.finishUpdate(def, cur, next, sub, dryRun);
  }

  private patchObject(
    def: ResourceDef,
    ns: string | undefined,
    name: string,
    contentType: string | undefined,
    raw: Buffer,
    sub: string | undefined,
    q: URLSearchParams,
    dryRun: boolean
  ): { code: number; obj: KubeObject } {
    if (def === EVENTS_V1)
      throw new ApiError(405, 'MethodNotAllowed', 'patch is not supported on events.k8s.io in the double');
    const type = patchTypeOf(contentType);
    if (!type) {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`
      );
    }
    let patch: unknown;
    try {
      patch = type === 'apply' ? parseYaml(raw.toString('utf8')) : JSON.parse(raw.toString('utf8'));
    } catch (e) {
      throw badRequest(`error decoding patch: ${(e as Error).message}`);
    }
    if (type === 'apply' && !q.get('fieldManager')) {
      throw badRequest(
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch'
      );
    }
    const cur = this.store.get(def, ns, name);
    if (!cur) {
      if (type !== 'apply') throw notFound(def, name);
      const obj = this.objectFromBody(def, patch, ns);
      this.checkName(def, name, obj.metadata.name);
      obj.metadata.name = name;
      return { code: 201, obj: this.createObject(def, ns ?? '', obj, dryRun) };
    }
    let patched: unknown;
    try {
      if (type === 'json') patched = jsonPatch(cur, patch);
      else if (type === 'merge') patched = mergePatch(cur, patch);
      else patched = strategicMergePatch(cur, patch);
    } catch (e) {
      if (e instanceof PatchError) throw new ApiError(422, 'Invalid', e.message, {});
      throw e;
    }
    if (!isRecord(patched) || !isRecord(patched.metadata))
      throw new ApiError(422, 'Invalid', 'patch removed metadata', {});
    this.checkName(def, name, patched.metadata.name);
    // patch.go's checkName: a patch may not move the object to another namespace
    const patchedNs = patched.metadata.namespace;
    if (ns && typeof patchedNs === 'string' && patchedNs !== '' && patchedNs !== ns)
      throw badRequest(
        `the namespace of the object (${patchedNs}) does not match the namespace on the request (${ns})`
      );
    const rv = patched.metadata.resourceVersion;
    if (rv !== cur.metadata.resourceVersion && rv !== undefined && rv !== '') throw conflict(def, name);
    return { code: 200, obj: this.finishUpdate(def, cur, patched as KubeObject, sub, dryRun) };
  }

  private deletePod(ns: string, name: string, grace: number | undefined): KubeObject {
    const cur = this.store.get(PODS, ns, name);
    if (!cur) throw notFound(PODS, name);
    const g = grace ?? Number(valueAtPath(cur, 'spec.terminationGracePeriodSeconds') ?? 30);
    if (!valueAtPath(cur, 'spec.nodeName') || g === 0) {
      this.kubelet.podGone(cur.metadata.uid);
      return this.store.remove(PODS, ns, name) ?? cur;
    }
    if (cur.metadata.deletionTimestamp) return cur;
    const updated = this.store.mutate(PODS, ns, name, (p) => {
      p.metadata.deletionTimestamp = new Date(Date.now() + g * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      p.metadata.deletionGracePeriodSeconds = g;
    });
    if (!updated) throw notFound(PODS, name);
    this.kubelet.podDeleting(updated, g);
    return updated;
  }

  private deleteObject(
    def: ResourceDef,
    ns: string | undefined,
    name: string,
    opts: Record<string, unknown>
  ): { obj: KubeObject; warning?: string } {
    if (def === EVENTS_V1)
      throw new ApiError(405, 'MethodNotAllowed', 'delete is not supported on events.k8s.io in the double');
    const cur = this.store.get(def, ns, name);
    if (!cur) throw notFound(def, name);
    const pre = isRecord(opts.preconditions) ? opts.preconditions : {};
    if (typeof pre.uid === 'string' && pre.uid !== cur.metadata.uid) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${def.resource} "${name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata.uid}`,
        { name, kind: def.resource }
      );
    }
    if (typeof pre.resourceVersion === 'string' && pre.resourceVersion !== cur.metadata.resourceVersion) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${def.resource} "${name}": Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${cur.metadata.resourceVersion}`,
        { name, kind: def.resource }
      );
    }
    const grace = typeof opts.gracePeriodSeconds === 'number' ? opts.gracePeriodSeconds : undefined;
    if (def === PODS) return { obj: this.deletePod(ns ?? '', name, grace) };
    if (def === NAMESPACES) {
      if (['default', 'kube-system', 'kube-public'].includes(name)) {
        throw new ApiError(
          403,
          'Forbidden',
          `namespaces "${name}" is forbidden: this namespace may not be deleted`,
          {
            name,
            kind: 'namespaces'
          }
        );
      }
      if (cur.metadata.deletionTimestamp) return { obj: cur };
      const updated = this.store.mutate(NAMESPACES, undefined, name, (n) => {
        n.metadata.deletionTimestamp = now();
        n.status = { phase: 'Terminating' };
      });
      this.controllers.deleteNamespaceContents(name);
      return { obj: updated ?? cur };
    }
    if (def === JOBS) {
      let policy = typeof opts.propagationPolicy === 'string' ? opts.propagationPolicy : undefined;
      let warning: string | undefined;
      if (!policy) {
        if (opts.orphanDependents === false) policy = 'Background';
        else {
          // batch/v1 Jobs still default to orphaning their pods, with this warning since 1.27
          policy = 'Orphan';
          if (opts.orphanDependents === undefined) {
            warning =
              'child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning';
          }
        }
      }
      if (policy === 'Foreground') {
        const updated = this.store.mutate(JOBS, ns, name, (j) => {
          j.metadata.deletionTimestamp = now();
          j.metadata.finalizers = [...(j.metadata.finalizers ?? []), 'foregroundDeletion'];
        });
        this.controllers.collectDependents(cur, 'Foreground');
        return { obj: updated ?? cur, ...(warning ? { warning } : {}) };
      }
      const gone = this.store.remove(JOBS, ns, name) ?? cur;
      this.controllers.collectDependents(cur, policy === 'Orphan' ? 'Orphan' : 'Background');
      return { obj: gone, ...(warning ? { warning } : {}) };
    }
    return { obj: this.store.remove(def, ns, name) ?? cur };
  }

  // ---------------------------------------------------------------------------------------------
  // TokenRequest

  private tokenRequest(ns: string, name: string, body: unknown): Record<string, unknown> {
    const b = isRecord(body) ? body : {};
    if (b.kind !== undefined && b.kind !== 'TokenRequest') {
      throw badRequest(`${String(b.kind)} in version "v1" cannot be handled as a TokenRequest`);
    }
    // TokenREST.Create: a name or namespace in the body must be the URL's, before the account is read
    const meta = isRecord(b.metadata) ? b.metadata : {};
    for (const [field, want, what] of [
      ['name', name, 'name'],
      ['namespace', ns, 'namespace']
    ] as const) {
      const got = meta[field];
      if (typeof got === 'string' && got !== '' && got !== want) {
        throw invalid(TOKEN_REQUESTS, name, [
          {
            reason: 'FieldValueInvalid',
            message: `Invalid value: ${JSON.stringify(got)}: must match the service account ${what} if specified`,
            field: `metadata.${field}`
          }
        ]);
      }
    }
    const sa = this.store.get(SERVICE_ACCOUNTS, ns, name);
    if (!sa) throw notFound(SERVICE_ACCOUNTS, name);
    const spec = isRecord(b.spec) ? b.spec : {};
    const audiences =
      Array.isArray(spec.audiences) && spec.audiences.length > 0
        ? spec.audiences.map((a) => String(a))
        : this.apiAudiences();
    let seconds =
      typeof spec.expirationSeconds === 'number'
        ? spec.expirationSeconds
        : (this.opts.tokenTtlSeconds ?? 3600);
    if (seconds < 600) {
      throw invalid(TOKEN_REQUESTS, name, [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: ${seconds}: may not specify a duration less than 10 minutes`,
          field: 'spec.expirationSeconds'
        }
      ]);
    }
    if (seconds > 2 ** 32) {
      throw invalid(TOKEN_REQUESTS, name, [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: ${seconds}: may not specify a duration larger than 2^32 seconds`,
          field: 'spec.expirationSeconds'
        }
      ]);
    }
    if (this.opts.maxTokenTtlSeconds && seconds > this.opts.maxTokenTtlSeconds)
      seconds = this.opts.maxTokenTtlSeconds;
    let pod: { name: string; uid: string } | undefined;
    const ref = isRecord(spec.boundObjectRef) ? spec.boundObjectRef : undefined;
    if (ref) {
      if (ref.kind !== 'Pod')
        throw badRequest(`cannot bind token to object of kind ${String(ref.kind)} in the double`);
      const p = this.store.get(PODS, ns, String(ref.name ?? ''));
      if (!p) throw notFound(PODS, String(ref.name ?? ''));
      if (typeof ref.uid === 'string' && ref.uid !== '' && ref.uid !== p.metadata.uid) {
        throw new ApiError(
          409,
          'Conflict',
          `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
          {}
        );
      }
      pod = { name: p.metadata.name, uid: p.metadata.uid };
    }
    const issuedAt = new Date();
    const token = this.sign(
      serviceAccountClaims({
        issuer: this.issuerUrl,
        audiences,
        namespace: ns,
        serviceAccount: { name, uid: sa.metadata.uid },
        ...(pod ? { pod, node: { name: NODE_NAME, uid: NODE_UID } } : {}),
        expiresInSeconds: seconds,
        now: issuedAt
      })
    );
    const exp = new Date(Math.floor(issuedAt.getTime() / 1000) * 1000 + seconds * 1000);
    return {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace: ns, creationTimestamp: null },
      spec: {
        audiences,
        expirationSeconds: seconds,
        boundObjectRef: ref ? { kind: 'Pod', apiVersion: 'v1', name: pod?.name, uid: pod?.uid } : null
      },
      status: { token, expirationTimestamp: exp.toISOString().replace(/\.\d{3}Z$/, 'Z') }
    };
  }
}

const NODE_UID = randomUUID();

function blank(apiVersion: string, kind: string, name: string, namespace?: string): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      uid: '',
      resourceVersion: '',
      creationTimestamp: ''
    }
  };
}

/** Starts a kube-apiserver double on 127.0.0.1 with a server certificate from the test CA. */
export async function startKubeDouble(opts: KubeDoubleOptions): Promise<KubeDouble> {
  const d = new KubeDoubleImpl(opts);
  await d.listen();
  return d;
}
