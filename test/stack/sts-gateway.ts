// A strict STS in front of moto. Moto's AssumeRoleWithWebIdentity hands out credentials for
// any token and any role ARN, even one that does not exist, so on its own it would prove
// nothing about the IRSA chain. This gateway makes the checks AWS documents for that call
// first, against the provider, role and public discovery documents as they really are, and
// only then lets moto mint the credentials. Every other action goes to moto untouched.
//
// It deliberately shares no code with the product: a bug in the product's token or trust
// handling must not be mirrored here and so go unnoticed.
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import {
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  NoSuchEntityException
} from '@aws-sdk/client-iam';
import { compactVerify, importJWK, type JWK } from 'jose';
import { closeServer, listenOnLoopback, xmlEscape } from './http-plumbing.js';
import {
  asList,
  conditionMatch,
  conditionsMatch,
  isRecord,
  policyStatements,
  wildcardMatch,
  type ConditionContext,
  type Match
} from './iam-policy.js';

export interface StsGatewayOptions {
  motoEndpoint: string;
  /** The CA the issuer's HTTPS certificate chains to; passed explicitly on every fetch. */
  caPem: string;
  region: string;
}

export interface StsGateway {
  endpoint: string;
  stop(): Promise<void>;
}

export class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender'
  ) {
    super(message);
  }
}

const invalidToken = (message: string): StsError => new StsError('InvalidIdentityToken', message);
const notAuthorized = (): StsError =>
  new StsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403);
const idpUnreachable = (): StsError =>
  new StsError(
    'IDPCommunicationError',
    "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements"
  );

const FETCH_TIMEOUT_MS = 5_000;
/** AssumeRoleWithWebIdentity's DurationSeconds range (API reference: 900 to 43200). */
const MIN_DURATION_SECONDS = 900;
const MAX_DURATION_SECONDS = 43_200;
const SIGNING_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];

export interface TokenClaims {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
  amr?: unknown;
  [claim: string]: unknown;
}

export interface ParsedToken {
  header: { alg?: unknown; kid?: unknown; [field: string]: unknown };
  claims: TokenClaims;
}

function decodeSegment(segment: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) throw new Error('not base64url');
  const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  if (!isRecord(parsed)) throw new Error('not a JSON object');
  return parsed;
}

export function parseJwt(token: string): ParsedToken {
  const parts = token.split('.');
  try {
    if (parts.length !== 3 || !parts[2]) throw new Error('not three segments');
    return { header: decodeSegment(parts[0] ?? ''), claims: decodeSegment(parts[1] ?? '') };
  } catch {
    throw invalidToken(
      'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)'
    );
  }
}

/**
 * IAM names an OIDC provider by its issuer URL without the scheme; condition keys use the same.
 * Nothing is normalised: a trailing slash stays (IAM keeps it in the provider ARN and condition
 * keys), and the gateway matches iss to a provider URL byte for byte. How STS itself matches
 * `https://h/p/` against a provider `https://h/p` is undocumented; exact is the strict reading.
 */
export function issuerHostPathOf(iss: unknown): string {
  if (typeof iss !== 'string' || !iss.startsWith('https://')) {
    throw invalidToken('The web identity token has no https:// issuer (iss claim)');
  }
  return iss.slice('https://'.length);
}

export function checkExpiry(claims: TokenClaims, nowSeconds: number): void {
  if (typeof claims.exp !== 'number')
    throw invalidToken('The web identity token has no expiration (exp claim)');
  if (nowSeconds >= claims.exp) {
    throw new StsError(
      'ExpiredTokenException',
      `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${claims.exp}`
    );
  }
}

/** Returns the token audience the provider accepts; the token may carry several. */
export function matchAudience(claims: TokenClaims, clientIds: string[]): string {
  const match = asList(claims.aud).find((aud) => clientIds.includes(aud));
  if (match === undefined) throw invalidToken('Incorrect token audience');
  return match;
}

// ---- trust policy evaluation -------------------------------------------------------------

/**
 * The request context of an AssumeRoleWithWebIdentity call as far as the gateway models it: the
 * token's `sub`, `aud` and `amr` under the provider's URL, and `sts:RoleSessionName`. Keys of other
 * identity providers (a host before the colon) are known to be absent; global and service keys
 * (`aws:SourceIp`, `sts:ExternalId`, ...) are not modelled, so a condition on them is 'unknown'.
 */
