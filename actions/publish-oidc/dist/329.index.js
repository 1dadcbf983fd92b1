export const id = 329;
export const ids = [329];
export const modules = {

/***/ 4772:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ inOrder)
/* harmony export */ });
// Independent reads run at once, but a failing run must report the same error every time: the one
// the first of them would have met had they run one after the other, not whichever failed sooner.
/** Both results once both are in; if both fail, `first`'s error is the one thrown. */
async function inOrder(first, second) {
    // Kept from counting as unhandled while `first` is awaited; awaited below all the same.
    second.catch(() => undefined);
    const a = await first;
    return [a, await second];
}


/***/ }),

/***/ 2823:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ae: () => (/* binding */ contentHash),
/* harmony export */   MN: () => (/* binding */ bytesToPublish)
/* harmony export */ });
/* unused harmony export documentBytes */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/** The bytes of a published document. Compact JSON, as kube-apiserver serves it. */
function documentBytes(document) {
    return Buffer.from(JSON.stringify(document), 'utf8');
}
/** What decides whether an object must be rewritten: its bytes, never its timestamps. */
function contentHash(bytes) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex');
}
/** JSON text with every object's members sorted; arrays keep their order, which may mean something. */
function sortedMembers(value) {
    return JSON.stringify(value, (_key, member) => typeof member === 'object' && member !== null && !Array.isArray(member)
        ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : member);
}
/**
 * The bytes to publish `document` as. `published`, the bytes this action last wrote there, are kept
 * when they say the same with object members in another order: the cluster's JSON encoder or an API
 * server of another release may order them otherwise, which changes nothing a reader sees.
 */
function bytesToPublish(document, published) {
    const bytes = documentBytes(document);
    if (!published || published.equals(bytes))
        return bytes;
    let current;
    try {
        current = JSON.parse(published.toString('utf8'));
    }
    catch {
        return bytes;
    }
    return sortedMembers(current) === sortedMembers(document) ? published : bytes;
}


/***/ }),

/***/ 1344:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ awsErrorHeader),
/* harmony export */   TR: () => (/* binding */ isAwsNotFound),
/* harmony export */   ZH: () => (/* binding */ awsErrorName),
/* harmony export */   m_: () => (/* binding */ isAwsError),
/* harmony export */   u6: () => (/* binding */ awsHttpStatus)
/* harmony export */ });
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


/***/ }),

