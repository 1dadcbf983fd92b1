export const id = 292;
export const ids = [292];
export const modules = {

/***/ 2292:
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
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/oidc/document-locations.ts
var document_locations = __webpack_require__(5837);
;// CONCATENATED MODULE: ./src/publish-oidc/bucket-policy.ts


/**
 * The bucket-policy statement this action owns for one issuer: anonymous s3:GetObject on exactly
 * its two documents. Other statements in the bucket's policy belong to the user, or to the
 * issuers of other clusters sharing the bucket under their own key prefixes, and are kept as they
 * are; nothing else is ever granted, so every other object stays private.
 */
const STATEMENT_SID = 'TalosIrsaPublicOidcDocuments';
/**
 * One Sid per issuer: an issuer at the bucket's root keeps the plain Sid, one under a key prefix
 * adds a digest of it (Sids are alphanumeric), so clusters sharing a bucket never replace each other's.
 */
function statementSid(keyPrefix) {
    if (keyPrefix === '')
        return STATEMENT_SID;
    return STATEMENT_SID + (0,external_node_crypto_.createHash)('sha256').update(keyPrefix).digest('hex').slice(0, 12);
}
// IAM reads * and ? in a Resource as wildcards and ${...} as a policy variable: a key holding any of
// them would grant more than one object.
const POLICY_SPECIAL = /[*?]|\$\{/;
function publicReadStatement(partition, bucket, keys, keyPrefix = '') {
    const special = keys.find((key) => POLICY_SPECIAL.test(key));
    if (special !== undefined)
        throw new Error(`refusing to grant public read on '${special}': IAM would read it as a pattern.`);
    return {
        Sid: statementSid(keyPrefix),
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: [...new Set(keys)].sort().map((key) => `arn:${partition}:s3:::${bucket}/${key}`)
    };
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function asSortedList(value) {
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => String(item)).sort();
}
function principalIsEveryone(value) {
    if (value === '*')
        return true;
    return isRecord(value) && Object.keys(value).length === 1 && asSortedList(value.AWS).join() === '*';
}
// IAM returns a policy in its own formatting ("Action" as a string or a one-item list, Principal
// as "*" or {"AWS":"*"}); comparing meaning rather than text keeps a second run from rewriting it.
function sameStatement(current, wanted) {
    if (!isRecord(current))
        return false;
    const known = ['Sid', 'Effect', 'Principal', 'Action', 'Resource'];
    if (Object.keys(current).some((key) => !known.includes(key)))
        return false;
    return (current.Effect === wanted.Effect &&
        principalIsEveryone(current.Principal) &&
        asSortedList(current.Action).join() === wanted.Action &&
        asSortedList(current.Resource).join() === wanted.Resource.join());
}
function planBucketPolicy(currentPolicy, wanted) {
    let current = {};
    if (currentPolicy) {
        try {
            const parsed = JSON.parse(currentPolicy);
            if (isRecord(parsed))
                current = parsed;
        }
        catch {
            // An unreadable policy cannot be merged with; it is replaced by ours alone.
        }
    }
    const statements = Array.isArray(current.Statement)
        ? current.Statement
        : current.Statement
            ? [current.Statement]
            : [];
    const isOurs = (statement) => isRecord(statement) && ownedBy(statement, wanted);
    const others = statements.filter((statement) => !isOurs(statement));
    const ours = statements.filter(isOurs);
    // A statement of the user's (Terraform's, say) that grants exactly the same is as good as ours.
    const upToDate = (ours.length === 1 &&
        isRecord(ours[0]) &&
        ours[0].Sid === wanted.Sid &&
        sameStatement(ours[0], wanted)) ||
        (ours.length === 0 && others.some((statement) => sameStatement(statement, wanted)));
    if (upToDate)
        return { policy: undefined, keptStatements: others.length };
    // The user's Version and Id stay: the Version decides how their statements' ${...} variables read.
    const policy = { ...current, Version: current.Version ?? '2012-10-17', Statement: [...others, wanted] };
    return { policy: JSON.stringify(policy), keptStatements: others.length };
}
/**
 * The statement with this issuer's Sid; or, for an issuer under a key prefix, one with the plain Sid
 * that grants this issuer's discovery document, as versions before per-issuer Sids wrote it.
 */
function ownedBy(statement, wanted) {
    const discovery = wanted.Resource.find((resource) => resource.endsWith(`/${document_locations/* DISCOVERY_PATH */.py}`));
    const resources = asSortedList(statement.Resource);
    if (statement.Sid === STATEMENT_SID) {
        // Under the plain Sid an earlier version may have granted another issuer's documents: that
        // statement is the other issuer's (even for the root issuer, whose Sid is the plain one).
        const anothers = resources.some((resource) => resource.endsWith(`/${document_locations/* DISCOVERY_PATH */.py}`) && resource !== discovery);
        if (anothers)
            return false;
        return statement.Sid === wanted.Sid || (discovery !== undefined && resources.includes(discovery));
    }
    return statement.Sid === wanted.Sid;
}

;// CONCATENATED MODULE: ./src/io/in-order.ts
// Independent reads run at once, but a failing run must report the same error every time: the one
// the first of them would have met had they run one after the other, not whichever failed sooner.
/** Both results once both are in; if both fail, `first`'s error is the one thrown. */
async function inOrder(first, second) {
    // Kept from counting as unhandled while `first` is awaited; awaited below all the same.
    second.catch(() => undefined);
    const a = await first;
    return [a, await second];
}

// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
;// CONCATENATED MODULE: ./src/publish-oidc/aws-errors.ts
/** The error code and HTTP status an AWS SDK v3 call failed with, read without importing the SDK. */
function awsErrorName(error) {
    return error instanceof Error ? error.name : '';
}
/** Whether a call failed with AWS error `code`, whichever way the SDK names it (with or without "Exception"). */
function isAwsError(error, code) {
    const name = awsErrorName(error);
    return name === code || name === `${code}Exception`;
}
function awsHttpStatus(error) {
    if (typeof error !== 'object' || error === null || !('$metadata' in error))
        return undefined;
    const metadata = error.$metadata;
    return metadata?.httpStatusCode;
}
function isAwsNotFound(error, ...names) {
    return names.includes(awsErrorName(error)) || awsHttpStatus(error) === 404;
}
/** A response header of the answer an AWS SDK v3 call failed with (the SDK keeps it as $response). */
function awsErrorHeader(error, name) {
    if (typeof error !== 'object' || error === null || !('$response' in error))
        return undefined;
    const headers = error.$response
        ?.headers;
    return headers?.[name];
}

;// CONCATENATED MODULE: ./src/publish-oidc/bucket-setup.ts




async function bucketExists(s3, bucket, region, owner, ownerGiven) {
    try {
        await s3.send(new dist_cjs.HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: owner }));
        return true;
    }
    catch (error) {
        const status = awsHttpStatus(error);
        if (isAwsNotFound(error, 'NotFound', 'NoSuchBucket'))
            return false;
        // S3 answers a request sent to another region than the bucket's with 301 (400 for regions launched
        // after 20 March 2019), and names the bucket's region in this header either way.
        const bucketRegion = awsErrorHeader(error, 'x-amz-bucket-region');
        if ((status === 301 || status === 400) && bucketRegion && bucketRegion !== region)
            throw new errors/* UserError */.yo(`the bucket '${bucket}' is in ${bucketRegion}, not ${region}. Set region: ${bucketRegion}.`, 'region');
        if (status === 301 || awsErrorName(error) === 'PermanentRedirect')
            throw new errors/* UserError */.yo(`the bucket '${bucket}' is not in ${region}; set it to the bucket's region.`, 'region');
        // A refusal as a bucket of the account bucket-owner names is most likely that input's mistake.
        if (status === 403 && ownerGiven)
            throw new errors/* UserError */.yo(`S3 refused '${bucket}' as a bucket of account ${owner}: the bucket belongs to another account, ` +
                'or these credentials lack s3:ListBucket on it.', 'bucket-owner');
        if (status === 403)
            throw new errors/* UserError */.yo(`'${bucket}' exists but S3 refused it as a bucket of account ${owner}: it belongs to another account ` +
                '(bucket names are global; set bucket-owner to use a bucket of another account on purpose), or these ' +
                'credentials lack s3:ListBucket on it.', 'bucket');
        throw error;
    }
}
/** The bucket's policy document; undefined when it has none. */
function readBucketPolicy(s3, bucket, owner) {
    return s3.send(new dist_cjs.GetBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: owner })).then((response) => response.Policy, (error) => {
        if (!isAwsNotFound(error, 'NoSuchBucketPolicy'))
            throw error;
        return undefined;
    });
}
/**
 * The bucket's settings that publishing depends on. Reads only. Every call names the account that must
 * own the bucket, so S3 refuses (403) one of another account instead of serving or accepting it.
 */
