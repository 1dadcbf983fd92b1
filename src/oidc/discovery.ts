import { UserError } from '../io/errors.js';
import type { PublicJwk } from './jwks.js';
import { ACCEPTED_ALGORITHMS, isAcceptedAlgorithm } from './signing-algorithms.js';
import { servedList, servedText } from './served-text.js';
import { isRecord, isStringArray } from '../json/shape.js';

/** The cluster's /.well-known/openid-configuration, with the members this suite relies on checked. */
export interface ClusterDiscovery {
  issuer: string;
  jwksUri: string;
  algorithms: string[];
  /** Every member as served, so that publishing keeps what the cluster says (response types…). */
  members: Readonly<Record<string, unknown>>;
}

const ORIGIN = "The cluster's discovery document (/.well-known/openid-configuration)";

export function parseClusterDiscovery(document: unknown): ClusterDiscovery {
  if (!isRecord(document)) throw new UserError(`${ORIGIN} is not a JSON object.`);
  const { issuer, jwks_uri: jwksUri } = document;
  if (typeof issuer !== 'string' || issuer === '') throw new UserError(`${ORIGIN} has no issuer.`);
  if (typeof jwksUri !== 'string' || !URL.canParse(jwksUri))
    throw new UserError(`${ORIGIN} has no valid jwks_uri.`);
  const algorithms = document.id_token_signing_alg_values_supported;
  if (!isStringArray(algorithms))
    throw new UserError(`${ORIGIN} has no id_token_signing_alg_values_supported list.`);
  return { issuer, jwksUri, algorithms, members: { ...document } };
}

/**
 * STS compares the token's iss with the provider URL byte for byte, so a trailing slash or a
 * different case is a mismatch even though a browser would treat the URLs as the same.
 */
export function checkIssuer(clusterIssuer: string, issuerUrl: string, inputName: string): void {
  if (clusterIssuer === issuerUrl) return;
  let hint = '';
  if (clusterIssuer.replace(/\/+$/, '') === issuerUrl) hint = ' (the cluster adds a trailing slash)';
  else if (clusterIssuer.toLowerCase() === issuerUrl.toLowerCase()) hint = ' (they differ in case)';
  throw new UserError(
    `the cluster issues tokens for '${servedText(clusterIssuer, 200)}' but the documents would be published for ` +
      `'${issuerUrl}'${hint}; STS compares them byte for byte. Set the API server's ` +
      `--service-account-issuer=${issuerUrl} (Talos: cluster.apiServer.extraArgs.service-account-issuer: ` +
      `${issuerUrl}), or set ${inputName} to the issuer the cluster uses.`,
    inputName
  );
}

/** Every key's alg must be announced, and every announced alg must be one STS accepts. */
export function checkAlgorithms(discovery: ClusterDiscovery, keys: readonly PublicJwk[]): void {
  const refused = discovery.algorithms.filter((alg) => !isAcceptedAlgorithm(alg));
  if (refused.length > 0)
    throw new UserError(
      `${ORIGIN} announces id_token_signing_alg_values_supported ${servedList(refused)}, which AWS STS ` +
        `does not accept (use one of ${ACCEPTED_ALGORITHMS.join(', ')}).`
    );
  const unannounced = [...new Set(keys.map((key) => key.alg))].filter(
    (alg) => !discovery.algorithms.includes(alg)
  );
  if (unannounced.length > 0)
    throw new UserError(
      `The cluster's JWKS has ${unannounced.join(', ')} keys but its discovery document announces only ` +
        `${servedList(discovery.algorithms) || 'none'} in id_token_signing_alg_values_supported.`
    );
}

/**
 * The discovery document as published: the cluster's, with jwks_uri pointing at the published JWKS
 * and the algorithms of retained keys announced too (a rotation may change the algorithm).
 */
export function publishedDiscovery(
  discovery: ClusterDiscovery,
  jwksUrl: string,
  keys: readonly PublicJwk[]
): Record<string, unknown> {
  const algorithms = [...discovery.algorithms];
  for (const key of keys) if (!algorithms.includes(key.alg)) algorithms.push(key.alg);
  return { ...discovery.members, jwks_uri: jwksUrl, id_token_signing_alg_values_supported: algorithms };
}
