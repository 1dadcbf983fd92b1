/**
 * Checks 2 and 3 of the chain: the issuer's discovery document and JWKS, fetched the way STS
 * fetches them (anonymous https GET), and the token's signature against the published key.
 */
import { compactVerify, importJWK, type JWK } from 'jose';
import type { Check } from './diagnosis.js';
import { failed, passed } from './diagnosis.js';
import type { TokenView } from './token-claims.js';

export interface FetchedDocument {
  status: number;
  body: string;
  /** A redirect's Location header. */
  location?: string;
  /** The Content-Type header, which STS ignores but stricter OIDC clients check (media-type.ts). */
  contentType?: string;
}

/** An anonymous https GET: no AWS credentials, no cluster credentials, as STS sees the issuer. */
export type AnonymousGet = (url: string) => Promise<FetchedDocument>;

export interface IssuerDocumentsResult {
  checks: Check[];
  /** The published key matching the token's kid, when the JWKS holds one. */
  key?: JWK;
  /** What is wrong without breaking STS (a document's Content-Type): warnings, not failed checks. */
  warnings: string[];
}

import { statusText } from '../net/public-read.js';
import { type ResolveHost, unreachableHost, unreachableResolution, urlHost } from '../net/aws-reach.js';
import { contentTypeProblem } from './media-type.js';
import { privateMembersOf } from '../oidc/private-members.js';
import { servedList, servedText } from '../oidc/served-text.js';
import { isRecord } from '../json/shape.js';

/**
 * Given when STS is AWS's own, on the internet: the hosts it would fetch from must then be public.
 * An IP literal AWS cannot reach fails; a DNS name is looked up (`resolve`) and warned of, since
 * the runner's DNS need not be the internet's.
 */
export interface PublicReach {
  resolve: ResolveHost;
}

const PUBLISH_FIX = 'run publish-oidc to publish both documents publicly at the issuer URL';

function describeFailure(url: string, document: FetchedDocument): string {
  // S3 explains a refusal in an XML <Code>; the code tells a missing object from a private one.
  return `GET ${url} answered ${statusText(document.status, document.body, document.location)}`;
}

function fixForStatus(status: number): string {
  if (status === 403)
    return `the document is missing or not public (S3 answers 403 for both): ${PUBLISH_FIX}, and check the bucket policy and public access block`;
  if (status === 404) return `the document is missing: ${PUBLISH_FIX}`;
  if (status >= 300 && status < 400)
    return "set the cluster's issuer to the URL that serves the documents itself (for S3, the bucket's regional endpoint)";
  if (status === 429 || status >= 500)
    return 'the issuer host failed three times in a row: run again, and check its health if it persists';
  return `the issuer host must answer 200 with JSON: ${PUBLISH_FIX}`;
}

async function fetchJson(
  get: AnonymousGet,
  url: string
): Promise<{ json?: unknown; problem?: string; fix?: string; contentType?: string }> {
  let document: FetchedDocument;
  try {
    document = await get(url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      problem: `GET ${url} failed: ${reason}`,
      fix: reason.startsWith('the answer exceeds')
        ? 'the issuer must serve the document itself, not a page of another size: check what the URL serves'
        : 'the issuer must be reachable from the internet over https with a publicly trusted certificate'
    };
  }
  if (document.status !== 200)
    return { problem: describeFailure(url, document), fix: fixForStatus(document.status) };
  try {
    return {
      json: JSON.parse(document.body) as unknown,
      ...(document.contentType ? { contentType: document.contentType } : {})
    };
  } catch {
    return { problem: `GET ${url} did not answer JSON`, fix: PUBLISH_FIX };
  }
}

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** A warning when the runner resolves the host of `url` to addresses STS cannot reach. */
async function resolutionWarning(url: string, reach: PublicReach | undefined): Promise<string | undefined> {
  if (!reach) return undefined;
  const problem = await unreachableResolution(url, reach.resolve);
  return problem
    ? `${problem}: AWS STS fetches the issuer's documents from the internet and cannot reach those, unless public DNS gives the host public addresses (split-horizon DNS)`
    : undefined;
}

