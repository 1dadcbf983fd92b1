export const id = 673;
export const ids = [673];
export const modules = {

/***/ 7673:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  guessedRegionRefusal: () => (/* reexport */ guessedRegionRefusal),
  kubeServiceAccounts: () => (/* reexport */ kubeServiceAccounts),
  run: () => (/* binding */ run)
});

// UNUSED EXPORTS: DEFAULT_CONCURRENCY, desiredRoleFor

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var dist_cjs = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/trust/policy-document.ts
var policy_document = __webpack_require__(6682);
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

// EXTERNAL MODULE: ./src/trust/names.ts
var names = __webpack_require__(8350);
// EXTERNAL MODULE: ./src/trust/tags.ts
var trust_tags = __webpack_require__(217);
;// CONCATENATED MODULE: ./src/trust/trust-policy.ts
// The trust policy of an IRSA role: who may assume it. Written in one place because hand-written
// trust policies are where IRSA most often breaks — a wildcard under StringEquals matches nothing,
// the provider ARN used as the condition key matches nothing, and `aud` and `sub` get swapped.

/** The condition key prefix STS uses: the provider URL without its scheme, never the ARN. */
function conditionKeyPrefix(issuer) {
    return issuer.replace(/^https:\/\//i, '').replace(/\/+$/, '');
}
function subjectOf(account) {
    return `system:serviceaccount:${account.namespace}:${account.name}`;
}
/**
 * One statement: the provider may assume the role for tokens whose `sub` is one of the service
 * accounts and whose `aud` is the audience. `sub` moves to StringLike only when a pattern needs it
 * (names were checked against allow-wildcards before); `aud` always stays StringEquals.
 */
function trustPolicyFor(inputs) {
    const prefix = conditionKeyPrefix(inputs.issuer);
    const subjects = [...new Set(inputs.serviceAccounts.map(subjectOf))];
    if (subjects.length === 0)
        throw new Error('a trust policy needs at least one service account');
    const sub = subjects.length === 1 ? subjects[0] : subjects;
    const aud = inputs.audience;
    const condition = subjects.some(names/* hasWildcard */.rl)
        ? { StringEquals: { [`${prefix}:aud`]: aud }, StringLike: { [`${prefix}:sub`]: sub } }
        : { StringEquals: { [`${prefix}:sub`]: sub, [`${prefix}:aud`]: aud } };
    return {
        Version: '2012-10-17',
        Statement: [
            {
                Effect: 'Allow',
                Principal: { Federated: inputs.providerArn },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: condition
            }
        ]
    };
}
/** Who may assume a role, as the summary shows it: `ns/sa` per service account. */
function assumedBy(accounts) {
    return accounts.map((account) => `${account.namespace}/${account.name}`);
}
/**
 * IAM's default quota for a trust policy (ACLSizePerRole), and the ceiling taken for a raised one
 * when the account's own quota (its summary's AssumeRolePolicySizeQuota) cannot be read.
 */
const TRUST_POLICY_DEFAULT_LIMIT = 2048;
const TRUST_POLICY_MAX_LIMIT = 4096;
/** IAM counts a policy's size without whitespace, which is how policyJson writes it. */
function trustPolicySize(policy) {
    return JSON.stringify(policy).length;
}

;// CONCATENATED MODULE: ./src/irsa-role/iam-errors.ts
/** Whether an IAM call failed with `code`, whichever way the SDK surfaces it (with or without "Exception"). */
function iamErrorIs(error, code) {
    return error instanceof Error && (error.name === `${code}Exception` || error.name === code);
}
/** IAM's "not found" for roles, policies and providers. */
function isNoSuchEntity(error) {
    return iamErrorIs(error, 'NoSuchEntity');
}
function isMalformedPolicy(error) {
    return iamErrorIs(error, 'MalformedPolicyDocument');
}
function isEntityAlreadyExists(error) {
    return iamErrorIs(error, 'EntityAlreadyExists');
}
/** The credentials lack a permission: IAM's AccessDenied. */
function isAccessDenied(error) {
    return iamErrorIs(error, 'AccessDenied');
}
/**
 * IAM does not know the credentials' key: InvalidClientTokenId, which is also what a partition's
 * IAM answers to credentials of another partition.
 */
function isUnknownCredentials(error) {
    return iamErrorIs(error, 'InvalidClientTokenId');
}

;// CONCATENATED MODULE: ./src/irsa-role/account-quotas.ts


/** The limit that decides: the account's quota when its summary gave one, else the documented ceiling. */
function decidingLimit(quota, ceiling) {
    return quota === undefined ? { limit: ceiling, fromAccount: false } : { limit: quota, fromAccount: true };
}
async function readAccountQuotas(iam) {
    try {
        const summary = (await iam.send(new dist_cjs/* GetAccountSummaryCommand */.zod({}))).SummaryMap ?? {};
        return {
            managedPoliciesPerRole: summary.AttachedPoliciesPerRoleQuota,
            trustPolicySize: summary.AssumeRolePolicySizeQuota,
            refused: false
        };
    }
    catch (error) {
        // Any other failure is IAM's or the network's, and fails the run like any other read.
        if (!isAccessDenied(error))
            throw error;
        return { managedPoliciesPerRole: undefined, trustPolicySize: undefined, refused: true };
    }
}
function accountQuotaReader(iam) {
    let reading;
    return () => (reading ??= readAccountQuotas(iam));
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/irsa-role/description.ts
// The description irsa-role gives each role: who may assume it. Compared as the set of service
// accounts it names, since the order a binding lists them in means nothing to the trust policy.

const PREFIX = 'IRSA role for ';
const SUFFIX = ' (managed by talos-irsa)';
const DESCRIPTION_LIMIT = 1000;
/** Sorted, so that a binding's accounts listed in another order give the same text. */
function roleDescription(accounts) {
    const subjects = [...new Set(accounts.map(subjectOf))].sort().join(', ');
    const text = `${PREFIX}${subjects}${SUFFIX}`;
    // IAM descriptions allow only Latin-1 characters, so the cut is marked with '...', not '…'.
    return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 3)}...`;
}
/** The subjects a whole (uncut) description of this action names, as a set; undefined for any other text. */
function namedSubjects(description) {
    if (!description.startsWith(PREFIX) || !description.endsWith(SUFFIX))
        return undefined;
    return description.slice(PREFIX.length, -SUFFIX.length).split(', ').sort().join(', ');
}
/**
 * Whether a role's description already says what `desired` says: the same text, or the same
 * service accounts in another order (as versions before the sort wrote them, in input order).
 */
function sameDescription(current, desired) {
    if (current === desired)
        return true;
    const named = namedSubjects(current);
    return named !== undefined && named === namedSubjects(desired);
}

// EXTERNAL MODULE: ./src/json/shape.ts
var shape = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/irsa-role/converge-role.ts
// Brings one IAM role to the state its binding describes. Every write is preceded by a read that
// shows it is needed, so a run with nothing to change makes only Get/List calls.











/** The inline policy this action owns on each role; other inline policies are left alone unless pruning. */
const INLINE_POLICY_NAME = 'talos-irsa';
async function currentRole(iam, roleName, reads = readOnce) {
    try {
        return (await reads(() => iam.send(new dist_cjs/* GetRoleCommand */.kbp({ RoleName: roleName })))).Role;
    }
    catch (error) {
        if (isNoSuchEntity(error))
            return undefined;
        throw error;
    }
}
const readOnce = (read) => read();
const CONFLICT_READ_DELAYS_MS = [200, 400, 800, 1600];
/**
 * IAM is eventually consistent: right after CreateRole met the role (EntityAlreadyExists), GetRole, the
 * policy lists and GetRolePolicy of a policy the list names may still answer NoSuchEntity for a moment,
 * even after an earlier read saw the role: asked again a few times, briefly, before giving up. Only
 * there, and in the undo of a role this call's own CreateRole made: for a role GetRole found at once,
 * NoSuchEntity from a list means it was deleted, and the run fails on it.
 */
const readAfterConflict = async (read) => {
    for (const delay of CONFLICT_READ_DELAYS_MS) {
        try {
            return await read();
        }
        catch (error) {
            if (!isNoSuchEntity(error))
                throw error;
        }
        await (0,promises_.setTimeout)(delay);
    }
    return read();
};
async function attachedPolicies(iam, roleName) {
    const arns = [];
    let marker;
    do {
        const page = await iam.send(new dist_cjs/* ListAttachedRolePoliciesCommand */.wfM({ RoleName: roleName, Marker: marker }));
        for (const policy of page.AttachedPolicies ?? [])
            if (policy.PolicyArn)
                arns.push(policy.PolicyArn);
        marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return arns;
}
async function inlinePolicyNames(iam, roleName) {
    const names = [];
    let marker;
    do {
        const page = await iam.send(new dist_cjs/* ListRolePoliciesCommand */.Y7N({ RoleName: roleName, Marker: marker }));
        names.push(...(page.PolicyNames ?? []));
        marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return names;
}
/**
 * The policy's document; undefined when IAM has none by that name. Read as the policy lists are: after
 * CreateRole met the role, a NoSuchEntity may be IAM not showing the role yet, not the policy absent.
 */
async function inlinePolicy(iam, roleName, policyName, reads) {
    try {
        const found = await reads(() => iam.send(new dist_cjs/* GetRolePolicyCommand */.WHQ({ RoleName: roleName, PolicyName: policyName })));
        return found.PolicyDocument;
    }
    catch (error) {
        if (isNoSuchEntity(error))
            return undefined;
        throw error;
    }
}
async function putInlinePolicy(iam, desired, document) {
    try {
        await iam.send(new dist_cjs/* PutRolePolicyCommand */.pMt({
            RoleName: desired.roleName,
            PolicyName: INLINE_POLICY_NAME,
            PolicyDocument: (0,policy_document/* policyJson */.nF)(document)
        }));
    }
    catch (error) {
        // IAM checks actions and resources more deeply than the shape check before the first write.
        if (isMalformedPolicy(error)) {
            const { input, where } = desired.inlinePolicyOrigin;
            const detail = error instanceof Error ? error.message : String(error);
            throw new errors/* UserError */.yo(`${where ? `${where}: ` : ''}IAM rejected the inline policy (${detail}).`, input);
        }
        throw error;
    }
}
/** A removal that a retry (or someone else) already made is the state we wanted. */
async function ignoringNoSuchEntity(removal) {
    try {
        await removal;
    }
    catch (error) {
        if (!isNoSuchEntity(error))
            throw error;
    }
}
function tagsOf(role) {
    return Object.fromEntries((role.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
}
/**
 * Deletes a role that was never finished (this run's, or one a run that did not finish left behind)
 * after IAM refused part of it, with whatever policies it holds, and returns the refusal completed
 * with what became of the role. `ownRun` says whose role it was, for the message. `reads` reads its
 * policy lists as the convergence did: a read that saw the role promises nothing of the next one,
 * which IAM may answer from an endpoint that does not show it yet.
 */
async function undoCreate(iam, roleName, ownRun, cause, reads) {
    const refusal = cause.reason;
    const [role, again] = ownRun
        ? [`The role ${roleName} created for it`, ' again']
        : [`The role ${roleName}, which another run created and did not finish,`, ''];
    try {
        if (!(await deleteWithPolicies(iam, roleName, reads)))
            return new errors/* UserError */.yo(`${refusal} ${role} was gone already (deleted meanwhile, not by this run): nothing is left to delete.`, cause.input);
    }
    catch (undoError) {
        const reason = undoError instanceof Error ? undoError.message : String(undoError);
        return new errors/* UserError */.yo(`${refusal} ${role} could not be deleted${again} (${reason}): delete it by hand.`, cause.input);
    }
    return new errors/* UserError */.yo(`${refusal} ${role} was deleted${again}.`, cause.input);
}
/**
 * Deletes the role with whatever policies it holds; false when its policies cannot be listed because the
 * role is not there (NoSuchEntity, still so after `reads` asked again): someone else deleted it.
 */
async function deleteWithPolicies(iam, roleName, reads) {
    const listed = async (list) => {
        try {
            return await reads(list);
        }
        catch (error) {
            if (isNoSuchEntity(error))
                return undefined;
            throw error;
        }
    };
    // Listed rather than remembered: a run that did not finish may have attached or put some already.
    const arns = await listed(() => attachedPolicies(iam, roleName));
    if (!arns)
        return false;
    for (const arn of arns)
        await ignoringNoSuchEntity(iam.send(new dist_cjs/* DetachRolePolicyCommand */.BA7({ RoleName: roleName, PolicyArn: arn })));
    const names = await listed(() => inlinePolicyNames(iam, roleName));
    if (!names)
        return false;
    for (const name of names)
        await ignoringNoSuchEntity(iam.send(new dist_cjs/* DeleteRolePolicyCommand */.Tt({ RoleName: roleName, PolicyName: name })));
    await ignoringNoSuchEntity(iam.send(new dist_cjs/* DeleteRoleCommand */.$kI({ RoleName: roleName })));
    return true;
}
/** The token of the run that created the role and has not finished it; undefined once finished. */
function creationMarker(role) {
    return role.Tags?.find((tag) => tag.Key === trust_tags/* CREATING_TAG_KEY */.fz)?.Value;
}
/** The role's policies are in place: the marker goes, and with it the role counts as finished. */
async function removeCreationMarker(iam, roleName) {
    // UntagRole of a key the role does not carry changes nothing (another run finished it first).
    await iam.send(new dist_cjs/* UntagRoleCommand */.Hmm({ RoleName: roleName, TagKeys: [trust_tags/* CREATING_TAG_KEY */.fz] }));
}
/**
 * A role's convergence failed after some of its writes landed (an AWS fault, a throttle past the
 * retry budget): the writes are carried with the failure so that the outputs and summary say them.
 */
class PartialConvergence extends Error {
    arn;
    changes;
    failure;
    constructor(arn, changes, failure) {
        super(failure instanceof Error ? failure.message : String(failure));
        this.arn = arn;
        this.changes = changes;
        this.failure = failure;
        this.name = 'PartialConvergence';
    }
}
async function createRole(iam, desired, progress, token) {
    const created = await iam.send(new dist_cjs/* CreateRoleCommand */.IS({
        RoleName: desired.roleName,
        Path: desired.path,
        AssumeRolePolicyDocument: (0,policy_document/* policyJson */.nF)(desired.trust),
        Description: desired.description,
        MaxSessionDuration: desired.maxSessionDuration,
        PermissionsBoundary: desired.permissionsBoundary,
        // The marker rides on CreateRole itself: a role never exists unmarked before it is finished.
        Tags: (0,trust_tags/* tagList */.Tw)({ ...desired.tags, [trust_tags/* CREATING_TAG_KEY */.fz]: token })
    }));
    return finishCreatedRole(iam, desired, progress, created.Role?.Arn ?? '');
}
/** Gives a role this run created (bare: trust, settings and tags only) its policies, then unmarks it. */
async function finishCreatedRole(iam, desired, progress, roleArn) {
    progress.arn = roleArn;
    const changes = progress.changes;
    changes.push('created the role');
    try {
        for (const arn of desired.policyArns) {
            await iam.send(new dist_cjs/* AttachRolePolicyCommand */.XgU({ RoleName: desired.roleName, PolicyArn: arn }));
            changes.push(`attached ${arn}`);
        }
        if (desired.inlinePolicy) {
            await putInlinePolicy(iam, desired, desired.inlinePolicy);
            changes.push(`put inline policy ${INLINE_POLICY_NAME}`);
        }
    }
    catch (error) {
        // IAM refused what the user wrote: the role this run just created must not stay behind,
        // assumable and half-made. (A fault of AWS leaves it for the next run to converge.)
        if (error instanceof errors/* UserError */.yo) {
            // The refusal says what became of the role; there is no partial role to report besides.
            changes.length = 0;
            // The role is this call's own, just created: a NoSuchEntity can only be IAM not showing it yet.
            throw await undoCreate(iam, desired.roleName, true, error, readAfterConflict);
        }
        throw error;
    }
    await removeCreationMarker(iam, desired.roleName);
    return {
        roleName: desired.roleName,
        arn: progress.arn,
        created: true,
        changes,
        policyArns: [...desired.policyArns],
        inlinePolicies: desired.inlinePolicy ? [INLINE_POLICY_NAME] : [],
        unlisted: [],
        warnings: []
    };
}
async function convergeSettings(iam, role, desired, prune, changes) {
    const name = desired.roleName;
    if (!(0,policy_document/* samePolicy */.Jo)(role.AssumeRolePolicyDocument ?? '', desired.trust)) {
        await iam.send(new dist_cjs/* UpdateAssumeRolePolicyCommand */.tuH({ RoleName: name, PolicyDocument: (0,policy_document/* policyJson */.nF)(desired.trust) }));
        changes.push('rewrote the trust policy');
    }
    const descriptionDiffers = !sameDescription(role.Description ?? '', desired.description);
    const durationDiffers = (role.MaxSessionDuration ?? 3600) !== desired.maxSessionDuration;
    if (descriptionDiffers || durationDiffers) {
        await iam.send(new dist_cjs/* UpdateRoleCommand */.TR7({
            RoleName: name,
            Description: desired.description,
            MaxSessionDuration: desired.maxSessionDuration
        }));
        if (descriptionDiffers)
            changes.push('updated the description');
        if (durationDiffers)
            changes.push(`set max session duration ${role.MaxSessionDuration ?? 3600} → ${desired.maxSessionDuration}`);
    }
    const boundary = role.PermissionsBoundary?.PermissionsBoundaryArn;
    if (desired.permissionsBoundary && boundary !== desired.permissionsBoundary) {
        await iam.send(new dist_cjs/* PutRolePermissionsBoundaryCommand */.fly({
            RoleName: name,
            PermissionsBoundary: desired.permissionsBoundary
        }));
        changes.push(`set permissions boundary ${desired.permissionsBoundary}`);
    }
    // Removing a boundary widens what the role may do, so it needs the explicit prune-policies.
    if (!desired.permissionsBoundary && boundary && prune) {
        await ignoringNoSuchEntity(iam.send(new dist_cjs/* DeleteRolePermissionsBoundaryCommand */.laB({ RoleName: name })));
        changes.push(`removed permissions boundary ${boundary}`);
    }
    const tags = (0,trust_tags/* tagsToWrite */.mU)(tagsOf(role), desired.tags);
    if (Object.keys(tags).length > 0) {
        await iam.send(new dist_cjs/* TagRoleCommand */.Wcv({ RoleName: name, Tags: (0,trust_tags/* tagList */.Tw)(tags) }));
        changes.push(`tagged ${Object.keys(tags).join(', ')}`);
    }
}
/**
 * The limit a role of `count` managed policies would pass: the account's quota, or when its summary
 * cannot be read, IAM's documented ceiling.
 */
async function passedManagedPolicyLimit(count, quotas) {
    const { limit, fromAccount } = decidingLimit((await quotas()).managedPoliciesPerRole, policy_document/* MANAGED_POLICIES_MAX_QUOTA */.VL);
    if (count <= limit)
        return undefined;
    return fromAccount
        ? `this account's quota of ${limit}`
        : `IAM's documented ceiling of ${limit} (this account's quota could not be read)`;
}
/**
 * The role's managed policies as found, read before any write of the convergence. Past a default
 * only a raised quota takes the attach: the account's, or without it the documented ceiling. Said
 * before writing, since IAM's LimitExceeded is retried by the SDK as a throttle for some 40 s.
 */