/***/ 4800:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xd: () => (/* binding */ publicReadStatement),
/* harmony export */   ap: () => (/* binding */ planBucketPolicy),
/* harmony export */   bD: () => (/* binding */ planStatementRemoval)
/* harmony export */ });
/* unused harmony exports STATEMENT_SID, statementSid */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _oidc_document_locations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5837);
/* harmony import */ var _json_shape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5507);



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
    return STATEMENT_SID + (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(keyPrefix).digest('hex').slice(0, 12);
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
function asSortedList(value) {
    return (0,_json_shape_js__WEBPACK_IMPORTED_MODULE_2__/* .oneOrMany */ .Pl)(value).map(String).sort();
}
function principalIsEveryone(value) {
    if (value === '*')
        return true;
    return (0,_json_shape_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(value) && Object.keys(value).length === 1 && asSortedList(value.AWS).join() === '*';
}
// IAM returns a policy in its own formatting ("Action" as a string or a one-item list, Principal
// as "*" or {"AWS":"*"}); comparing meaning rather than text keeps a second run from rewriting it.
function sameStatement(current, wanted) {
    if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(current))
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
            if ((0,_json_shape_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(parsed))
                current = parsed;
        }
        catch {
            // An unreadable policy cannot be merged with; it is replaced by ours alone.
        }
    }
    const statements = current.Statement ? (0,_json_shape_js__WEBPACK_IMPORTED_MODULE_2__/* .oneOrMany */ .Pl)(current.Statement) : [];
    const isOurs = (statement) => (0,_json_shape_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(statement) && ownedBy(statement, wanted);
    const others = statements.filter((statement) => !isOurs(statement));
    const ours = statements.filter(isOurs);
    // A statement of the user's (Terraform's, say) that grants exactly the same is as good as ours.
    const upToDate = (ours.length === 1 &&
        (0,_json_shape_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(ours[0]) &&
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
    const discovery = wanted.Resource.find((resource) => resource.endsWith(`/${_oidc_document_locations_js__WEBPACK_IMPORTED_MODULE_1__/* .DISCOVERY_PATH */ .py}`));
    const resources = asSortedList(statement.Resource);
    if (statement.Sid === STATEMENT_SID) {
        // Under the plain Sid an earlier version may have granted another issuer's documents: that
        // statement is the other issuer's (even for the root issuer, whose Sid is the plain one).
        const anothers = resources.some((resource) => resource.endsWith(`/${_oidc_document_locations_js__WEBPACK_IMPORTED_MODULE_1__/* .DISCOVERY_PATH */ .py}`) && resource !== discovery);
        if (anothers)
            return false;
        return statement.Sid === wanted.Sid || (discovery !== undefined && resources.includes(discovery));
    }
    return statement.Sid === wanted.Sid;
}
/**
 * The bucket policy without this issuer's own statement (found as planBucketPolicy finds it, by Sid,
 * so another issuer's, the user's, or one Terraform wrote granting the same objects stay).
 */
function planStatementRemoval(currentPolicy, ours) {
    if (!currentPolicy)
        return { found: false, policy: undefined, keptStatements: 0 };
    let current;
    try {
        const parsed = JSON.parse(currentPolicy);
        if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(parsed))
            return { found: false, policy: undefined, keptStatements: 0 };
        current = parsed;
    }
    catch {
        // Not ours to rewrite: nothing in it can be told for this issuer's.
        return { found: false, policy: undefined, keptStatements: 0 };
    }
    const statements = current.Statement ? (0,_json_shape_js__WEBPACK_IMPORTED_MODULE_2__/* .oneOrMany */ .Pl)(current.Statement) : [];
    const others = statements.filter((statement) => !((0,_json_shape_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(statement) && ownedBy(statement, ours)));
    if (others.length === statements.length)
        return { found: false, policy: undefined, keptStatements: others.length };
    if (others.length === 0)
        return { found: true, policy: undefined, keptStatements: 0 };
    return {
        found: true,
        policy: JSON.stringify({ ...current, Statement: others }),
        keptStatements: others.length
    };
}


/***/ }),

/***/ 4345:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   de: () => (/* binding */ readBucketPolicy),
/* harmony export */   ok: () => (/* binding */ applyBucketPlan),
/* harmony export */   pr: () => (/* binding */ bucketExists),
/* harmony export */   qS: () => (/* binding */ readBucketState)
/* harmony export */ });
/* harmony import */ var _io_in_order_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4772);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3711);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1344);