export function conditionContext(
  claims: TokenClaims,
  issuerHostPath: string,
  sessionName?: string
): ConditionContext {
  const values = new Map<string, string[]>();
  const put = (key: string, list: string[]): void => {
    if (list.length > 0) values.set(key.toLowerCase(), list);
  };
  put(`${issuerHostPath}:sub`, asList(claims.sub));
  put(`${issuerHostPath}:aud`, asList(claims.aud));
  put(`${issuerHostPath}:amr`, asList(claims.amr));
  if (sessionName !== undefined) put('sts:RoleSessionName', [sessionName]);
  const models = (key: string): boolean => {
    if (values.has(key)) return true;
    if (key === 'sts:rolesessionname') return sessionName !== undefined;
    return /[./]/.test(key.slice(0, key.lastIndexOf(':')));
  };
  return { values, models };
}

/** Whether one condition entry holds; one the gateway cannot decide does not. */
export function evaluateCondition(
  operator: string,
  key: string,
  expected: unknown,
  context: ConditionContext
): boolean {
  return conditionMatch(operator, key, expected, context) === 'yes';
}

const ACTION = 'sts:AssumeRoleWithWebIdentity';

function namesProvider(principal: unknown, providerArn: string): boolean {
  return isRecord(principal) && asList(principal['Federated']).includes(providerArn);
}

function namesEveryone(principal: unknown): boolean {
  return principal === '*' || (isRecord(principal) && asList(principal['AWS']).includes('*'));
}

/**
 * Whether a statement applies to this call. An Allow must name the provider as Federated
 * principal and the action, and every condition must hold; NotPrincipal/NotAction never grant.
 * A Deny also applies through Principal "*", NotPrincipal and NotAction, and when a condition
 * cannot be decided: a Deny that might apply on AWS is applied.
 */
function statementMatch(st: Record<string, unknown>, providerArn: string, context: ConditionContext): Match {
  const actionMatches = (actions: unknown): boolean =>
    asList(actions).some((a) => wildcardMatch(a, ACTION, true));
  if (st['Effect'] !== 'Deny') {
    if (st['NotPrincipal'] !== undefined || st['NotAction'] !== undefined) return 'no';
    if (!namesProvider(st['Principal'], providerArn) || !actionMatches(st['Action'])) return 'no';
    return conditionsMatch(st['Condition'], context);
  }
  const principal =
    st['NotPrincipal'] !== undefined
      ? !namesProvider(st['NotPrincipal'], providerArn) && !namesEveryone(st['NotPrincipal'])
      : namesProvider(st['Principal'], providerArn) || namesEveryone(st['Principal']);
  const action =
    st['NotAction'] !== undefined ? !actionMatches(st['NotAction']) : actionMatches(st['Action']);
  if (!principal || !action) return 'no';
  return conditionsMatch(st['Condition'], context);
}

/** Whether a role's trust policy lets this token's holder assume it through `providerArn`. */
export function checkTrustPolicy(
  policy: unknown,
  claims: TokenClaims,
  providerArn: string,
  issuerHostPath: string,
  sessionName?: string
): boolean {
  const context = conditionContext(claims, issuerHostPath, sessionName);
  let allowed = false;
  for (const st of policyStatements(policy)) {
    const match = statementMatch(st, providerArn, context);
    if (st['Effect'] === 'Deny') {
      if (match !== 'no') return false;
    } else if (st['Effect'] === 'Allow' && match === 'yes') {
      allowed = true;
    }
  }
  return allowed;
}

// ---- the checks that need the network -----------------------------------------------------

function getJson(url: string, caPem: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (!url.startsWith('https://')) return reject(idpUnreachable());
    const req = httpsGet(url, { ca: caPem, timeout: FETCH_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(idpUnreachable());
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(idpUnreachable());
        }
      });
      res.on('error', () => reject(idpUnreachable()));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => reject(idpUnreachable()));
  });
}

async function publishedKeys(iss: string, caPem: string): Promise<JWK[]> {
  const discovery = await getJson(`${iss.replace(/\/$/, '')}/.well-known/openid-configuration`, caPem);
  if (!isRecord(discovery) || typeof discovery['jwks_uri'] !== 'string') throw idpUnreachable();
  if (discovery['issuer'] !== iss) {
    throw invalidToken(`The issuer in the discovery document does not match the token's issuer ${iss}`);
  }
  const jwks = await getJson(discovery['jwks_uri'], caPem);
  if (!isRecord(jwks) || !Array.isArray(jwks['keys'])) throw idpUnreachable();
  return jwks['keys'].filter(isRecord) as JWK[];
}