async function readBucketState(s3, bucket, region, manageBucket, owner, ownerGiven = false) {
    const exists = await bucketExists(s3, bucket, region, owner, ownerGiven);
    if (!exists && !manageBucket)
        throw new errors/* UserError */.yo(`'${bucket}' does not exist. Create it, or set manage-bucket: true.`, 'bucket');
    if (!exists || !manageBucket)
        return { exists, publicAccessBlock: undefined, policy: undefined };
    const [publicAccessBlock, policy] = await inOrder(s3.send(new dist_cjs.GetPublicAccessBlockCommand({ Bucket: bucket, ExpectedBucketOwner: owner })).then((response) => response.PublicAccessBlockConfiguration ?? {}, (error) => {
        if (!isAwsNotFound(error, 'NoSuchPublicAccessBlockConfiguration'))
            throw error;
        return undefined;
    }), readBucketPolicy(s3, bucket, owner));
    return { exists, publicAccessBlock, policy };
}
/** Creates the bucket, then relaxes the block, then puts the policy: a public policy put under BlockPublicPolicy fails. */
async function applyBucketPlan(s3, bucket, region, plan, owner) {
    if (plan.create)
        await s3
            .send(new dist_cjs.CreateBucketCommand({
            Bucket: bucket,
            ObjectOwnership: 'BucketOwnerEnforced',
            // us-east-1 is the one region that rejects its own name as a location constraint.
            ...(region === 'us-east-1'
                ? {}
                : { CreateBucketConfiguration: { LocationConstraint: region } })
        }))
            .catch((error) => {
            // The bucket was missing when the plan was made, so one this account owns now was made by this
            // call's own first attempt (its answer lost, the SDK sent it again) or by another run at the same
            // time. Outside us-east-1 S3 refuses to create it again; either way it is the bucket to use.
            if (!isAwsError(error, 'BucketAlreadyOwnedByYou'))
                throw error;
        });
    if (plan.publicAccessBlock)
        await s3.send(new dist_cjs.PutPublicAccessBlockCommand({
            Bucket: bucket,
            ExpectedBucketOwner: owner,
            PublicAccessBlockConfiguration: plan.publicAccessBlock
        }));
    if (plan.policy)
        await s3.send(new dist_cjs.PutBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: owner, Policy: plan.policy }));
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var client_iam_dist_cjs = __webpack_require__(6764);
;// CONCATENATED MODULE: ./src/publish-oidc/provider-plan.ts
/** IAM's cap on a provider's thumbprint list (CreateOpenIDConnectProvider's ThumbprintList). */
const MAX_THUMBPRINTS = 5;
function planProvider(current, clientIds, thumbprint, unsentRoot) {
    if (!current)
        return { create: true, addClientIds: clientIds, thumbprints: [thumbprint], extraClientIds: [] };
    const same = (a, b) => a.toLowerCase() === b?.toLowerCase();
    const clientPart = {
        create: false,
        addClientIds: clientIds.filter((id) => !current.clientIds.includes(id)),
        extraClientIds: current.clientIds.filter((id) => !clientIds.includes(id))
    };
    if (current.thumbprints.some((listed) => same(listed, thumbprint)))
        return { ...clientPart, thumbprints: undefined };
    const droppedRoot = current.thumbprints.find((listed) => same(listed, unsentRoot));
    const others = current.thumbprints.filter((listed) => !same(listed, unsentRoot));
    const kept = others.slice(0, MAX_THUMBPRINTS - 1);
    const droppedPastCap = others.slice(MAX_THUMBPRINTS - 1);
    return {
        ...clientPart,
        thumbprints: [thumbprint, ...kept],
        ...(droppedRoot !== undefined ? { droppedRoot } : {}),
        ...(droppedPastCap.length > 0 ? { droppedPastCap } : {})
    };
}
/** The warning for thumbprints lost to IAM's cap: the user may have added them on purpose. */
function thumbprintCapWarning(plan, dryRun) {
    const dropped = plan.droppedPastCap ?? [];
    const [added] = plan.thumbprints ?? [];
    if (dropped.length === 0 || added === undefined)
        return undefined;
    return (`IAM keeps at most ${MAX_THUMBPRINTS} thumbprints per OIDC provider: with ${added} added first, ` +
        `${dropped.join(', ')}, the last listed, ${dryRun ? 'would be' : 'is'} dropped. To keep one, put it back in ` +
        'place of another with aws iam update-open-id-connect-provider-thumbprint.');
}
function thumbprintChange(plan, thumbprints, current) {
    const [added, ...kept] = thumbprints;
    const parts = [`add ${added ?? ''} (the last certificate the issuer's host sends)`];
    if (kept.length > 0)
        parts.push(`keep ${kept.join(', ')}`);
    if (plan.droppedRoot !== undefined)
        parts.push(`drop ${plan.droppedRoot} (the issuer host's root CA, not sent by the host, was registered by ` +
            'publish-oidc before it took the last certificate the host sends, as IAM documents)');
    if (plan.droppedPastCap)
        parts.push(`drop ${plan.droppedPastCap.join(', ')} (past IAM's ${MAX_THUMBPRINTS} per provider)`);
    return (`update the provider's thumbprints from ${current?.thumbprints.join(', ') || 'none'} to ` +
        `${thumbprints.join(', ')}: ${parts.join('; ')}`);
}
function providerPlanChanges(plan, issuerUrl, current) {
    if (plan.create)
        return [`create the IAM OIDC provider for ${issuerUrl}`];
    const changes = [];
    if (plan.addClientIds.length > 0)
        changes.push(`add client ID(s) ${plan.addClientIds.join(', ')} to the provider`);
    if (plan.thumbprints)
        changes.push(thumbprintChange(plan, plan.thumbprints, current));
    return changes;
}
/** IAM keeps a provider's URL without its scheme. */
function providerUrlOf(issuerUrl) {
    return issuerUrl.replace(/^https:\/\//, '');
}

;// CONCATENATED MODULE: ./src/publish-oidc/oidc-provider.ts



/**
 * The provider whose URL is the issuer, found by listing and reading providers, never by building
 * an ARN from the account and URL. The ARN's tail narrows the candidates; GetOpenIDConnectProvider's
 * Url decides.
 */
async function findProvider(iam, issuerUrl) {
    const wantedUrl = providerUrlOf(issuerUrl);
    const listed = await iam.send(new client_iam_dist_cjs.ListOpenIDConnectProvidersCommand({}));
    const candidates = (listed.OpenIDConnectProviderList ?? [])
        .map((entry) => entry.Arn ?? '')
        .filter((arn) => arn.toLowerCase().endsWith(`:oidc-provider/${wantedUrl.toLowerCase()}`));
    for (const arn of candidates) {
        const provider = await iam.send(new client_iam_dist_cjs.GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
        if (provider.Url && providerUrlOf(provider.Url) === wantedUrl)
            return { arn, clientIds: provider.ClientIDList ?? [], thumbprints: provider.ThumbprintList ?? [] };
    }
    return undefined;
}
/**
 * Applies the plan and returns the provider's ARN. `replan` plans against a provider that the plan
 * was to create but that exists: the caller's planning, so that it warns and describes as it does.
 */
async function applyProviderPlan(iam, issuerUrl, plan, current, replan) {
    if (plan.create || !current) {
        try {
            const created = await iam.send(new client_iam_dist_cjs.CreateOpenIDConnectProviderCommand({
                Url: issuerUrl,
                ClientIDList: plan.addClientIds,
                ThumbprintList: plan.thumbprints ?? []
            }));
            if (!created.OpenIDConnectProviderArn)
                throw new Error('CreateOpenIDConnectProvider returned no ARN.');
            return created.OpenIDConnectProviderArn;
        }
        catch (error) {
            // A retried create whose first attempt did land (its answer was lost), or another run creating
            // the same provider: bring the provider that now exists in step instead of failing.
            if (!isAwsError(error, 'EntityAlreadyExists'))
                throw error;
            const existing = await findProvider(iam, issuerUrl);
            if (!existing)
                throw error;
            return applyProviderPlan(iam, issuerUrl, replan(existing), existing, replan);
        }
    }
    for (const clientId of plan.addClientIds)
        await iam.send(new client_iam_dist_cjs.AddClientIDToOpenIDConnectProviderCommand({
            OpenIDConnectProviderArn: current.arn,
            ClientID: clientId
        }));
    if (plan.thumbprints)
        await iam.send(new client_iam_dist_cjs.UpdateOpenIDConnectProviderThumbprintCommand({
            OpenIDConnectProviderArn: current.arn,
            ThumbprintList: plan.thumbprints
        }));
    return current.arn;
}

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

;// CONCATENATED MODULE: ./src/oidc/discovery.ts


function discovery_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const ORIGIN = "The cluster's discovery document (/.well-known/openid-configuration)";
function parseClusterDiscovery(document) {
    if (!discovery_isRecord(document))
        throw new errors/* UserError */.yo(`${ORIGIN} is not a JSON object.`);
    const { issuer, jwks_uri: jwksUri } = document;
    if (typeof issuer !== 'string' || issuer === '')
        throw new errors/* UserError */.yo(`${ORIGIN} has no issuer.`);
    if (typeof jwksUri !== 'string' || !URL.canParse(jwksUri))
        throw new errors/* UserError */.yo(`${ORIGIN} has no valid jwks_uri.`);
    const algorithms = document.id_token_signing_alg_values_supported;
    if (!Array.isArray(algorithms) || !algorithms.every((alg) => typeof alg === 'string'))
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
    throw new errors/* UserError */.yo(`the cluster issues tokens for '${clusterIssuer}' but the documents would be published for ` +
        `'${issuerUrl}'${hint}; STS compares them byte for byte. Set the API server's ` +
        `--service-account-issuer=${issuerUrl} (Talos: cluster.apiServer.extraArgs.service-account-issuer: ` +
        `${issuerUrl}), or set ${inputName} to the issuer the cluster uses.`, inputName);
}
/** Every key's alg must be announced, and every announced alg must be one STS accepts. */
function checkAlgorithms(discovery, keys) {
    const refused = discovery.algorithms.filter((alg) => !isAcceptedAlgorithm(alg));
    if (refused.length > 0)
        throw new errors/* UserError */.yo(`${ORIGIN} announces id_token_signing_alg_values_supported ${refused.join(', ')}, which AWS STS ` +
            `does not accept (use one of ${ACCEPTED_ALGORITHMS.join(', ')}).`);
    const unannounced = [...new Set(keys.map((key) => key.alg))].filter((alg) => !discovery.algorithms.includes(alg));
    if (unannounced.length > 0)
        throw new errors/* UserError */.yo(`The cluster's JWKS has ${unannounced.join(', ')} keys but its discovery document announces only ` +
            `${discovery.algorithms.join(', ') || 'none'} in id_token_signing_alg_values_supported.`);
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

;// CONCATENATED MODULE: ./src/oidc/jwks.ts


// AWS STS reads at most 100 keys of a JWKS; more and some tokens would stop verifying.
const MAX_KEYS = 100;
// RFC 7518 section 6.3.2 and 6.4.1: members that only a private (or symmetric) key carries.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
function jwks_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * Why one key must not be published, or undefined when it may be. Never quotes key material:
 * the message ends up in the log.
 */
function keyProblem(key) {
    if (!jwks_isRecord(key))
        return 'is not a JSON object';
    const leaked = PRIVATE_MEMBERS.filter((name) => name in key);
    if (leaked.length > 0)
        return `carries private key material (${leaked.join(', ')}); publishing it would hand out the signing key`;
    if (typeof key.kid !== 'string' || key.kid === '')
        return 'has no kid, so STS cannot pick it for a token';
    if (key.use !== 'sig')
        return `has use '${String(key.use)}' instead of 'sig'`;
    if (!isAcceptedAlgorithm(key.alg))
        return `has alg '${String(key.alg)}', which AWS STS does not accept (use one of ${ACCEPTED_ALGORITHMS.join(', ')})`;
    const shape = keyShapeFor(key.alg);
    if (key.kty !== shape.kty)
        return `has kty '${String(key.kty)}' but alg ${key.alg} needs ${shape.kty}`;
    if (shape.kty === 'RSA' && (typeof key.n !== 'string' || typeof key.e !== 'string'))
        return 'is an RSA key without n and e';
    if (shape.kty === 'EC') {
        if (key.crv !== shape.crv)
            return `has curve '${String(key.crv)}' but alg ${key.alg} needs ${shape.crv}`;
        if (typeof key.x !== 'string' || typeof key.y !== 'string')
            return 'is an EC key without x and y';
    }
    return undefined;
}
function describeKey(key, index) {
    return jwks_isRecord(key) && typeof key.kid === 'string' && key.kid !== '' ? `'${key.kid}'` : `#${index + 1}`;
}
/** The keys of a JWKS document, or the first reason it cannot be published. */
function parseJwks(document, origin) {
    if (!jwks_isRecord(document) || !Array.isArray(document.keys))
        throw new errors/* UserError */.yo(`${origin} is not a JWKS: it has no "keys" array.`);
    const keys = document.keys;
    if (keys.length === 0)
        throw new errors/* UserError */.yo(`${origin} has no keys: there is nothing to verify tokens with.`);
    if (keys.length > MAX_KEYS)
        throw new errors/* UserError */.yo(`${origin} has ${keys.length} keys; AWS STS reads at most ${MAX_KEYS}.`);
    const seen = new Set();
    return keys.map((key, index) => {
        const problem = keyProblem(key);
        if (problem)
            throw new errors/* UserError */.yo(`${origin}: key ${describeKey(key, index)} ${problem}. Nothing was published.`);
        const jwk = key;
        if (seen.has(jwk.kid))
            throw new errors/* UserError */.yo(`${origin} lists kid '${jwk.kid}' twice.`);
        seen.add(jwk.kid);
        return { kid: jwk.kid, alg: jwk.alg, members: { ...jwk } };
    });
}
/**
 * Keys of a JWKS already published, keeping only those that could still be published: a key that
 * was once published by hand with private material or a bad alg is dropped, not carried forward.
 */
function readPublishedKeys(document) {
    if (!jwks_isRecord(document) || !Array.isArray(document.keys))
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

;// CONCATENATED MODULE: ./src/oidc/published-content.ts

/** The bytes of a published document. Compact JSON, as kube-apiserver serves it. */
function documentBytes(document) {
    return Buffer.from(JSON.stringify(document), 'utf8');
}
/** What decides whether an object must be rewritten: its bytes, never its timestamps. */
function contentHash(bytes) {
    return (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
}

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
    const policy = planBucketPolicy(state.exists ? state.policy : undefined, statement);
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

;// CONCATENATED MODULE: ./src/publish-oidc/published-objects.ts




const CONTENT_TYPE = 'application/json';
// Short, so that a rotation reaches STS and CDNs within minutes rather than a day.
const CACHE_CONTROL = 'public, max-age=300';
// SSE-S3, named on every write: a bucket whose default is SSE-KMS would otherwise encrypt the documents
// with KMS, and S3 serves such objects only to signed requests, never to STS's anonymous GET.
const SERVER_SIDE_ENCRYPTION = 'AES256';
const HASH_METADATA = 'sha256';
const RETIRED_METADATA = 'retired-keys';
// The SDK retries a request until its headers arrive, but hands over an object's body as a stream it
// no longer watches: a connection that breaks mid-body surfaces here, and the whole GET is repeated.
const BODY_READ_ATTEMPTS = 3;
const BROKEN_STREAM_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE']);
/** An object's body that stopped short because its connection broke. */
class BrokenBody extends Error {
}
async function readBody(response, bucket, key) {
    try {
        return Buffer.from((await response.Body?.transformToByteArray()) ?? new Uint8Array());
    }
    catch (error) {
        const code = error?.code;
        if (typeof code === 'string' && BROKEN_STREAM_CODES.has(code))
            throw new BrokenBody(`reading s3://${bucket}/${key} broke off (${code}: ${error.message})`, {
                cause: error
            });
        throw error;
    }
}
async function getObjectOnce(s3, bucket, key, owner) {
    const response = await s3.send(new dist_cjs.GetObjectCommand({ Bucket: bucket, Key: key, ExpectedBucketOwner: owner }));
    const bytes = await readBody(response, bucket, key);
    return {
        bytes,
        hash: contentHash(bytes),
        contentType: response.ContentType,
        cacheControl: response.CacheControl,
        encryption: response.ServerSideEncryption,
        metadata: response.Metadata ?? {}
    };
}
/** The object, or undefined when there is none; with `owner`, only from a bucket that account owns. */
async function readPublishedObject(s3, bucket, key, owner) {
    for (let attempt = 1;; attempt += 1) {
        try {
            return await getObjectOnce(s3, bucket, key, owner);
        }
        catch (error) {
            if (isAwsNotFound(error, 'NoSuchKey'))
                return undefined;
            // S3 answers a missing key with 403 to callers without s3:ListBucket.
            if (awsHttpStatus(error) === 403)
                throw new errors/* UserError */.yo(`S3 refused to read s3://${bucket}/${key} (403): the credentials need s3:GetObject on the bucket's ` +
                    'objects and s3:ListBucket on the bucket.');
            if (error instanceof BrokenBody && attempt < BODY_READ_ATTEMPTS)
                continue;
            throw error;
        }
    }
}
/**
 * Whether the object is as this action wrote it: every write records the digest of its bytes, so an
 * object put or edited by other hands (the console, aws s3 cp) carries none, or one that no longer fits.
 */
function writtenByThisAction(object) {
    return object.metadata[HASH_METADATA] === object.hash;
}
function metadataFor(desired) {
    const metadata = { [HASH_METADATA]: contentHash(desired.bytes) };
    for (const [key, value] of Object.entries(desired.state))
        if (value !== '')
            metadata[key] = value;
    return metadata;
}
/** True when the object already holds these bytes, served the same way, with the same record. */
function isUpToDate(current, desired) {
    if (!current)
        return false;
    if (current.hash !== contentHash(desired.bytes))
        return false;
    // The same bytes put back by other hands (a backup restored with aws s3 cp) lack the digest, and would
    // pass for a document changed by hand at the next run that reads them: a retired key would not be kept.
    if (!writtenByThisAction(current))
        return false;
    if (current.contentType !== CONTENT_TYPE || current.cacheControl !== CACHE_CONTROL)
        return false;
    // Only a KMS-encrypted object is unreadable anonymously; an SSE-S3 one from before is kept as it is.
    if (current.encryption?.startsWith('aws:kms'))
        return false;
    // The digest entry is checked above, so only the state entries are compared.
    return Object.entries(desired.state).every(([key, value]) => (current.metadata[key] ?? '') === value);
}
async function putDocument(s3, bucket, desired, owner) {
    await s3.send(new dist_cjs.PutObjectCommand({
        Bucket: bucket,
        ExpectedBucketOwner: owner,
        Key: desired.key,
        Body: desired.bytes,
        ContentType: CONTENT_TYPE,
        CacheControl: CACHE_CONTROL,
        ServerSideEncryption: SERVER_SIDE_ENCRYPTION,
        Metadata: metadataFor(desired)
    }));
}

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
    if (!currentDiscovery || !writtenByThisAction(currentDiscovery))
        return undefined;
    const published = parseJson(currentDiscovery);
    if (typeof published?.jwks_uri !== 'string')
        return undefined;
    const previous = (0,document_locations/* documentLocations */.CM)(inputs.issuerUrl, inputs.bucket, published.jwks_uri);
    return previous.jwksUriRewritten ? undefined : previous.jwksKey;
}
async function readPublishedState(inputs, deps, locations, owner) {
    const bucket = await readBucketState(deps.s3, inputs.bucket, inputs.region, inputs.manageBucket, owner, inputs.bucketOwner !== undefined);
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
    const [discovery, jwksAtTarget] = await inOrder(readPublishedObject(deps.s3, inputs.bucket, locations.discoveryKey, owner), readPublishedObject(deps.s3, inputs.bucket, locations.jwksKey, owner));
    const liveKey = publishedJwksKey(inputs, discovery);
    if (liveKey === undefined || liveKey === locations.jwksKey)
        return { bucket, discovery, jwksAtTarget, liveJwks: jwksAtTarget, movedFrom: undefined };
    const liveJwks = await readPublishedObject(deps.s3, inputs.bucket, liveKey, owner);
    return { bucket, discovery, jwksAtTarget, liveJwks: liveJwks ?? jwksAtTarget, movedFrom: liveKey };
}
async function providerStep(inputs, deps) {
    if (!inputs.createProvider) {
        // Only looked up, for the provider-arn output; a role without IAM read access is not an error here.
        try {
            return { current: await findProvider(deps.iam, inputs.issuerUrl), plan: undefined };
        }
        catch (error) {
            // Said with its consequence and the permissions that lift it: the bare error left the reader
            // to guess whether anything was wrong with what was published.
            deps.log.warning(`Could not look up the IAM OIDC provider (${error instanceof Error ? error.message : String(error)}), so provider-arn is empty: ` +
                'allow iam:ListOpenIDConnectProviders and iam:GetOpenIDConnectProvider to have it set, or ignore this if no later step uses it.');
            return { current: undefined, plan: undefined };
        }
    }
    const [current, served] = await inOrder(findProvider(deps.iam, inputs.issuerUrl), deps.issuerThumbprint(inputs.issuerUrl));
    return {
        current,
        plan: planProvider(current, inputs.clientIds, served.thumbprint, served.unsentRoot),
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
    if (!liveJwks || writtenByThisAction(liveJwks))
        return {
            keys: published,
            retiredSince: decodeRetiredSince(liveJwks?.metadata[RETIRED_METADATA]),
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
/** What the provider's plan leaves alone or drops that the user may want: said before anything is written. */
function warnOfProviderPlan(plan, inputs, log) {
    const extra = plan.extraClientIds;
    if (extra.length > 0)
        log.warning(`The IAM OIDC provider also accepts client ID(s) ${extra.join(', ')}, which client-ids does not list: left alone, ` +
            'since roles may trust them: list them in client-ids to keep them, or remove one that is revoked with aws iam remove-client-id-from-open-id-connect-provider.');
    const capWarning = thumbprintCapWarning(plan, inputs.dryRun);
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
    const provider = planProvider(existing, inputs.clientIds, served.thumbprint, served.unsentRoot);
    warnOfProviderPlan(provider, inputs, log);
    const planned = providerPlanChanges(provider, inputs.issuerUrl, existing);
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
    const bucket = planBucket(state.bucket, publicReadStatement(partition, inputs.bucket, duringKeys, prefix));
    const statement = publicReadStatement(partition, inputs.bucket, finalKeys, prefix);
    const finalPolicy = state.movedFrom
        ? planBucketPolicy(bucket.policy ?? state.bucket.policy, statement).policy
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
    const [state, provider] = await inOrder(owner.then((account) => readPublishedState(inputs, deps, locations, account)), providerStep(inputs, deps));
    if (provider.plan)
        warnOfProviderPlan(provider.plan, inputs, log);
    const previous = readPublishedKeys(parseJson(state.liveJwks));
    if (previous.dropped.length > 0)
        log.warning(`Dropping published key(s) that must not be published: ${previous.dropped.join('; ')}.`);
    const own = retainableKeys(previous.keys, served, state.liveJwks, state.liveJwks === state.jwksAtTarget ? locations.jwksKey : (state.movedFrom ?? locations.jwksKey), inputs.dryRun, log);
    const retention = planKeyRetention({
        served,
        previouslyPublished: own.keys,
        retiredSince: own.retiredSince,
        now: deps.now(),
        retentionHours: inputs.keyRetentionHours
    });
    const jwks = {
        key: locations.jwksKey,
        bytes: documentBytes(jwksDocument(retention.published)),
        state: { [RETIRED_METADATA]: encodeRetiredSince(retention.retiredSince) }
    };
    const discoveryObject = {
        key: locations.discoveryKey,
        bytes: documentBytes(publishedDiscovery(discovery, locations.jwksUrl, retention.published)),
        state: {}
    };
    const writeJwks = !isUpToDate(state.jwksAtTarget, jwks);
    const writeDiscovery = !isUpToDate(state.discovery, discoveryObject);
    // Against the JWKS STS reads today (where the published discovery document points), not the one at
    // the target key: a run cut short after writing the JWKS there changes STS's keys only now.
    const keysChanged = previous.dropped.length > 0 || keySetChanged(previous.keys, retention.published);
    const { bucket, finalPolicy, statement } = bucketSteps(inputs, locations, state);
    const providerChanges = provider.plan
        ? providerPlanChanges(provider.plan, inputs.issuerUrl, provider.current)
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
    if (plan.bucket)
        await applyBucketPlan(deps.s3, inputs.bucket, inputs.region, plan.bucket, plan.owner);
    if (plan.writeJwks)
        await putDocument(deps.s3, inputs.bucket, plan.jwks, plan.owner);
    if (plan.writeDiscovery)
        await putDocument(deps.s3, inputs.bucket, plan.discovery, plan.owner);
    if (plan.finalPolicy)
        await deps.s3.send(new dist_cjs.PutBucketPolicyCommand({
            Bucket: inputs.bucket,
            ExpectedBucketOwner: plan.owner,
            Policy: plan.finalPolicy
        }));
    const { current, plan: providerPlan } = plan.provider;
    if (!providerPlan)
        return { plan, providerArn: current?.arn ?? '' };
    let applied = plan;
    const providerArn = await applyProviderPlan(deps.iam, inputs.issuerUrl, providerPlan, current, (existing) => {
        const replanned = replanProvider(plan, existing, inputs, deps.log);
        applied = replanned.publish;
        return replanned.provider;
    });
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
    const policy = planBucketPolicy(await readBucketPolicy(deps.s3, inputs.bucket, plan.owner), statement).policy;
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
