/**
 * RFC 7518 sections 6.3.2 and 6.4.1: the members only a private (or symmetric) key carries. A JWKS
 * holding one in any key hands out a signing key: publish-oidc refuses to publish it and
 * verify-irsa fails a published one.
 */
export const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** The private members a key carries as its own (not Object.prototype's, which "in" would see). */
export function privateMembersOf(key: Record<string, unknown>): string[] {
  return PRIVATE_MEMBERS.filter((name) => Object.hasOwn(key, name));
}