/** Whether the bucket exists as one of `owner`'s, in `region`; a bucket elsewhere is a UserError naming the input. */
async function bucketExists(s3, bucket, region, owner, ownerGiven) {
    try {
        await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: owner }));
        return true;
    }
    catch (error) {
        const status = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .awsHttpStatus */ .u6)(error);
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isAwsNotFound */ .TR)(error, 'NotFound', 'NoSuchBucket'))
            return false;
        // S3 answers a request sent to another region than the bucket's with 301 (400 for regions launched
        // after 20 March 2019), and names the bucket's region in this header either way.
        const bucketRegion = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .awsErrorHeader */ .F)(error, 'x-amz-bucket-region');
        if ((status === 301 || status === 400) && bucketRegion && bucketRegion !== region)
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`the bucket '${bucket}' is in ${bucketRegion}, not ${region}. Set region: ${bucketRegion}.`, 'region');
        if (status === 301 || (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .awsErrorName */ .ZH)(error) === 'PermanentRedirect')
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`the bucket '${bucket}' is not in ${region}; set it to the bucket's region.`, 'region');
        // A refusal as a bucket of the account bucket-owner names is most likely that input's mistake.
        if (status === 403 && ownerGiven)
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`S3 refused '${bucket}' as a bucket of account ${owner}: the bucket belongs to another account, ` +
                'or these credentials lack s3:ListBucket on it.', 'bucket-owner');
        if (status === 403)
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`'${bucket}' exists but S3 refused it as a bucket of account ${owner}: it belongs to another account ` +
                '(bucket names are global; set bucket-owner to use a bucket of another account on purpose), or these ' +
                'credentials lack s3:ListBucket on it.', 'bucket');
        throw error;
    }
}
/** The bucket's policy document; undefined when it has none. */
function readBucketPolicy(s3, bucket, owner) {
    return s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.GetBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: owner })).then((response) => response.Policy, (error) => {
        if (!(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isAwsNotFound */ .TR)(error, 'NoSuchBucketPolicy'))
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
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`'${bucket}' does not exist. Create it, or set manage-bucket: true.`, 'bucket');
    if (!exists || !manageBucket)
        return { exists, publicAccessBlock: undefined, policy: undefined };
    const [publicAccessBlock, policy] = await (0,_io_in_order_js__WEBPACK_IMPORTED_MODULE_3__/* .inOrder */ .a)(s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.GetPublicAccessBlockCommand({ Bucket: bucket, ExpectedBucketOwner: owner })).then((response) => response.PublicAccessBlockConfiguration ?? {}, (error) => {
        if (!(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isAwsNotFound */ .TR)(error, 'NoSuchPublicAccessBlockConfiguration'))
            throw error;
        return undefined;
    }), readBucketPolicy(s3, bucket, owner));
    return { exists, publicAccessBlock, policy };
}
/** Creates the bucket, then relaxes the block, then puts the policy: a public policy put under BlockPublicPolicy fails. */
async function applyBucketPlan(s3, bucket, region, plan, owner, 
/** Told each step once S3 has answered it. */
done = () => undefined) {
    if (plan.create) {
        await s3
            .send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.CreateBucketCommand({
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
            if (!(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isAwsError */ .m_)(error, 'BucketAlreadyOwnedByYou'))
                throw error;
        });
        done(`created the bucket ${bucket}`);
    }
    if (plan.publicAccessBlock) {
        await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.PutPublicAccessBlockCommand({
            Bucket: bucket,
            ExpectedBucketOwner: owner,
            PublicAccessBlockConfiguration: plan.publicAccessBlock
        }));
        done('relaxed BlockPublicPolicy and RestrictPublicBuckets (the ACL blocks stay on)');
    }
    if (plan.policy) {
        await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.PutBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: owner, Policy: plan.policy }));
        done("put the bucket policy's public read of the two documents");
    }
}


/***/ }),

/***/ 8890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ applyProviderPlan),
/* harmony export */   l: () => (/* binding */ findProvider)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6764);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1344);
/* harmony import */ var _provider_plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8792);
/* harmony import */ var _provider_tags_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7427);




/**
 * The provider whose URL is the issuer, found by listing and reading providers, never by building
 * an ARN from the account and URL. The ARN's tail narrows the candidates; GetOpenIDConnectProvider's
 * Url decides.
 */
async function findProvider(iam, issuerUrl) {
    const wantedUrl = (0,_provider_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .providerUrlOf */ ._w)(issuerUrl);
    const listed = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_2__.ListOpenIDConnectProvidersCommand({}));
    const candidates = (listed.OpenIDConnectProviderList ?? [])
        .map((entry) => entry.Arn ?? '')
        .filter((arn) => arn.toLowerCase().endsWith(`:oidc-provider/${wantedUrl.toLowerCase()}`));
    for (const arn of candidates) {
        const provider = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_2__.GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
        if (provider.Url && (0,_provider_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .providerUrlOf */ ._w)(provider.Url) === wantedUrl)
            return {
                arn,
                clientIds: provider.ClientIDList ?? [],
                thumbprints: provider.ThumbprintList ?? [],
                tags: Object.fromEntries((provider.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']))
            };
    }
    return undefined;
}
/**
 * Creates the provider tagged as this suite's for the issuer, which is what lets remove: true delete it
 * later. IAM asks iam:TagOpenIDConnectProvider of a create with tags, which policies written for
 * earlier versions lack: refused that, the provider is created untagged, with a warning (a removal
 * then leaves it, and says so), rather than the run failing on a permission it did not need before.
 */
async function createProvider(iam, issuerUrl, plan, warn) {
    const create = (tagged) => iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_2__.CreateOpenIDConnectProviderCommand({
        Url: issuerUrl,
        ClientIDList: plan.addClientIds,
        ThumbprintList: plan.thumbprints ?? [],
        ...(tagged ? { Tags: (0,_provider_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .providerTags */ .$)(issuerUrl) } : {})
    }));
    const created = await create(true).catch(async (error) => {
        if (!(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .isAwsError */ .m_)(error, 'AccessDenied'))
            throw error;
        // Said only once the untagged create went through: a refusal of the create itself is its own error.
        const untagged = await create(false);
        warn(`IAM refused the IAM OIDC provider's tags (${error instanceof Error ? error.message : String(error)}), so it was created untagged, and publish-oidc's remove: true will leave it: ` +
            'allow iam:TagOpenIDConnectProvider, or delete the provider by hand when the cluster is retired.');
        return untagged;
    });
    if (!created.OpenIDConnectProviderArn)
        throw new Error('CreateOpenIDConnectProvider returned no ARN.');
    return created.OpenIDConnectProviderArn;
}
/**
 * Applies the plan and returns the provider's ARN. `replan` plans against a provider that the plan
 * was to create but that exists: the caller's planning, so that it warns and describes as it does.
 */
