export const id = 572;
export const ids = [572];
export const modules = {

/***/ 8572:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  afterSecondRelease: () => (/* binding */ afterSecondRelease),
  run: () => (/* binding */ run)
});

// UNUSED EXPORTS: redactJwts

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/verify-irsa/account-lease.ts
var account_lease = __webpack_require__(2563);
// EXTERNAL MODULE: ./src/kube/client.ts + 5 modules
var client = __webpack_require__(2817);
// EXTERNAL MODULE: ./src/kube/error-text.ts
var error_text = __webpack_require__(9907);
;// CONCATENATED MODULE: ./src/verify-irsa/kube-fixes.ts
/**
 * The fix for a Kubernetes call that failed, by how it failed. Only a 403 is a matter of the
 * kubeconfig user's rights; no answer at all (network, TLS), a 401 (credentials refused), a 404
 * of the namespace and a server failing (429, 5xx) are other links, and naming RBAC for them sends the user the wrong way.
 */


function kubeFailureFix(error, namespace, forbiddenFix) {
    const status = (0,client/* statusOf */.c2)(error);
    if (status === undefined)
        return "check that the runner reaches the API server in the kubeconfig (the cluster's api-cidrs must allow it, TCP 6443) and that the kubeconfig's CA signs its certificate";
    // Sent again already (src/kube/retry.ts): the API server is overloaded or restarting, which no right mends.
    if (status === 429 || (status !== undefined && status >= 500))
        return `the API server failed the request (HTTP ${status}) on every attempt, overloaded or restarting: run again once it is back`;
    if (status === 401)
        return "the API server refused the kubeconfig's credentials (expired, revoked or for another cluster): give a current kubeconfig";
    // Only matched, never quoted: nothing to redact.
    if (status === 404 && /namespaces? "[^"]*" not found/.test((0,error_text/* kubeErrorText */.P)(error, (text) => text)))
        return `create the namespace ${namespace}, or set namespace to one that exists`;
    return forbiddenFix;
}

// EXTERNAL MODULE: ./src/verify-irsa/diagnosis.ts
var diagnosis = __webpack_require__(5954);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var dist_cjs = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/json/shape.ts
var shape = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/verify-irsa/token-claims.ts

function decodeSegment(segment) {
    if (!segment || !/^[A-Za-z0-9_-]+$/.test(segment))
        return undefined;
    try {
        const parsed = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
        return (0,shape/* asRecord */.qY)(parsed);
    }
    catch {
        return undefined;
    }
}
/** undefined when the value is no compact JWS with JSON header and payload. */
function readToken(token) {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts[2])
        return undefined;
    const header = decodeSegment(parts[0]);
    const claims = decodeSegment(parts[1]);
    if (!header || !claims)
        return undefined;
    const text = (value) => (typeof value === 'string' ? value : undefined);
    return {
        kid: text(header.kid),
        alg: text(header.alg),
        iss: text(claims.iss),
        sub: text(claims.sub),
        aud: (0,shape/* asStringList */.QT)(claims.aud),
        exp: typeof claims.exp === 'number' ? claims.exp : undefined,
        claims
    };
}
/** IAM names a provider, and prefixes its condition keys, by the issuer URL without https://. */
function issuerHostPath(issuer) {
    return issuer.replace(/^https:\/\//i, '').replace(/\/+$/, '');
}
function serviceAccountSubject(namespace, serviceAccount) {
    return `system:serviceaccount:${namespace}:${serviceAccount}`;
}
/** Why an issuer cannot work with STS, or undefined when its shape is fine. */
function issuerProblem(issuer) {
    let url;
    try {
        url = new URL(issuer);
    }
    catch {
        return `'${issuer}' is not a URL`;
    }
    if (url.protocol !== 'https:')
        return `'${issuer}' does not use https, which STS requires`;
    if (url.search || url.hash)
        return `'${issuer}' carries a query or fragment`;
    // An IPv6 literal ([2001:db8::1]) is an address, as a dotted IPv4 one is, not a name: whether AWS
    // reaches it is for unreachableHost (src/net/aws-reach.ts) to say.
    if (url.hostname.startsWith('['))
        return undefined;
    // The in-cluster default issuer: STS, outside the cluster, can never fetch its documents.
    if (!url.hostname.includes('.') || /\.(svc|local|internal)$/.test(url.hostname))
        return `'${issuer}' names a host only the cluster can resolve`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/trust/iam-wildcard.ts
/** IAM's wildcards: `*` any run of characters (line breaks too), `?` exactly one. */
function iamWildcard(pattern, value, ignoreCase = false) {
    const source = [...pattern]
        .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}/-]/g, '\\$&')))
        .join('');
    return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

;// CONCATENATED MODULE: ./src/verify-irsa/trust-evaluation.ts
/**
 * Whether a role's trust policy lets a token through, evaluated the way STS does for
 * AssumeRoleWithWebIdentity, and, when it does not, which statement or condition says no.
 * This reads policies that src/trust/ builds; it is kept apart because explaining a refusal
 * of any policy (hand-written ones included) is a different job from building a good one.
 */


