import { UserError } from '../io/errors.js';
import {
  isAcceptedAlgorithm,
  keyShapeFor,
  ACCEPTED_ALGORITHMS,
  type AcceptedAlgorithm
} from './signing-algorithms.js';
import { privateMembersOf } from './private-members.js';
import { servedText } from './served-text.js';
import { ecMaterialProblem, rsaMaterialProblem, unknownMembersProblem } from './public-key-material.js';
import { isRecord } from '../json/shape.js';

/** A public signing key as published: the cluster's members, untouched, plus the checked ones. */
export interface PublicJwk {
  readonly kid: string;
  readonly alg: AcceptedAlgorithm;
  readonly members: Readonly<Record<string, unknown>>;
}

// AWS STS reads at most 100 keys of a JWKS; more and some tokens would stop verifying.
export const MAX_KEYS = 100;

/**
 * Why one key must not be published, or undefined when it may be. Never quotes key material:
 * the message ends up in the log.
 */
export function keyProblem(key: unknown): string | undefined {
  if (!isRecord(key)) return 'is not a JSON object';
  const leaked = privateMembersOf(key);
  if (leaked.length > 0)
    return `carries private key material (${leaked.join(', ')}); publishing it would hand out the signing key`;
  const unknown = unknownMembersProblem(key);
  if (unknown) return unknown;
  if (typeof key.kid !== 'string' || key.kid === '') return 'has no kid, so STS cannot pick it for a token';
  if (key.use !== 'sig') return `has use '${servedText(key.use)}' instead of 'sig'`;
  if (!isAcceptedAlgorithm(key.alg))
    return `has alg '${servedText(key.alg)}', which AWS STS does not accept (use one of ${ACCEPTED_ALGORITHMS.join(', ')})`;
  const shape = keyShapeFor(key.alg);
  if (key.kty !== shape.kty) return `has kty '${servedText(key.kty)}' but alg ${key.alg} needs ${shape.kty}`;
  if (shape.kty === 'RSA') {
    if (typeof key.n !== 'string' || typeof key.e !== 'string') return 'is an RSA key without n and e';
    return rsaMaterialProblem(key.n, key.e);
  }
  if (key.crv !== shape.crv)
    return `has curve '${servedText(key.crv)}' but alg ${key.alg} needs ${shape.crv}`;
  if (typeof key.x !== 'string' || typeof key.y !== 'string') return 'is an EC key without x and y';
  return ecMaterialProblem(shape.crv, key.x, key.y);
}

function describeKey(key: unknown, index: number): string {
  return isRecord(key) && typeof key.kid === 'string' && key.kid !== ''
    ? `'${servedText(key.kid)}'`
    : `#${index + 1}`;
}

/** The keys of a JWKS document, or the first reason it cannot be published. */
export function parseJwks(document: unknown, origin: string): PublicJwk[] {
  if (!isRecord(document) || !Array.isArray(document.keys))
    throw new UserError(`${origin} is not a JWKS: it has no "keys" array.`);
  const keys: unknown[] = document.keys;
  if (keys.length === 0)
    throw new UserError(`${origin} has no keys: there is nothing to verify tokens with.`);
  if (keys.length > MAX_KEYS)
    throw new UserError(`${origin} has ${keys.length} keys; AWS STS reads at most ${MAX_KEYS}.`);
  const seen = new Set<string>();
  return keys.map((key, index) => {
    const problem = keyProblem(key);
    // No input is wrong: a resync that published this cluster's keys before may meet these checks
    // first after an upgrade, so the error names what to change.
    if (problem)
      throw new UserError(
        `${origin}: key ${describeKey(key, index)} ${problem}. Nothing was published (what is published stays): ` +
          "replace the cluster's service-account signing key (kube-apiserver --service-account-signing-key-file; " +
          'Talos cluster.serviceAccount.key), or fix whatever rewrites its answer, then run again.'
      );
    const jwk = key as Record<string, unknown> & { kid: string; alg: AcceptedAlgorithm };
    if (seen.has(jwk.kid)) throw new UserError(`${origin} lists kid '${servedText(jwk.kid)}' twice.`);
    seen.add(jwk.kid);
    return { kid: jwk.kid, alg: jwk.alg, members: { ...jwk } };
  });
}

/**
 * Keys of a JWKS already published, keeping only those that could still be published: a key that
 * was once published by hand with private material or a bad alg is dropped, not carried forward.
 */
export function readPublishedKeys(document: unknown): { keys: PublicJwk[]; dropped: string[] } {
  if (!isRecord(document) || !Array.isArray(document.keys)) return { keys: [], dropped: [] };
  const keys: PublicJwk[] = [];
  const dropped: string[] = [];
  const seen = new Set<string>();
  (document.keys as unknown[]).forEach((key, index) => {
    const problem = keyProblem(key);
    const jwk = key as Record<string, unknown> & { kid: string; alg: AcceptedAlgorithm };
    if (problem || seen.has(jwk.kid)) {
      dropped.push(`${describeKey(key, index)} (${problem ?? 'duplicate kid'})`);
      return;
    }
    seen.add(jwk.kid);
    keys.push({ kid: jwk.kid, alg: jwk.alg, members: { ...jwk } });
  });
  return { keys, dropped };
}

export function jwksDocument(keys: readonly PublicJwk[]): { keys: Record<string, unknown>[] } {
  return { keys: keys.map((key) => ({ ...key.members })) };
}

/** A key's members in one spelling whatever their order, to tell a key's material apart from its kid. */
function canonicalKey(key: PublicJwk): string {
  const members = key.members;
  return JSON.stringify(
    Object.keys(members)
      .sort()
      .map((name) => [name, members[name]])
  );
}

/**
 * Whether two JWKS hold different keys, order aside: a key added or removed, or a kid whose
 * material changed. What STS may verify a token with changes only then.
 */
export function keySetChanged(before: readonly PublicJwk[], after: readonly PublicJwk[]): boolean {
  if (before.length !== after.length) return true;
  const previous = new Set(before.map(canonicalKey));
  return after.some((key) => !previous.has(canonicalKey(key)));
}