export async function checkIssuerDocuments(
  token: string,
  view: TokenView,
  issuer: string,
  get: AnonymousGet,
  reach?: PublicReach
): Promise<IssuerDocumentsResult> {
  const checks: Check[] = [];
  const url = discoveryUrl(issuer);
  // The issuer's own host, an IP literal, was judged with the issuer check (run.ts).
  const issuerHost = await resolutionWarning(issuer, reach);
  const hostWarnings = issuerHost ? [issuerHost] : [];
  const discovery = await fetchJson(get, url);
  if (discovery.problem)
    return {
      checks: [failed('discovery', discovery.problem, discovery.fix ?? PUBLISH_FIX)],
      warnings: hostWarnings
    };
  const doc = discovery.json;
  if (!isRecord(doc) || doc.issuer !== issuer) {
    const found = !isRecord(doc)
      ? 'no object'
      : typeof doc.issuer === 'string'
        ? `"${servedText(doc.issuer, 200)}"`
        : servedText(doc.issuer);
    return {
      checks: [
        failed(
          'discovery',
          `the discovery document at ${url} names issuer ${found}, but the token's iss is "${issuer}"`,
          "the cluster's service-account issuer and the published issuer must be the same URL: re-run publish-oidc for this cluster"
        )
      ],
      warnings: hostWarnings
    };
  }
  const jwksUri = doc.jwks_uri;
  if (typeof jwksUri !== 'string' || !jwksUri.startsWith('https://')) {
    return {
      checks: [
        failed(
          'discovery',
          `the discovery document at ${url} has no https jwks_uri`,
          `the discovery document must point jwks_uri at the public JWKS: ${PUBLISH_FIX}`
        )
      ],
      warnings: hostWarnings
    };
  }
  // The cluster's own jwks_uri points at its API server, often on a private address: a discovery
  // document copied from the cluster unchanged sends STS there.
  const jwksHost = reach ? unreachableHost(jwksUri) : undefined;
  if (jwksHost)
    return {
      checks: [
        failed(
          'discovery',
          `the discovery document at ${url} points jwks_uri at ${jwksUri}, but ${jwksHost}, which AWS STS, fetching from the internet, cannot reach`,
          'run publish-oidc, which publishes the JWKS under the issuer and points jwks_uri at it'
        )
      ],
      warnings: hostWarnings
    };
  const discoveryType = contentTypeProblem('discovery', url, discovery.contentType);
  const discoveryWarnings = discoveryType ? [...hostWarnings, discoveryType] : hostWarnings;
  const warnings: string[] = [...discoveryWarnings];
  checks.push(
    passed(
      'discovery',
      `${url} names issuer ${issuer} and jwks_uri ${jwksUri}${noteOf(...discoveryWarnings)}`
    )
  );

  const jwksHostWarning =
    urlHost(jwksUri) === urlHost(issuer) ? undefined : await resolutionWarning(jwksUri, reach);
  if (jwksHostWarning) warnings.push(jwksHostWarning);
  const jwks = await fetchJson(get, jwksUri);
  if (jwks.problem)
    return { checks: [...checks, failed('jwks', jwks.problem, jwks.fix ?? PUBLISH_FIX)], warnings };
  const jwksType = contentTypeProblem('jwks', jwksUri, jwks.contentType);
  if (jwksType) warnings.push(jwksType);
  const jwksWarnings = [jwksHostWarning, jwksType].filter((w): w is string => w !== undefined);
  const keys = isRecord(jwks.json) && Array.isArray(jwks.json.keys) ? jwks.json.keys.filter(isRecord) : [];
  // Served text, quoted cut short: String() would throw on a kid like {"toString": 1}.
  const servedKids = servedList(keys.map((key) => key.kid ?? '(no kid)'));
  const match = keys.find((key) => key.kid === view.kid);
  // Any key's private material is a signing key handed out, whichever kid the token names.
  const leaks = keys
    .map((key) => ({
      kid: `"${servedText(key.kid ?? '(no kid)')}"`,
      members: privateMembersOf(key)
    }))
    .filter((leak) => leak.members.length > 0);
  if (!match) {
    checks.push(
      failed(
        'jwks',
        `the cluster signs with kid ${view.kid === undefined ? '(none)' : servedText(view.kid)} but the published JWKS holds only ${servedKids || 'no keys'}`,
        "publish the cluster's current keys: run publish-oidc"
      )
    );
    return { checks, warnings };
  }
  if (leaks.length > 0)
    checks.push(
      failed(
        'jwks',
        `the published JWKS carries private key material: ${leaks
          .map((leak) => `key ${leak.kid} (${leak.members.join(', ')})`)
          .join(', ')}`,
        'publish only the public JWK (rotate the signing key, then run publish-oidc)'
      )
    );
  else
    checks.push(
      passed(
        'jwks',
        `${jwksUri} holds the token's kid ${servedText(view.kid)} (of ${keys.length === 1 ? '1 key' : `${keys.length} keys`})${noteOf(...jwksWarnings)}`
      )
    );
  checks.push(await checkSignature(token, view, match as JWK));
  return { checks, key: match as JWK, warnings };
}

/** Warnings as they ride along in a passed check's detail, so that the summary shows them too. */
function noteOf(...warnings: string[]): string {
  return warnings.map((warning) => `; warning: ${warning}`).join('');
}

async function checkSignature(token: string, view: TokenView, jwk: JWK): Promise<Check> {
  const alg = view.alg ?? jwk.alg ?? 'RS256';
  try {
    await compactVerify(token, await importJWK({ ...jwk, alg }, alg));
    return passed(
      'signature',
      `the token's ${alg} signature verifies with the published key ${servedText(view.kid)}`
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failed(
      'signature',
      `the token's signature does not verify with the published key ${servedText(view.kid)} (${reason})`,
      "the published key with this kid is not the cluster's: re-run publish-oidc from the cluster's /openid/v1/jwks"
    );
  }
}

// exp counts whole seconds: milliseconds would only add '.000', which publish-oidc's times leave out.
const utcTime = (epochSeconds: number): string =>
  new Date(epochSeconds * 1000).toISOString().replace(/\.000Z$/, 'Z');

export function checkExpiry(view: TokenView, nowSeconds: number): Check {
  if (view.exp === undefined)
    return failed(
      'expiry',
      'the token has no exp claim',
      'STS refuses tokens without exp: request a bound token'
    );
  if (view.exp <= nowSeconds)
    return failed(
      'expiry',
      `the token expired at ${utcTime(view.exp)} (${nowSeconds - view.exp} s ago)`,
      "use a fresh token: projected tokens are refreshed by the kubelet; check the runner's and cluster's clocks"
    );
  return passed('expiry', `the token is valid until ${utcTime(view.exp)}`);
}