async function applyProviderPlan(iam, issuerUrl, plan, current, replan, warn = () => undefined) {
    if (plan.create || !current) {
        try {
            return await createProvider(iam, issuerUrl, plan, warn);
        }
        catch (error) {
            // A retried create whose first attempt did land (its answer was lost), or another run creating
            // the same provider: bring the provider that now exists in step instead of failing.
            if (!(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .isAwsError */ .m_)(error, 'EntityAlreadyExists'))
                throw error;
            const existing = await findProvider(iam, issuerUrl);
            if (!existing)
                throw error;
            return applyProviderPlan(iam, issuerUrl, replan(existing), existing, replan, warn);
        }
    }
    for (const clientId of plan.addClientIds)
        await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_2__.AddClientIDToOpenIDConnectProviderCommand({
            OpenIDConnectProviderArn: current.arn,
            ClientID: clientId
        }));
    if (plan.thumbprints)
        await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_2__.UpdateOpenIDConnectProviderThumbprintCommand({
            OpenIDConnectProviderArn: current.arn,
            ThumbprintList: plan.thumbprints
        }));
    return current.arn;
}


/***/ }),

/***/ 8792:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $K: () => (/* binding */ planProvider),
/* harmony export */   S6: () => (/* binding */ providerPlanChanges),
/* harmony export */   _w: () => (/* binding */ providerUrlOf),
/* harmony export */   k: () => (/* binding */ thumbprintCapWarning)
/* harmony export */ });
/* unused harmony export MAX_THUMBPRINTS */
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


/***/ }),

/***/ 7427:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  q: () => (/* binding */ isOwnProvider),
  $: () => (/* binding */ providerTags)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/trust/issuer-tag.ts
// The talos-irsa/issuer tag's value. IAM takes a tag value of at most 256 characters, of letters,
// digits, spaces and _ . : / = + - @ only; an issuer URL may hold others (~, %, ! ...), and IAM
// would refuse the role's CreateRole or TagRole. The issuer is fixed by its provider and the tag is
// only compared by this action (and read by people), so it is stored in a form IAM takes.

const TAG_VALUE_LIMIT = 256;
// IAM's tag value characters, less '=', which starts an escape.
const PLAIN = /[\p{L}\p{Z}\p{N}_.:/+\-@]/u;
const DIGEST_LENGTH = 16;
const CUT = '...';
/**
 * Each character IAM does not take, and '=' itself, becomes =XX per UTF-8 byte (as in
 * quoted-printable), so an issuer of plain characters reads as itself. A value still too long is cut
 * and ends with '...' and a digest of the whole issuer, so that two issuers never share a value.
 */