async function readManagedPolicies(iam, desired, prune, quotas, lists) {
    const attached = await lists(() => attachedPolicies(iam, desired.roleName));
    const toAttach = desired.policyArns.filter((arn) => !attached.includes(arn));
    const toDetach = prune ? attached.filter((arn) => !desired.policyArns.includes(arn)) : [];
    const count = attached.length - toDetach.length + toAttach.length;
    const limit = toAttach.length > 0 && count > policy_document/* MANAGED_POLICIES_DEFAULT_QUOTA */.us
        ? await passedManagedPolicyLimit(count, quotas)
        : undefined;
    if (limit) {
        const others = attached.filter((arn) => !desired.policyArns.includes(arn));
        throw new Error(`role ${desired.roleName} would have ${count} managed policies, past ${limit}: it has ${others.length} the inputs do not list (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''}); detach some or set prune-policies: true.`);
    }
    return attached;
}
async function convergeManagedPolicies(iam, desired, prune, attached, changes) {
    const result = new Set(attached);
    const toAttach = desired.policyArns.filter((arn) => !attached.includes(arn));
    const toDetach = prune ? attached.filter((arn) => !desired.policyArns.includes(arn)) : [];
    const detach = async () => {
        for (const arn of toDetach) {
            await ignoringNoSuchEntity(iam.send(new dist_cjs/* DetachRolePolicyCommand */.BA7({ RoleName: desired.roleName, PolicyArn: arn })));
            changes.push(`detached ${arn}`);
            result.delete(arn);
        }
    };
    // Attached first, so that a swap never leaves the role without either policy; but a swap that
    // would pass IAM's cap makes room first, since IAM refuses the attach (LimitExceeded, which the SDK
    // takes for throttling and retries for some 40 s before giving up).
    const roomFirst = attached.length + toAttach.length > policy_document/* MANAGED_POLICIES_DEFAULT_QUOTA */.us;
    if (roomFirst)
        await detach();
    for (const arn of toAttach) {
        await iam.send(new dist_cjs/* AttachRolePolicyCommand */.XgU({ RoleName: desired.roleName, PolicyArn: arn }));
        changes.push(`attached ${arn}`);
        result.add(arn);
    }
    if (!roomFirst)
        await detach();
    return [...result];
}
/**
 * IAM limits all of a role's inline policies together, and refuses a put past it (LimitExceeded,
 * retried by the SDK as a throttle). The others are read only when the role has some and this
 * action's policy is to be written; past the limit the role is refused before any write, naming the
 * input, unless pruning removes them anyway (then first).
 */
