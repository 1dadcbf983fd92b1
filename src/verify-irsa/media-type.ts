/**
 * The Content-Type the issuer documents are served with. AWS documents no requirement on it for
 * STS, and issuers hosted on S3 are commonly served as binary/octet-stream, so a wrong type is a
 * warning, not a failed check (only real AWS could say more). Other OIDC consumers are stricter:
 * OpenID Connect Discovery 1.0 §4.2 says the discovery document MUST be application/json, RFC 7517
 * §8.5 registers application/jwk-set+json for a JWK Set, and clients such as the openidconnect crate
 * and oidc-client-js refuse other types.
 */
export type IssuerDocument = 'discovery' | 'jwks';

const ACCEPTED: Record<IssuerDocument, readonly string[]> = {
  discovery: ['application/json'],
  jwks: ['application/json', 'application/jwk-set+json']
};

/** The media type without parameters (charset), lower-cased; undefined when none was sent. */
function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** undefined when the type is one OIDC consumers accept, else a sentence for a warning. */
export function contentTypeProblem(
  document: IssuerDocument,
  url: string,
  contentType: string | undefined
): string | undefined {
  const type = mediaTypeOf(contentType);
  const accepted = ACCEPTED[document];
  if (type !== undefined && accepted.includes(type)) return undefined;
  const served = type === undefined ? 'without a Content-Type' : `as ${type}`;
  return (
    `${url} is served ${served}, not ${accepted.join(' or ')}: AWS documents no type that STS requires, ` +
    `but stricter OIDC clients refuse it (publish-oidc uploads with application/json)`
  );
}