function issuerTagValue(issuer) {
    const escaped = [...issuer].map((char) => PLAIN.test(char)
        ? char
        : [...Buffer.from(char, 'utf8')]
            .map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`)
            .join(''));
    const whole = escaped.join('');
    if (whole.length <= TAG_VALUE_LIMIT)
        return whole;
    const room = TAG_VALUE_LIMIT - CUT.length - DIGEST_LENGTH;
    let kept = '';
    // Whole characters only, so that no =XX escape is split.
    for (const piece of escaped) {
        if (kept.length + piece.length > room)
            break;
        kept += piece;
    }
    const digest = (0,external_node_crypto_.createHash)('sha256').update(issuer).digest('hex').slice(0, DIGEST_LENGTH);
    return `${kept}${CUT}${digest}`;
}
/**
 * The issuer a tag value names, for people to read. A value written before issuers were escaped
 * holds the issuer as it was, and an '=' not followed by two hex digits reads as itself.
 */
function issuerOfTag(value) {
    const bytes = [];
    let text = '';
    const flush = () => {
        if (bytes.length === 0)
            return;
        text += Buffer.from(bytes).toString('utf8');
        bytes.length = 0;
    };
    for (let at = 0; at < value.length;) {
        const escape = /^=([0-9A-F]{2})/.exec(value.slice(at, at + 3));
        if (escape?.[1]) {
            bytes.push(Number.parseInt(escape[1], 16));
            at += 3;
            continue;
        }
        flush();
        const char = String.fromCodePoint(value.codePointAt(at) ?? 0);
        text += char;
        at += char.length;
    }
    flush();
    return text;
}
/** Whether a role's tag value names the same issuer as the one this run writes. */
function sameIssuerTag(current, written) {
    return current === written || issuerOfTag(current) === issuerOfTag(written);
}

;// CONCATENATED MODULE: ./src/trust/tags.ts
// Role tags: parsed from `key=value` lines, checked against IAM's rules, and compared with what a
// role already carries so that only differing tags are written.

const MANAGED_BY_KEY = 'managed-by';
const MANAGED_BY_VALUE = 'talos-irsa';
const ISSUER_TAG_KEY = 'talos-irsa/issuer';
/**
 * Carried by a role from its CreateRole until its policies are in place, with a token of the run
 * that made it: a role found with it was made by a run that did not finish it (killed, or failed).
 */
const CREATING_TAG_KEY = 'talos-irsa/creating';
const RESERVED_KEYS = new Set([MANAGED_BY_KEY, ISSUER_TAG_KEY, CREATING_TAG_KEY]);
// IAM: keys 1–128, values 0–256, of letters, digits, spaces and _ . : / = + - @; no aws: prefix.
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/**
 * Sets a tag as an own member: `tags[key] = value` with the key __proto__ (a tag key IAM takes) sets
 * the object's prototype, or nothing for a string, and the tag is lost without a word.
 */
function setTag(tags, key, value) {
    Object.defineProperty(tags, key, { value, enumerable: true, writable: true, configurable: true });
}
function tagProblem(key, value) {
    // YAML reads a key written ~ or null, or left empty, as the empty key: said so, not as '' quoted.
    if (key.length === 0)
        return "a tag's key is empty; IAM needs 1–128 characters (in YAML a key written ~ or null is empty too: quote it).";
    if (key.length > 128)
        return `tag key '${key}' must be 1–128 characters.`;
    if (value.length > 256)
        return `tag '${key}' has a value longer than 256 characters.`;
    if (!TAG_CHARS.test(key) || !TAG_CHARS.test(value))
        return `tag '${key}' may hold only letters, digits, spaces and _ . : / = + - @.`;
    if (/^aws:/i.test(key))
        return `tag key '${key}' uses the reserved prefix aws:.`;
    // IAM compares tag keys without regard to case.
    if (RESERVED_KEYS.has(key.toLowerCase()))
        return `tag key '${key}' is set by the action itself; choose another key.`;
    return undefined;
}
/** Adds one tag after IAM's checks; a key that differs from one already given only in case is a repeat to IAM. */
function addTag(tags, key, value) {
    const repeated = Object.keys(tags).find((known) => known.toLowerCase() === key.toLowerCase());
    if (repeated !== undefined)
        return repeated === key
            ? `tag '${key}' is given twice.`
            : `tags '${repeated}' and '${key}' are the same key to IAM, which ignores case in tag keys.`;
    const problem = tagProblem(key, value);
    if (problem)
        return problem;
    setTag(tags, key, value);
    return undefined;
}
/** `key=value` lines (the value may itself contain '='); blank lines are skipped. */
function parseTagLines(text) {
    const tags = {};
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        if (line === '')
            continue;
        const at = line.indexOf('=');
        if (at <= 0)
            return { problem: `'${line}' is not key=value.` };
        const problem = addTag(tags, line.slice(0, at).trim(), line.slice(at + 1).trim());
        if (problem)
            return { problem };
    }
    return { tags };
}
/**
 * Said of a key << in a bindings item or its tags: YAML 1.2, which the parser reads, has no merge
 * key, so `<<: *base` is a key of that name, not the merge YAML 1.1 (and docker compose) make of it.
 */
const NO_MERGE_KEY = 'YAML 1.2 has no merge key: write !!merge <<: *anchor to merge a mapping in';
/** Tags given as a YAML mapping (in `bindings`) or as key=value lines. */
function parseTagValue(value) {
    if (value === undefined || value === null)
        return { tags: {} };
    if (typeof value === 'string')
        return parseTagLines(value);
    if (Array.isArray(value)) {
        if (!isStringArray(value))
            return { problem: 'tags must be key=value strings or a mapping.' };
        return parseTagLines(value.join('\n'));
    }
    if (typeof value !== 'object')
        return { problem: 'tags must be a mapping of key: value.' };
    const tags = {};
    for (const [key, raw] of Object.entries(value)) {
        if (typeof raw === 'object' && raw !== null)
            return { problem: `tag '${key}' must have a scalar value${key === '<<' ? ` (${NO_MERGE_KEY})` : ''}.` };
        const problem = addTag(tags, key, raw === null || raw === undefined ? '' : String(raw));
        if (problem)
            return { problem };
    }
    return { tags };
}
// IAM's quota of tags per role; the action's own three count against it (the creation marker only
// while a role is being made, but CreateRole carries it with all the others).
const IAM_TAGS_PER_ROLE = 50;
const USER_TAGS_PER_ROLE = IAM_TAGS_PER_ROLE - RESERVED_KEYS.size;
function tagCountProblem(tags) {
    const count = Object.keys(tags).length;
    return count > USER_TAGS_PER_ROLE
        ? `${count} tags are too many: IAM allows ${IAM_TAGS_PER_ROLE} per role, and the action sets ${RESERVED_KEYS.size} of them (${MANAGED_BY_KEY}, ${ISSUER_TAG_KEY}, and ${CREATING_TAG_KEY} while it creates the role), which leaves ${USER_TAGS_PER_ROLE}.`
        : undefined;
}
/**
 * Writing `desired` over a role's `current` tags (others' included) must stay within IAM's quota;
 * said before writing, since IAM's LimitExceeded is retried by the SDK as a throttle for some 40 s.
 */
function roleTagQuotaProblem(current, desired) {
    const lower = (keys) => keys.map((key) => key.toLowerCase());
    const ownKeys = new Set(lower(Object.keys(desired)));
    const keysAfter = new Set(lower([...Object.keys(current), ...Object.keys(tagsToWrite(current, desired))]));
    if (keysAfter.size <= IAM_TAGS_PER_ROLE)
        return undefined;
    // The creation marker counts (a run writes the tags before it removes it) but is no one else's tag,
    // and is not one to remove by hand: without it an unfinished role passes for finished.
    const marked = Object.keys(current).some((key) => key.toLowerCase() === CREATING_TAG_KEY);
    const others = Object.keys(current).filter((key) => !ownKeys.has(key.toLowerCase()) && key.toLowerCase() !== CREATING_TAG_KEY);
    const marker = marked
        ? `, and ${CREATING_TAG_KEY}, which marks the role unfinished and counts until a run finishes it, after writing its tags; remove some of the others`
        : '; remove some';
    return `would carry ${keysAfter.size} tags, past IAM's ${IAM_TAGS_PER_ROLE} per role: it has ${others.length} tags this run does not set (${others.slice(0, 5).join(', ')}${others.length > 5 ? ', ...' : ''})${marker} (aws iam untag-role) or give fewer tags.`;
}
/** A binding's tags over the shared ones; a key that differs only in case replaces the shared one, as IAM sees one key. */
function mergeTags(shared, own) {
    const ownKeys = new Set(Object.keys(own).map((key) => key.toLowerCase()));
    const kept = Object.entries(shared).filter(([key]) => !ownKeys.has(key.toLowerCase()));
    return { ...Object.fromEntries(kept), ...own };
}
/** The tags the action puts on every role it manages, besides the user's. */
function managedTags(issuer) {
    return { [MANAGED_BY_KEY]: MANAGED_BY_VALUE, [ISSUER_TAG_KEY]: issuer };
}
/** Tags to write so the role carries `desired`; tags it has beyond those are left alone. */
function tagsToWrite(current, desired) {
    // IAM sees keys that differ only in case as one key: Team=x already says team=x.
    const byKey = new Map(Object.entries(current).map(([key, value]) => [key.toLowerCase(), value]));
    const write = {};
    for (const [key, value] of Object.entries(desired))
        if (byKey.get(key.toLowerCase()) !== value)
            setTag(write, key, value);
    return write;
}
function tagList(tags) {
    return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

;// CONCATENATED MODULE: ./src/publish-oidc/provider-tags.ts
// The tags publish-oidc puts on an IAM OIDC provider it creates, and the test the removal makes of
// them: only a provider this suite made for this issuer is deleted, never one made by hand or by
// Terraform for the same URL.


/** managed-by=talos-irsa and talos-irsa/issuer=<issuer>, as irsa-role tags its roles. */
function providerTags(issuerUrl) {
    return [
        { Key: MANAGED_BY_KEY, Value: MANAGED_BY_VALUE },
        { Key: ISSUER_TAG_KEY, Value: issuerTagValue(issuerUrl) }
    ];
}
/** Whether a provider's tags say publish-oidc created it for this issuer. IAM compares tag keys without case. */
function isOwnProvider(tags, issuerUrl) {
    const lower = new Map(Object.entries(tags).map(([key, value]) => [key.toLowerCase(), value]));
    return (lower.get(MANAGED_BY_KEY) === MANAGED_BY_VALUE && lower.get(ISSUER_TAG_KEY) === issuerTagValue(issuerUrl));
}


/***/ }),