async function readInlinePolicies(iam, desired, prune, lists) {
    const name = desired.roleName;
    // Listed even without pruning, so that inline policies the inputs do not name (a hand-added one,
    // or this action's own after inline-policy was dropped from the inputs) are reported, not hidden.
    const names = await lists(() => inlinePolicyNames(iam, name));
    const wanted = desired.inlinePolicy;
    // Compared exactly: IAM's name requirements (IAM User Guide, "IAM and AWS STS quotas") make only
    // user, group, role and instance profile names case-blind; inline policy names are not listed.
    const current = wanted && names.includes(INLINE_POLICY_NAME)
        ? await inlinePolicy(iam, name, INLINE_POLICY_NAME, lists)
        : undefined;
    const others = names.filter((n) => n !== INLINE_POLICY_NAME);
    const state = { names, current, roomFirst: false };
    if (!wanted || others.length === 0 || (current !== undefined && (0,policy_document/* samePolicy */.Jo)(current, wanted)))
        return state;
    let othersSize = 0;
    for (const other of others) {
        const document = await inlinePolicy(iam, name, other, lists);
        if (document !== undefined)
            othersSize += (0,policy_document/* iamPolicySize */.HN)((0,policy_document/* iamDocumentJson */.ho)(document));
    }
    const size = (0,policy_document/* iamPolicySize */.HN)((0,policy_document/* policyJson */.nF)(wanted));
    if (size + othersSize <= policy_document/* INLINE_POLICY_LIMIT */.T4)
        return state;
    if (prune)
        return { ...state, roomFirst: true };
    const { input, where } = desired.inlinePolicyOrigin;
    throw new errors/* UserError */.yo(`${where ? `${where}: ` : ''}role ${name} holds other inline policies (${others.join(', ')}: ${othersSize} characters), and with this one (${size}) they would pass IAM's limit of ${policy_document/* INLINE_POLICY_LIMIT */.T4} characters for all of a role's inline policies; delete some of them, or set prune-policies: true.`, input);
}
async function convergeInlinePolicies(iam, desired, prune, state, changes) {
    const name = desired.roleName;
    const result = new Set(state.names);
    const extras = prune ? state.names.filter((n) => !(desired.inlinePolicy && n === INLINE_POLICY_NAME)) : [];
    const deleteExtras = async () => {
        for (const extra of extras) {
            await ignoringNoSuchEntity(iam.send(new dist_cjs/* DeleteRolePolicyCommand */.Tt({ RoleName: name, PolicyName: extra })));
            changes.push(`deleted inline policy ${extra}`);
            result.delete(extra);
        }
    };
    // Put first, so that a renamed policy never leaves the role without either; unless it fits only
    // once the others are gone.
    if (state.roomFirst)
        await deleteExtras();
    if (desired.inlinePolicy) {
        const current = state.current;
        if (current === undefined || !(0,policy_document/* samePolicy */.Jo)(current, desired.inlinePolicy)) {
            await putInlinePolicy(iam, desired, desired.inlinePolicy);
            changes.push(`${current === undefined ? 'put' : 'updated'} inline policy ${INLINE_POLICY_NAME}`);
        }
        result.add(INLINE_POLICY_NAME);
    }
    if (!state.roomFirst)
        await deleteExtras();
    return [...result];
}
/** What the role keeps that the inputs do not list: only without pruning, which removes it all. */
function unlistedPolicies(desired, prune, policyArns, inlinePolicies) {
    if (prune)
        return [];
    // Sorted, so that the warning reads the same on every run whatever order IAM lists them in.
    const managed = policyArns.filter((arn) => !desired.policyArns.includes(arn)).sort();
    const inline = inlinePolicies
        .filter((name) => !(desired.inlinePolicy && name === INLINE_POLICY_NAME))
        .sort()
        .map((name) => `${name} (inline)`);
    return [...managed, ...inline];
}
/** The issuer another run of this suite made the role for, when it is not this run's; as a URL. */
/** A tag's value, its key compared as IAM compares keys (without regard to case). */
function tagValue(tags, key) {
    return Object.entries(tags).find(([known]) => known.toLowerCase() === key)?.[1];
}
function otherIssuer(tags, desired) {
    const tagged = tagValue(tags, trust_tags/* ISSUER_TAG_KEY */.NM);
    const written = desired.tags[trust_tags/* ISSUER_TAG_KEY */.NM];
    if (tagged === undefined || written === undefined || sameIssuerTag(tagged, written))
        return undefined;
    // The tag holds the issuer escaped where IAM refuses its characters (issuer-tag.ts).
    return issuerOfTag(tagged);
}
function madeByThisSuite(tags) {
    return tagValue(tags, trust_tags/* MANAGED_BY_KEY */.oe) === trust_tags/* MANAGED_BY_VALUE */.Q9;
}
/**
 * A role this suite made for another cluster's issuer whose IAM OIDC provider still exists: that
 * cluster is live, and most likely binds the same role name (a bindings list copied between
 * clusters' workflows, or a wrong issuer-url), so each cluster's runs would take the role from the
 * other in turn. Refused before any write to the role, saying how to move it on purpose. Checked
 * before an unfinished role's handling, which would delete it: the other cluster's run may still
 * be making it.
 */
async function refuseLiveIssuerMove(role, desired, liveIssuer) {
    const tags = tagsOf(role);
    // The issuer tag alone decides, with or without managed-by: only this suite writes it, and a
    // managed-by tag removed by hand must not hand a live cluster's role to another.
    if (!liveIssuer)
        return;
    const previous = otherIssuer(tags, desired);
    if (previous === undefined || (await liveIssuer(previous)) !== true)
        return;
    const next = issuerOfTag(desired.tags[trust_tags/* ISSUER_TAG_KEY */.NM] ?? '');
    const { input, where } = desired.roleNameOrigin;
    throw new errors/* UserError */.yo(`${where ? `${where}: ` : ''}role ${desired.roleName} was made by talos-irsa for issuer ${previous}, whose IAM OIDC provider still exists, ` +
        `so this run would take it from that cluster's service accounts to give it to ${next}'s. ` +
        'If both clusters need it, give each its own role name (a role name is unique in the account, whatever its path); ' +
        'if issuer-url or provider-arn names the wrong cluster, correct it. To move the role on purpose, remove its ' +
        `${trust_tags/* ISSUER_TAG_KEY */.NM} tag first (aws iam untag-role --role-name ${desired.roleName} --tag-keys ${trust_tags/* ISSUER_TAG_KEY */.NM}).`, input);
}
/**
 * A role this suite made for another cluster's issuer whose provider is gone (a rebuilt cluster with
 * a new issuer, the legitimate case; a live one is refused above): taking it over cuts the first
 * issuer's service accounts off, so it is said, not done silently.
 */
