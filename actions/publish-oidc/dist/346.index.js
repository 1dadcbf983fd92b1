export const id = 346;
export const ids = [346];
export const modules = {

/***/ 8346:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  retryingTransient: () => (/* reexport */ retryingTransient),
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./src/net/aws-reach.ts
var aws_reach = __webpack_require__(5756);
// EXTERNAL MODULE: ./src/publish-oidc/bucket-policy.ts
var bucket_policy = __webpack_require__(4800);
// EXTERNAL MODULE: ./src/publish-oidc/bucket-setup.ts
var bucket_setup = __webpack_require__(4345);
// EXTERNAL MODULE: ./src/publish-oidc/oidc-provider.ts
var oidc_provider = __webpack_require__(8890);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/io/in-order.ts
var in_order = __webpack_require__(4772);
// EXTERNAL MODULE: ./src/aws/partitions.ts
var partitions = __webpack_require__(5986);
;// CONCATENATED MODULE: ./src/oidc/signing-algorithms.ts
/**
 * The JWS algorithms AWS STS accepts for web-identity tokens, and the key each one needs. An alg
 * outside this list would publish fine and then fail every AssumeRoleWithWebIdentity call, so it
 * is refused before anything is written.
 */
const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];
function isAcceptedAlgorithm(alg) {
    return typeof alg === 'string' && ACCEPTED_ALGORITHMS.includes(alg);
}
/** The key type and, for EC, the curve an algorithm signs with (RFC 7518 section 3.1). */
function keyShapeFor(alg) {
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

// EXTERNAL MODULE: ./src/json/shape.ts
var json_shape = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/oidc/discovery.ts




const ORIGIN = "The cluster's discovery document (/.well-known/openid-configuration)";
function parseClusterDiscovery(document) {
    if (!(0,json_shape/* isRecord */.u4)(document))
        throw new errors/* UserError */.yo(`${ORIGIN} is not a JSON object.`);
    const { issuer, jwks_uri: jwksUri } = document;
    if (typeof issuer !== 'string' || issuer === '')
        throw new errors/* UserError */.yo(`${ORIGIN} has no issuer.`);
    if (typeof jwksUri !== 'string' || !URL.canParse(jwksUri))
        throw new errors/* UserError */.yo(`${ORIGIN} has no valid jwks_uri.`);
    const algorithms = document.id_token_signing_alg_values_supported;
    if (!(0,json_shape/* isStringArray */.Bo)(algorithms))
        throw new errors/* UserError */.yo(`${ORIGIN} has no id_token_signing_alg_values_supported list.`);
    return { issuer, jwksUri, algorithms, members: { ...document } };
}
/**
 * STS compares the token's iss with the provider URL byte for byte, so a trailing slash or a
 * different case is a mismatch even though a browser would treat the URLs as the same.
 */
function checkIssuer(clusterIssuer, issuerUrl, inputName) {
    if (clusterIssuer === issuerUrl)
        return;
    let hint = '';
    if (clusterIssuer.replace(/\/+$/, '') === issuerUrl)
        hint = ' (the cluster adds a trailing slash)';
    else if (clusterIssuer.toLowerCase() === issuerUrl.toLowerCase())
        hint = ' (they differ in case)';
    throw new errors/* UserError */.yo(`the cluster issues tokens for '${servedText(clusterIssuer, 200)}' but the documents would be published for ` +
        `'${issuerUrl}'${hint}; STS compares them byte for byte. Set the API server's ` +
        `--service-account-issuer=${issuerUrl} (Talos: cluster.apiServer.extraArgs.service-account-issuer: ` +
        `${issuerUrl}), or set ${inputName} to the issuer the cluster uses.`, inputName);
}
/** Every key's alg must be announced, and every announced alg must be one STS accepts. */
function checkAlgorithms(discovery, keys) {
    const refused = discovery.algorithms.filter((alg) => !isAcceptedAlgorithm(alg));
    if (refused.length > 0)
        throw new errors/* UserError */.yo(`${ORIGIN} announces id_token_signing_alg_values_supported ${servedList(refused)}, which AWS STS ` +
            `does not accept (use one of ${ACCEPTED_ALGORITHMS.join(', ')}).`);
    const unannounced = [...new Set(keys.map((key) => key.alg))].filter((alg) => !discovery.algorithms.includes(alg));
    if (unannounced.length > 0)
        throw new errors/* UserError */.yo(`The cluster's JWKS has ${unannounced.join(', ')} keys but its discovery document announces only ` +
            `${servedList(discovery.algorithms) || 'none'} in id_token_signing_alg_values_supported.`);
}
/**
 * The discovery document as published: the cluster's, with jwks_uri pointing at the published JWKS
 * and the algorithms of retained keys announced too (a rotation may change the algorithm).
 */
function publishedDiscovery(discovery, jwksUrl, keys) {
    const algorithms = [...discovery.algorithms];
    for (const key of keys)
        if (!algorithms.includes(key.alg))
            algorithms.push(key.alg);
    return { ...discovery.members, jwks_uri: jwksUrl, id_token_signing_alg_values_supported: algorithms };
}

// EXTERNAL MODULE: ./src/oidc/document-locations.ts
var document_locations = __webpack_require__(5837);
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/oidc/public-key-material.ts
/**
 * Checks of a JWK's public material that STS would not make: a key it would take but that anyone
 * could forge tokens for must not reach a public bucket any more than a private one. The cluster's
 * answer is untrusted (a proxy, a misconfigured or hostile API server), so its members are read
 * strictly; no message quotes their values.
 */

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
const MIN_RSA_BITS = 2048;
/** A member name fit to print: JSON-quoted, so control characters show, and cut short. */
function quotedName(name) {
    const quoted = JSON.stringify(name);
    return quoted.length > 40 ? `${quoted.slice(0, 39)}…"` : quoted;
}
function unknownMembersProblem(key) {
    const unknown = Object.keys(key).filter((name) => !PUBLIC_MEMBERS.has(name));
    if (unknown.length === 0)
        return undefined;
    const names = unknown.slice(0, 5).map(quotedName).join(', ');
    return `has member${unknown.length === 1 ? '' : 's'} ${names}${unknown.length > 5 ? ', …' : ''} that a public JWK does not carry; only ${[...PUBLIC_MEMBERS].join(', ')} are published`;
}
/** The octets of a base64url value (RFC 7515 section 2: no padding), or undefined when it is none. */
function base64urlOctets(value) {
    return /^[A-Za-z0-9_-]+$/.test(value) && value.length % 4 !== 1
        ? Buffer.from(value, 'base64url')
        : undefined;
}
function rsaMaterialProblem(n, e) {
    const modulus = base64urlOctets(n);
    if (!modulus)
        return 'has an n that is not base64url';
    // RFC 7518 section 6.3.1.1: the minimum number of octets; a zero octet in front pads the length.
    if (modulus[0] === 0)
        return 'has an n with a leading zero octet (RFC 7518 requires the shortest encoding)';
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
function ecMaterialProblem(crv, x, y) {
    if (!base64urlOctets(x) || !base64urlOctets(y))
        return 'has an x or y that is not base64url';
    try {
        // OpenSSL refuses a point that is not on the curve.
        (0,external_node_crypto_.createPublicKey)({ key: { kty: 'EC', crv, x, y }, format: 'jwk' });
    }
    catch {
        return `is not a valid ${crv} public key (its point is not on the curve)`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/oidc/jwks.ts






// AWS STS reads at most 100 keys of a JWKS; more and some tokens would stop verifying.
const MAX_KEYS = 100;
/**
 * Why one key must not be published, or undefined when it may be. Never quotes key material:
 * the message ends up in the log.
 */
function keyProblem(key) {
    if (!(0,json_shape/* isRecord */.u4)(key))
        return 'is not a JSON object';
    const leaked = privateMembersOf(key);
    if (leaked.length > 0)
        return `carries private key material (${leaked.join(', ')}); publishing it would hand out the signing key`;
    const unknown = unknownMembersProblem(key);
    if (unknown)
        return unknown;
    if (typeof key.kid !== 'string' || key.kid === '')
        return 'has no kid, so STS cannot pick it for a token';
    if (key.use !== 'sig')
        return `has use '${servedText(key.use)}' instead of 'sig'`;
    if (!isAcceptedAlgorithm(key.alg))
        return `has alg '${servedText(key.alg)}', which AWS STS does not accept (use one of ${ACCEPTED_ALGORITHMS.join(', ')})`;
    const shape = keyShapeFor(key.alg);
    if (key.kty !== shape.kty)
        return `has kty '${servedText(key.kty)}' but alg ${key.alg} needs ${shape.kty}`;
    if (shape.kty === 'RSA') {
        if (typeof key.n !== 'string' || typeof key.e !== 'string')
            return 'is an RSA key without n and e';
        return rsaMaterialProblem(key.n, key.e);
    }
    if (key.crv !== shape.crv)
        return `has curve '${servedText(key.crv)}' but alg ${key.alg} needs ${shape.crv}`;
    if (typeof key.x !== 'string' || typeof key.y !== 'string')
        return 'is an EC key without x and y';
    return ecMaterialProblem(shape.crv, key.x, key.y);
}
function describeKey(key, index) {
    return (0,json_shape/* isRecord */.u4)(key) && typeof key.kid === 'string' && key.kid !== ''
        ? `'${servedText(key.kid)}'`
        : `#${index + 1}`;
}
/** The keys of a JWKS document, or the first reason it cannot be published. */
function parseJwks(document, origin) {
    if (!(0,json_shape/* isRecord */.u4)(document) || !Array.isArray(document.keys))
        throw new errors/* UserError */.yo(`${origin} is not a JWKS: it has no "keys" array.`);
    const keys = document.keys;
    if (keys.length === 0)
        throw new errors/* UserError */.yo(`${origin} has no keys: there is nothing to verify tokens with.`);
    if (keys.length > MAX_KEYS)
        throw new errors/* UserError */.yo(`${origin} has ${keys.length} keys; AWS STS reads at most ${MAX_KEYS}.`);
    const seen = new Set();
    return keys.map((key, index) => {
        const problem = keyProblem(key);
        // No input is wrong: a resync that published this cluster's keys before may meet these checks
        // first after an upgrade, so the error names what to change.
        if (problem)
            throw new errors/* UserError */.yo(`${origin}: key ${describeKey(key, index)} ${problem}. Nothing was published (what is published stays): ` +
                "replace the cluster's service-account signing key (kube-apiserver --service-account-signing-key-file; " +
                'Talos cluster.serviceAccount.key), or fix whatever rewrites its answer, then run again.');
        const jwk = key;
        if (seen.has(jwk.kid))
            throw new errors/* UserError */.yo(`${origin} lists kid '${servedText(jwk.kid)}' twice.`);
        seen.add(jwk.kid);
        return { kid: jwk.kid, alg: jwk.alg, members: { ...jwk } };
    });
}
/**
 * Keys of a JWKS already published, keeping only those that could still be published: a key that
 * was once published by hand with private material or a bad alg is dropped, not carried forward.
 */
function readPublishedKeys(document) {
    if (!(0,json_shape/* isRecord */.u4)(document) || !Array.isArray(document.keys))
        return { keys: [], dropped: [] };
    const keys = [];
    const dropped = [];
    const seen = new Set();
    document.keys.forEach((key, index) => {
        const problem = keyProblem(key);
        const jwk = key;
        if (problem || seen.has(jwk.kid)) {
            dropped.push(`${describeKey(key, index)} (${problem ?? 'duplicate kid'})`);
            return;
        }
        seen.add(jwk.kid);
        keys.push({ kid: jwk.kid, alg: jwk.alg, members: { ...jwk } });
    });
    return { keys, dropped };
}
function jwksDocument(keys) {
    return { keys: keys.map((key) => ({ ...key.members })) };
}
/** A key's members in one spelling whatever their order, to tell a key's material apart from its kid. */
function canonicalKey(key) {
    const members = key.members;
    return JSON.stringify(Object.keys(members)
        .sort()
        .map((name) => [name, members[name]]));
}
/**
 * Whether two JWKS hold different keys, order aside: a key added or removed, or a kid whose
 * material changed. What STS may verify a token with changes only then.
 */
function keySetChanged(before, after) {
    if (before.length !== after.length)
        return true;
    const previous = new Set(before.map(canonicalKey));
    return after.some((key) => !previous.has(canonicalKey(key)));
}

;// CONCATENATED MODULE: ./src/oidc/key-retention.ts

function planKeyRetention(input) {
    const nowSeconds = Math.floor(input.now.getTime() / 1000);
    const retentionSeconds = input.retentionHours * 3600;
    const servedKids = new Set(input.served.map((key) => key.kid));
    const publishedKids = new Set(input.previouslyPublished.map((key) => key.kid));
    const candidates = [];
    const droppedKids = [];
    for (const key of input.previouslyPublished) {
        if (servedKids.has(key.kid))
            continue;
        const retiredSince = Math.min(input.retiredSince.get(key.kid) ?? nowSeconds, nowSeconds);
        const until = retiredSince + retentionSeconds;
        if (nowSeconds < until)
            candidates.push({ key, retiredSince, until });
        else
            droppedKids.push(key.kid);
    }
    // STS reads at most MAX_KEYS keys: when a burst of rotations overflows, the longest-retired go first.
    const room = Math.max(0, MAX_KEYS - input.served.length);
    const byAge = [...candidates].sort((a, b) => b.retiredSince - a.retiredSince);
    const kept = new Set(byAge.slice(0, room).map((entry) => entry.key.kid));
    const retained = candidates.filter((entry) => kept.has(entry.key.kid));
    for (const entry of candidates)
        if (!kept.has(entry.key.kid))
            droppedKids.push(entry.key.kid);
    return {
        published: [...input.served, ...retained.map((entry) => entry.key)],
        newKids: input.served.filter((key) => !publishedKids.has(key.kid)).map((key) => key.kid),
        currentKids: input.served.filter((key) => publishedKids.has(key.kid)).map((key) => key.kid),
        retained,
        droppedKids,
        retiredSince: new Map(retained.map((entry) => [entry.key.kid, entry.retiredSince]))
    };
}

// EXTERNAL MODULE: ./src/oidc/published-content.ts
var published_content = __webpack_require__(2823);
;// CONCATENATED MODULE: ./src/oidc/retirement-record.ts
/**
 * The retirement times travel with the published JWKS as one S3 metadata value, so that the
 * public document stays a plain JWKS and no third object is needed. S3 allows 2 KB of user
 * metadata in all; entries that do not fit are left out, which only restarts their clock on the
 * next run (a longer retention, never a shorter one).
 */
const RECORD_LIMIT_BYTES = 1500;
// Metadata values must be ASCII; percent-encoding keeps any kid intact and frees ',' and '='.
function encodeRetiredSince(record) {
    const entries = [...record.entries()]
        .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
        .map(([kid, since]) => `${encodeURIComponent(kid)}=${since}`);
    let value = '';
    for (const entry of entries) {
        const next = value === '' ? entry : `${value},${entry}`;
        if (next.length > RECORD_LIMIT_BYTES)
            break;
        value = next;
    }
    return value;
}
/** Tolerant: a hand-edited or foreign value loses its unreadable entries, not the run. */
function decodeRetiredSince(value) {
    const record = new Map();
    for (const entry of (value ?? '').split(',')) {
        const match = /^([^=]+)=(\d{1,12})$/.exec(entry.trim());
        if (!match)
            continue;
        try {
            record.set(decodeURIComponent(match[1] ?? ''), Number(match[2]));
        }
        catch {
            // A malformed escape: skip the entry.
        }
    }
    return record;
}

;// CONCATENATED MODULE: ./src/publish-oidc/bucket-plan.ts

/**
 * Only the two settings that stop a public bucket policy are relaxed; the ACL settings stay as
 * they are (or on, for a new bucket), so no object can be made public by an ACL.
 */
function planPublicAccessBlock(state) {
    // AWS turns all four settings on for a new bucket, so a bucket created here always needs this.
    if (!state.exists)
        return {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: false,
            RestrictPublicBuckets: false
        };
    const current = state.publicAccessBlock;
    if (!current || (!current.BlockPublicPolicy && !current.RestrictPublicBuckets))
        return undefined;
    return {
        BlockPublicAcls: current.BlockPublicAcls ?? false,
        IgnorePublicAcls: current.IgnorePublicAcls ?? false,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false
    };
}
function planBucket(state, statement) {
    const policy = (0,bucket_policy/* planBucketPolicy */.ap)(state.exists ? state.policy : undefined, statement);
    return {
        create: !state.exists,
        publicAccessBlock: planPublicAccessBlock(state),
        policy: policy.policy,
        keptStatements: policy.keptStatements
    };
}
function bucketPlanChanges(plan, bucket) {
    const changes = [];
    if (plan.create)
        changes.push(`create bucket ${bucket}`);
    if (plan.publicAccessBlock)
        changes.push('relax BlockPublicPolicy and RestrictPublicBuckets (ACL blocks stay on)');
    if (plan.policy)
        changes.push(`set the bucket policy's public read of the two documents` +
            (plan.keptStatements > 0 ? ` (keeping ${plan.keptStatements} other statement(s))` : ''));
    return changes;
}

// EXTERNAL MODULE: ./src/publish-oidc/provider-plan.ts
var provider_plan = __webpack_require__(8792);
// EXTERNAL MODULE: ./src/publish-oidc/published-objects.ts + 2 modules
var published_objects = __webpack_require__(3145);
;// CONCATENATED MODULE: ./src/publish-oidc/plan.ts















const JWKS_ORIGIN = "The cluster's JWKS (/openid/v1/jwks)";
function parseJson(object) {
    if (!object)
        return undefined;
    try {
        return JSON.parse(object.bytes.toString('utf8'));
    }
    catch {
        return undefined;
    }
}
/** The cluster's documents, checked against everything STS will check, before any write. */
async function validatedClusterDocuments(inputs, deps) {
    const cluster = await deps.readCluster();
    const discovery = parseClusterDiscovery(cluster.discovery);
    checkIssuer(discovery.issuer, inputs.issuerUrl, 'issuer-url');
    const served = parseJwks(cluster.jwks, JWKS_ORIGIN);
    checkAlgorithms(discovery, served);
    deps.log.info(`Issuer ${discovery.issuer}; the cluster serves ${served.length === 1 ? '1 key' : `${served.length} keys`}.`);
    return { discovery, served };
}
/** The object key of the JWKS that the published discovery document points at, if in this bucket. */
function publishedJwksKey(inputs, currentDiscovery) {
    // A jwks_uri edited in by other hands names no JWKS of this action's: neither read as one, nor granted.
    if (!currentDiscovery || !(0,published_objects/* writtenByThisAction */.JD)(currentDiscovery))
        return undefined;
    const published = parseJson(currentDiscovery);
    if (typeof published?.jwks_uri !== 'string')
        return undefined;
    const previous = (0,document_locations/* documentLocations */.CM)(inputs.issuerUrl, inputs.bucket, published.jwks_uri);
    return previous.jwksUriRewritten ? undefined : previous.jwksKey;
}
async function readPublishedState(inputs, deps, locations, owner) {
    const bucket = await (0,bucket_setup/* readBucketState */.qS)(deps.s3, inputs.bucket, inputs.region, inputs.manageBucket, owner, inputs.bucketOwner !== undefined);
    // CreateBucket makes the bucket in the credentials' own account, which every later call would then
    // find owned by the wrong account.
    if (!bucket.exists &&
        inputs.bucketOwner !== undefined &&
        inputs.bucketOwner !== (await deps.callerAccount()))
        throw new errors/* UserError */.yo(`names account ${inputs.bucketOwner}, but '${inputs.bucket}' does not exist and a bucket made here would ` +
            "belong to the credentials' own account. Create it in that account, or leave bucket-owner out.", 'bucket-owner');
    if (!bucket.exists)
        return {
            bucket,
            discovery: undefined,
            jwksAtTarget: undefined,
            liveJwks: undefined,
            movedFrom: undefined
        };
    const [discovery, jwksAtTarget] = await (0,in_order/* inOrder */.a)((0,published_objects/* readPublishedObject */.ku)(deps.s3, inputs.bucket, locations.discoveryKey, owner), (0,published_objects/* readPublishedObject */.ku)(deps.s3, inputs.bucket, locations.jwksKey, owner));
    const liveKey = publishedJwksKey(inputs, discovery);
    if (liveKey === undefined || liveKey === locations.jwksKey)
        return { bucket, discovery, jwksAtTarget, liveJwks: jwksAtTarget, movedFrom: undefined };
    const liveJwks = await (0,published_objects/* readPublishedObject */.ku)(deps.s3, inputs.bucket, liveKey, owner);
    return { bucket, discovery, jwksAtTarget, liveJwks: liveJwks ?? jwksAtTarget, movedFrom: liveKey };
}
async function providerStep(inputs, deps) {
    if (!inputs.createProvider) {
        // Only looked up, for the provider-arn output; a role without IAM read access is not an error here.
        try {
            return { current: await (0,oidc_provider/* findProvider */.l)(deps.iam, inputs.issuerUrl), plan: undefined };
        }
        catch (error) {
            // Said with its consequence and the permissions that lift it: the bare error left the reader
            // to guess whether anything was wrong with what was published.
            deps.log.warning(`Could not look up the IAM OIDC provider (${error instanceof Error ? error.message : String(error)}), so provider-arn is empty: ` +
                'allow iam:ListOpenIDConnectProviders and iam:GetOpenIDConnectProvider to have it set, or ignore this if no later step uses it.');
            return { current: undefined, plan: undefined };
        }
    }
    const [current, served] = await (0,in_order/* inOrder */.a)((0,oidc_provider/* findProvider */.l)(deps.iam, inputs.issuerUrl), deps.issuerThumbprint(inputs.issuerUrl));
    return {
        current,
        plan: (0,provider_plan/* planProvider */.$K)(current, inputs.clientIds, served.thumbprint, served.unsentRoot),
        served
    };
}
/**
 * The published keys retention may keep, with their retirement record. Only a JWKS this action wrote
 * holds keys it retired: in one edited by other hands, a key the cluster does not serve is no key of
 * its (a colleague's paste, another cluster's JWKS, or anyone with s3:PutObject on the bucket), and
 * kept as retired it would let STS take tokens it signed for key-retention-hours more. Those go now.
 */
function retainableKeys(published, served, liveJwks, liveKey, dryRun, log) {
    if (!liveJwks || (0,published_objects/* writtenByThisAction */.JD)(liveJwks))
        return {
            keys: published,
            retiredSince: decodeRetiredSince(liveJwks?.metadata[published_objects/* RETIRED_METADATA */.CX]),
            strangers: []
        };
    const servedKids = new Set(served.map((key) => key.kid));
    const strangers = published.filter((key) => !servedKids.has(key.kid)).map((key) => key.kid);
    if (strangers.length > 0)
        log.warning(`The published JWKS (${liveKey}) was not written by publish-oidc: it was changed by hand or by another tool ` +
            `since this action's last run. Its key(s) ${strangers.join(', ')}, which the cluster does not serve, ` +
            `${dryRun ? 'would be' : 'are'} removed rather than kept as retired keys, so tokens they signed ` +
            `${dryRun ? 'would stop' : 'stop'} verifying. A key this action itself published keeps its key-retention-hours ` +
            'only while the JWKS is left to it.');
    return {
        keys: published.filter((key) => servedKids.has(key.kid)),
        retiredSince: new Map(),
        strangers
    };
}
/**
 * The keys to publish, in the order the JWKS at the target key lists them when it holds exactly these
 * keys: a cluster serving the same keys in another order (another node's API server, its key files
 * listed otherwise) changes nothing STS reads, so it is no reason to rewrite the JWKS.
 */
function inPublishedOrder(keys, atTarget) {
    const current = readPublishedKeys(parseJson(atTarget));
    if (current.dropped.length > 0 || keySetChanged(current.keys, keys))
        return keys;
    const byKid = new Map(keys.map((key) => [key.kid, key]));
    return current.keys.map((key) => byKid.get(key.kid) ?? key);
}
/** What the provider's plan leaves alone or drops that the user may want: said before anything is written. */
function warnOfProviderPlan(plan, inputs, log) {
    const extra = plan.extraClientIds;
    if (extra.length > 0)
        log.warning(`The IAM OIDC provider also accepts client ID(s) ${extra.join(', ')}, which client-ids does not list: left alone, ` +
            'since roles may trust them: list them in client-ids to keep them, or remove one that is revoked with aws iam remove-client-id-from-open-id-connect-provider.');
    const capWarning = (0,provider_plan/* thumbprintCapWarning */.k)(plan, inputs.dryRun);
    if (capWarning)
        log.warning(capWarning);
}
/**
 * The plan once the provider it was to create turns out to exist (another run made it, or this run's
 * own create landed and its answer was lost): planned, warned of and described as planPublish does.
 */
function replanProvider(plan, existing, inputs, log) {
    const { served } = plan.provider;
    if (!served)
        throw new Error('The provider was planned without the issuer host’s thumbprint.');
    const provider = (0,provider_plan/* planProvider */.$K)(existing, inputs.clientIds, served.thumbprint, served.unsentRoot);
    warnOfProviderPlan(provider, inputs, log);
    const planned = (0,provider_plan/* providerPlanChanges */.S6)(provider, inputs.issuerUrl, existing);
    // With nothing left to change, the create that met the provider may have been this run's own.
    const providerChanges = planned.length > 0 ? planned : plan.providerChanges;
    const s3Changes = plan.changes.slice(0, plan.changes.length - plan.providerChanges.length);
    return {
        publish: {
            ...plan,
            provider: { current: existing, plan: provider, served },
            changes: [...s3Changes, ...providerChanges],
            providerChanges
        },
        provider
    };
}
/**
 * The bucket's plan. While the JWKS moves, the policy keeps granting the old JWKS too, since the
 * published discovery document points at it until it is rewritten; the final policy drops it.
 */
function bucketSteps(inputs, locations, state) {
    if (!inputs.manageBucket)
        return { bucket: undefined, finalPolicy: undefined, statement: undefined };
    const partition = (0,partitions/* partitionOfRegion */.cn)(inputs.region);
    const prefix = (0,document_locations/* issuerKeyPrefix */.l8)(inputs.issuerUrl, inputs.bucket);
    const finalKeys = [locations.jwksKey, locations.discoveryKey];
    const duringKeys = state.movedFrom ? [...finalKeys, state.movedFrom] : finalKeys;
    const bucket = planBucket(state.bucket, (0,bucket_policy/* publicReadStatement */.Xd)(partition, inputs.bucket, duringKeys, prefix));
    const statement = (0,bucket_policy/* publicReadStatement */.Xd)(partition, inputs.bucket, finalKeys, prefix);
    const finalPolicy = state.movedFrom
        ? (0,bucket_policy/* planBucketPolicy */.ap)(bucket.policy ?? state.bucket.policy, statement).policy
        : undefined;
    return { bucket, finalPolicy, statement };
}
async function planPublish(inputs, deps) {
    const { log } = deps;
    // A bucket name is global: one of another account (taken after this one's bucket was deleted, or a
    // typo) would take the documents, and whoever owns it would control the issuer IAM trusts.
    const owner = inputs.bucketOwner !== undefined ? Promise.resolve(inputs.bucketOwner) : deps.callerAccount();
    owner.catch(() => undefined);
    const { discovery, served } = await log.group('Read the cluster’s discovery documents', () => validatedClusterDocuments(inputs, deps));
    const locations = (0,document_locations/* documentLocations */.CM)(inputs.issuerUrl, inputs.bucket, discovery.jwksUri);
    if (locations.jwksUriRewritten)
        log.warning(`The cluster's jwks_uri ${discovery.jwksUri} is not under the issuer; the JWKS is published at ` +
            `${locations.jwksUrl} and the published jwks_uri says so. Set --service-account-jwks-uri=${locations.jwksUrl} ` +
            '(Talos: cluster.apiServer.extraArgs.service-account-jwks-uri) so that the cluster agrees.');
    // Reads only, and independent: the bucket's and the provider's state are read at the same time;
    // a failure is reported for the bucket first, as if they had run one after the other.
    const [state, provider] = await (0,in_order/* inOrder */.a)(owner.then((account) => readPublishedState(inputs, deps, locations, account)), providerStep(inputs, deps));
    if (provider.plan)
        warnOfProviderPlan(provider.plan, inputs, log);
    const previous = readPublishedKeys(parseJson(state.liveJwks));
    if (previous.dropped.length > 0)
        log.warning(`Dropping published key(s) that must not be published: ${previous.dropped.join('; ')}.`);
    const own = retainableKeys(previous.keys, served, state.liveJwks, state.liveJwks === state.jwksAtTarget ? locations.jwksKey : (state.movedFrom ?? locations.jwksKey), inputs.dryRun, log);
    const planned = planKeyRetention({
        served,
        previouslyPublished: own.keys,
        retiredSince: own.retiredSince,
        now: deps.now(),
        retentionHours: inputs.keyRetentionHours
    });
    // Bytes this action wrote, which a document that says the same keeps.
    const ownBytes = (object) => object && (0,published_objects/* writtenByThisAction */.JD)(object) ? object.bytes : undefined;
    const retention = { ...planned, published: inPublishedOrder(planned.published, state.jwksAtTarget) };
    const jwks = {
        key: locations.jwksKey,
        bytes: (0,published_content/* bytesToPublish */.MN)(jwksDocument(retention.published), ownBytes(state.jwksAtTarget)),
        state: { [published_objects/* RETIRED_METADATA */.CX]: encodeRetiredSince(retention.retiredSince) },
        // What lets remove: true delete this JWKS should the discovery document never be written after it.
        marks: { [published_objects/* ISSUER_METADATA */.QS]: (0,published_objects/* issuerMark */.HE)(inputs.issuerUrl) ?? '' }
    };
    const discoveryObject = {
        key: locations.discoveryKey,
        bytes: (0,published_content/* bytesToPublish */.MN)(publishedDiscovery(discovery, locations.jwksUrl, retention.published), ownBytes(state.discovery)),
        state: {}
    };
    const writeJwks = !(0,published_objects/* isUpToDate */.xm)(state.jwksAtTarget, jwks);
    const writeDiscovery = !(0,published_objects/* isUpToDate */.xm)(state.discovery, discoveryObject);
    // Against the JWKS STS reads today (where the published discovery document points), not the one at
    // the target key: a run cut short after writing the JWKS there changes STS's keys only now.
    const keysChanged = previous.dropped.length > 0 || keySetChanged(previous.keys, retention.published);
    const { bucket, finalPolicy, statement } = bucketSteps(inputs, locations, state);
    const providerChanges = provider.plan
        ? (0,provider_plan/* providerPlanChanges */.S6)(provider.plan, inputs.issuerUrl, provider.current)
        : [];
    const changes = [
        ...(bucket ? bucketPlanChanges(bucket, inputs.bucket) : []),
        ...(writeJwks ? [`write the JWKS (${locations.jwksKey})`] : []),
        ...(own.strangers.length > 0
            ? [
                `remove key(s) ${own.strangers.join(', ')} from the JWKS, which the cluster does not serve and publish-oidc did not publish`
            ]
            : []),
        ...(writeDiscovery ? [`write the discovery document (${locations.discoveryKey})`] : []),
        ...(finalPolicy ? [`stop the public read of the old JWKS (${state.movedFrom ?? ''})`] : []),
        ...providerChanges
    ];
    return {
        owner: await owner,
        locations,
        retention,
        jwks,
        discovery: discoveryObject,
        writeJwks,
        writeDiscovery,
        keysChanged,
        bucket,
        finalPolicy,
        statement,
        provider,
        changes,
        providerChanges
    };
}

;// CONCATENATED MODULE: ./src/net/public-read.ts
/**
 * What a public read's answer means to someone fixing it, and a second try for the answers a busy
 * host gives now and then (S3's 503 SlowDown, a 500, a dropped connection): an issuer that STS can
 * read is one that answers, not one that never stumbles.
 */
/** Error codes of a connection that broke, not of one refused for good (TLS, DNS, a wrong port). */
const BROKEN_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN']);
const RETRY_DELAYS_MS = [1000, 2000];
function isTransientStatus(status) {
    return status === 429 || status >= 500;
}
function isBrokenConnection(error) {
    const code = error?.code;
    return typeof code === 'string' && BROKEN_CONNECTION.has(code);
}
/** `get`, asked again after a pause when it answers 429 or 5xx or its connection breaks. */
function retryingTransient(get, sleep, delaysMs = RETRY_DELAYS_MS) {
    return async (url) => {
        for (let attempt = 0;; attempt += 1) {
            const delay = delaysMs[attempt];
            try {
                const response = await get(url);
                if (delay === undefined || !isTransientStatus(response.status))
                    return response;
            }
            catch (error) {
                if (delay === undefined || !isBrokenConnection(error))
                    throw error;
            }
            await sleep(delay);
        }
    };
}
/**
 * "HTTP 503 (SlowDown)": the status with S3's error code when the body holds one; for a redirect,
 * where it leads and that STS will not follow it.
 */
function statusText(status, body, location) {
    // Only a word is taken from the body: it is the server's text, and goes into logs and summaries.
    const code = /<Code>([A-Za-z][A-Za-z0-9.]{0,63})<\/Code>/.exec(body)?.[1];
    const base = `HTTP ${status}${code ? ` (${code})` : ''}`;
    if (status >= 300 && status < 400)
        return `${base}, a redirect${location ? ` to ${location.replace(/[\s<>`|[\]]/g, '')}` : ''}, which STS does not follow`;
    return base;
}

;// CONCATENATED MODULE: ./src/publish-oidc/public-check.ts

function isJson(bytes) {
    try {
        JSON.parse(bytes.toString('utf8'));
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Why one anonymously fetched document is not what STS needs, or undefined when it is. `managed`: this run
 * saw to the bucket's own Block Public Access and policy statement (manage-bucket), so a refusal comes
 * from something it does not touch.
 */
function publicReadProblem(doc, response, bucket, managed = false) {
    if (response.status === 403 && managed)
        return (`anonymous GET ${doc.url} was refused (403), though manage-bucket set the bucket's own Block Public Access ` +
            `and a policy statement allowing it, and STS reads anonymously: the account's Block Public Access ` +
            `(BlockPublicPolicy or RestrictPublicBuckets, aws s3control get-public-access-block), a Deny statement in ` +
            `the bucket policy, or an AWS Organizations resource control policy stops the read of ${bucket}/${doc.key}.`);
    if (response.status === 403)
        return (`anonymous GET ${doc.url} was refused (403): S3 Block Public Access (on the bucket or the account) or a ` +
            `missing bucket policy stops public reads, and STS reads anonymously. Set manage-bucket: true, or turn off ` +
            `BlockPublicPolicy and RestrictPublicBuckets and allow s3:GetObject for Principal "*" on ` +
            `the object ${bucket}/${doc.key}.`);
    if (response.status === 404)
        return `anonymous GET ${doc.url} found nothing (404): issuer-url does not lead to the object ${doc.key} in ${bucket}.`;
    if (response.status !== 200)
        return `anonymous GET ${doc.url} answered ${statusText(response.status, response.body.toString('utf8'), response.location)}.`;
    if (response.body.equals(doc.bytes))
        return undefined;
    if (!isJson(response.body))
        return (`anonymous GET ${doc.url} answered 200 with something other than JSON (an error page, or a body cut ` +
            'short): something in front of the bucket answers for it.');
    return (`anonymous GET ${doc.url} served other bytes than were written; a CDN or cache in front of the bucket ` +
        'may still hold the old document.');
}
async function problemsOnce(get, docs, bucket, managed) {
    // Both documents at once; the problems keep the documents' order.
    const found = await Promise.all(docs.map(async (doc) => {
        try {
            const problem = publicReadProblem(doc, await get(doc.url), bucket, managed);
            return problem ? `${doc.name}: ${problem}` : undefined;
        }
        catch (error) {
            return `${doc.name}: anonymous GET ${doc.url} failed (${error instanceof Error ? error.message : String(error)}).`;
        }
    }));
    return found.filter((problem) => problem !== undefined);
}
// S3 applies a new bucket policy or public access block within seconds, not at once: right after
// this run changed them, a 403 may be stale, so the check is repeated for a while before it fails.
const SETTLE_DELAYS_MS = [1000, 2000, 4000, 8000];
/** The problems left after the last attempt; empty when both documents read back as written. */
async function checkPublicDocuments(get, docs, bucket, options = { delaysMs: [], sleep: async () => undefined }) {
    const managed = options.managed ?? false;
    let problems = await problemsOnce(get, docs, bucket, managed);
    for (const delay of options.delaysMs) {
        if (problems.length === 0)
            break;
        await options.sleep(delay);
        problems = await problemsOnce(get, docs, bucket, managed);
    }
    return problems;
}

// EXTERNAL MODULE: ./src/io/summary.ts
var summary = __webpack_require__(2864);
;// CONCATENATED MODULE: ./src/publish-oidc/summary.ts

function isoTime(epochSeconds) {
    return new Date(epochSeconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
}
/** What a run with nothing to change can vouch for: only what its inputs had it read. */
function nothingToChange(inputs) {
    const checked = [
        'the published documents',
        ...(inputs.manageBucket ? ["the bucket's public read of them"] : []),
        ...(inputs.createProvider ? ['the IAM OIDC provider'] : [])
    ];
    // The documents come first and are plural, so the list always takes 'are'.
    const list = checked.length > 1 ? `${checked.slice(0, -1).join(', ')} and ${checked.at(-1)}` : checked[0];
    const unchecked = [
        ...(inputs.manageBucket ? [] : ["the bucket's settings (manage-bucket: false)"]),
        ...(inputs.createProvider ? [] : ['the IAM OIDC provider (create-provider: false)'])
    ];
    return (`Nothing to change: ${list} are up to date.` +
        (unchecked.length > 0 ? ` Not checked: ${unchecked.join(' and ')}.` : ''));
}
/** The title says what the run did, so a reader of the job page need not scroll to the list. */
function headline(facts) {
    const count = facts.changes.length;
    const changes = count === 1 ? '1 change' : `${count} changes`;
    if (facts.inputs.dryRun)
        return `publish-oidc (dry run): ${count > 0 ? `${changes} to make, nothing written` : 'nothing to change'}`;
    if (facts.failure)
        return 'publish-oidc: the documents are not publicly readable';
    return `publish-oidc: ${count > 0 ? `${changes} made` : 'nothing to change'}`;
}
/**
 * The job summary: a failed public read check first, then where the documents are, which keys they
 * hold and why, and what this run changed.
 */
function publishSummary(facts) {
    const { inputs, locations, retention } = facts;
    const title = `### ${headline(facts)}`;
    // GitHub renders a table's first row as its header: an empty one shows as a blank bar.
    const where = (0,summary/* table */.tp)(['What', 'Where'], [
        ['Issuer', (0,summary/* code */.aY)(locations.issuer)],
        ['Discovery document', locations.discoveryUrl],
        ['JWKS', locations.jwksUrl + (locations.jwksUriRewritten ? ' (jwks_uri rewritten)' : '')],
        [
            'IAM OIDC provider',
            facts.providerArn
                ? (0,summary/* code */.aY)(facts.providerArn)
                : inputs.dryRun && inputs.createProvider
                    ? '(would be created)'
                    : 'none'
        ]
    ]);
    const keyRows = [
        ...retention.newKids.map((kid) => [(0,summary/* code */.aY)(kid), 'new']),
        ...retention.currentKids.map((kid) => [(0,summary/* code */.aY)(kid), 'kept (served by the cluster)']),
        ...retention.retained.map((entry) => [
            (0,summary/* code */.aY)(entry.key.kid),
            `retired, kept until ${isoTime(entry.until)}`
        ]),
        ...retention.droppedKids.map((kid) => [(0,summary/* code */.aY)(kid), 'retired, removed'])
    ];
    const verb = inputs.dryRun ? 'Would change' : 'Changed';
    const changes = facts.changes.length > 0
        ? `${verb}:\n${facts.changes.map((change) => `- ${change}`).join('\n')}`
        : nothingToChange(inputs);
    // A failure comes first, under the title, as the other actions' summaries put theirs: it is what
    // the reader has to act on, and it would otherwise sit below the list of changes.
    const failure = facts.failure
        ? [`**Public read check failed:** ${(0,summary/* escapeHtmlOutsideCode */.Nh)(facts.failure)}`]
        : [];
    return [title, ...failure, where, (0,summary/* table */.tp)(['Key ID', 'Status'], keyRows), changes].join('\n\n') + '\n';
}

;// CONCATENATED MODULE: ./src/publish-oidc/run.ts









// For the action's entry, which loads this chunk anyway: a chunk of its own would copy the module.

/**
 * Writes in the order that keeps the public pair consistent if a run stops halfway: the bucket
 * first, the JWKS before the discovery document that points at it, the old JWKS's grant last.
 */
async function applyPlan(inputs, deps, plan) {
    // Each write as S3 or IAM answers it, for a cancelled run's summary.
    const done = [];
    deps.written?.(() => done);
    if (plan.bucket)
        await (0,bucket_setup/* applyBucketPlan */.ok)(deps.s3, inputs.bucket, inputs.region, plan.bucket, plan.owner, (step) => done.push(step));
    if (plan.writeJwks) {
        await (0,published_objects/* putDocument */.hR)(deps.s3, inputs.bucket, plan.jwks, plan.owner);
        done.push(`put the JWKS (${plan.locations.jwksKey})`);
    }
    if (plan.writeDiscovery) {
        await (0,published_objects/* putDocument */.hR)(deps.s3, inputs.bucket, plan.discovery, plan.owner);
        done.push(`put the discovery document (${plan.locations.discoveryKey})`);
    }
    if (plan.finalPolicy) {
        await deps.s3.send(new dist_cjs.PutBucketPolicyCommand({
            Bucket: inputs.bucket,
            ExpectedBucketOwner: plan.owner,
            Policy: plan.finalPolicy
        }));
        done.push("put the bucket policy that stops the old JWKS's public read");
    }
    const { current, plan: providerPlan } = plan.provider;
    if (!providerPlan)
        return { plan, providerArn: current?.arn ?? '' };
    let applied = plan;
    const providerArn = await (0,oidc_provider/* applyProviderPlan */.h)(deps.iam, inputs.issuerUrl, providerPlan, current, (existing) => {
        const replanned = replanProvider(plan, existing, inputs, deps.log);
        applied = replanned.publish;
        return replanned.provider;
    }, (message) => deps.log.warning(message));
    done.push(`the IAM OIDC provider: ${applied.providerChanges.join('; ')}`);
    return { plan: applied, providerArn };
}
/**
 * S3 has no conditional write of a bucket policy, so runs for clusters sharing a bucket, each in
 * its own concurrency group, can overlap: one that read the policy before this run's put and writes
 * it after drops this issuer's statement, and STS can no longer read its documents. Read back once
 * the run's other writes are done, and merged in again (keeping the other run's statements) when it
 * is gone. Returns the change made, if any.
 */
async function keepStatement(inputs, deps, plan) {
    const { statement } = plan;
    if (!statement || !(plan.bucket?.policy || plan.finalPolicy))
        return undefined;
    const policy = (0,bucket_policy/* planBucketPolicy */.ap)(await (0,bucket_setup/* readBucketPolicy */.de)(deps.s3, inputs.bucket, plan.owner), statement).policy;
    if (!policy)
        return undefined;
    deps.log.warning(`The bucket policy of ${inputs.bucket} lost this issuer's public-read statement after this run put it: another run wrote the bucket policy at the same time ` +
        '(a cluster sharing the bucket), from a read made before. Put it again, keeping the other statements. Run publish-oidc for the clusters that share a bucket one at a time (one concurrency group): a statement of theirs that this run overwrote is restored only by their next run.');
    await deps.s3.send(new dist_cjs.PutBucketPolicyCommand({ Bucket: inputs.bucket, ExpectedBucketOwner: plan.owner, Policy: policy }));
    return "put this issuer's bucket-policy statement again, which another run's policy write had dropped";
}
async function verifyPublic(inputs, deps, plan) {
    const { locations, jwks, discovery } = plan;
    const problems = await checkPublicDocuments((url) => deps.publicGet(url), [
        { name: 'JWKS', url: locations.jwksUrl, key: jwks.key, bytes: jwks.bytes },
        { name: 'Discovery document', url: locations.discoveryUrl, key: discovery.key, bytes: discovery.bytes }
    ], inputs.bucket, 
    // Not only this run's own changes may still be settling: a run cut short seconds ago leaves a
    // policy or object S3 is still applying, and the rerun then has nothing left to write. The wait
    // only costs a run whose documents stay unreadable.
    {
        delaysMs: SETTLE_DELAYS_MS,
        sleep: (ms) => deps.sleep(ms),
        managed: inputs.manageBucket
    });
    if (problems.length === 0) {
        deps.log.info(`Both documents read back anonymously from ${inputs.issuerUrl}, byte for byte.`);
        return undefined;
    }
    return `Published, but not publicly readable as STS needs: ${problems.join(' ')}`;
}
/**
 * A warning when the runner resolves the issuer's host to addresses STS cannot reach. Looked up only
 * by a run that contacts that host anyway (for the thumbprint, or to read the documents back). Not a
 * refusal: the runner's DNS need not be the internet's (split-horizon DNS, a VPC's private zones).
 */
async function issuerHostWarning(inputs, deps) {
    const contacts = inputs.createProvider || (inputs.verifyPublic && !inputs.dryRun);
    if (!deps.resolveHost || !contacts)
        return undefined;
    const problem = await (0,aws_reach/* unreachableResolution */.r8)(inputs.issuerUrl, deps.resolveHost, deps.lookupBoundMs);
    if (!problem)
        return undefined;
    return (`issuer-url: ${problem}. STS fetches the issuer's documents from the internet, so it refuses this ` +
        "issuer's tokens unless public DNS gives the host public addresses: serve issuer-url from a public host.");
}
/**
 * IAM's CreateOpenIDConnectProvider says the URL "should not contain a port number". Only a warning:
 * "should" is all the documentation says, and only AWS itself can show what it does with one. Said only
 * with AWS's own IAM (resolveHost is given then), since the local stack's issuers carry ports.
 */
function issuerPortWarning(inputs, deps) {
    const port = new URL(inputs.issuerUrl).port;
    if (!deps.resolveHost || !inputs.createProvider || port === '')
        return undefined;
    return `issuer-url names the port ${port}: IAM's documentation says an OIDC provider's URL should not contain one, and STS reads the documents at the issuer as tokens name it; serve the issuer on port 443 without a port in the URL.`;
}
async function run(inputs, deps) {
    const { log } = deps;
    const plan = await planPublish(inputs, deps);
    // Looked up once the plan is read, not while: node's lookup (getaddrinfo) cannot be cancelled, and
    // one in flight holds the process until the resolver answers or gives up, so a run whose plan
    // failed would wait for it before exiting. Told before anything is written.
    const warning = await issuerHostWarning(inputs, deps);
    if (warning)
        log.warning(warning);
    const portWarning = issuerPortWarning(inputs, deps);
    if (portWarning)
        log.warning(portWarning);
    let { changes } = plan;
    let providerArn = plan.provider.current?.arn ?? '';
    let failure;
    if (inputs.dryRun) {
        log.info(changes.length > 0 ? `Dry run; would ${changes.join('; ')}.` : 'Dry run; nothing would change.');
    }
    else {
        deps.writing?.();
        const applied = await applyPlan(inputs, deps, plan);
        providerArn = applied.providerArn;
        const restored = await keepStatement(inputs, deps, plan);
        changes = restored ? [...applied.plan.changes, restored] : applied.plan.changes;
        log.info(changes.length > 0
            ? `Changed: ${changes.join('; ')}.`
            : `${nothingToChange(inputs)} Nothing was written.`);
        if (inputs.verifyPublic)
            failure = await verifyPublic(inputs, deps, plan);
    }
    return {
        outputs: {
            'issuer-url': inputs.issuerUrl,
            'jwks-url': plan.locations.jwksUrl,
            'provider-arn': providerArn,
            changed: String(changes.length > 0),
            'keys-changed': String(plan.keysChanged),
            'key-ids': plan.retention.published.map((key) => key.kid).join(',')
        },
        summary: publishSummary({
            inputs,
            locations: plan.locations,
            retention: plan.retention,
            providerArn,
            changes,
            failure
        }),
        ...(failure ? { failure } : {})
    };
}


/***/ })

};