async function verifySignature(token: string, parsed: ParsedToken, keys: JWK[]): Promise<void> {
  const { alg, kid } = parsed.header;
  if (typeof alg !== 'string' || !SIGNING_ALGORITHMS.includes(alg)) {
    throw invalidToken(`The web identity token's signing algorithm ${String(alg)} is not supported`);
  }
  const candidates = kid === undefined && keys.length === 1 ? keys : keys.filter((k) => k.kid === kid);
  const jwk = candidates[0];
  if (!jwk) throw invalidToken(`No key with kid ${String(kid)} in the identity provider's JWKS`);
  try {
    await compactVerify(token, await importJWK(jwk, alg));
  } catch {
    throw invalidToken('The web identity token signature could not be verified');
  }
}

interface Provider {
  arn: string;
  clientIds: string[];
}

async function findProvider(iam: IAMClient, iss: string, hostPath: string): Promise<Provider> {
  const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
  for (const { Arn } of listed.OpenIDConnectProviderList ?? []) {
    if (!Arn) continue;
    const provider = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: Arn }));
    const url = (provider.Url ?? '').replace(/^https:\/\//, '');
    if (url === hostPath) return { arn: Arn, clientIds: provider.ClientIDList ?? [] };
  }
  throw invalidToken(`No OpenIDConnect provider found in your account for ${iss}`);
}

interface Role {
  name: string;
  trustPolicy: unknown;
  maxSessionDuration: number;
}

async function findRole(iam: IAMClient, roleArn: string): Promise<Role> {
  const name = /^arn:aws:iam::\d{12}:role\/(?:[^/]+\/)*([\w+=,.@-]+)$/.exec(roleArn)?.[1];
  if (!name) throw new StsError('ValidationError', `${roleArn} is invalid`);
  try {
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: name }));
    if (!role || role.Arn !== roleArn) throw notAuthorized();
    // IAM returns the policy document URL-encoded; moto has done both.
    const document = role.AssumeRolePolicyDocument ?? 'null';
    const text = document.trimStart().startsWith('{') ? document : decodeURIComponent(document);
    return {
      name,
      trustPolicy: JSON.parse(text) as unknown,
      maxSessionDuration: role.MaxSessionDuration ?? 3600
    };
  } catch (err) {
    if (err instanceof NoSuchEntityException) throw notAuthorized();
    throw err;
  }
}