function issuerMoveWarning(tags, desired) {
    const previous = otherIssuer(tags, desired);
    if (previous === undefined)
        return undefined;
    const next = issuerOfTag(desired.tags[trust_tags/* ISSUER_TAG_KEY */.NM] ?? '');
    return (`role ${desired.roleName} was made by talos-irsa for issuer ${previous}: this run makes it trust ${next} instead, ` +
        `so service accounts of ${previous} can no longer assume it. If both clusters need it, give each its own role name (a role name is unique in the account, whatever its path).`);
}
/**
 * A role this suite did not make (no managed-by=talos-irsa tag) is taken over, as `terraform import`
 * would: said out loud, since its trust policy and description are replaced and, with pruning, its
 * other policies removed. Once tagged, later runs say nothing.
 */
function takeoverWarning(role, desired, prune) {
    const tags = tagsOf(role);
    if (madeByThisSuite(tags))
        return issuerMoveWarning(tags, desired);
    const retagged = retaggedOwnRole(tags, desired);
    const replaced = (0,policy_document/* samePolicy */.Jo)(role.AssumeRolePolicyDocument ?? '', desired.trust)
        ? undefined
        : droppedPrincipals(role, desired);
    // Those the role's own trust policy let in lose it: named, as for a statement added by hand.
    const trust = replaced === undefined
        ? []
        : [
            `replacing its trust policy${replaced.length > 0 ? `, which let in ${replaced.join(', ')},` : ''} with the one these inputs describe`
        ];
    const pruning = prune ? ['removing the policies and permissions boundary these inputs do not list'] : [];
    const parts = (list) => list.map((part, i) => (i === 0 ? `, ${part}` : ` and ${part}`)).join('');
    if (retagged)
        return (`role ${desired.roleName} ${retagged}: this run takes it over again` +
            `${parts([`setting ${trust_tags/* MANAGED_BY_KEY */.oe}=${trust_tags/* MANAGED_BY_VALUE */.Q9}`, ...trust, ...pruning])}. ` +
            'If something else manages the role now, give this binding a role of its own.');
    const managedBy = tagValue(tags, trust_tags/* MANAGED_BY_KEY */.oe);
    const why = managedBy === undefined
        ? `it has no ${trust_tags/* MANAGED_BY_KEY */.oe}=${trust_tags/* MANAGED_BY_VALUE */.Q9} tag`
        : `its ${trust_tags/* MANAGED_BY_KEY */.oe} tag is '${managedBy}'`;
    return (`role ${desired.roleName} was not made by talos-irsa (${why}): ` +
        `this run takes it over${parts([...trust, ...pruning])}. ` +
        'To leave other roles alone, give each binding a role of its own, and scope the credentials to a role path.');
}
/**
 * What is true of a role without managed-by=talos-irsa that still carries this suite's issuer tag: this
 * suite made it (only it writes that tag), and its managed-by tag was removed or changed since. Said so,
 * rather than that talos-irsa did not make it, which would send the reader looking for another author.
 */
function retaggedOwnRole(tags, desired) {
    const tagged = tagValue(tags, trust_tags/* ISSUER_TAG_KEY */.NM);
    const written = desired.tags[trust_tags/* ISSUER_TAG_KEY */.NM];
    if (tagged === undefined || written === undefined)
        return undefined;
    const managedBy = tagValue(tags, trust_tags/* MANAGED_BY_KEY */.oe);
    const how = managedBy === undefined ? 'has been removed' : `has been changed to '${managedBy}'`;
    const issuer = sameIssuerTag(tagged, written)
        ? `this issuer (${issuerOfTag(written)})`
        : `issuer ${issuerOfTag(tagged)}, not this one (${issuerOfTag(written)}), whose service accounts lose it`;
    return `carries talos-irsa's ${trust_tags/* ISSUER_TAG_KEY */.NM} tag for ${issuer}, but its ${trust_tags/* MANAGED_BY_KEY */.oe} tag ${how} (by hand or by another tool)`;
}
/** A trust policy's statements of one effect, as objects. */
function statementsOf(document, effect) {
    const statements = (0,shape/* asRecord */.qY)(document)?.Statement;
    return (0,shape/* oneOrMany */.Pl)(statements)
        .map(shape/* asRecord */.qY)
        .filter((fields) => fields?.Effect === effect);
}
/** Whom a statement names, in words: `Service ec2.amazonaws.com`, `*`. */
function statementPrincipals(fields) {
    const principal = fields.Principal;
    const found = principal === '*' ? ['*'] : [];
    for (const [kind, values] of Object.entries((0,shape/* asRecord */.qY)(principal) ?? {}))
        for (const value of (0,shape/* oneOrMany */.Pl)(values))
            if (typeof value === 'string')
                found.push(`${kind} ${value}`);
    return found;
}
/** Who an Allow statement of a trust policy lets in, in words: `Service ec2.amazonaws.com`, `*`. */
function principalsOf(document) {
    return [...new Set(statementsOf(document, 'Allow').flatMap(statementPrincipals))];
}
/** What a Deny statement refuses, in words: `Federated arn:... when StringEquals host/path:sub`. */
function denialOf(fields) {
    const who = statementPrincipals(fields);
    const notPrincipal = fields.NotPrincipal === undefined ? [] : ['all but its NotPrincipal'];
    const conditions = Object.entries((0,shape/* asRecord */.qY)(fields.Condition) ?? {}).flatMap(([operator, keys]) => Object.keys((0,shape/* asRecord */.qY)(keys) ?? {}).map((key) => `${operator} ${key}`));
    const subject = [...who, ...notPrincipal].join(', ') || 'anyone';
    return conditions.length > 0 ? `${subject} when ${conditions.join(', ')}` : subject;
}
/** Whom the role's trust policy lets in that the one these inputs describe does not; none if it cannot be read. */
function droppedPrincipals(role, desired) {
    let document;
    try {
        document = (0,policy_document/* decodeIamDocument */.xq)(role.AssumeRolePolicyDocument ?? '');
    }
    catch {
        return [];
    }
    const kept = new Set(principalsOf(desired.trust));
    return principalsOf(document).filter((principal) => !kept.has(principal));
}
/**
 * Principals the role's trust policy lets in besides this binding's provider (a statement added by
 * hand: another cluster's provider, a service, an account). The trust policy is replaced whole, so
 * they lose the role: said, not done silently.
 */
function droppedPrincipalsWarning(role, desired) {
    const current = role.AssumeRolePolicyDocument ?? '';
    if (current === '' || (0,policy_document/* samePolicy */.Jo)(current, desired.trust))
        return undefined;
    const dropped = droppedPrincipals(role, desired);
    if (dropped.length === 0)
        return undefined;
    return (`role ${desired.roleName} also trusted ${dropped.join(', ')}: this run replaces its trust policy with one naming only ` +
        'the service accounts of these inputs, so they can no longer assume it. Give them a role of their own.');
}
/**
 * Deny statements in the role's trust policy, which these inputs never write: added by hand to refuse
 * someone (a service account found compromised, a source network). The trust policy is replaced whole,
 * so the refusal goes with it; said, not done silently, since it widens who may assume the role.
 */