/** IAM returns trust policies URL-encoded; some emulators and SDK paths hand them back decoded. */
function parsePolicyDocument(document) {
    if (!document)
        return undefined;
    const text = document.trimStart().startsWith('{') ? document : decodeURIComponent(document);
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function statementsOf(policy) {
    if (!(0,shape/* isRecord */.u4)(policy))
        return [];
    const raw = policy.Statement;
    return (0,shape/* oneOrMany */.Pl)(raw).filter(shape/* isRecord */.u4);
}
function coversWebIdentity(statement) {
    if (statement.NotAction !== undefined)
        return false;
    return (0,shape/* asStringList */.QT)(statement.Action).some((action) => iamWildcard(action, 'sts:AssumeRoleWithWebIdentity', true));
}
function federatedPrincipals(statement) {
    if (statement.NotPrincipal !== undefined)
        return [];
    return (0,shape/* isRecord */.u4)(statement.Principal) ? (0,shape/* asStringList */.QT)(statement.Principal.Federated) : [];
}
/** The values STS puts into the request context for a web identity: ISSUER:sub, :aud, :amr, … */
function contextValues(key, context) {
    const prefix = `${context.issuerHostPath}:`.toLowerCase();
    const lower = key.toLowerCase();
    if (!lower.startsWith(prefix))
        return [];
    return (0,shape/* asStringList */.QT)(context.token.claims[lower.slice(prefix.length)]);
}
const STRING_TESTS = {
    StringEquals: { negated: false, test: (p, v) => p === v },
    StringNotEquals: { negated: true, test: (p, v) => p === v },
    StringEqualsIgnoreCase: { negated: false, test: (p, v) => p.toLowerCase() === v.toLowerCase() },
    StringNotEqualsIgnoreCase: { negated: true, test: (p, v) => p.toLowerCase() === v.toLowerCase() },
    StringLike: { negated: false, test: (p, v) => iamWildcard(p, v) },
    StringNotLike: { negated: true, test: (p, v) => iamWildcard(p, v) }
};
// Keys of the request rather than of the token (aws:SourceIp, aws:CurrentTime, sts:RoleSessionName):
// STS fills them in, and they differ between this run's call and a workload's.
const REQUEST_KEY = /^(aws|sts):/i;
function evaluateCondition(operator, key, expected, context) {
    const qualifier = /^(ForAnyValue|ForAllValues):/.exec(operator)?.[1];
    let base = qualifier ? operator.slice(qualifier.length + 1) : operator;
    const ifExists = base.endsWith('IfExists');
    if (ifExists)
        base = base.slice(0, -'IfExists'.length);
    if (REQUEST_KEY.test(key))
        return {
            holds: 'unknown',
            reason: `the condition ${operator} ${key} reads the request, not the token, and is not evaluated here`
        };
    const patterns = (0,shape/* oneOrMany */.Pl)(expected).map(String);
    const values = contextValues(key, context);
    const wanted = patterns.join(' or ');
    if (base === 'Null' && !qualifier && !ifExists) {
        // Null: "true" asks for the key to be absent, "false" for it to be present.
        const absent = values.length === 0;
        if (patterns.some((pattern) => (pattern.toLowerCase() === 'true') === absent))
            return { holds: true };
        return {
            holds: false,
            reason: absent
                ? `the condition Null ${key} = ${wanted} needs a claim the token does not carry under that key (its keys start with ${context.issuerHostPath}:)`
                : `the condition Null ${key} = ${wanted} needs the token to carry no such claim, but it carries ${values.join(', ')}`
        };
    }
    const rule = STRING_TESTS[base];
    // An operator not evaluated here is left to STS rather than guessed at.
    if (!rule)
        return {
            holds: 'unknown',
            reason: `the condition operator ${operator} on ${key} is not evaluated here`
        };
    if (values.length === 0) {
        if (ifExists || qualifier === 'ForAllValues' || (rule.negated && !qualifier))
            return { holds: true };
        return {
            holds: false,
            reason: `the condition ${operator} ${key} = ${wanted} needs a claim the token does not carry under that key (its keys start with ${context.issuerHostPath}:)`
        };
    }
    const matches = (value) => patterns.some((pattern) => rule.test(pattern, value));
    const holdsFor = (value) => (rule.negated ? !matches(value) : matches(value));
    const holds = qualifier === 'ForAllValues'
        ? values.every(holdsFor)
        : qualifier === 'ForAnyValue'
            ? values.some(holdsFor)
            : rule.negated
                ? values.every(holdsFor)
                : values.some(holdsFor);
    if (holds)
        return { holds: true };
    return {
        holds: false,
        reason: `the condition ${operator} ${key} = ${wanted} does not hold for the token's ${values.join(', ')}`
    };
}
/** undefined when the condition holds, else a sentence saying why it does not or may not. */
function conditionFailure(operator, key, expected, context) {
    const verdict = evaluateCondition(operator, key, expected, context);
    return verdict.holds === true ? undefined : verdict.reason;
}
/** What keeps a statement from applying: conditions that fail, and those that cannot be decided. */
function conditionProblems(statement, context) {
    const condition = statement.Condition;
    const failures = [];
    const unknowns = [];
    const failedKeys = [];
    if (condition === undefined)
        return { failures, unknowns, failedKeys };
    if (!(0,shape/* isRecord */.u4)(condition))
        return { failures: ['the statement has a malformed Condition block'], unknowns, failedKeys: [''] };
    for (const [operator, block] of Object.entries(condition)) {
        if (!(0,shape/* isRecord */.u4)(block)) {
            failures.push(`the condition ${operator} is malformed`);
            failedKeys.push('');
            continue;
        }
        for (const [key, expected] of Object.entries(block)) {
            const verdict = evaluateCondition(operator, key, expected, context);
            if (verdict.holds === false) {
                failures.push(verdict.reason);
                failedKeys.push(key.toLowerCase());
            }
            if (verdict.holds === 'unknown')
                unknowns.push(verdict.reason);
        }
    }
    return { failures, unknowns, failedKeys };
}
/** The subjects a statement allows by a plain StringEquals or StringLike on ISSUER:sub. */
function allowedSubjects(statement, subKey) {
    const condition = statement.Condition;
    if (!(0,shape/* isRecord */.u4)(condition))
        return [];
    return Object.entries(condition)
        .filter(([operator]) => operator === 'StringEquals' || operator === 'StringLike')
        .flatMap(([, block]) => (0,shape/* isRecord */.u4)(block)
        ? Object.entries(block).flatMap(([key, value]) => key.toLowerCase() === subKey ? (0,shape/* asStringList */.QT)(value) : [])
        : []);
}
function evaluateTrust(policy, context) {
    const statements = statementsOf(policy);
    if (statements.length === 0)
        return { allowed: false, reason: 'the role has no readable trust policy' };
    const forWebIdentity = statements.filter(coversWebIdentity);
    const principals = [...new Set(forWebIdentity.flatMap(federatedPrincipals))];
    const forProvider = forWebIdentity.filter((s) => federatedPrincipals(s).includes(context.providerArn));
    if (forProvider.length === 0) {
        const otherIssuers = [
            ...new Set(forWebIdentity
                .filter((s) => s.Effect === 'Allow')
                .flatMap(federatedPrincipals)
                .flatMap((arn) => /^arn:[\w-]+:iam::\d{12}:oidc-provider\/(.+)$/.exec(arn)?.slice(1) ?? [])
                .map((hostPath) => `https://${hostPath}`))
        ];
        return {
            allowed: false,
            reason: principals.length === 0
                ? 'no statement of the trust policy allows sts:AssumeRoleWithWebIdentity for a Federated principal'
                : `the trust policy's Federated principal is ${principals.join(', ')}, not the provider ${context.providerArn}`,
            ...(otherIssuers.length > 0 ? { otherIssuers } : {})
        };
    }
    const judged = forProvider.map((statement) => ({ statement, ...conditionProblems(statement, context) }));
    const applying = judged.filter((j) => j.failures.length === 0 && j.unknowns.length === 0);
    // A statement no condition rules out, but one this module cannot decide: it may apply.
    const mayApply = judged.filter((j) => j.failures.length === 0 && j.unknowns.length > 0);
    const effect = (list, wanted) => list.filter((j) => j.statement.Effect === wanted);
    if (effect(applying, 'Deny').length > 0)
        return { allowed: false, reason: 'a Deny statement of the trust policy matches this token' };
    const undecided = (j, what) => ({
        allowed: 'unknown',
        reason: `${what} on a condition not evaluated here (${j?.unknowns.join('; ') ?? ''}): STS's answer decides`
    });
    const maybeDeny = effect(mayApply, 'Deny')[0];
    if (effect(applying, 'Allow').length > 0)
        return maybeDeny
            ? undecided(maybeDeny, `the trust policy allows ${context.token.sub ?? 'the token'}, unless a Deny statement applies`)
            : {
                allowed: true,
                reason: `the trust policy allows ${context.token.sub ?? 'the token'} through ${context.providerArn}`
            };
    const maybeAllow = effect(mayApply, 'Allow')[0];
    if (maybeAllow)
        return undecided(maybeAllow, `whether the trust policy allows ${context.token.sub ?? 'the token'} depends`);
    const first = effect(judged, 'Allow')[0];
    if (!first)
        return { allowed: false, reason: 'the statements naming the provider do not Allow' };
    // Refused by the sub alone in every Allow statement: the token is another service account's.
    const subKey = `${context.issuerHostPath}:sub`.toLowerCase();
    const allows = effect(judged, 'Allow');
    const trustedSubjects = allows.every((j) => j.failedKeys.length > 0 && j.failedKeys.every((k) => k === subKey))
        ? [...new Set(allows.flatMap((j) => allowedSubjects(j.statement, subKey)))]
        : [];
    return {
        allowed: false,
        reason: first.failures.join('; '),
        ...(trustedSubjects.length > 0 ? { trustedSubjects } : {})
    };
}

;// CONCATENATED MODULE: ./src/verify-irsa/iam-checks.ts




function errorText(error) {
    if (error instanceof Error)
        return `${error.name}: ${error.message}`;
    return String(error);
}
const READ_FIX = "give the workflow's AWS credentials iam:ListOpenIDConnectProviders, iam:GetOpenIDConnectProvider and iam:GetRole";
/**
 * A read that failed as the SDK retries (throttling, a server error, a broken or timed-out connection)
 * failed on every attempt: IAM's trouble, which no permission mends.
 */
function readFix(error) {
    const name = error instanceof Error ? error.name : '';
    const status = error?.$metadata?.httpStatusCode;
    const transient = /^Throttling/.test(name) || name === 'TimeoutError' || status === undefined || status >= 500;
    return transient
        ? 'IAM or the network failed the read on every retry (throttling, a server error, a broken connection): run again'
        : READ_FIX;
}
/** The provider whose URL is the issuer, found as STS finds it: by URL, among the account's providers. */
async function checkProvider(iam, issuer, view) {
    const hostPath = issuerHostPath(issuer);
    let arns;
    try {
        const listed = await iam.send(new dist_cjs.ListOpenIDConnectProvidersCommand({}));
        arns = (listed.OpenIDConnectProviderList ?? []).flatMap((p) => (p.Arn ? [p.Arn] : []));
    }
    catch (error) {
        return {
            checks: [(0,diagnosis/* failed */.gz)('iam-provider', `cannot list IAM OIDC providers (${errorText(error)})`, readFix(error))]
        };
    }
    // A provider's ARN ends in its URL without the scheme, so one Get suffices for the likely match.
    const candidates = arns.filter((arn) => arn.toLowerCase().endsWith(`:oidc-provider/${hostPath.toLowerCase()}`));
    for (const arn of candidates) {
        let provider;
        try {
            provider = await iam.send(new dist_cjs.GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
        }
        catch (error) {
            return { checks: [(0,diagnosis/* failed */.gz)('iam-provider', `cannot read ${arn} (${errorText(error)})`, readFix(error))] };
        }
        if (issuerHostPath(provider.Url ?? '') !== hostPath)
            continue;
        const clientIds = provider.ClientIDList ?? [];
        const checks = [(0,diagnosis/* passed */.bF)('iam-provider', `${arn} is the IAM OIDC provider for ${issuer}`)];
        const accepted = view.aud.filter((aud) => clientIds.includes(aud));
        checks.push(accepted.length > 0
            ? (0,diagnosis/* passed */.bF)('provider-audience', `the provider lists the token's audience ${accepted.join(', ')}`)
            : (0,diagnosis/* failed */.gz)('provider-audience', `the provider lists client IDs ${clientIds.join(', ') || '(none)'}, not the token's audience ${view.aud.join(', ') || '(none)'}`, `add ${view.aud[0] ?? 'the audience'} to the provider's client IDs (publish-oidc), or set audience to one it lists`));
        return { checks, providerArn: arn };
    }
    const others = arns.map((arn) => arn.replace(/^.*:oidc-provider\//, '')).slice(0, 5);
    return {
        checks: [
            (0,diagnosis/* failed */.gz)('iam-provider', `no IAM OIDC provider in the account has the URL ${issuer}` +
                (others.length > 0 ? ` (the account has ${others.join(', ')})` : ' (the account has none)'), 'create the IAM OIDC provider for the issuer: run publish-oidc (or provision)')
        ]
    };
}
/**
 * What to say when the role trusts only other issuers than the one that signed this cluster's
 * tokens: most often the kubeconfig is another cluster's than the one the role was made for, and
 * pointing the role at this issuer (irsa-role) would take it from that cluster.
 */
function otherClusterHint(issuer, otherIssuers) {
    return `the role trusts only ${otherIssuers.join(', ')}, not ${issuer}, which issued this cluster's token: if the kubeconfig is for another cluster than the role's, give that cluster's kubeconfig`;
}
async function checkRole(iam, context) {
    const { role } = context;
    let document;
    try {
        const answer = await iam.send(new dist_cjs.GetRoleCommand({ RoleName: role.name }));
        if (answer.Role?.Arn !== role.arn)
            return {
                checks: [
                    (0,diagnosis/* failed */.gz)('role', `the account's role ${role.name} has the ARN ${answer.Role?.Arn ?? '(none)'}, not ${role.arn}`, 'set role-arn to the role ARN exactly as IAM shows it (with its path)')
                ]
            };
        document = answer.Role.AssumeRolePolicyDocument;
    }
    catch (error) {
        if (error instanceof Error && error.name === 'NoSuchEntityException')
            return {
                checks: [(0,diagnosis/* failed */.gz)('role', `the role ${role.arn} does not exist`, 'create the role: run irsa-role')]
            };
        return {
            checks: [(0,diagnosis/* failed */.gz)('role', `cannot read the role ${role.name} (${errorText(error)})`, readFix(error))]
        };
    }
    const checks = [(0,diagnosis/* passed */.bF)('role', `the role ${role.arn} exists`)];
    const providerArn = context.providerArn ??
        `arn:${role.partition}:iam::${role.accountId}:oidc-provider/${issuerHostPath(context.issuer)}`;
    const verdict = evaluateTrust(parsePolicyDocument(document), {
        providerArn,
        issuerHostPath: issuerHostPath(context.issuer),
        token: context.view
    });
    const subject = `system:serviceaccount:${context.namespace}:${context.serviceAccount}`;
    const retrust = `let the role trust ${subject} with aud ${context.audience} through ${providerArn}: run irsa-role for this service account`;
    const { otherIssuers, trustedSubjects } = verdict;
    // Re-binding the role to this account (irsa-role with these inputs) would drop the ones it trusts.
    const otherSubjects = trustedSubjects
        ? `the role trusts ${trustedSubjects.join(', ')}, not ${subject}: if the role is for that service account, set namespace and service-account to it; else add ${context.namespace}/${context.serviceAccount} to the role's service accounts (irsa-role's bindings take a list), which keeps the others`
        : undefined;
    // An undecided verdict passes with its reason: the assume-role check, STS's own answer, follows.
    checks.push(verdict.allowed !== false
        ? (0,diagnosis/* passed */.bF)('role-trust', verdict.reason)
        : (0,diagnosis/* failed */.gz)('role-trust', verdict.reason, otherIssuers
            ? `${otherClusterHint(context.issuer, otherIssuers)}; else ${retrust} (the role then no longer trusts ${otherIssuers.join(', ')})`
            : (otherSubjects ?? retrust)));
    return otherIssuers && verdict.allowed === false ? { checks, otherIssuers } : { checks };
}

// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/jws/compact/verify.js + 1 modules
var verify = __webpack_require__(5705);
// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/key/import.js + 2 modules
var key_import = __webpack_require__(3566);
// EXTERNAL MODULE: ./src/net/public-read.ts
var public_read = __webpack_require__(5599);
// EXTERNAL MODULE: ./src/net/aws-reach.ts
var aws_reach = __webpack_require__(5756);
;// CONCATENATED MODULE: ./src/verify-irsa/media-type.ts
const ACCEPTED = {
    discovery: ['application/json'],
    jwks: ['application/json', 'application/jwk-set+json']
};
/** The media type without parameters (charset), lower-cased; undefined when none was sent. */
function mediaTypeOf(contentType) {
    const type = contentType?.split(';')[0]?.trim().toLowerCase();
    return type ? type : undefined;
}
/** undefined when the type is one OIDC consumers accept, else a sentence for a warning. */
function contentTypeProblem(document, url, contentType) {
    const type = mediaTypeOf(contentType);
    const accepted = ACCEPTED[document];
    if (type !== undefined && accepted.includes(type))
        return undefined;
    const served = type === undefined ? 'without a Content-Type' : `as ${type}`;
    return (`${url} is served ${served}, not ${accepted.join(' or ')}: AWS documents no type that STS requires, ` +
        `but stricter OIDC clients refuse it (publish-oidc uploads with application/json)`);
}

;// CONCATENATED MODULE: ./src/oidc/private-members.ts
/**
 * RFC 7518 sections 6.3.2 and 6.4.1: the members only a private (or symmetric) key carries. A JWKS
 * holding one in any key hands out a signing key: publish-oidc refuses to publish it and
 * verify-irsa fails a published one.
 */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
/** The private members a key carries as its own (not Object.prototype's, which "in" would see). */
function privateMembersOf(key) {
    return PRIVATE_MEMBERS.filter((name) => Object.hasOwn(key, name));
}

;// CONCATENATED MODULE: ./src/oidc/served-text.ts
/**
 * A value the cluster served, fit for one line of an error: its control characters escaped as
 * JSON escapes them (a kid holding "\n::error::" shows as such), cut short, since a served
 * document may be up to 1 MiB. Any JSON value: String() would throw on {"toString": 1}.
 */
function servedText(value, max = 64) {
    const text = typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : (JSON.stringify(value) ?? 'undefined');
    return text.length > max ? `${text.slice(0, max)}…` : text;
}
/** Served values as a list for an error line: each cut short, at most `count` of them. */
function servedList(values, count = 5) {
    const shown = values.slice(0, count).map((value) => servedText(value));
    return values.length > count ? `${shown.join(', ')}, … (${values.length} in all)` : shown.join(', ');
}

;// CONCATENATED MODULE: ./src/verify-irsa/issuer-documents.ts
/**
 * Checks 2 and 3 of the chain: the issuer's discovery document and JWKS, fetched the way STS
 * fetches them (anonymous https GET), and the token's signature against the published key.
 */








const PUBLISH_FIX = 'run publish-oidc to publish both documents publicly at the issuer URL';
function describeFailure(url, document) {
    // S3 explains a refusal in an XML <Code>; the code tells a missing object from a private one.
    return `GET ${url} answered ${(0,public_read/* statusText */.qS)(document.status, document.body, document.location)}`;
}
function fixForStatus(status) {
    if (status === 403)
        return `the document is missing or not public (S3 answers 403 for both): ${PUBLISH_FIX}, and check the bucket policy and public access block`;
    if (status === 404)
        return `the document is missing: ${PUBLISH_FIX}`;
    if (status >= 300 && status < 400)
        return "set the cluster's issuer to the URL that serves the documents itself (for S3, the bucket's regional endpoint)";
    if (status === 429 || status >= 500)
        return 'the issuer host failed three times in a row: run again, and check its health if it persists';
    return `the issuer host must answer 200 with JSON: ${PUBLISH_FIX}`;
}
async function fetchJson(get, url) {
    let document;
    try {
        document = await get(url);
    }
    catch (error) {
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
            json: JSON.parse(document.body),
            ...(document.contentType ? { contentType: document.contentType } : {})
        };
    }
    catch {
        return { problem: `GET ${url} did not answer JSON`, fix: PUBLISH_FIX };
    }
}
function discoveryUrl(issuer) {
    return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}
/** A warning when the runner resolves the host of `url` to addresses STS cannot reach. */
async function resolutionWarning(url, reach) {
    if (!reach)
        return undefined;
    const problem = await (0,aws_reach/* unreachableResolution */.r8)(url, reach.resolve);
    return problem
        ? `${problem}: AWS STS fetches the issuer's documents from the internet and cannot reach those, unless public DNS gives the host public addresses (split-horizon DNS)`
        : undefined;
}
async function checkIssuerDocuments(token, view, issuer, get, reach) {
    const checks = [];
    const url = discoveryUrl(issuer);
    // The issuer's own host, an IP literal, was judged with the issuer check (run.ts).
    const issuerHost = await resolutionWarning(issuer, reach);
    const hostWarnings = issuerHost ? [issuerHost] : [];
    const discovery = await fetchJson(get, url);
    if (discovery.problem)
        return {
            checks: [(0,diagnosis/* failed */.gz)('discovery', discovery.problem, discovery.fix ?? PUBLISH_FIX)],
            warnings: hostWarnings
        };
    const doc = discovery.json;
    if (!(0,shape/* isRecord */.u4)(doc) || doc.issuer !== issuer) {
        const found = !(0,shape/* isRecord */.u4)(doc)
            ? 'no object'
            : typeof doc.issuer === 'string'
                ? `"${servedText(doc.issuer, 200)}"`
                : servedText(doc.issuer);
        return {
            checks: [
                (0,diagnosis/* failed */.gz)('discovery', `the discovery document at ${url} names issuer ${found}, but the token's iss is "${issuer}"`, "the cluster's service-account issuer and the published issuer must be the same URL: re-run publish-oidc for this cluster")
            ],
            warnings: hostWarnings
        };
    }
    const jwksUri = doc.jwks_uri;
    if (typeof jwksUri !== 'string' || !jwksUri.startsWith('https://')) {
        return {
            checks: [
                (0,diagnosis/* failed */.gz)('discovery', `the discovery document at ${url} has no https jwks_uri`, `the discovery document must point jwks_uri at the public JWKS: ${PUBLISH_FIX}`)
            ],
            warnings: hostWarnings
        };
    }
    // The cluster's own jwks_uri points at its API server, often on a private address: a discovery
    // document copied from the cluster unchanged sends STS there.
    const jwksHost = reach ? (0,aws_reach/* unreachableHost */.FZ)(jwksUri) : undefined;
    if (jwksHost)
        return {
            checks: [
                (0,diagnosis/* failed */.gz)('discovery', `the discovery document at ${url} points jwks_uri at ${jwksUri}, but ${jwksHost}, which AWS STS, fetching from the internet, cannot reach`, 'run publish-oidc, which publishes the JWKS under the issuer and points jwks_uri at it')
            ],
            warnings: hostWarnings
        };
    const discoveryType = contentTypeProblem('discovery', url, discovery.contentType);
    const discoveryWarnings = discoveryType ? [...hostWarnings, discoveryType] : hostWarnings;
    const warnings = [...discoveryWarnings];
    checks.push((0,diagnosis/* passed */.bF)('discovery', `${url} names issuer ${issuer} and jwks_uri ${jwksUri}${noteOf(...discoveryWarnings)}`));
    const jwksHostWarning = (0,aws_reach/* urlHost */.cz)(jwksUri) === (0,aws_reach/* urlHost */.cz)(issuer) ? undefined : await resolutionWarning(jwksUri, reach);
    if (jwksHostWarning)
        warnings.push(jwksHostWarning);
    const jwks = await fetchJson(get, jwksUri);
    if (jwks.problem)
        return { checks: [...checks, (0,diagnosis/* failed */.gz)('jwks', jwks.problem, jwks.fix ?? PUBLISH_FIX)], warnings };
    const jwksType = contentTypeProblem('jwks', jwksUri, jwks.contentType);
    if (jwksType)
        warnings.push(jwksType);
    const jwksWarnings = [jwksHostWarning, jwksType].filter((w) => w !== undefined);
    const keys = (0,shape/* isRecord */.u4)(jwks.json) && Array.isArray(jwks.json.keys) ? jwks.json.keys.filter(shape/* isRecord */.u4) : [];
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
        checks.push((0,diagnosis/* failed */.gz)('jwks', `the cluster signs with kid ${view.kid === undefined ? '(none)' : servedText(view.kid)} but the published JWKS holds only ${servedKids || 'no keys'}`, "publish the cluster's current keys: run publish-oidc"));
        return { checks, warnings };
    }
    if (leaks.length > 0)
        checks.push((0,diagnosis/* failed */.gz)('jwks', `the published JWKS carries private key material: ${leaks
            .map((leak) => `key ${leak.kid} (${leak.members.join(', ')})`)
            .join(', ')}`, 'publish only the public JWK (rotate the signing key, then run publish-oidc)'));
    else
        checks.push((0,diagnosis/* passed */.bF)('jwks', `${jwksUri} holds the token's kid ${servedText(view.kid)} (of ${keys.length === 1 ? '1 key' : `${keys.length} keys`})${noteOf(...jwksWarnings)}`));
    checks.push(await checkSignature(token, view, match));
    return { checks, key: match, warnings };
}
/** Warnings as they ride along in a passed check's detail, so that the summary shows them too. */
function noteOf(...warnings) {
    return warnings.map((warning) => `; warning: ${warning}`).join('');
}
async function checkSignature(token, view, jwk) {
    const alg = view.alg ?? jwk.alg ?? 'RS256';
    try {
        await (0,verify/* compactVerify */.B)(token, await (0,key_import/* importJWK */.Og)({ ...jwk, alg }, alg));
        return (0,diagnosis/* passed */.bF)('signature', `the token's ${alg} signature verifies with the published key ${servedText(view.kid)}`);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return (0,diagnosis/* failed */.gz)('signature', `the token's signature does not verify with the published key ${servedText(view.kid)} (${reason})`, "the published key with this kid is not the cluster's: re-run publish-oidc from the cluster's /openid/v1/jwks");
    }
}
// exp counts whole seconds: milliseconds would only add '.000', which publish-oidc's times leave out.
const utcTime = (epochSeconds) => new Date(epochSeconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
function checkExpiry(view, nowSeconds) {
    if (view.exp === undefined)
        return (0,diagnosis/* failed */.gz)('expiry', 'the token has no exp claim', 'STS refuses tokens without exp: request a bound token');
    if (view.exp <= nowSeconds)
        return (0,diagnosis/* failed */.gz)('expiry', `the token expired at ${utcTime(view.exp)} (${nowSeconds - view.exp} s ago)`, "use a fresh token: projected tokens are refreshed by the kubelet; check the runner's and cluster's clocks");
    return (0,diagnosis/* passed */.bF)('expiry', `the token is valid until ${utcTime(view.exp)}`);
}

// EXTERNAL MODULE: ./src/verify-irsa/assumed-role.ts
var assumed_role = __webpack_require__(4038);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./src/io/redact.ts
var redact = __webpack_require__(8075);
;// CONCATENATED MODULE: ./src/verify-irsa/sts-checks.ts




// IAM is eventually consistent: a role or trust policy written seconds ago (irsa-role just before
// this step, as in the create-cluster workflow) may be refused by STS for a while. When every check
// that IAM and the issuer allow passed, such a refusal is asked again over about 30 s.
const PROPAGATION_DELAYS_MS = [2000, 4000, 8000, 16000];
const PROPAGATION_ERRORS = new Set(['AccessDenied', 'InvalidIdentityToken']);
/** The link an STS refusal points at, when it names one, and what to do about it. */
function refusalCause(code, message) {
    // The SDK names modelled errors with an Exception suffix (InvalidIdentityTokenException); the
    // wire code and the aws CLI do not (InvalidIdentityToken).
    const error = code.replace(/Exception$/, '');
    if (/No OpenIDConnect provider/i.test(message))
        return {
            link: 'iam-provider',
            fix: 'create the IAM OIDC provider for the issuer: run publish-oidc (or provision)'
        };
    if (/audience/i.test(message))
        return { link: 'iam-provider', fix: "add the token's audience to the IAM OIDC provider's client IDs" };
    if (error === 'IDPCommunicationError' || /verification key/i.test(message))
        return {
            link: 'issuer-documents',
            fix: 'STS cannot fetch the discovery document or JWKS anonymously over https: run publish-oidc'
        };
    if (error === 'ExpiredToken')
        return { link: 'token', fix: 'use a fresh token' };
    if (error === 'AccessDenied')
        return { link: 'role', fix: "fix the role's trust policy for this provider, sub and aud: run irsa-role" };
    if (error === 'InvalidIdentityToken')
        return {
            link: 'issuer-documents',
            fix: "publish the cluster's current issuer documents: run publish-oidc"
        };
    // The SDK's per-attempt timeout, or the call's deadline (src/aws/call-deadline.ts): no answer.
    if (error === 'TimeoutError')
        return {
            link: undefined,
            fix: 'STS did not answer in time: check that the runner reaches STS (its regional endpoint, or AWS_ENDPOINT_URL_STS), and run again'
        };
    if (error === 'IDPRejectedClaim')
        return { link: undefined, fix: 'the provider rejected a claim: check the token audience and subject' };
    return { link: undefined, fix: 'see the STS error above' };
}
/**
 * What to do about an STS refusal. When a check before it already failed for the same reason (on the
 * link the refusal points at, or with the same fix), that check's fix is the step: named, not said
 * again, so that each failed check gives its own next step once.
 */
function fixForStsError(code, message, earlier = []) {
    const { link, fix } = refusalCause(code, message);
    const cause = earlier.find((entry) => !entry.ok && ((link !== undefined && diagnosis/* CHECK_LINKS */.R8[entry.check] === link) || entry.fix === fix));
    return cause ? `STS refused for the reason the ${cause.check} check gives: apply that check's fix` : fix;
}
function sessionName(now) {
    return `talos-irsa-verify-${Math.floor(now.getTime() / 1000)}`;
}
async function askSts(token, role, now, deps) {
    try {
        const answer = await deps.sts.send(new client_sts_dist_cjs.AssumeRoleWithWebIdentityCommand({
            RoleArn: role.arn,
            RoleSessionName: sessionName(now),
            WebIdentityToken: token,
            DurationSeconds: 900
        }));
        return { credentials: answer.Credentials };
    }
    catch (error) {
        const refusal = {
            code: error instanceof Error ? error.name : 'Error',
            message: (0,redact/* redactSecrets */.fp)(error instanceof Error ? error.message : String(error), [token])
        };
        return { refusal };
    }
}
/**
 * `propagationDelaysMs`: pauses before asking again after a refusal IAM propagation can explain;
 * empty when an earlier check failed, since then the refusal is the diagnosis, not a delay.
 * `earlier`: the checks before, whose failure a refusal's fix names instead of repeating it.
 */
async function assumeRole(token, role, now, deps, propagationDelaysMs = [], earlier = []) {
    let answer = await askSts(token, role, now, deps);
    let waitedMs = 0;
    for (const delay of propagationDelaysMs) {
        if (!answer.refusal || !PROPAGATION_ERRORS.has(answer.refusal.code.replace(/Exception$/, '')))
            break;
        await deps.sleep(delay);
        waitedMs += delay;
        answer = await askSts(token, role, now, deps);
    }
    const waited = waitedMs > 0 ? ` (asked again for ${waitedMs / 1000} s while IAM propagated recent changes)` : '';
    if (answer.refusal) {
        const { code, message } = answer.refusal;
        return {
            checks: [
                (0,diagnosis/* failed */.gz)('assume-role', `STS ${code === 'TimeoutError' ? 'did not answer' : 'refused'} AssumeRoleWithWebIdentity: ${code}: ${message}${waited}`, fixForStsError(code, message, earlier))
            ]
        };
    }
    const credentials = answer.credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken)
        return { checks: [(0,diagnosis/* failed */.gz)('assume-role', 'STS answered without credentials', 'retry; STS misbehaved')] };
    // Masked before anything else runs: a later error message must not be able to print them.
    deps.mask(credentials.AccessKeyId);
    deps.mask(credentials.SecretAccessKey);
    deps.mask(credentials.SessionToken);
    const checks = [(0,diagnosis/* passed */.bF)('assume-role', `STS issued credentials for ${role.arn}${waited}`)];
    const signed = deps.stsWithCredentials({
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        sessionToken: credentials.SessionToken
    });
    try {
        const identity = await signed.send(new client_sts_dist_cjs.GetCallerIdentityCommand({}));
        const arn = identity.Arn ?? '';
        const problem = (0,assumed_role/* assumedRoleProblem */.wH)(arn, role);
        checks.push(problem
            ? (0,diagnosis/* failed */.gz)('caller-identity', problem, 'set role-arn to the role the service account should assume')
            : (0,diagnosis/* passed */.bF)('caller-identity', `GetCallerIdentity answered ${arn}`));
        return { checks, ...((0,assumed_role/* isAssumedRoleArn */.QB)(arn) ? { assumedRoleArn: arn } : {}) };
    }
    catch (error) {
        const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        checks.push((0,diagnosis/* failed */.gz)('caller-identity', `GetCallerIdentity with the assumed credentials failed: ${text}`, 'retry; STS misbehaved'));
        return { checks };
    }
    finally {
        signed.destroy();
    }
}

// EXTERNAL MODULE: ./src/verify-irsa/verify-pod.ts
var verify_pod = __webpack_require__(8456);
;// CONCATENATED MODULE: ./src/verify-irsa/run.ts
/**
 * verify-irsa's logic: the service account, then the token checks from outside the cluster and
 * the pod from inside, each check landing in the diagnosis. Everything it creates is removed
 * again in a finally, whatever the outcome.
 */













/**
 * The outcome once the action's closing cleanup gave the service account up after run() could not:
 * its failed check becomes a passed one that says so, and the verdict is taken again.
 */
function afterSecondRelease(result, what) {
    const failure = result.releaseFailure;
    if (!failure)
        return result;
    const checks = result.checks.map((entry) => entry === failure ? (0,diagnosis/* passed */.bF)('service-account', `${what} on a second try, after: ${failure.detail}`) : entry);
    return {
        verified: (0,diagnosis/* allPassed */.OE)(checks),
        assumedRoleArn: result.assumedRoleArn,
        checks,
        ...(result.notChecked ? { notChecked: result.notChecked } : {}),
        ...(result.podOtherRole ? { podOtherRole: result.podOtherRole } : {})
    };
}
// Pod mode renews the run's lease when it starts later than this after the run.
const RENEW_AFTER_MS = 60_000;
async function run(inputs, deps) {
    const { namespace, serviceAccount } = inputs;
    // Names this run's pod and its lease on the service account.
    const runId = (0,external_node_crypto_.randomBytes)(4).toString('hex');
    const expiresAt = new Date(deps.now().getTime() + (inputs.timeoutSeconds + account_lease/* LEASE_MARGIN_SECONDS */.Us) * 1000);
    const checks = [];
    const record = (entries) => {
        for (const entry of entries) {
            checks.push(entry);
            const line = `${entry.ok ? 'ok  ' : 'FAIL'} ${entry.check}: ${entry.detail}`;
            // The first failure is the step's ::error:: (verifyResult): as a warning too, the job page
            // would show it twice. Later failures are annotated, since nothing else names them there.
            const firstFailure = !entry.ok && checks.filter((c) => !c.ok).length === 1;
            if (entry.ok)
                deps.log.info(line);
            else if (firstFailure)
                deps.log.info(`${line} Fix: ${entry.fix}`);
            // The diagnosis table shows each check, this one with its fix.
            else
                deps.log.warning(`${line} Fix: ${entry.fix}`, { inSummary: true });
        }
    };
    const found = await ensureServiceAccount(inputs, deps, runId, expiresAt);
    if ('failure' in found) {
        record([found.failure]);
        return outcome(checks, undefined);
    }
    let { account, origin, holding } = found;
    record([serviceAccountCheck(inputs, account, origin)]);
    if (inputs.cleanup)
        await removeEndedRunsPods(inputs, deps);
    let tokenArn;
    let podArn;
    let releaseFailure;
    let issuerUnreachable = false;
    const notChecked = [];
    try {
        if (inputs.mode !== 'pod')
            tokenArn = await deps.log.group('token mode: the chain as STS checks it', async () => {
                const result = await tokenMode(inputs, deps).catch((error) => faultOf('token', error, deps.redact));
                record(result.checks);
                issuerUnreachable = result.issuerUnreachable === true;
                notChecked.push(...(result.notChecked ?? []));
                return result.assumedRoleArn;
            });
        // The pod's token names the same issuer: STS would refuse it for the same reason.
        if (inputs.mode !== 'token' && issuerUnreachable)
            deps.log.info("pod mode: not run, since the pod's token names the same issuer, which STS cannot reach (the issuer check).");
        else if (inputs.mode !== 'token')
            podArn = await deps.log.group('pod mode: aws sts get-caller-identity in a pod', async () => {
                // Counted from here, not from the run's start, which token mode (or clearing many ended
                // runs' pods) may be long past. A lease written moments ago is left as it is.
                const until = new Date(deps.now().getTime() + (inputs.timeoutSeconds + account_lease/* LEASE_MARGIN_SECONDS */.Us) * 1000);
                if (holding && until.getTime() - expiresAt.getTime() > RENEW_AFTER_MS) {
                    const renewed = await renewHold(inputs, deps, runId, until);
                    if (renewed && 'failure' in renewed) {
                        record([renewed.failure]);
                        return undefined;
                    }
                    if (renewed)
                        ({ account, origin, holding } = renewed);
                }
                const result = await podMode(inputs, deps, account, runId, until, checks).catch((error) => faultOf('pod', error, deps.redact));
                record(result.checks);
                return result.assumedRoleArn;
            });
    }
    finally {
        if (holding) {
            try {
                const released = await (0,account_lease/* releaseServiceAccount */.GE)(deps.cluster, namespace, serviceAccount, runId, deps.now, inputs.cleanup);
                if (released === 'deleted')
                    deps.log.info(`Deleted the service account ${namespace}/${serviceAccount} this run ${origin}.`);
                if (released === 'released')
                    deps.log.info(inputs.cleanup
                        ? `Left the service account ${namespace}/${serviceAccount} to the other runs using it.`
                        : `Removed this run's lease from ${namespace}/${serviceAccount} and kept it (cleanup: false).`);
            }
            catch (error) {
                // Left behind is a failure too: the run promised to remove what it made.
                releaseFailure = (0,diagnosis/* failed */.gz)('service-account', `could not give up ${namespace}/${serviceAccount}, which this run ${origin}: ${(0,error_text/* kubeErrorText */.P)(error, deps.redact)}`, 
                // Not a delete: another run may be using it, and without this lease the next run takes it over.
                `remove this run's lease by hand: kubectl -n ${namespace} annotate serviceaccount ${serviceAccount} ${(0,account_lease/* leaseKey */.aW)(runId)}-`);
                record([releaseFailure]);
            }
        }
    }
    // With both modes the output is token mode's: a pod that ran as another role is named beside it.
    const podOtherRole = tokenArn !== undefined && podArn !== undefined && (0,assumed_role/* assumedRoleProblem */.wH)(podArn, inputs.role)
        ? podArn
        : undefined;
    return {
        ...outcome(checks, tokenArn ?? podArn),
        ...(releaseFailure ? { releaseFailure } : {}),
        ...(notChecked.length > 0 ? { notChecked } : {}),
        ...(podOtherRole ? { podOtherRole } : {})
    };
}
/** The service account to verify, held by this run where it may be (account-lease.ts); a failed check otherwise. */
async function ensureServiceAccount(inputs, deps, runId, until) {
    const { namespace, serviceAccount } = inputs;
    try {
        const held = await (0,account_lease/* holdServiceAccount */.q3)(deps.cluster, {
            namespace,
            name: serviceAccount,
            roleArn: inputs.role.arn,
            runId,
            until,
            now: deps.now,
            create: inputs.createServiceAccount,
            cleanup: inputs.cleanup,
            redact: deps.redact
        });
        if (!held)
            return {
                failure: (0,diagnosis/* failed */.gz)('service-account', `the service account ${namespace}/${serviceAccount} does not exist`, 'create it, or set create-service-account: true')
            };
        if (held.note)
            deps.log.info(held.note);
        return held;
    }
    catch (error) {
        return {
            failure: (0,diagnosis/* failed */.gz)('service-account', `cannot read or create ${namespace}/${serviceAccount}: ${(0,error_text/* kubeErrorText */.P)(error, deps.redact)}`, kubeFailureFix(error, namespace, "check that the namespace exists and the kubeconfig's user may get, create and patch service accounts in it"))
        };
    }
}
/**
 * Renews this run's lease for pod mode, so that no other run takes the service account over, or
 * deletes it or this run's pod, while the pod runs. undefined when renewed; a lease that ran out
 * and was taken from this run is taken again as at the start (the account as it now is, or a failure).
 */
async function renewHold(inputs, deps, runId, until) {
    const { namespace, serviceAccount } = inputs;
    try {
        if ((await (0,account_lease/* renewLease */.EH)(deps.cluster, namespace, serviceAccount, runId, until)) === 'renewed')
            return undefined;
    }
    catch (error) {
        return {
            failure: (0,diagnosis/* failed */.gz)('service-account', `could not renew this run's lease on ${namespace}/${serviceAccount} for pod mode: ${(0,error_text/* kubeErrorText */.P)(error, deps.redact)}`, 'run again')
        };
    }
    deps.log.warning(`This run's lease on ${namespace}/${serviceAccount} ran out during token mode (AWS answered slowly), and another run took the service account over or deleted it: taking it again for pod mode.`);
    return ensureServiceAccount(inputs, deps, runId, until);
}
/**
 * A fault inside a mode (the cluster or AWS failing mid-way) still ends as a failed check, so
 * that the outputs are set and the cleanup runs like on any other failure.
 */
function faultOf(check, error, redact) {
    const text = error instanceof Error ? `${error.name}: ${(0,error_text/* kubeErrorText */.P)(error, redact)}` : redact(String(error));
    return {
        checks: [
            (0,diagnosis/* failed */.gz)(check, `${check} mode stopped on an unexpected error: ${text}`, 'run again; if it persists, report it')
        ]
    };
}
function outcome(checks, assumedRoleArn) {
    // The ARN is reported whenever STS answered, even if another check failed: it helps the diagnosis.
    return { verified: (0,diagnosis/* allPassed */.OE)(checks), assumedRoleArn, checks };
}
function serviceAccountCheck(inputs, account, origin) {
    const name = `${inputs.namespace}/${inputs.serviceAccount}`;
    const annotated = account.annotations[verify_pod/* ROLE_ANNOTATION */.Bb];
    const note = annotated === undefined
        ? ''
        : annotated === inputs.role.arn
            ? `; annotated ${verify_pod/* ROLE_ANNOTATION */.Bb}=${annotated}`
            : `; note: annotated ${verify_pod/* ROLE_ANNOTATION */.Bb}=${annotated}, not the role-arn being verified`;
    return (0,diagnosis/* passed */.bF)('service-account', `${origin} ${name}${note}`);
}
/**
 * The issuer check: with AWS's own STS, whether its host is one AWS can reach at all (`unreachable`
 * is set when not), then its shape (issuerProblem). The first comes first because it is the surer
 * answer: issuerProblem would call localhost a name only the cluster resolves.
 */
function issuerCheck(issuer, deps) {
    const fix = "set the cluster's service-account issuer to the public discovery URL (provision's issuer-url)";
    if (issuer === undefined)
        return { check: (0,diagnosis/* failed */.gz)('issuer', 'the token has no iss claim', fix), unreachable: false };
    const host = deps.publicReach ? (0,aws_reach/* unreachableHost */.FZ)(issuer) : undefined;
    if (host)
        return {
            check: (0,diagnosis/* failed */.gz)('issuer', `the token's iss is ${issuer}, but ${host}, which AWS STS, fetching the issuer's documents from the internet, can never reach; the IAM provider, the role and STS were not asked, since each must name the issuer that replaces it`, "serve the issuer from a public host and set the cluster's service-account issuer to it (provision's issuer-url; publish-oidc publishes the documents to S3), then run publish-oidc and irsa-role for it"),
            unreachable: true
        };
    const problem = issuerProblem(issuer);
    if (problem)
        return { check: (0,diagnosis/* failed */.gz)('issuer', problem, fix), unreachable: false };
    return { check: (0,diagnosis/* passed */.bF)('issuer', `the token's iss is ${issuer}`), unreachable: false };
}
async function tokenMode(inputs, deps) {
    const { namespace, serviceAccount, audience } = inputs;
    let token;
    try {
        token = await deps.cluster.requestToken(namespace, serviceAccount, audience);
    }
    catch (error) {
        return {
            checks: [
                (0,diagnosis/* failed */.gz)('token', `TokenRequest for ${namespace}/${serviceAccount} failed: ${(0,error_text/* kubeErrorText */.P)(error, deps.redact)}`, kubeFailureFix(error, namespace, "let the kubeconfig's user create serviceaccounts/token in the namespace"))
            ]
        };
    }
    // Masked before anything else can print it.
    deps.mask(token);
    const view = readToken(token);
    if (!view)
        return {
            checks: [
                (0,diagnosis/* failed */.gz)('token', 'the TokenRequest answer is not a JWT', 'check the cluster serves bound service-account tokens')
            ]
        };
    const checks = [
        (0,diagnosis/* passed */.bF)('token', `TokenRequest issued a token for ${view.sub ?? '(no sub)'} with aud ${view.aud.join(', ')}, signed with kid ${view.kid ?? '(none)'}`)
    ];
    const notChecked = [];
    const issuer = view.iss;
    const { check: issuerResult, unreachable } = issuerCheck(issuer, deps);
    checks.push(issuerResult);
    checks.push(checkExpiry(view, Math.floor(deps.now().getTime() / 1000)));
    // Every answer AWS could give is known, and every IAM object must change with the issuer: AWS is
    // not asked (and the runner does not fetch from an address that proves nothing of STS's view).
    if (unreachable)
        return { checks, issuerUnreachable: true };
    if (issuer !== undefined) {
        if (issuerResult.ok) {
            const documents = await checkIssuerDocuments(token, view, issuer, deps.get, deps.publicReach);
            checks.push(...documents.checks);
            // One a check's detail carries (issuer-documents.ts's noteOf) is in the diagnosis table already.
            for (const warning of documents.warnings)
                deps.log.warning(warning, {
                    inSummary: documents.checks.some((entry) => entry.detail.includes(`warning: ${warning}`))
                });
        }
        // STS takes the provider from the role's account; IAM answers for the credentials' account.
        const account = await deps.workflowAccount();
        if (account !== undefined && account !== inputs.role.accountId) {
            const why = `IAM was not read: the workflow's AWS credentials are for account ${account}, but the role is in ${inputs.role.accountId}, whose IAM OIDC provider STS uses. The provider and the role are left to STS's answer; give the step credentials of ${inputs.role.accountId} to check them one by one.`;
            // The summary gives it with the links it left unchecked (chain-summary.ts).
            deps.log.warning(why, { inSummary: true });
            notChecked.push(why);
        }
        else {
            const provider = await checkProvider(deps.iam, issuer, view);
            checks.push(...provider.checks);
            const role = await checkRole(deps.iam, {
                role: inputs.role,
                issuer,
                view,
                providerArn: provider.providerArn,
                namespace,
                serviceAccount,
                audience
            });
            checks.push(...role.checks);
            if (role.otherIssuers)
                pointAtOtherCluster(checks, issuer, role.otherIssuers);
        }
    }
    // STS has the last word even when an earlier check failed (but for an issuer it can never reach,
    // above): its answer confirms the diagnosis.
    const sts = await assumeRole(token, inputs.role, deps.now(), deps.sts, (0,diagnosis/* allPassed */.OE)(checks) ? PROPAGATION_DELAYS_MS : [], checks);
    checks.push(...sts.checks);
    return {
        checks,
        ...(sts.assumedRoleArn ? { assumedRoleArn: sts.assumedRoleArn } : {}),
        ...(notChecked.length > 0 ? { notChecked } : {})
    };
}
/**
 * The role trusts another issuer than this cluster's: the issuer documents or provider this cluster
 * lacks are then likely not the point (the kubeconfig may be another cluster's), so their fixes,
 * the first of which heads the summary, say so first.
 */
function pointAtOtherCluster(checks, issuer, otherIssuers) {
    for (const [at, entry] of checks.entries()) {
        const link = diagnosis/* CHECK_LINKS */.R8[entry.check];
        if (!entry.ok && (link === 'issuer-documents' || link === 'iam-provider'))
            checks[at] = { ...entry, fix: `${otherClusterHint(issuer, otherIssuers)}; else ${entry.fix}` };
    }
}
/** Service-account tokens look like eyJ….eyJ….sig; the aws CLI never prints one, but a log is not trusted. */
function redactJwts(text) {
    return text.replace(/eyJ[\w-]*\.eyJ[\w-]*\.[\w-]*/g, '***');
}
/** Text from the cluster (a pod's log, an event), redacted before anything of it is parsed or cut. */
function fromCluster(deps, text) {
    return deps.redact(redactJwts(text));
}
/**
 * Deletes the verify pods that earlier runs of this service account left (a killed runner) and are
 * over for sure; a pod of a run still going is left alone. Not a check: failing to look or to delete
 * leaves clutter, not a broken chain.
 */
async function removeEndedRunsPods(inputs, deps) {
    const { namespace } = inputs;
    let pods;
    try {
        pods = await deps.cluster.listVerifyPods(namespace, inputs.serviceAccount);
    }
    catch (error) {
        deps.log.info(`Could not look for pods that earlier runs left in ${namespace}: ${(0,error_text/* kubeErrorText */.P)(error, deps.redact)}`);
        return;
    }
    const now = deps.now().getTime();
    for (const pod of pods) {
        if (pod.expiresAt === undefined || pod.expiresAt.getTime() >= now)
            continue;
        try {
            // False when it was gone already (another run or Kubernetes removed it since the list): nothing to say.
            if (await deps.cluster.deletePod(namespace, pod.name))
                deps.log.info(`Deleted the pod ${namespace}/${pod.name}, which an earlier run left (its run ended by ${pod.expiresAt.toISOString()}).`);
        }
        catch (error) {
            deps.log.warning(`Could not delete the pod ${namespace}/${pod.name}, which an earlier run left: ${(0,error_text/* kubeErrorText */.P)(error, deps.redact)}`);
        }
    }
}
/** `earlier`: token mode's checks, whose failure the pod's names instead of repeating its fix. */
async function podMode(inputs, deps, account, runId, expiresAt, earlier) {
    const { namespace } = inputs;
    const name = `irsa-verify-${runId}`;
    const podSpec = {
        name,
        namespace,
        serviceAccount: inputs.serviceAccount,
        image: inputs.image,
        roleArn: inputs.role.arn,
        region: inputs.region,
        audience: inputs.audience,
        timeoutSeconds: inputs.timeoutSeconds,
        expiresAt: inputs.cleanup ? expiresAt : undefined
    };
    try {
        await deps.cluster.createPod((0,verify_pod/* verifyPodManifest */.m3)(podSpec));
    }
    catch (error) {
        return {
            checks: [
                (0,diagnosis/* failed */.gz)('pod', `cannot create the pod ${namespace}/${name}: ${(0,error_text/* kubeErrorText */.P)(error, deps.redact)}`, kubeFailureFix(error, namespace, (0,verify_pod/* podRefusalFix */.NZ)((0,error_text/* kubeErrorText */.P)(error, deps.redact))))
            ]
        };
    }
    deps.log.info(`Created the pod ${namespace}/${name}; following it for up to ${inputs.timeoutSeconds} s.`);
    const checks = [];
    try {
        if (account.annotations[verify_pod/* ROLE_ANNOTATION */.Bb] !== undefined)
            checks.push(await webhookReport(deps, (0,verify_pod/* bareWorkloadPod */.r_)(podSpec), inputs.audience, inputs.role.arn));
        let end;
        try {
            end = await deps.cluster.watchPod(namespace, name, Date.now() + inputs.timeoutSeconds * 1000);
        }
        catch (error) {
            // A refused watch, or a read at the deadline that failed: how the pod ended is unknown.
            checks.push((0,diagnosis/* failed */.gz)('pod', `cannot tell how the pod ${namespace}/${name} ended: ${(0,error_text/* kubeErrorText */.P)(error, deps.redact)}`, kubeFailureFix(error, namespace, "let the kubeconfig's user get and watch pods in the namespace")));
            return { checks };
        }
        if (end.ended === 'done' && (0,verify_pod/* podOutcome */.yW)(end.pod).state === 'succeeded') {
            let logs;
            try {
                logs = fromCluster(deps, await deps.cluster.podLogs(namespace, name));
            }
            catch (error) {
                // Deleted by someone else once it ended: not a fault of the run, and what it printed is gone.
                if ((0,client/* statusOf */.c2)(error) !== 404)
                    throw error;
                checks.push((0,diagnosis/* failed */.gz)('pod', `the pod ${namespace}/${name} succeeded but was deleted before its log was read`, 'something else removed the pod: run again'));
                return { checks };
            }
            const arn = (0,verify_pod/* callerArnFromLogs */.UQ)(logs);
            const roleProblem = arn ? (0,assumed_role/* assumedRoleProblem */.wH)(arn, inputs.role) : 'its log holds no assumed-role ARN';
            // The session binds the answer to this run's pod (its name, in AWS_ROLE_SESSION_NAME).
            const otherSession = arn && !roleProblem ? (0,assumed_role/* sessionProblem */.MM)(arn, name) : undefined;
            const problem = roleProblem ?? otherSession;
            if (arn && !problem) {
                checks.push((0,diagnosis/* passed */.bF)('pod', `the pod ran aws sts get-caller-identity as ${arn}`));
                return { checks, assumedRoleArn: arn };
            }
            // The log is the image's to write: only an assumed-role ARN of this pod's session, or of
            // another role, says whom STS let in.
            const assumed = arn !== undefined && (0,assumed_role/* isAssumedRoleArn */.QB)(arn) && !otherSession ? arn : undefined;
            checks.push((0,diagnosis/* failed */.gz)('pod', `the pod succeeded but ${problem}: ${(0,verify_pod/* lastLines */.w$)(logs, 5).join(' / ')}`, assumed
                ? 'set role-arn to the role the service account should assume'
                : otherSession
                    ? "use an image whose aws CLI names its session from AWS_ROLE_SESSION_NAME, as the AWS CLI does with a web identity, and prints this run's get-caller-identity answer, not another's"
                    : "use an image whose aws CLI takes the role from AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE (no other AWS credentials in its environment or files) and prints get-caller-identity's JSON"));
            // Reported even when it names another role, as token mode does: it shows whom STS let in.
            return assumed ? { checks, assumedRoleArn: assumed } : { checks };
        }
        checks.push(await podFailure(inputs, deps, name, end, [...earlier, ...checks]));
        return { checks };
    }
    finally {
        // The returned result holds this same checks array, so a failed deletion still reaches it.
        if (inputs.cleanup)
            await deps.cluster.deletePod(namespace, name).then(() => deps.log.info(`Deleted the pod ${namespace}/${name}.`), (error) => checks.push((0,diagnosis/* failed */.gz)('pod', `could not delete the pod ${namespace}/${name}: ${(0,error_text/* kubeErrorText */.P)(error, deps.redact)}`, `delete it by hand: kubectl -n ${namespace} delete pod ${name}`)));
    }
}
/** Whether a webhook gives the service account's ordinary pods their IRSA settings. */
async function webhookReport(deps, bare, audience, roleArn) {
    const annotated = `the service account carries ${verify_pod/* ROLE_ANNOTATION */.Bb}`;
    try {
        const admitted = await deps.cluster.dryRunPod(bare);
        const injected = (0,verify_pod/* webhookInjections */.kh)(bare, admitted);
        // The run's token and pod use the audience input; the service account's workloads use the
        // webhook's. A pass for one audience says nothing about the other (the provider may not list it).
        const workloads = (0,verify_pod/* webhookTokenAudience */.VE)(admitted);
        if (workloads !== undefined && workloads !== audience)
            return (0,diagnosis/* failed */.gz)('webhook', `a webhook gives the pods of the service account tokens for the audience ${workloads}, but this run verified ${audience}`, `set audience to ${workloads}, so that the run checks the token the service account's pods present`);
        // This run's pod sets AWS_ROLE_ARN itself; the workloads assume the role the webhook gives them.
        const workloadsRole = (0,verify_pod/* webhookRoleArn */.N_)(admitted);
        if (workloadsRole !== undefined && workloadsRole !== roleArn)
            return (0,diagnosis/* failed */.gz)('webhook', `a webhook gives the pods of the service account the role ${workloadsRole} (AWS_ROLE_ARN), but this run verified ${roleArn}`, `annotate the service account with ${verify_pod/* ROLE_ANNOTATION */.Bb}=${roleArn} (irsa-role's annotate-service-account), or set role-arn to ${workloadsRole}`);
        return (0,diagnosis/* passed */.bF)('webhook', injected.length > 0
            ? `${annotated} and a webhook injects ${injected.join(', ')} into its pods`
            : `${annotated} but no webhook injected IRSA variables into a pod of it (checked by a dry run): workloads must set AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and the token volume themselves, as this action's pod does`);
    }
    catch (error) {
        // Informational: not knowing whether a webhook exists does not break the chain.
        return (0,diagnosis/* passed */.bF)('webhook', `${annotated}; whether a webhook injects IRSA variables is unknown (the dry run failed: ${(0,error_text/* kubeErrorText */.P)(error, deps.redact)})`);
    }
}
async function podFailure(inputs, deps, name, end, earlier) {
    const { namespace } = inputs;
    const events = await deps.cluster.podEvents(namespace, name).catch(() => []);
    const logs = fromCluster(deps, await deps.cluster.podLogs(namespace, name).catch(() => ''));
    const tail = (0,verify_pod/* lastLines */.w$)(logs, 10);
    let what;
    let fix;
    if (end.ended === 'timeout') {
        const phase = end.pod.status?.phase ?? 'unknown';
        what = `the pod ${namespace}/${name} did not finish within ${inputs.timeoutSeconds} s (phase ${phase})`;
        fix = 'check that the node can pull the image and reach STS, or raise timeout-seconds';
    }
    else if (end.ended === 'deleted') {
        what = `the pod ${namespace}/${name} was deleted before it finished`;
        fix = 'something else removed the pod: run again';
    }
    else {
        const state = (0,verify_pod/* podOutcome */.yW)(end.pod);
        what = `the pod ${namespace}/${name} failed: ${state.state === 'failed' ? state.reason : 'unknown reason'}`;
        const stsError = /\(([A-Za-z]+)\) when calling the AssumeRoleWithWebIdentity operation: (.*)$/m.exec(logs);
        fix = stsError
            ? fixForStsError(stsError[1] ?? '', stsError[2] ?? '', earlier)
            : "read the pod's events and log lines above";
    }
    // Once its container ran and exited, a pod's Normal events (Scheduled, Pulled, Created, Started)
    // say only that it ran: its log says why it failed, and the cell stays readable. A pod that never
    // finished keeps them all, since how far it got is the clue.
    const exited = end.ended === 'done';
    const shown = exited ? events.filter((e) => e.type !== 'Normal') : events;
    const eventText = (0,verify_pod/* eventLines */.Cl)(shown.map((event) => ({
        type: fromCluster(deps, event.type),
        reason: fromCluster(deps, event.reason),
        message: fromCluster(deps, event.message)
    })), verify_pod/* MAX_EVENTS */.Bx);
    const detail = [
        what,
        ...(exited && eventText.length === 0
            ? []
            : [`events: ${eventText.length > 0 ? eventText.join('; ') : '(none)'}`]),
        `last log lines: ${tail.length > 0 ? tail.join(' / ') : '(none)'}`
    ].join('\n');
    return (0,diagnosis/* failed */.gz)('pod', detail, fix);
}


/***/ })

};
