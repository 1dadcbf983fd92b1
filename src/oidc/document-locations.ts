import { dnsSuffixOfRegion } from '../aws/partitions.js';
/** Where the two documents live: their object keys in the bucket and their public URLs. */
export interface DocumentLocations {
  issuer: string;
  discoveryKey: string;
  discoveryUrl: string;
  jwksKey: string;
  jwksUrl: string;
  /** True when the cluster's jwks_uri is not under the issuer and the published one was rewritten. */
  jwksUriRewritten: boolean;
}

export const DISCOVERY_PATH = '.well-known/openid-configuration';
export const DEFAULT_JWKS_PATH = 'openid/v1/jwks';

export function defaultIssuerUrl(bucket: string, region: string): string {
  return `https://${bucket}.s3.${region}.${dnsSuffixOfRegion(region)}`;
}

/**
 * The key prefix the issuer's path maps to. Virtual-hosted (https://BUCKET.s3…/path) and
 * CDN-fronted issuers map their whole path; a path-style issuer (https://HOST/BUCKET/path) names
 * the bucket in its first segment, which is not part of the key.
 */
export function issuerKeyPrefix(issuerUrl: string, bucket: string): string {
  const url = new URL(issuerUrl);
  const segments = url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment));
  const virtualHosted = url.hostname.startsWith(`${bucket}.`);
  const keySegments = !virtualHosted && segments[0] === bucket ? segments.slice(1) : segments;
  return keySegments.map((segment) => `${segment}/`).join('');
}

/**
 * A URL path segment decoded, when it can be a plain segment of an object key: letters, digits and
 * . _ ~ -, not . or .. (a decoded * or ? would be a wildcard in the bucket policy's Resource, and a
 * decoded line break would start a line of its own in the log); undefined otherwise.
 */
export function plainKeySegment(raw: string): string | undefined {
  let segment: string;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return /^[A-Za-z0-9._~-]+$/.test(segment) && segment !== '.' && segment !== '..' ? segment : undefined;
}

/** The JWKS path below the issuer, when the cluster's jwks_uri lies there and can be an object key. */
function jwksPathUnderIssuer(jwksUri: string, issuerUrl: string): string | undefined {
  if (!jwksUri.startsWith(`${issuerUrl}/`)) return undefined;
  const rest = jwksUri.slice(issuerUrl.length + 1);
  if (rest === '' || /[?#]/.test(rest) || rest.endsWith('/')) return undefined;
  const segments = rest.split('/').map(plainKeySegment);
  if (segments.some((segment) => segment === undefined)) return undefined;
  const path = segments.join('/');
  return path === DISCOVERY_PATH ? undefined : path;
}

export function documentLocations(
  issuerUrl: string,
  bucket: string,
  clusterJwksUri: string
): DocumentLocations {
  const prefix = issuerKeyPrefix(issuerUrl, bucket);
  const underIssuer = jwksPathUnderIssuer(clusterJwksUri, issuerUrl);
  return {
    issuer: issuerUrl,
    discoveryKey: prefix + DISCOVERY_PATH,
    discoveryUrl: `${issuerUrl}/${DISCOVERY_PATH}`,
    jwksKey: prefix + (underIssuer ?? DEFAULT_JWKS_PATH),
    jwksUrl: underIssuer === undefined ? `${issuerUrl}/${DEFAULT_JWKS_PATH}` : clusterJwksUri,
    jwksUriRewritten: underIssuer === undefined
  };
}