/***/ 3145:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  QS: () => (/* binding */ ISSUER_METADATA),
  CX: () => (/* binding */ RETIRED_METADATA),
  xm: () => (/* binding */ isUpToDate),
  HE: () => (/* binding */ issuerMark),
  hR: () => (/* binding */ putDocument),
  ku: () => (/* binding */ readPublishedObject),
  JD: () => (/* binding */ writtenByThisAction)
});

// UNUSED EXPORTS: CACHE_CONTROL, CONTENT_TYPE, HASH_METADATA, SERVER_SIDE_ENCRYPTION

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./src/oidc/published-content.ts
var published_content = __webpack_require__(2823);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/publish-oidc/aws-errors.ts
var aws_errors = __webpack_require__(1344);
;// CONCATENATED MODULE: ./src/trust/iam-wildcard.ts
/** IAM's wildcards: `*` any run of characters (line breaks too), `?` exactly one. */
function iamWildcard(pattern, value, ignoreCase = false) {
    const source = [...pattern]
        .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}/-]/g, '\\$&')))
        .join('');
    return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

// EXTERNAL MODULE: ./src/json/shape.ts
var shape = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/publish-oidc/read-denial.ts
// Why S3 answered publish-oidc's read with 403. Besides a missing s3:GetObject (or s3:ListBucket, without
// which S3 answers a missing key with 403), an explicit Deny in the bucket policy refuses whatever IAM
// allows: a statement on aws:SecureTransport, on a source VPC or IP, or naming the principal. The policy
// is read when the credentials may, and a Deny that covers s3:GetObject on the object is named.




