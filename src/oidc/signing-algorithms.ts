/**
 * The JWS algorithms AWS STS accepts for web-identity tokens, and the key each one needs. An alg
 * outside this list would publish fine and then fail every AssumeRoleWithWebIdentity call, so it
 * is refused before anything is written.
 */
export const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'] as const;

export type AcceptedAlgorithm = (typeof ACCEPTED_ALGORITHMS)[number];

export function isAcceptedAlgorithm(alg: unknown): alg is AcceptedAlgorithm {
  return typeof alg === 'string' && (ACCEPTED_ALGORITHMS as readonly string[]).includes(alg);
}

/** The key type and, for EC, the curve an algorithm signs with (RFC 7518 section 3.1). */
export function keyShapeFor(alg: AcceptedAlgorithm): { kty: 'RSA' } | { kty: 'EC'; crv: string } {
  switch (alg) {
    case 'ES256':
      return { kty: 'EC', crv: 'P-256' };
    case 'ES384':
      return { kty: 'EC', crv: 'P-384' };
    case 'ES512':
      return { kty: 'EC', crv: 'P-521' };
    default:
      return { kty: 'RSA' };
  }
}