function droppedDenialsWarning(role, desired) {
    const current = role.AssumeRolePolicyDocument ?? '';
    if (current === '' || (0,policy_document/* samePolicy */.Jo)(current, desired.trust))
        return undefined;
    let document;
    try {
        document = (0,policy_document/* decodeIamDocument */.xq)(current);
    }
    catch {
        return undefined;
    }
    const denials = statementsOf(document, 'Deny').map(denialOf);
    if (denials.length === 0)
        return undefined;
    const statements = denials.length === 1 ? 'a Deny statement' : `${denials.length} Deny statements`;
    return (`role ${desired.roleName} also had ${statements} in its trust policy (${denials.join('; ')}): this run replaces its ` +
        'trust policy with the one these inputs describe, which refuses no one, so what it refused is allowed again ' +
        'wherever the inputs allow it. To keep a service account out, leave it out of the inputs.');
}
/** `quotas` reads the account's IAM quotas, once per run, for a role that may go past a default. */
async function convergeRole(iam, desired, prune, quotas, liveIssuer, progress = { arn: '', changes: [] }) {
    try {
        return await convergeWithProgress(iam, desired, prune, quotas, progress, liveIssuer);
    }
    catch (error) {
        if (progress.changes.length === 0)
            throw error;
        throw new PartialConvergence(progress.arn, [...progress.changes], error);
    }
}
async function convergeWithProgress(iam, desired, prune, quotas, progress, liveIssuer) {
    let role = await currentRole(iam, desired.roleName);
    let lists = readOnce;
    if (!role) {
        // Unique to this call, so that a role carrying it can only be this call's own.
        const token = (0,external_node_crypto_.randomUUID)();
        try {
            return await createRole(iam, desired, progress, token);
        }
        catch (error) {
            // A retried CreateRole whose first attempt did land (the answer was lost), or another run
            // creating the same role: converge the role that now exists instead of failing.
            if (!isEntityAlreadyExists(error))
                throw error;
            role = await currentRole(iam, desired.roleName, readAfterConflict);
            if (!role)
                throw error;
            lists = readAfterConflict;
            // This call's own first attempt: finished as created, so that the run says it created the role
            // and, should IAM refuse its inline policy, deletes it again, as a run without the fault would.
            if (creationMarker(role) === token)
                return finishCreatedRole(iam, desired, progress, role.Arn ?? '');
        }
    }
    await refuseLiveIssuerMove(role, desired, liveIssuer);
    if (creationMarker(role) === undefined)
        return convergeExisting(iam, role, desired, prune, quotas, progress, lists);
    // Made by a run that did not finish it (killed, failed on a fault of AWS, or still at it: runs do
    // not lock): finished as that run would have, so that a refusal of what the inputs ask deletes it
    // rather than leaving it behind, assumable and half-made. Converged whole, since the inputs may
    // have changed since.
    try {
        const report = await convergeExisting(iam, role, desired, prune, quotas, progress, lists);
        await removeCreationMarker(iam, desired.roleName);
        report.changes.push('finished the role, which another run had created and not finished');
        return report;
    }
    catch (error) {
        if (!(error instanceof errors/* UserError */.yo))
            throw error;
        // As for a role this run created: the refusal says what became of the role.
        progress.changes.length = 0;
        throw await undoCreate(iam, desired.roleName, false, error, lists);
    }
}
async function convergeExisting(iam, role, desired, prune, quotas, progress, lists) {
    progress.arn = role.Arn ?? '';
    const changes = progress.changes;
    const warnings = [];
    if ((role.Path ?? '/') !== desired.path)
        warnings.push(`role ${desired.roleName} has path ${role.Path ?? '/'}, not ${desired.path}; IAM cannot move a role, so the path is left as it is.`);
    const foreign = takeoverWarning(role, desired, prune);
    if (foreign)
        warnings.push(foreign);
    // A takeover or an issuer move already says the trust policy is replaced, and whose it was.
    const dropped = foreign ? undefined : droppedPrincipalsWarning(role, desired);
    if (dropped)
        warnings.push(dropped);
    const denials = droppedDenialsWarning(role, desired);
    if (denials)
        warnings.push(denials);
    // Checked before the first write, so that a role whose tags or policies cannot fit stays as it was.
    const overQuota = (0,trust_tags/* roleTagQuotaProblem */.cR)(tagsOf(role), desired.tags);
    if (overQuota)
        throw new Error(`role ${desired.roleName} ${overQuota}`);
    const attached = await readManagedPolicies(iam, desired, prune, quotas, lists);
    const inline = await readInlinePolicies(iam, desired, prune, lists);
    await convergeSettings(iam, role, desired, prune, changes);
    const policyArns = await convergeManagedPolicies(iam, desired, prune, attached, changes);
    const inlinePolicies = await convergeInlinePolicies(iam, desired, prune, inline, changes);
    const unlisted = unlistedPolicies(desired, prune, policyArns, inlinePolicies);
    // Said on every run: a permission the inputs no longer grant, still granted, is what a reader of
    // "no change" would least expect. Pruning is not the default because it also removes others' policies.
    if (unlisted.length > 0)
        warnings.push(`role ${desired.roleName} keeps ${unlisted.join(', ')}, which the inputs do not list; ` +
            'prune-policies: true removes them (with every other policy the inputs do not list), or detach them by hand.');
    return {
        roleName: desired.roleName,
        arn: role.Arn ?? '',
        created: false,
        changes,
        policyArns,
        inlinePolicies,
        unlisted,
        warnings
    };
}

;// CONCATENATED MODULE: ./src/irsa-role/outcome.ts
/** The role's ARN, also from a convergence that failed after creating it; '' when unknown. */
function outcomeArn(outcome) {
    return outcome.report?.arn ?? outcome.written?.arn ?? '';
}
/** Everything this run wrote for the role, whether or not it then failed. */
function outcomeChanges(outcome) {
    return [...(outcome.report?.changes ?? outcome.written?.changes ?? []), ...outcome.annotations];
}

;// CONCATENATED MODULE: ./src/irsa-role/pool.ts
/**
 * Runs `work` over `items` with at most `limit` in flight, keeping results in input order. Each
 * item settles on its own, so one failing role does not stop the others from converging.
 */
async function settleBounded(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            try {
                results[index] = { status: 'fulfilled', value: await work(items[index], index) };
            }
            catch (reason) {
                results[index] = { status: 'rejected', reason };
            }
        }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
    await Promise.all(workers);
    return results;
}
/** Like settleBounded, but fails with the first error (in input order) once all have settled. */
async function mapBounded(items, limit, work) {
    const settled = await settleBounded(items, limit, work);
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed)
        throw failed.reason;
    return settled.map((result) => result.value);
}

;// CONCATENATED MODULE: ./src/irsa-role/provider.ts