/** Whether a statement's Action/NotAction and Resource/NotResource cover s3:GetObject on `objectArn`. */
function covers(statement, objectArn) {
    const action = (patterns) => 
    // Actions compare without regard to case.
    patterns.some((pattern) => iamWildcard(pattern, 's3:GetObject', true));
    const resource = (patterns) => 
    // The partition is the bucket's, which the action does not know here: any partition's ARN matches.
    patterns.some((pattern) => iamWildcard(pattern.replace(/^arn:[^:]*:/, 'arn:*:'), objectArn));
    const actionCovered = 'NotAction' in statement
        ? !action((0,shape/* asStringList */.QT)(statement.NotAction))
        : action((0,shape/* asStringList */.QT)(statement.Action));
    const resourceCovered = 'NotResource' in statement
        ? !resource((0,shape/* asStringList */.QT)(statement.NotResource))
        : !('Resource' in statement) || resource((0,shape/* asStringList */.QT)(statement.Resource));
    return actionCovered && resourceCovered;
}
/** `'DenyInsecure' (when Bool aws:SecureTransport)` or `2 (no Sid)`: a statement as a reader finds it. */
function described(statement, index) {
    const sid = typeof statement.Sid === 'string' && statement.Sid !== ''
        ? `'${statement.Sid}'`
        : `${index + 1} (no Sid)`;
    const conditions = Object.entries((0,shape/* asRecord */.qY)(statement.Condition) ?? {}).flatMap(([operator, keys]) => Object.keys((0,shape/* asRecord */.qY)(keys) ?? {}).map((key) => `${operator} ${key}`));
    return conditions.length > 0 ? `${sid} (when ${conditions.join(', ')})` : sid;
}
/** The Deny statements of a bucket policy that cover s3:GetObject on the object, described. */
function denyingStatements(policy, bucket, key) {
    let document;
    try {
        document = JSON.parse(policy);
    }
    catch {
        return [];
    }
    const statement = (0,shape/* asRecord */.qY)(document)?.Statement;
    const objectArn = `arn:aws:s3:::${bucket}/${key}`;
    return (0,shape/* oneOrMany */.Pl)(statement).flatMap((entry, index) => {
        const fields = (0,shape/* asRecord */.qY)(entry);
        return fields?.Effect === 'Deny' && covers(fields, objectArn) ? [described(fields, index)] : [];
    });
}
const PERMISSIONS = "the credentials need s3:GetObject on the bucket's objects and s3:ListBucket on the bucket";
/** The sentence after "S3 refused to read s3://bucket/key (403)". Never throws: a reason, whatever it finds. */
async function readRefusalReason(s3, bucket, key, owner) {
    let policy;
    try {
        const response = await s3.send(new dist_cjs.GetBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: owner }));
        policy = response.Policy;
    }
    catch (error) {
        if (!(0,aws_errors/* isAwsNotFound */.TR)(error, 'NoSuchBucketPolicy'))
            return (`either ${PERMISSIONS}, or an explicit Deny in the bucket policy refuses them, which overrides any Allow ` +
                `(the policy could not be read to tell: s3:GetBucketPolicy failed with ${(0,aws_errors/* awsErrorName */.ZH)(error) || 'an error'}).`);
    }
    const denying = policy === undefined ? [] : denyingStatements(policy, bucket, key);
    if (denying.length === 0)
        return `${PERMISSIONS}.`;
    const which = denying.length === 1 ? `statement ${denying[0]}` : `statements ${denying.join(', ')}`;
    return (`the bucket policy's ${which} ${denying.length === 1 ? 'denies' : 'deny'} s3:GetObject on it, and an explicit Deny ` +
        `overrides any Allow: check whether its Principal and Condition take in these credentials and this request, ` +
        `and if not, ${PERMISSIONS}.`);
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
// On the JWKS: the issuer it was published for. A first publish cut short between its two writes leaves
// a JWKS that no discovery document names; this mark (with the digest) is what proves it this issuer's.
const ISSUER_METADATA = 'issuer';
// IAM's own limit for a provider URL; with the digest and the retirement record (at most 1,500), well
// within S3's 2 KB of user metadata.
const ISSUER_MARK_LIMIT = 255;
/**
 * The value of the issuer mark for `issuerUrl`, or undefined when it has none: S3 sends metadata as
 * headers, so the value is kept ASCII (encodeURI, the identity for a plain URL) and within the limit.
 */
