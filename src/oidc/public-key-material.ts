/**
 * Checks of a JWK's public material that STS would not make: a key it would take but that anyone
 * could forge tokens for must not reach a public bucket any more than a private one. The cluster's
 * answer is untrusted (a proxy, a misconfigured or hostile API server), so its members are read
 * strictly; no message quotes their values.
 */
import { createPublicKey } from 'node:crypto';

// RFC 7517 section 4 and RFC 7518 sections 6.2.1 and 6.3.1: the members a public RSA or EC key
// may carry. Anything else is published nowhere: an unknown member could hold anything, a PEM
// private key or {"d": …} under a name no check reads.
const PUBLIC_MEMBERS = new Set([
  'kty',
  'use',
  'key_ops',
  'alg',
  'kid',
  'x5u',
  'x5c',
  'x5t',
  'x5t#S256',
  'n',
  'e',
  'crv',
  'x',
  'y'
]);

// NIST SP 800-131A and every cloud STS: RSA under 2048 bits is factorable by someone who wants to.
export const MIN_RSA_BITS = 2048;

/** A member name fit to print: JSON-quoted, so control characters show, and cut short. */
function quotedName(name: string): string {
  const quoted = JSON.stringify(name);
  return quoted.length > 40 ? `${quoted.slice(0, 39)}…"` : quoted;
}

export function unknownMembersProblem(key: Record<string, unknown>): string | undefined {
  const unknown = Object.keys(key).filter((name) => !PUBLIC_MEMBERS.has(name));
  if (unknown.length === 0) return undefined;
  const names = unknown.slice(0, 5).map(quotedName).join(', ');
  return `has member${unknown.length === 1 ? '' : 's'} ${names}${unknown.length > 5 ? ', …' : ''} that a public JWK does not carry; only ${[...PUBLIC_MEMBERS].join(', ')} are published`;
}

/** The octets of a base64url value (RFC 7515 section 2: no padding), or undefined when it is none. */
function base64urlOctets(value: string): Buffer | undefined {
  return /^[A-Za-z0-9_-]+$/.test(value) && value.length % 4 !== 1
    ? Buffer.from(value, 'base64url')
    : undefined;
}

export function rsaMaterialProblem(n: string, e: string): string | undefined {
  const modulus = base64urlOctets(n);
  if (!modulus) return 'has an n that is not base64url';
  // RFC 7518 section 6.3.1.1: the minimum number of octets; a zero octet in front pads the length.
  if (modulus[0] === 0) return 'has an n with a leading zero octet (RFC 7518 requires the shortest encoding)';
  const bits = (modulus.length - 1) * 8 + (modulus[0] ?? 0).toString(2).length;
  if (bits < MIN_RSA_BITS)
    return `is a ${bits}-bit RSA key; anything under ${MIN_RSA_BITS} bits can be factored and its tokens forged`;
  const exponent = base64urlOctets(e);
  if (!exponent || exponent[0] === 0)
    return 'has a public exponent e that is not base64url of its shortest octets';
  const value = BigInt(`0x${exponent.toString('hex')}`);
  // e = 1 makes every signature verify; an even e is no RSA key at all.
  if (value < 3n || value % 2n === 0n)
    return `has public exponent ${value}, which no RSA signing key has (kube-apiserver's is 65537, AQAB)`;
  return undefined;
}

export function ecMaterialProblem(crv: string, x: string, y: string): string | undefined {
  if (!base64urlOctets(x) || !base64urlOctets(y)) return 'has an x or y that is not base64url';
  try {
    // OpenSSL refuses a point that is not on the curve.
    createPublicKey({ key: { kty: 'EC', crv, x, y }, format: 'jwk' });
  } catch {
    return `is not a valid ${crv} public key (its point is not on the curve)`;
  }
  return undefined;
}