/** The same issuer, with or without https:// and a trailing slash. */
function sameIssuer(a, b) {
    // Host names are case-insensitive; paths are not.
    const split = (value) => {
        const bare = conditionKeyPrefix(value);
        const slash = bare.indexOf('/');
        return slash < 0 ? [bare.toLowerCase(), ''] : [bare.slice(0, slash).toLowerCase(), bare.slice(slash)];
    };
    const [hostA, pathA] = split(a);
    const [hostB, pathB] = split(b);
    return hostA === hostB && pathA === pathB;
}
async function describe(iam, arn) {
    try {
        const found = await iam.send(new dist_cjs/* GetOpenIDConnectProviderCommand */.cCT({ OpenIDConnectProviderArn: arn }));
        return { arn, hostPath: conditionKeyPrefix(found.Url ?? ''), clientIds: found.ClientIDList ?? [] };
    }
    catch (error) {
        if (isNoSuchEntity(error))
            return undefined;
        throw error;
    }
}
async function resolveProvider(iam, given) {
    if (given.input === 'provider-arn') {
        const provider = await describe(iam, given.arn).catch((error) => {
            // IAM answers AccessDenied, not NoSuchEntity, for another account's provider; and a role can
            // trust only a provider of its own account, so that ARN is a bad input either way.
            if (!isAccessDenied(error))
                throw error;
            throw new errors/* UserError */.yo(`IAM refused GetOpenIDConnectProvider on '${given.arn}' (AccessDenied): the provider must be in the credentials' own account (the ARN names ${(0,names/* accountOf */.XP)(given.arn)}; a role can trust only an OIDC provider of its own account), or the credentials lack iam:GetOpenIDConnectProvider.`, 'provider-arn');
        });
        if (!provider)
            throw new errors/* UserError */.yo(`no IAM OIDC provider '${given.arn}' exists in this account; create it first (publish-oidc does).`, 'provider-arn');
        return provider;
    }
    const listed = await iam.send(new dist_cjs/* ListOpenIDConnectProvidersCommand */.vfi({}));
    const arns = (listed.OpenIDConnectProviderList ?? []).flatMap((entry) => (entry.Arn ? [entry.Arn] : []));
    // A provider's ARN ends with its URL, so only likely matches need a GetOpenIDConnectProvider.
    const wanted = conditionKeyPrefix(given.url);
    const candidates = arns.filter((arn) => sameIssuer(arn.replace(/^.*?:oidc-provider\//, ''), wanted));
    for (const arn of candidates) {
        const provider = await describe(iam, arn);
        if (provider && sameIssuer(provider.hostPath, wanted))
            return provider;
    }
    throw new errors/* UserError */.yo(`no IAM OIDC provider has the URL '${given.url}'; create it first (publish-oidc does) or give provider-arn.`, 'issuer-url');
}
/**
 * Whether an IAM OIDC provider for an issuer exists in the account, from one listing per run (the
 * ARN ends with the provider's URL); undefined when the listing is refused or fails.
 */
function liveIssuerReader(iam) {
    let listed;
    return async (issuer) => {
        listed ??= iam.send(new dist_cjs/* ListOpenIDConnectProvidersCommand */.vfi({})).then((page) => (page.OpenIDConnectProviderList ?? []).flatMap((entry) => (entry.Arn ? [entry.Arn] : [])), () => undefined);
        const arns = await listed;
        if (!arns)
            return undefined;
        const wanted = conditionKeyPrefix(issuer);
        return arns.some((arn) => sameIssuer(arn.replace(/^.*?:oidc-provider\//, ''), wanted));
    };
}

// EXTERNAL MODULE: ./src/kube/client.ts + 3 modules
var kube_client = __webpack_require__(6496);
;// CONCATENATED MODULE: ./src/kube/error-text.ts
// What a failed cluster call says, for a check, an output or an error line. Apart from client.ts,
// which publish-oidc's main chunk loads: only the actions that quote a call's failure pay for it.

/** The longest kubeErrorText: a cluster's answer is quoted in checks, outputs and error lines. */
const MAX_KUBE_ERROR_TEXT = 500;
// How much of an answer kubeErrorText reads: enough for any page's text to fill its line.
const MAX_ANSWER_READ = 64 * 1024;
// An answer that is an HTML page (a proxy's or a load balancer's error page), not text.
const HTML_PAGE = /^\s*<(!doctype\b|html\b|head\b|body\b|\?xml\b|title\b|h1\b)/i;
/** An HTML page's text: markup, scripts and styles left out, the common entities read. */
function pageText(html) {
    return html
        .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
        .replace(/<!--[\s\S]*?-->/g, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
}
/** The text redacted, then on one line and cut to MAX_KUBE_ERROR_TEXT: redacted first, so a cut splits no secret. */
function boundedLine(text, redact) {
    const line = redact(text).replace(/\s+/g, ' ').trim();
    return line.length > MAX_KUBE_ERROR_TEXT ? `${line.slice(0, MAX_KUBE_ERROR_TEXT - 1).trimEnd()}…` : line;
}
/**
 * What a failed cluster call says, on one line of at most MAX_KUBE_ERROR_TEXT characters: the
 * apiserver's own message from a Status body; for any other answer (a proxy's HTML page, a plain-text
 * panic) the call and the answer's text; else the error's message, every line of it (a Go panic's
 * reason, an exec plugin's stderr follow its first line), without the headers client-node adds.
 * A KubeApiError's body was redacted by the client that got it; `redact` (ctx.redact, the client's)
 * also hides what another error's message quotes. Required, so that no caller quotes a text unredacted. Line breaks are collapsed, so the text cannot
 * start a workflow command.
 */
function kubeErrorText(error, redact) {
    let body;
    if (typeof error === 'object' && error !== null && 'body' in error) {
        const value = error.body;
        body = typeof value === 'string' ? value : JSON.stringify(value);
        try {
            const status = JSON.parse(body ?? '');
            if (typeof status?.message === 'string')
                return boundedLine(status.message, redact);
        }
        catch {
            // not a Status body
        }
    }
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof kube_client/* KubeApiError */.W3 && body !== undefined && body.trim() !== '') {
        // Redacted whole before the page's start is read: the text shown comes from its first part.
        const start = redact(body).slice(0, MAX_ANSWER_READ);
        return boundedLine(`${message}: ${HTML_PAGE.test(start) ? pageText(start) : start}`, redact);
    }
    // client-node's ApiException ends with the answer's headers, which say nothing and may set a cookie.
    return boundedLine(redact(message)
        .slice(0, MAX_ANSWER_READ)
        .replace(/\r?\nHeaders:[\s\S]*$/, ''), redact);
}

;// CONCATENATED MODULE: ./src/irsa-role/service-account-annotation.ts



const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
/** Where kube-apiserver serves its OIDC discovery document, which names its issuer. */
const DISCOVERY_PATH = '/.well-known/openid-configuration';
/**
 * Every namespace the annotations go into must exist: checked before the first IAM write so that a
 * typo in a namespace (or a cluster that cannot be reached) changes nothing.
 */
async function checkAnnotationTargets(accounts, targets) {
    const checked = new Set();
    for (const { account, namespaceOrigin: origin } of targets) {
        if (checked.has(account.namespace))
            continue;
        checked.add(account.namespace);
        if ((await accounts.namespaceExists(account.namespace)) === false)
            throw new errors/* UserError */.yo(`${origin.where ? `${origin.where}: ` : ''}namespace '${account.namespace}' does not exist in the cluster; ` +
                'create it first (the action creates service accounts, not namespaces), or correct the name.', origin.input);
    }
    // Reading one service account proves the credentials reach service accounts at all.
    const first = targets[0];
    if (first)
        await accounts.roleArnOf(first.account);
}
async function annotateServiceAccount(accounts, account, roleArn) {
    const current = await accounts.roleArnOf(account);
    if (current === undefined) {
        if (await accounts.create(account, roleArn))
            return { change: 'created', replaced: '' };
        // Made meanwhile: by this run's own create whose answer was lost, or by someone else.
        const found = await accounts.roleArnOf(account);
        if (found === roleArn)
            return { change: 'created', replaced: '' };
        if (found === undefined)
            throw new Error(`service account ${account.namespace}/${account.name} was there to create and gone to read (deleted meanwhile); run again.`);
        await accounts.annotate(account, roleArn);
        return { change: 'annotated', replaced: found };
    }
    if (current === roleArn)
        return { change: 'unchanged', replaced: '' };
    await accounts.annotate(account, roleArn);
    return { change: 'annotated', replaced: current };
}
function kubeFailure(error, action, client) {
    // Unreachable cluster, timeout: already one line that names the kubeconfig input.
    if (error instanceof errors/* UserError */.yo)
        return error;
    const code = (0,kube_client/* statusOf */.c2)(error);
    // Only a 403 is a matter of RBAC: a 401 is the credentials themselves, which no grant mends.
    if (code === 401)
        return new errors/* UserError */.yo(`the cluster rejected its credentials (HTTP 401) when asked to ${action}: they are expired, revoked or for another cluster; give a current kubeconfig.`, client.source.input);
    if (code === 403)
        return new errors/* UserError */.yo(`the cluster refused to ${action} (HTTP 403); the kubeconfig's user needs get/create/patch on serviceaccounts.`, client.source.input);
    if (code === 404)
        return new errors/* UserError */.yo(`cannot ${action}: its namespace does not exist (create it first).`, 'annotate-service-account');
    if (code === 429 || (code !== undefined && code >= 500))
        return new Error(`could not ${action}: the cluster at ${client.server} answered HTTP ${code} ${attemptsOf(error)}` +
            ` (${kubeErrorText(error, client.redact).slice(0, 200)}); run again once the API server is back.`);
    return new Error(`could not ${action}: ${kubeErrorText(error, client.redact).slice(0, 300)}`);
}
function attemptsOf(error) {
    const attempts = error instanceof kube_client/* KubeApiError */.W3 ? error.attempts : 1;
    return attempts > 1 ? `to the last of ${attempts} attempts` : 'and was not asked again';
}
const accountPath = (account) => (0,kube_client/* namespacedPath */.Nh)(account.namespace, `serviceaccounts/${encodeURIComponent(account.name)}`);
/**
 * ServiceAccounts over plain REST calls with the kubeconfig's credentials (src/kube/client.ts):
 * four small requests do not justify loading @kubernetes/client-node, a 16 MB chunk.
 */
function kubeServiceAccounts(client) {
    const label = (account) => `service account ${account.namespace}/${account.name}`;
    return {
        kubeconfigInput: client.source.input,
        async clusterIssuer() {
            try {
                const found = await (0,kube_client/* kubeJson */.s6)(client, 'GET', DISCOVERY_PATH);
                return typeof found.issuer === 'string' ? found.issuer : undefined;
            }
            catch (error) {
                const code = (0,kube_client/* statusOf */.c2)(error);
                // Only a grant (system:service-account-issuer-discovery) or an https issuer would tell.
                if (code === 403 || code === 404)
                    return undefined;
                throw kubeFailure(error, `read ${DISCOVERY_PATH}`, client);
            }
        },
        async namespaceExists(namespace) {
            try {
                await (0,kube_client/* kubeCall */.W0)(client, 'GET', (0,kube_client/* namespacedPath */.Nh)(namespace));
                return true;
            }
            catch (error) {
                const code = (0,kube_client/* statusOf */.c2)(error);
                if (code === 404)
                    return false;
                // Allowed to manage service accounts but not to read namespaces: let the writes decide.
                if (code === 403)
                    return undefined;
                throw kubeFailure(error, `read namespace ${namespace}`, client);
            }
        },
        async roleArnOf(account) {
            try {
                const found = await (0,kube_client/* kubeJson */.s6)(client, 'GET', accountPath(account));
                return found.metadata?.annotations?.[ROLE_ARN_ANNOTATION] ?? '';
            }
            catch (error) {
                if ((0,kube_client/* statusOf */.c2)(error) === 404)
                    return undefined;
                throw kubeFailure(error, `read ${label(account)}`, client);
            }
        },
        async create(account, roleArn) {
            try {
                // Sent again after a lost answer: a repeat of one that was applied is a 409, read as such.
                await (0,kube_client/* kubeCall */.W0)(client, 'POST', (0,kube_client/* namespacedPath */.Nh)(account.namespace, 'serviceaccounts'), {
                    apiVersion: 'v1',
                    kind: 'ServiceAccount',
                    metadata: {
                        name: account.name,
                        namespace: account.namespace,
                        annotations: { [ROLE_ARN_ANNOTATION]: roleArn },
                        labels: { 'app.kubernetes.io/managed-by': 'talos-irsa' }
                    }
                }, 'safe');
                return true;
            }
            catch (error) {
                if ((0,kube_client/* statusOf */.c2)(error) === 409)
                    return false;
                throw kubeFailure(error, `create ${label(account)}`, client);
            }
        },
        async annotate(account, roleArn) {
            try {
                // A merge patch of one fixed value: applying it twice is applying it once.
                await (0,kube_client/* kubeCall */.W0)(client, 'PATCH', accountPath(account), { metadata: { annotations: { [ROLE_ARN_ANNOTATION]: roleArn } } }, 'safe');
            }
            catch (error) {
                throw kubeFailure(error, `annotate ${label(account)}`, client);
            }
        }
    };
}

// EXTERNAL MODULE: ./src/io/summary.ts
var summary = __webpack_require__(2864);
;// CONCATENATED MODULE: ./src/irsa-role/summary.ts
// The job summary: each role, who may assume it, its policies, and what this run changed.



function policiesCell(outcome) {
    if (!outcome.report)
        return '';
    const unlisted = new Set(outcome.report.unlisted);
    // A policy kept only because prune-policies is off is marked, so the table does not pass it off as asked for.
    const mark = (key) => (unlisted.has(key) ? ' (not in the inputs)' : '');
    const managed = outcome.report.policyArns.map((arn) => `${(0,summary/* code */.aY)(arn)}${mark(arn)}`);
    const inline = outcome.report.inlinePolicies.map((name) => `${(0,summary/* code */.aY)(name)} (inline)${mark(`${name} (inline)`)}`);
    const all = [...managed, ...inline];
    return all.length ? all.join('\n') : '—';
}
function changesCell(outcome) {
    const changes = outcomeChanges(outcome);
    // What was written before a failure is shown with it: it is in IAM (or the cluster) all the same.
    if (outcome.error)
        return [...changes, `**failed:** ${outcome.error}`].join('\n');
    return changes.length ? changes.join('\n') : 'no change';
}
function irsaRoleSummary(params) {
    const changed = params.outcomes.filter((o) => !o.error && outcomeChanges(o).length > 0);
    const failed = params.outcomes.filter((o) => o.error).length;
    const rows = params.outcomes.map((outcome, index) => {
        const binding = params.bindings[index];
        // The ARN ends with the role's name: a column for each would say it twice.
        return [
            (0,summary/* code */.aY)(outcomeArn(outcome) || binding.roleName),
            assumedBy(binding.serviceAccounts).map(summary/* code */.aY).join('\n'),
            policiesCell(outcome),
            changesCell(outcome)
        ];
    });
    const roles = (count) => (count === 1 ? '1 role' : `${count} roles`);
    const counts = `${roles(params.outcomes.length)}: ${changed.length} changed, ${params.outcomes.length - changed.length - failed} unchanged${failed ? `, ${failed} failed` : ''}.`;
    // The title says what happened; a failure outranks a change, which outranks nothing to do.
    const outcome = failed
        ? `${roles(failed)} failed`
        : changed.length
            ? `${roles(changed.length)} changed`
            : 'nothing to change';
    return [
        `### IRSA roles: ${outcome}`,
        '',
        `Trusted provider ${(0,summary/* code */.aY)(params.providerArn)}, audience ${(0,summary/* code */.aY)(params.audience)}. ${counts}`,
        '',
        (0,summary/* table */.tp)(['Role', 'Assumable by (namespace/service account)', 'Policies', 'This run'], rows),
        ''
    ].join('\n');
}

// EXTERNAL MODULE: ./src/aws/partitions.ts
var partitions = __webpack_require__(5986);
;// CONCATENATED MODULE: ./src/irsa-role/issuer-checks.ts
// The refusal of a guessed region that IAM's answer shows wrong: it needs IAM's error codes, so it is
// kept out of the action's main chunk, which a run failing on a missing input loads, and re-exported
// by run.ts, whose chunk the action loads anyway before it calls it.



/**
 * A guessed region's partition may not be the credentials': then IAM does not know them
 * (InvalidClientTokenId), and the error says where IAM was called, why, and to set the region.
 */
function guessedRegionRefusal(error, region, issuerUrl) {
    if (!isUnknownCredentials(error))
        return undefined;
    const why = (0,partitions/* partitionOfHost */.QO)(new URL(issuerUrl).hostname)
        ? "the partition issuer-url's host shows"
        : "as issuer-url's host shows no partition";
    return new errors/* UserError */.yo(`IAM in ${region} does not know these credentials (InvalidClientTokenId). Neither AWS_REGION nor AWS_DEFAULT_REGION is set, so IAM was called in ${(0,partitions/* partitionOfRegion */.cn)(region)}, ${why}; if the credentials are of another partition (aws-cn, aws-us-gov, ...), set the region (configure-aws-credentials' aws-region) to one of it.`);
}

;// CONCATENATED MODULE: ./src/irsa-role/run.ts
















// For the action's entry, which loads this chunk anyway: a chunk of its own would be one more load.

// For the entry: run.js already holds this module, and a dynamic import of its own would make ncc
// bundle a second copy of it in a chunk apart.

/** IAM's per-account request rate is modest; 8 in flight keeps 100 roles quick without a storm of throttles. */
const DEFAULT_CONCURRENCY = 8;
function desiredRoleFor(binding, inputs, provider) {
    const issuer = `https://${provider.hostPath}`;
    return {
        roleName: binding.roleName,
        path: inputs.rolePath,
        trust: trustPolicyFor({
            providerArn: provider.arn,
            issuer: provider.hostPath,
            serviceAccounts: binding.serviceAccounts,
            audience: inputs.audience
        }),
        description: roleDescription(binding.serviceAccounts),
        maxSessionDuration: inputs.maxSessionDuration,
        permissionsBoundary: binding.permissionsBoundary,
        tags: { ...binding.tags, ...(0,trust_tags/* managedTags */.L8)(issuerTagValue(issuer)) },
        policyArns: binding.policyArns,
        inlinePolicy: binding.inlinePolicy,
        inlinePolicyOrigin: binding.origins.inlinePolicy,
        // A bindings entry's namespace origin is the entry itself.
        roleNameOrigin: inputs.single ? { input: 'role-name', where: '' } : binding.origins.namespace
    };
}
/**
 * A namespace pattern trusts namespaces that do not exist yet: whoever may create one whose name
 * matches (and a service account in it) may assume the role. allow-wildcards permits it; the run
 * says it, since that reach is easy to miss in `team-*`.
 */
function warnNamespacePatterns(bindings, log) {
    for (const binding of bindings)
        for (const account of binding.serviceAccounts)
            if ((0,names/* hasWildcard */.rl)(account.namespace))
                log.warning(`Role '${binding.roleName}' trusts ${subjectOf(account)}: any namespace matching '${account.namespace}', including ones created later, so whoever can create such a namespace can assume the role.`);
}
/**
 * Past IAM's default quotas a role fits only an account whose quota was raised; elsewhere IAM
 * refuses it after the role is made (LimitExceeded, which the SDK retries as a throttle for some
 * 40 s). So the account's own quotas are read then, and decide: a binding past them is refused
 * before any write, whatever the documented ceilings say. Only when they cannot be read (the
 * permission is optional) do the ceilings stand in: past them refused, between default and ceiling
 * a warning, since IAM may still refuse.
 */
async function checkAccountQuotas(desired, inputs, quotas) {
    const longTrust = desired.filter((role) => trustPolicySize(role.trust) > TRUST_POLICY_DEFAULT_LIMIT);
    const manyPolicies = inputs.bindings.filter((binding) => binding.policyArns.length > policy_document/* MANAGED_POLICIES_DEFAULT_QUOTA */.us);
    if (longTrust.length === 0 && manyPolicies.length === 0)
        return [];
    const account = await quotas();
    // Returned, to be said only once every check has passed, so that a refused run does not also warn.
    const warnings = [];
    for (const role of longTrust) {
        const size = trustPolicySize(role.trust);
        const { limit, fromAccount } = decidingLimit(account.trustPolicySize, TRUST_POLICY_MAX_LIMIT);
        const input = inputs.single ? 'service-account' : 'bindings';
        const trusted = `the trust policy of role '${role.roleName}' would be ${size} characters`;
        if (size > limit)
            throw new errors/* UserError */.yo(fromAccount
                ? `${trusted}, over this account's quota of ${limit} (raise "Role trust policy length" in Service Quotas, or split its service accounts across roles).`
                : `${trusted}, over IAM's documented ceiling of ${limit}, and ${unreadQuota(account, 'AssumeRolePolicySizeQuota')}; split its service accounts across roles${account.refused ? ', or allow iam:GetAccountSummary so that a quota raised past it can be read' : ''}.`, input);
        if (!fromAccount)
            warnings.push(`The trust policy of role '${role.roleName}' is ${size} characters; IAM's default quota is ${TRUST_POLICY_DEFAULT_LIMIT} and ${unreadQuota(account, 'AssumeRolePolicySizeQuota')} (raise "Role trust policy length" in Service Quotas, or split the role).`);
    }
    for (const binding of manyPolicies) {
        const count = binding.policyArns.length;
        const { limit, fromAccount } = decidingLimit(account.managedPoliciesPerRole, policy_document/* MANAGED_POLICIES_MAX_QUOTA */.VL);
        const { input, where } = binding.origins.policyArns;
        const lists = `${where || `role '${binding.roleName}'`} lists ${count} managed policies`;
        if (count > limit)
            throw new errors/* UserError */.yo(fromAccount
                ? `${lists}, over this account's quota of ${limit} per role (raise "Managed policies per role" in Service Quotas, or merge policies).`
                : `${lists}, over IAM's documented ceiling of ${limit} per role, and ${unreadQuota(account, 'AttachedPoliciesPerRoleQuota')}; merge policies${account.refused ? ', or allow iam:GetAccountSummary so that a quota raised past it can be read' : ''}.`, input);
        if (!fromAccount)
            warnings.push(`Role '${binding.roleName}' lists ${count} managed policies; IAM's default quota is ${policy_document/* MANAGED_POLICIES_DEFAULT_QUOTA */.us} per role and ${unreadQuota(account, 'AttachedPoliciesPerRoleQuota')} (raise "Managed policies per role" in Service Quotas, up to ${policy_document/* MANAGED_POLICIES_MAX_QUOTA */.VL}, or merge policies).`);
    }
    return warnings;
}
/** The words for a quota the account's summary did not give, which the documented ceilings stand in for. */
function unreadQuota(account, key) {
    return account.refused
        ? "this account's own could not be read (iam:GetAccountSummary was refused: the permission is optional, and needed only for this check)"
        : `this account's summary gives no ${key}`;
}
/** Every managed policy named anywhere, with the input that named it first. */
function namedPolicies(bindings) {
    const named = new Map();
    for (const binding of bindings) {
        for (const arn of binding.policyArns)
            if (!named.has(arn))
                named.set(arn, binding.origins.policyArns);
        const boundary = binding.permissionsBoundary;
        if (boundary && !named.has(boundary))
            named.set(boundary, binding.origins.permissionsBoundary);
    }
    return named;
}
/**
 * A role lives in its provider's partition and account, and IAM attaches (or sets as boundary) only
 * policies of that account or AWS managed ones of that partition. Anything else IAM would answer with
 * an error naming neither the input nor the cause (AccessDenied on GetPolicy, with the documented
 * credentials' policy).
 */
function checkPolicyHomes(bindings, provider) {
    const partition = (0,names/* partitionOf */.iQ)(provider.arn);
    const account = (0,names/* accountOf */.XP)(provider.arn);
    for (const [arn, origin] of namedPolicies(bindings)) {
        const where = origin.where ? `${origin.where}: ` : '';
        if ((0,names/* partitionOf */.iQ)(arn) !== partition)
            throw new errors/* UserError */.yo(`${where}policy '${arn}' is in partition ${(0,names/* partitionOf */.iQ)(arn)}, but the OIDC provider ${provider.arn} is in ${partition}; use arn:${partition}:iam::... ARNs.`, origin.input);
        const owner = (0,names/* accountOf */.XP)(arn);
        if (owner !== 'aws' && owner !== account)
            throw new errors/* UserError */.yo(`${where}policy '${arn}' belongs to account ${owner}, but the roles are made in ${account} (the OIDC provider's); IAM attaches only policies of the role's own account or AWS managed ones.`, origin.input);
    }
}
/** A policy ARN that does not exist is a bad input, and must be found before the first write. */
async function checkPoliciesExist(iam, bindings, concurrency) {
    const named = [...namedPolicies(bindings)];
    await mapBounded(named, concurrency, async ([arn, origin]) => {
        try {
            await iam.send(new dist_cjs/* GetPolicyCommand */.s4W({ PolicyArn: arn }));
        }
        catch (error) {
            if (!isNoSuchEntity(error))
                throw error;
            const where = origin.where ? `${origin.where}: ` : '';
            throw new errors/* UserError */.yo(`${where}policy '${arn}' does not exist in this account.`, origin.input);
        }
    });
}
/** Pushes each change into `notes` as it is made, so that a later failure keeps the earlier ones. */
async function annotateFor(accounts, binding, roleArn, log, notes) {
    for (const account of binding.serviceAccounts) {
        const { change, replaced } = await annotateServiceAccount(accounts, account, roleArn);
        const label = `${account.namespace}/${account.name}`;
        // Its pods switch roles: said, since the annotation may be another binding's or another tool's,
        // which would then set it back on its next run.
        if (replaced)
            log.warning(`Service account ${label} was annotated with role ${replaced}; this run points it at ${roleArn} instead. If something else set that annotation, bind the service account in one place only.`);
        if (change === 'created')
            notes.push(`created service account ${label}`);
        if (change === 'annotated')
            notes.push(`annotated service account ${label}`);
        log.info(`${binding.roleName}: service account ${label} ${change === 'unchanged' ? 'already annotated' : change}.`);
    }
}
/**
 * The kubeconfig must be that of the provider's cluster: with several clusters in one account, a
 * kubeconfig for another (a copied workflow, a wrong secret) would point that cluster's service
 * accounts at a role its tokens can never assume, replacing their own binding. Checked before the
 * first write; a cluster that does not say its issuer is warned of, not refused.
 */
async function checkClusterIssuer(accounts, provider, log) {
    const issuer = await accounts.clusterIssuer();
    const wanted = `https://${provider.hostPath}`;
    if (issuer === undefined) {
        log.warning(`Could not read the cluster's issuer (/.well-known/openid-configuration), so the kubeconfig is not known to be that of ${wanted}'s cluster: grant its user the ClusterRole system:service-account-issuer-discovery to have it checked.`);
        return;
    }
    if (!sameIssuer(issuer, provider.hostPath))
        throw new errors/* UserError */.yo(`the cluster issues its service accounts' tokens as ${issuer}, not as ${wanted}, the issuer of the IAM OIDC provider ${provider.arn}: ` +
            "give the kubeconfig of that issuer's cluster, or the provider-arn or issuer-url of this cluster's.", accounts.kubeconfigInput);
}
function failureMessage(failures, total) {
    if (failures.length === 0)
        return undefined;
    if (total === 1)
        return failures[0]?.[1];
    const listed = failures.map(([role, message]) => `role '${role}': ${message}`).join('; ');
    return `${failures.length} of ${total} roles failed: ${listed}`;
}
async function run(inputs, deps) {
    const { iam, log } = deps;
    const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
    const provider = await resolveProvider(iam, inputs.provider);
    log.info(`IAM OIDC provider ${provider.arn} (issuer https://${provider.hostPath}).`);
    if (!provider.clientIds.includes(inputs.audience))
        log.warning(`Provider ${provider.arn} does not list '${inputs.audience}' as a client ID (audience), so STS will refuse tokens for these roles until it does.`);
    const desired = inputs.bindings.map((binding) => desiredRoleFor(binding, inputs, provider));
    warnNamespacePatterns(inputs.bindings, log);
    checkPolicyHomes(inputs.bindings, provider);
    // One reading per run, shared with the roles' convergence, which may need it too. Before the
    // policies' existence: a list past the quota is refused on one read, not one GetPolicy per ARN.
    const quotas = accountQuotaReader(iam);
    const quotaWarnings = await checkAccountQuotas(desired, inputs, quotas);
    await checkPoliciesExist(iam, inputs.bindings, concurrency);
    for (const warning of quotaWarnings)
        log.warning(warning);
    const accounts = inputs.annotate ? await deps.serviceAccounts() : undefined;
    // Reads before the first write, so a missing namespace, an unreachable cluster or refused
    // credentials change nothing.
    if (accounts)
        await checkClusterIssuer(accounts, provider, log);
    if (accounts)
        await checkAnnotationTargets(accounts, inputs.bindings.flatMap((binding) => binding.serviceAccounts.map((account) => ({ account, namespaceOrigin: binding.origins.namespace }))));
    deps.writing?.();
    // Each role's writes as IAM answers them, for a cancelled run's summary.
    const progress = inputs.bindings.map(() => ({ arn: '', changes: [] }));
    deps.written?.(() => progress.flatMap((role, index) => role.changes.length > 0
        ? [`role ${inputs.bindings[index]?.roleName ?? ''}: ${role.changes.join('; ')}`]
        : []));
    const liveIssuer = liveIssuerReader(iam);
    const settled = await settleBounded(inputs.bindings, concurrency, async (binding, index) => {
        const report = await convergeRole(iam, desired[index], inputs.prune, quotas, liveIssuer, progress[index]);
        for (const warning of report.warnings)
            log.warning(warning);
        log.info(`${binding.roleName}: ${report.changes.length ? report.changes.join('; ') : 'no change'} (${report.arn}).`);
        const annotations = [];
        // The role is made by now: a failed annotation must not hide it from the outputs and summary.
        let error;
        if (accounts)
            try {
                await annotateFor(accounts, binding, report.arn, log, annotations);
            }
            catch (annotationError) {
                error = (0,errors/* failureText */.kY)(annotationError);
            }
        return { report, annotations, error };
    });
    // A UserError raised while converging (IAM rejecting a policy) fails the step like any bad input.
    const outcomes = settled.map((result) => {
        if (result.status === 'fulfilled')
            return result.value;
        const reason = result.reason;
        if (reason instanceof PartialConvergence)
            return {
                report: undefined,
                annotations: [],
                error: (0,errors/* failureText */.kY)(reason.failure),
                written: { arn: reason.arn, changes: reason.changes }
            };
        return { report: undefined, annotations: [], error: (0,errors/* failureText */.kY)(reason) };
    });
    const failures = outcomes.flatMap((outcome, index) => outcome.error ? [[inputs.bindings[index]?.roleName ?? '', outcome.error]] : []);
    const roleArns = {};
    outcomes.forEach((outcome, index) => {
        const arn = outcomeArn(outcome);
        if (arn)
            roleArns[inputs.bindings[index]?.roleName ?? ''] = arn;
    });
    const changed = outcomes.some((o) => outcomeChanges(o).length > 0);
    const outputs = { 'role-arns': JSON.stringify(roleArns), changed: String(changed) };
    const firstArn = outcomes[0] ? outcomeArn(outcomes[0]) : '';
    if (inputs.single && firstArn)
        outputs['role-arn'] = firstArn;
    const keeping = outcomes.filter((o) => (o.report?.unlisted.length ?? 0) > 0).length;
    if (!changed && failures.length === 0)
        log.info(keeping === 0
            ? 'Nothing to change: every role already matches its inputs.'
            : `Nothing changed, but ${keeping === 1 ? '1 role keeps' : `${keeping} roles keep`} policies the inputs do not list (see the warnings).`);
    const result = {
        outputs,
        summary: irsaRoleSummary({
            providerArn: provider.arn,
            audience: inputs.audience,
            bindings: inputs.bindings,
            outcomes
        })
    };
    const failure = failureMessage(failures, inputs.bindings.length);
    if (failure)
        result.failure = failure;
    return result;
}


/***/ })

};
