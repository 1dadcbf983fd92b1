import { asRecord, asStringList } from '../json/shape.js';

/**
 * Reading a service-account token the way STS does before it trusts anything: the header's
 * kid/alg and the payload's claims, decoded without verification (verification needs the
 * published keys, which is a later check).
 */
export interface TokenView {
  kid: string | undefined;
  alg: string | undefined;
  iss: string | undefined;
  sub: string | undefined;
  aud: string[];
  exp: number | undefined;
  /** Every claim, for evaluating trust conditions on keys other than sub and aud. */
  claims: Record<string, unknown>;
}

function decodeSegment(segment: string | undefined): Record<string, unknown> | undefined {
  if (!segment || !/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return asRecord(parsed);
  } catch {
    return undefined;
  }
}

/** undefined when the value is no compact JWS with JSON header and payload. */
export function readToken(token: string): TokenView | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[2]) return undefined;
  const header = decodeSegment(parts[0]);
  const claims = decodeSegment(parts[1]);
  if (!header || !claims) return undefined;
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return {
    kid: text(header.kid),
    alg: text(header.alg),
    iss: text(claims.iss),
    sub: text(claims.sub),
    aud: asStringList(claims.aud),
    exp: typeof claims.exp === 'number' ? claims.exp : undefined,
    claims
  };
}

/** IAM names a provider, and prefixes its condition keys, by the issuer URL without https://. */
export function issuerHostPath(issuer: string): string {
  return issuer.replace(/^https:\/\//i, '').replace(/\/+$/, '');
}

export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/** Why an issuer cannot work with STS, or undefined when its shape is fine. */
export function issuerProblem(issuer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return `'${issuer}' is not a URL`;
  }
  if (url.protocol !== 'https:') return `'${issuer}' does not use https, which STS requires`;
  if (url.search || url.hash) return `'${issuer}' carries a query or fragment`;
  // An IPv6 literal ([2001:db8::1]) is an address, as a dotted IPv4 one is, not a name: whether AWS
  // reaches it is for unreachableHost (src/net/aws-reach.ts) to say.
  if (url.hostname.startsWith('[')) return undefined;
  // The in-cluster default issuer: STS, outside the cluster, can never fetch its documents.
  if (!url.hostname.includes('.') || /\.(svc|local|internal)$/.test(url.hostname))
    return `'${issuer}' names a host only the cluster can resolve`;
  return undefined;
}