function issuerMark(issuerUrl) {
    let mark;
    try {
        mark = encodeURI(issuerUrl);
    }
    catch {
        return undefined;
    }
    return mark.length <= ISSUER_MARK_LIMIT ? mark : undefined;
}
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
        hash: (0,published_content/* contentHash */.Ae)(bytes),
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
            if ((0,aws_errors/* isAwsNotFound */.TR)(error, 'NoSuchKey'))
                return undefined;
            // S3 answers a missing key with 403 to callers without s3:ListBucket; a bucket policy's Deny, too.
            if ((0,aws_errors/* awsHttpStatus */.u6)(error) === 403)
                throw new errors/* UserError */.yo(`S3 refused to read s3://${bucket}/${key} (403): ${await readRefusalReason(s3, bucket, key, owner)}`);
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
    const metadata = { [HASH_METADATA]: (0,published_content/* contentHash */.Ae)(desired.bytes) };
    for (const [key, value] of Object.entries({ ...desired.marks, ...desired.state }))
        if (value !== '')
            metadata[key] = value;
    return metadata;
}
/** True when the object already holds these bytes, served the same way, with the same record. */
function isUpToDate(current, desired) {
    if (!current)
        return false;
    if (current.hash !== (0,published_content/* contentHash */.Ae)(desired.bytes))
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
    // The digest entry is checked above, so only the state entries are compared (not the marks).
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


/***/ })

};
