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
import { asList, isRecord, policyStatements, wildcardMatch } from './iam-policy.js';

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

/** IAM names an OIDC provider by its issuer URL without the scheme; condition keys use the same. */
export function issuerHostPathOf(iss: unknown): string {
  if (typeof iss !== 'string' || !iss.startsWith('https://')) {
    throw invalidToken('The web identity token has no https:// issuer (iss claim)');
  }
  return iss.slice('https://'.length).replace(/\/$/, '');
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

type ConditionContext = Map<string, string[]>;

export function conditionContext(claims: TokenClaims, issuerHostPath: string): ConditionContext {
  const context: ConditionContext = new Map();
  const put = (name: string, values: string[]): void => {
    if (values.length > 0) context.set(`${issuerHostPath}:${name}`.toLowerCase(), values);
  };
  put('sub', asList(claims.sub));
  put('aud', asList(claims.aud));
  put('amr', asList(claims.amr));
  return context;
}

const STRING_OPERATORS: Record<
  string,
  { negated: boolean; matches(pattern: string, value: string): boolean }
> = {
  StringEquals: { negated: false, matches: (p, v) => p === v },
  StringNotEquals: { negated: true, matches: (p, v) => p === v },
  StringEqualsIgnoreCase: { negated: false, matches: (p, v) => p.toLowerCase() === v.toLowerCase() },
  StringNotEqualsIgnoreCase: { negated: true, matches: (p, v) => p.toLowerCase() === v.toLowerCase() },
  StringLike: { negated: false, matches: (p, v) => wildcardMatch(p, v) },
  StringNotLike: { negated: true, matches: (p, v) => wildcardMatch(p, v) }
};

/**
 * One `"Operator": {"key": value}` entry, following IAM's rules for absent keys: negated
 * operators, `...IfExists` and `ForAllValues:` hold when the key is absent; the rest fail.
 * An operator this evaluator does not know never holds, so an unsupported policy is refused
 * rather than waved through.
 */
export function evaluateCondition(
  operator: string,
  key: string,
  expected: unknown,
  context: ConditionContext
): boolean {
  const qualifier = /^(ForAnyValue|ForAllValues):/.exec(operator)?.[1];
  let base = qualifier ? operator.slice(qualifier.length + 1) : operator;
  const ifExists = base.endsWith('IfExists');
  if (ifExists) base = base.slice(0, -'IfExists'.length);
  const op = STRING_OPERATORS[base];
  if (!op) return false;

  const patterns = (Array.isArray(expected) ? expected : [expected]).map(String);
  const values = context.get(key.toLowerCase()) ?? [];
  if (values.length === 0) return ifExists || qualifier === 'ForAllValues' || (op.negated && !qualifier);

  const inSet = (value: string): boolean => patterns.some((p) => op.matches(p, value));
  const holds = (value: string): boolean => (op.negated ? !inSet(value) : inSet(value));
  if (qualifier === 'ForAllValues') return values.every(holds);
  if (qualifier === 'ForAnyValue') return values.some(holds);
  return op.negated ? values.every(holds) : values.some(holds);
}

function conditionsHold(condition: unknown, context: ConditionContext): boolean {
  if (condition === undefined) return true;
  if (!isRecord(condition)) return false;
  return Object.entries(condition).every(
    ([operator, block]) =>
      isRecord(block) &&
      Object.entries(block).every(([key, expected]) => evaluateCondition(operator, key, expected, context))
  );
}

function statementMatches(
  st: Record<string, unknown>,
  providerArn: string,
  context: ConditionContext
): boolean {
  if (st['NotPrincipal'] !== undefined || st['NotAction'] !== undefined) return false;
  const principal = st['Principal'];
  return (
    isRecord(principal) &&
    asList(principal['Federated']).includes(providerArn) &&
    asList(st['Action']).some((a) => wildcardMatch(a, 'sts:AssumeRoleWithWebIdentity', true)) &&
    conditionsHold(st['Condition'], context)
  );
}

/** Whether a role's trust policy lets this token's holder assume it through `providerArn`. */
export function checkTrustPolicy(
  policy: unknown,
  claims: TokenClaims,
  providerArn: string,
  issuerHostPath: string
): boolean {
  const context = conditionContext(claims, issuerHostPath);
  let allowed = false;
  for (const st of policyStatements(policy)) {
    if (!statementMatches(st, providerArn, context)) continue;
    if (st['Effect'] === 'Deny') return false;
    if (st['Effect'] === 'Allow') allowed = true;
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
    const url = (provider.Url ?? '').replace(/^https:\/\//, '').replace(/\/$/, '');
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
  if (!checkTrustPolicy(role.trustPolicy, parsed.claims, provider.arn, hostPath)) throw notAuthorized();
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
