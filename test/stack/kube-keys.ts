// Service-account signing keys for the kube-apiserver double, and the JWTs they sign.
// Key IDs, JWK shape and token claims follow kube-apiserver (pkg/serviceaccount) so that code
// verified against the double sees the same bytes it would see from a real cluster.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
  type KeyObject
} from 'node:crypto';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A public JWK exactly as kube-apiserver serves it (field order included: go-jose marshals use, kty, kid, alg, n, e). */
export interface ServedJwk {
  use: 'sig';
  kty: 'RSA';
  kid: string;
  alg: 'RS256';
  n: string;
  e: string;
}

/** kube-apiserver's keyIDFromPublicKey: base64url (no padding) of SHA-256 over the PKIX DER public key. */
export function kidOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64url');
}

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001
  });
  return { kid: kidOf(publicKey), privateKey, publicKey };
}

export function signingKeyFromPem(privateKeyPem: string): SigningKey {
  const privateKey = createPrivateKey(privateKeyPem);
  // Node derives the public half when given a private KeyObject.
  const publicKey = createPublicKey(privateKey);
  return { kid: kidOf(publicKey), privateKey, publicKey };
}

function rsaParams(key: KeyObject): { n: string; e: string } {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new Error('not an RSA key');
  return { n: jwk.n, e: jwk.e };
}

export function servedJwk(key: SigningKey): ServedJwk {
  const { n, e } = rsaParams(key.publicKey);
  return { use: 'sig', kty: 'RSA', kid: key.kid, alg: 'RS256', n, e };
}

/** The same key with its private parameters: only for tests that must see a JWKS leak rejected. */
export function privateJwk(key: SigningKey): Record<string, string> {
  const jwk = key.privateKey.export({ format: 'jwk' });
  const out: Record<string, string> = { use: 'sig', kid: key.kid, alg: 'RS256' };
  for (const [k, v] of Object.entries(jwk)) if (typeof v === 'string') out[k] = v;
  return out;
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Compact RS256 JWS. kube-apiserver's header carries alg and kid only (no typ). */
export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const input = `${b64url({ alg: 'RS256', kid: key.kid })}.${b64url(claims)}`;
  const signature = sign('sha256', Buffer.from(input), key.privateKey).toString('base64url');
  return `${input}.${signature}`;
}

export interface TokenClaimsInput {
  issuer: string;
  audiences: string[];
  namespace: string;
  serviceAccount: { name: string; uid: string };
  pod?: { name: string; uid: string };
  node?: { name: string; uid: string };
  expiresInSeconds: number;
  now?: Date;
}

/**
 * Claims of a bound service-account token as kube-apiserver 1.30+ issues them (claims.go):
 * registered claims plus the private `kubernetes.io` claim; jti since ServiceAccountTokenJTI,
 * node info for pod-bound tokens since ServiceAccountTokenPodNodeInfo.
 */
export function serviceAccountClaims(input: TokenClaimsInput): Record<string, unknown> {
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const k8s: Record<string, unknown> = { namespace: input.namespace };
  if (input.node) k8s.node = { name: input.node.name, uid: input.node.uid };
  if (input.pod) k8s.pod = { name: input.pod.name, uid: input.pod.uid };
  k8s.serviceaccount = { name: input.serviceAccount.name, uid: input.serviceAccount.uid };
  // Go marshals struct fields in declaration order and the map in key order; JSON consumers must not care,
  // but keeping kube's order makes side-by-side comparisons with real tokens easy.
  return {
    aud: input.audiences,
    exp: now + input.expiresInSeconds,
    iat: now,
    iss: input.issuer,
    jti: randomUUID(),
    'kubernetes.io': k8s,
    nbf: now,
    sub: `system:serviceaccount:${input.namespace}:${input.serviceAccount.name}`
  };
}

/** Decodes a compact JWT's header and payload without verifying it (the double checks signatures itself). */
export function decodeJwt(
  token: string
): { header: Record<string, unknown>; payload: Record<string, unknown> } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    if (!isRecord(header) || !isRecord(payload)) return null;
    return { header, payload };
  } catch {
    return null;
  }
}

/** Checks an RS256 signature against one key; used when the double authenticates its own tokens. */
export function verifyJwtSignature(token: string, key: SigningKey): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const input = Buffer.from(`${parts[0]}.${parts[1]}`);
  return verify('sha256', input, key.publicKey, Buffer.from(parts[2] ?? '', 'base64url'));
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