function validateParameters(params: URLSearchParams): { roleArn: string; token: string } {
  for (const name of ['RoleArn', 'RoleSessionName', 'WebIdentityToken']) {
    if (!params.get(name)) {
      throw new StsError('MissingParameter', `The request must contain the parameter ${name}`);
    }
  }
  const session = params.get('RoleSessionName') ?? '';
  if (!/^[\w+=,.@-]{2,64}$/.test(session)) {
    throw new StsError(
      'ValidationError',
      `1 validation error detected: Value '${session}' at 'roleSessionName' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: [\\w+=,.@-]*'
    );
  }
  const duration = params.get('DurationSeconds');
  if (duration !== null) {
    const seconds = Number(duration);
    const problem = !/^\d+$/.test(duration)
      ? 'Member must be an integer'
      : seconds < MIN_DURATION_SECONDS
        ? `Member must have value greater than or equal to ${MIN_DURATION_SECONDS}`
        : seconds > MAX_DURATION_SECONDS
          ? `Member must have value less than or equal to ${MAX_DURATION_SECONDS}`
          : undefined;
    if (problem) {
      throw new StsError(
        'ValidationError',
        `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: ${problem}`
      );
    }
  }
  return { roleArn: params.get('RoleArn') ?? '', token: params.get('WebIdentityToken') ?? '' };
}

export interface Verified {
  roleName: string;
  session: string;
  subject: string;
  audience: string;
  providerArn: string;
}

async function verifyAssumeRoleWithWebIdentity(
  params: URLSearchParams,
  iam: IAMClient,
  caPem: string
): Promise<Verified> {
  const { roleArn, token } = validateParameters(params);
  const parsed = parseJwt(token);
  const iss = parsed.claims.iss;
  const hostPath = issuerHostPathOf(iss);
  const provider = await findProvider(iam, String(iss), hostPath);
  const keys = await publishedKeys(String(iss), caPem);
  await verifySignature(token, parsed, keys);
  checkExpiry(parsed.claims, Math.floor(Date.now() / 1000));
  const audience = matchAudience(parsed.claims, provider.clientIds);

  const role = await findRole(iam, roleArn);
  const session = params.get('RoleSessionName') ?? '';
  if (!checkTrustPolicy(role.trustPolicy, parsed.claims, provider.arn, hostPath, session))
    throw notAuthorized();
  const duration = params.get('DurationSeconds');
  if (duration !== null && Number(duration) > role.maxSessionDuration) {
    throw new StsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
    );
  }
  return {
    roleName: role.name,
    session: params.get('RoleSessionName') ?? '',
    subject: String(parsed.claims.sub ?? ''),
    audience,
    providerArn: provider.arn
  };
}

// ---- HTTP plumbing --------------------------------------------------------------------------

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function errorReply(err: StsError): Reply {
  const requestId = randomUUID();
  const body = Buffer.from(
    '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
      `<Error><Type>${err.type}</Type><Code>${err.code}</Code><Message>${xmlEscape(err.message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
  return { status: err.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'expect'
]);

function forward(
  motoEndpoint: string,
  method: string,
  path: string,
  headers: IncomingMessage['headers'],
  body: Buffer
): Promise<Reply> {
  const outgoing: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) outgoing[name] = value;
  }
  outgoing['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, motoEndpoint), { method, headers: outgoing }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const replyHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) replyHeaders[name] = String(value);
        }
        resolve({ status: res.statusCode ?? 502, headers: replyHeaders, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Moto's answer lacks the fields AWS adds for web identity; fill them in, and refuse to pass
 * on credentials for a different role than the one verified (a moto regression would
 * otherwise look like success).
 */
function completeMotoAnswer(reply: Reply, verified: Verified): Reply {
  if (reply.status !== 200) return reply;
  const xml = reply.body.toString('utf8');
  const arn = /<AssumedRoleUser>[\s\S]*?<Arn>([^<]*)<\/Arn>/.exec(xml)?.[1];
  if (!arn?.endsWith(`:assumed-role/${verified.roleName}/${verified.session}`)) {
    return errorReply(
      new StsError('InternalFailure', `moto answered with an unexpected assumed role ${arn}`, 500, 'Receiver')
    );
  }
  const extra = [
    ['SubjectFromWebIdentityToken', verified.subject],
    ['Audience', verified.audience],
    ['Provider', verified.providerArn]
  ]
    .filter(([name]) => !xml.includes(`<${name}>`))
    .map(([name, value]) => `<${name}>${xmlEscape(value ?? '')}</${name}>`)
    .join('');
  const body = Buffer.from(xml.replace('</AssumeRoleWithWebIdentityResult>', `${extra}$&`));
  return { ...reply, body };
}

async function handle(req: IncomingMessage, iam: IAMClient, options: StsGatewayOptions): Promise<Reply> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const body = await readBody(req);
  const params = method === 'POST' ? new URLSearchParams(body.toString('utf8')) : url.searchParams;
  if (params.get('Action') !== 'AssumeRoleWithWebIdentity') {
    return forward(options.motoEndpoint, method, req.url ?? '/', req.headers, body);
  }
  const verified = await verifyAssumeRoleWithWebIdentity(params, iam, options.caPem);
  // Moto routes an unsigned request by the Action in its body, so a GET is re-sent as a form POST.
  const formBody = method === 'POST' ? body : Buffer.from(url.searchParams.toString());
  const headers = { ...req.headers, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  const reply = await forward(options.motoEndpoint, 'POST', '/', headers, formBody);
  return completeMotoAnswer(reply, verified);
}

export async function startStsGateway(options: StsGatewayOptions): Promise<StsGateway> {
  const iam = new IAMClient({
    region: options.region,
    endpoint: options.motoEndpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
  const server = createServer((req, res) => {
    handle(req, iam, options)
      .catch((err: unknown) =>
        errorReply(
          err instanceof StsError
            ? err
            : new StsError(
                'InternalFailure',
                `STS gateway: ${err instanceof Error ? err.message : String(err)}`,
                500,
                'Receiver'
              )
        )
      )
      .then((reply) => {
        res.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) });
        res.end(reply.body);
      })
      .catch(() => res.destroy());
  });
  const port = await listenOnLoopback(server);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await closeServer(server);
      iam.destroy();
    }
  };
}
