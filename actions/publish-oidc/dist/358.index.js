export const id = 358;
export const ids = [358];
export const modules = {

/***/ 3358:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  planRemoval: () => (/* binding */ planRemoval),
  removeIssuer: () => (/* binding */ removeIssuer)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var client_iam_dist_cjs = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/io/in-order.ts
var in_order = __webpack_require__(4772);
// EXTERNAL MODULE: ./src/aws/partitions.ts
var partitions = __webpack_require__(5986);
// EXTERNAL MODULE: ./src/oidc/document-locations.ts
var document_locations = __webpack_require__(5837);
// EXTERNAL MODULE: ./src/publish-oidc/aws-errors.ts
var aws_errors = __webpack_require__(1344);
// EXTERNAL MODULE: ./src/publish-oidc/bucket-policy.ts
var bucket_policy = __webpack_require__(4800);
// EXTERNAL MODULE: ./src/publish-oidc/bucket-setup.ts
var bucket_setup = __webpack_require__(4345);
// EXTERNAL MODULE: ./src/publish-oidc/oidc-provider.ts
var oidc_provider = __webpack_require__(8890);
// EXTERNAL MODULE: ./src/publish-oidc/provider-tags.ts + 2 modules
var provider_tags = __webpack_require__(7427);
// EXTERNAL MODULE: ./src/publish-oidc/published-objects.ts + 2 modules
var published_objects = __webpack_require__(3145);
// EXTERNAL MODULE: ./src/io/summary.ts
var summary = __webpack_require__(2864);
;// CONCATENATED MODULE: ./src/publish-oidc/remove-summary.ts

function headline(inputs, count) {
    const things = count === 1 ? '1 thing' : `${count} things`;
    if (inputs.dryRun)
        return `publish-oidc remove (dry run): ${count > 0 ? `${things} to remove, nothing written` : 'nothing to remove'}`;
    return `publish-oidc remove: ${count > 0 ? `${things} removed` : 'nothing to remove'}`;
}
/** The job summary of a removal: what went (or would), then what stays and why. */
function removalSummary(facts) {
    const { inputs, removal } = facts;
    const lines = [`### ${headline(inputs, removal.changes.length)}`, `Issuer ${(0,summary/* code */.aY)(inputs.issuerUrl)}`];
    if (removal.changes.length > 0)
        lines.push(`${inputs.dryRun ? 'Would remove' : 'Removed'}:\n${removal.changes.map((change) => `- ${(0,summary/* escapeHtmlOutsideCode */.Nh)(change)}`).join('\n')}`);
    else
        lines.push(`Nothing to remove: no discovery document of this issuer in ${(0,summary/* code */.aY)(inputs.bucket)}` +
            (inputs.manageBucket ? ', no statement of it in the bucket policy' : '') +
            (inputs.createProvider ? ' and no IAM OIDC provider of its own.' : '.') +
            (inputs.dryRun ? '' : ' Nothing was written.'));
    const left = [...removal.left, ...(facts.rolesLine ? [facts.rolesLine] : []), ...removal.notes];
    if (left.length > 0)
        lines.push(`Left in place:\n${left.map((line) => `- ${(0,summary/* escapeHtmlOutsideCode */.Nh)(line)}`).join('\n')}`);
    return lines.join('\n\n') + '\n';
}

// EXTERNAL MODULE: ./src/json/shape.ts
var shape = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/publish-oidc/trusting-roles.ts
// The roles whose trust policy names an IAM OIDC provider as its Federated principal: what a removal
// of the provider leaves without a way in. Read, never changed.


/** Whether a trust policy (as IAM returns it, URL-encoded) lets the provider's tokens in. */
function trustsProvider(document, providerArn) {
    if (!document)
        return false;
    let parsed;
    try {
        parsed = JSON.parse(decodeURIComponent(document));
    }
    catch {
        return false;
    }
    if (!(0,shape/* isRecord */.u4)(parsed))
        return false;
    const statements = (0,shape/* oneOrMany */.Pl)(parsed.Statement);
    return statements.some((statement) => {
        if (!(0,shape/* isRecord */.u4)(statement) || !(0,shape/* isRecord */.u4)(statement.Principal))
            return false;
        const federated = statement.Principal.Federated;
        return (0,shape/* oneOrMany */.Pl)(federated).includes(providerArn);
    });
}
/**
 * Every role of the account is listed (ListRoles pages), since IAM has no lookup by principal.
 * Without iam:ListRoles, or on any other failure, the run warns that it cannot tell and goes on:
 * the roles only say what else the removal affects, they decide nothing.
 */
async function trustingRoles(iam, providerArn, log) {
    const names = [];
    try {
        let marker;
        do {
            const page = await iam.send(new client_iam_dist_cjs.ListRolesCommand({ Marker: marker, MaxItems: 1000 }));
            for (const role of page.Roles ?? [])
                if (role.RoleName && trustsProvider(role.AssumeRolePolicyDocument, providerArn))
                    names.push(role.RoleName);
            marker = page.IsTruncated ? page.Marker : undefined;
        } while (marker);
    }
    catch (error) {
        log.warning(`Could not list the roles that trust ${providerArn} (${error instanceof Error ? error.message : String(error)}): ` +
            'allow iam:ListRoles to have them named; the provider is removed either way.');
        return undefined;
    }
    return { names: names.sort() };
}

;// CONCATENATED MODULE: ./src/publish-oidc/remove.ts
// remove: true — takes one issuer back out: its two documents, its own bucket-policy statement and
// the IAM OIDC provider publish-oidc made for it. Loaded only by a removal run (action.ts), so the
// publish path's chunks stay as they were.














// At most this many role names in a warning; the rest are counted.
const ROLES_NAMED = 5;
/** The issuer a stored discovery document names, or a reason it names none. */
function storedIssuer(bytes) {
    try {
        const parsed = JSON.parse(bytes.toString('utf8'));
        if (typeof parsed.issuer !== 'string')
            return undefined;
        return {
            issuer: parsed.issuer,
            jwksUri: typeof parsed.jwks_uri === 'string' ? parsed.jwks_uri : undefined
        };
    }
    catch {
        return undefined;
    }
}
/**
 * A value read from the bucket, quoted for one log line: its own line breaks cannot start another.
 * Redacted first: a cut through a masked value would leave a part no later redaction recognises.
 */
function quoted(value, redact) {
    const json = JSON.stringify(redact(value));
    return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}
/** The mark's issuer, for a message: decoded as issuerMark encoded it, else as stored. */
function markedIssuer(mark) {
    try {
        return decodeURI(mark);
    }
    catch {
        return mark;
    }
}
/**
 * Why a JWKS that no discovery document names is not provably this issuer's, or undefined when it is:
 * publish-oidc marked it with this issuer, and its bytes are still those it wrote (the digest fits).
 */
function unprovenJwks(jwks, issuerUrl, redact) {
    const mark = jwks.metadata[published_objects/* ISSUER_METADATA */.QS];
    const own = (0,published_objects/* issuerMark */.HE)(issuerUrl);
    if (mark === undefined)
        return "nothing shows it is this issuer's: it carries no issuer mark (written by hand, by another tool, or by a publish-oidc before the mark)";
    // An issuer without a mark of its own (issuerMark) never has one written: a mark is another's.
    if (own === undefined || mark !== own)
        return `publish-oidc marked it as the JWKS of ${quoted(markedIssuer(mark), redact)}`;
    if (!(0,published_objects/* writtenByThisAction */.JD)(jwks))
        return 'its bytes changed since publish-oidc wrote it (its sha256 no longer fits)';
    return undefined;
}
/**
 * This issuer's two objects, proven by the stored discovery document's issuer. Another issuer's
 * documents at this key are refused before anything is removed: the issuer-url is wrong.
 */
async function storedObjects(inputs, deps, owner) {
    const at = (key) => `s3://${inputs.bucket}/${key}`;
    const fallback = (0,document_locations/* documentLocations */.CM)(inputs.issuerUrl, inputs.bucket, '');
    const discovery = await (0,published_objects/* readPublishedObject */.ku)(deps.s3, inputs.bucket, fallback.discoveryKey, owner);
    if (!discovery) {
        // A first publish cut short between its two writes leaves a JWKS at the default key and no
        // discovery document to prove whose it is: only publish-oidc's own mark of this issuer does.
        const none = {
            objects: [],
            reasons: new Map(),
            jwksKey: fallback.jwksKey,
            jwksUrl: fallback.jwksUrl
        };
        const orphan = await (0,published_objects/* readPublishedObject */.ku)(deps.s3, inputs.bucket, fallback.jwksKey, owner);
        if (!orphan)
            return { ...none, left: [] };
        const unproven = unprovenJwks(orphan, inputs.issuerUrl, deps.redact);
        if (unproven !== undefined)
            return {
                ...none,
                left: [
                    `${at(fallback.jwksKey)} is left: no discovery document of this issuer names it, and ${unproven}. Delete it by hand if it is this issuer's: aws s3 rm ${at(fallback.jwksKey)}`
                ]
            };
        const reason = "a JWKS that no discovery document names (what a first publish cut short between its two writes leaves), provably this issuer's: " +
            `publish-oidc marked it issuer=${inputs.issuerUrl}, and its sha256 fits its bytes`;
        return { ...none, objects: [fallback.jwksKey], reasons: new Map([[fallback.jwksKey, reason]]), left: [] };
    }
    const stored = storedIssuer(discovery.bytes);
    if (!stored)
        throw new errors/* UserError */.yo(`${at(fallback.discoveryKey)} is not a discovery document naming an issuer, so nothing shows it is '${inputs.issuerUrl}''s: nothing was removed. Check issuer-url and bucket, or delete the objects by hand.`, 'issuer-url');
    if (stored.issuer !== inputs.issuerUrl)
        throw new errors/* UserError */.yo(`${at(fallback.discoveryKey)} is the discovery document of ${quoted(stored.issuer, deps.redact)}, not of '${inputs.issuerUrl}': nothing was removed. Give the issuer-url of the cluster to retire (its path is the key prefix in the bucket).`, 'issuer-url');
    const locations = (0,document_locations/* documentLocations */.CM)(inputs.issuerUrl, inputs.bucket, stored.jwksUri ?? '');
    const jwks = await (0,published_objects/* readPublishedObject */.ku)(deps.s3, inputs.bucket, locations.jwksKey, owner);
    return {
        objects: [...(jwks ? [locations.jwksKey] : []), locations.discoveryKey],
        reasons: new Map(),
        jwksKey: locations.jwksKey,
        jwksUrl: locations.jwksUrl,
        left: []
    };
}
async function providerFacts(inputs, deps) {
    if (!inputs.createProvider) {
        // Never deleted: with create-provider false the provider is not this action's to manage.
        try {
            const found = await (0,oidc_provider/* findProvider */.l)(deps.iam, inputs.issuerUrl);
            return {
                remove: undefined,
                kept: found,
                left: [],
                notes: found
                    ? [
                        `The IAM OIDC provider ${found.arn} is left: create-provider is false, so it is not this action's to delete.`
                    ]
                    : []
            };
        }
        catch (error) {
            deps.log.warning(`Could not look up the IAM OIDC provider (${error instanceof Error ? error.message : String(error)}); with create-provider false it would be left anyway.`);
            return { remove: undefined, kept: undefined, left: [], notes: [] };
        }
    }
    const found = await (0,oidc_provider/* findProvider */.l)(deps.iam, inputs.issuerUrl);
    if (!found)
        return { remove: undefined, kept: undefined, left: [], notes: [] };
    if ((0,provider_tags/* isOwnProvider */.q)(found.tags ?? {}, inputs.issuerUrl))
        return { remove: found, kept: undefined, left: [], notes: [] };
    return {
        remove: undefined,
        kept: found,
        notes: [],
        left: [
            `The IAM OIDC provider ${found.arn} is left: it does not carry publish-oidc's tags for this issuer (managed-by=talos-irsa and talos-irsa/issuer), so it was made by hand, by Terraform or by a version before the tags. ` +
                'Delete it with aws iam delete-open-id-connect-provider (or its owner, terraform destroy) once no role needs it.'
        ]
    };
}
function rolesWarning(arn, roles, dryRun) {
    if (roles.names.length === 0)
        return undefined;
    const named = roles.names.slice(0, ROLES_NAMED).join(', ');
    const more = roles.names.length > ROLES_NAMED ? ` and ${roles.names.length - ROLES_NAMED} more` : '';
    return (`${roles.names.length} IAM role(s) still trust the provider ${arn}: ${named}${more}. ` +
        `They ${dryRun ? 'would be' : 'are'} left, and no token can assume them once it is gone: run irsa-role for a rebuilt cluster's issuer to move them to it, or delete the roles no longer needed.`);
}
async function planRemoval(inputs, deps) {
    const owner = inputs.bucketOwner ?? (await deps.callerAccount());
    const readBucket = async () => {
        if (!(await (0,bucket_setup/* bucketExists */.pr)(deps.s3, inputs.bucket, inputs.region, owner, inputs.bucketOwner !== undefined)))
            return undefined;
        const stored = await storedObjects(inputs, deps, owner);
        return {
            stored,
            policy: inputs.manageBucket ? await (0,bucket_setup/* readBucketPolicy */.de)(deps.s3, inputs.bucket, owner) : undefined
        };
    };
    // Reads only, and independent; a failure is reported for the bucket first.
    const [bucket, provider] = await (0,in_order/* inOrder */.a)(readBucket(), providerFacts(inputs, deps));
    const prefix = (0,document_locations/* issuerKeyPrefix */.l8)(inputs.issuerUrl, inputs.bucket);
    const fallback = (0,document_locations/* documentLocations */.CM)(inputs.issuerUrl, inputs.bucket, '');
    const jwksKey = bucket?.stored.jwksKey ?? prefix + document_locations/* DEFAULT_JWKS_PATH */.Af;
    const policy = bucket && inputs.manageBucket
        ? (0,bucket_policy/* planStatementRemoval */.bD)(bucket.policy, (0,bucket_policy/* publicReadStatement */.Xd)((0,partitions/* partitionOfRegion */.cn)(inputs.region), inputs.bucket, [jwksKey, fallback.discoveryKey], prefix))
        : undefined;
    const roles = provider.remove ? await trustingRoles(deps.iam, provider.remove.arn, deps.log) : undefined;
    const objects = bucket?.stored.objects ?? [];
    const reasons = bucket?.stored.reasons ?? new Map();
    const changes = [
        ...objects.map((key) => {
            const reason = reasons.get(key);
            return `delete s3://${inputs.bucket}/${key}${reason === undefined ? '' : `: ${reason}`}`;
        }),
        ...(policy?.found
            ? [
                policy.policy
                    ? `remove this issuer's statement from the bucket policy of ${inputs.bucket} (keeping ${policy.keptStatements} other statement(s))`
                    : `delete the bucket policy of ${inputs.bucket}, which held only this issuer's statement`
            ]
            : []),
        ...(provider.remove ? [`delete the IAM OIDC provider ${provider.remove.arn}`] : [])
    ];
    const left = [...(bucket?.stored.left ?? []), ...provider.left];
    // What the inputs keep out of this action's hands (the bundled module's terraform owns the policy and
    // the provider, and deletes them next) is no warning. Said by the run that removes the documents, not
    // by every run after it, which has nothing to say.
    const notes = [...provider.notes];
    if (!inputs.manageBucket && objects.length > 0)
        notes.push(`The bucket policy of ${inputs.bucket} is not looked at: manage-bucket is false.`);
    return {
        owner,
        objects,
        jwksKey,
        jwksUrl: bucket?.stored.jwksUrl ?? fallback.jwksUrl,
        policy,
        deleteProvider: provider.remove,
        keptProvider: provider.kept,
        roles,
        changes,
        left,
        notes
    };
}
/**
 * The JWKS first: a run cut short leaves the discovery document, which proves the next run's right to
 * both. Each deletion is pushed to `done` once AWS has answered it, for a cancelled run's summary.
 */
async function applyRemoval(inputs, deps, removal, done) {
    for (const key of removal.objects) {
        await deps.s3.send(new dist_cjs.DeleteObjectCommand({ Bucket: inputs.bucket, Key: key, ExpectedBucketOwner: removal.owner }));
        done.push(`deleted s3://${inputs.bucket}/${key}`);
    }
    const { policy } = removal;
    if (policy?.found && policy.policy) {
        await deps.s3.send(new dist_cjs.PutBucketPolicyCommand({
            Bucket: inputs.bucket,
            ExpectedBucketOwner: removal.owner,
            Policy: policy.policy
        }));
        done.push(`removed this issuer's statement from the bucket policy of ${inputs.bucket}`);
    }
    else if (policy?.found) {
        await deps.s3.send(new dist_cjs.DeleteBucketPolicyCommand({ Bucket: inputs.bucket, ExpectedBucketOwner: removal.owner }));
        done.push(`deleted the bucket policy of ${inputs.bucket}`);
    }
    if (removal.deleteProvider) {
        const { arn } = removal.deleteProvider;
        const gone = await deps.iam
            .send(new client_iam_dist_cjs.DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))
            .then(() => false, (error) => {
            // A retried delete whose first attempt landed, or another run's: gone either way.
            if (!(0,aws_errors/* isAwsError */.m_)(error, 'NoSuchEntity'))
                throw error;
            return true;
        });
        done.push(gone ? `found the IAM OIDC provider ${arn} already deleted` : `deleted the IAM OIDC provider ${arn}`);
    }
}
async function removeIssuer(inputs, deps) {
    const { log } = deps;
    const removal = await log.group(`Find what ${inputs.issuerUrl} left`, () => planRemoval(inputs, deps));
    // Both are the summary's "Left in place" list (remove-summary.ts): not listed again under its Warnings.
    for (const line of removal.left)
        log.warning(line, { inSummary: true });
    for (const line of removal.notes)
        log.info(line);
    const rolesLine = removal.deleteProvider && removal.roles
        ? rolesWarning(removal.deleteProvider.arn, removal.roles, inputs.dryRun)
        : undefined;
    if (rolesLine)
        log.warning(rolesLine, { inSummary: true });
    const { changes } = removal;
    if (inputs.dryRun)
        log.info(changes.length > 0 ? `Dry run; would ${changes.join('; ')}.` : 'Dry run; nothing to remove.');
    else if (changes.length === 0)
        log.info(`Nothing to remove: ${inputs.issuerUrl} left nothing here. Nothing was written.`);
    else {
        deps.writing?.();
        const done = [];
        deps.written?.(() => done);
        await applyRemoval(inputs, deps, removal, done);
        log.info(`Removed: ${changes.join('; ')}.`);
    }
    const jwksGoes = removal.objects.includes(removal.jwksKey);
    return {
        outputs: {
            'issuer-url': inputs.issuerUrl,
            'jwks-url': removal.jwksUrl,
            'provider-arn': removal.keptProvider?.arn ?? '',
            changed: String(changes.length > 0),
            'keys-changed': String(jwksGoes),
            'key-ids': ''
        },
        summary: removalSummary({ inputs, removal, rolesLine })
    };
}


/***/ })

};
