export const id = 274;
export const ids = [274];
export const modules = {

/***/ 3274:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verifyDeps: () => (/* binding */ verifyDeps),
  verifyResult: () => (/* binding */ verifyResult)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/aws/call-deadline.ts
/**
 * Two of the SDK's 20 s attempts and their backoff: an attempt that timed out is tried once more in
 * full, and a throttled or failing call still gets the SDK's quick retries.
 */
const AWS_CALL_MS = 45_000;
/** A call that did not complete by its deadline; named so that callers treat it as a timeout. */
class AwsCallTimeoutError extends Error {
    constructor(call, ms) {
        super(`${call} did not complete within ${ms / 1000} s, the SDK's retries included`);
        this.name = 'TimeoutError';
    }
}
/**
 * The client with every call aborted after `ms` (unless the caller gives its own abort signal),
 * failing as an AwsCallTimeoutError that names the service and the operation.
 */
function boundingCalls(client, service, ms = AWS_CALL_MS) {
    const send = client.send.bind(client);
    const bounded = async (command, options) => {
        if (options?.abortSignal)
            return send(command, options);
        const abortSignal = AbortSignal.timeout(ms);
        try {
            return await send(command, { ...options, abortSignal });
        }
        catch (error) {
            if (!abortSignal.aborted)
                throw error;
            // namingFailedCalls tags the error with the operation's name as the SDK knows it.
            const tagged = error?.awsCall;
            const operation = command.constructor.name.replace(/Command$/, '');
            throw new AwsCallTimeoutError(typeof tagged === 'string' ? tagged : `${service} ${operation}`, ms);
        }
    };
    return Object.assign(client, { send: bounded });
}

// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/kube/client.ts + 5 modules
var client = __webpack_require__(2817);
// EXTERNAL MODULE: ./src/net/aws-reach.ts
var aws_reach = __webpack_require__(5756);
// EXTERNAL MODULE: ./src/net/public-read.ts
var public_read = __webpack_require__(5599);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./src/net/anonymous-get.ts
/**
 * The anonymous https GET that STS makes for an issuer's documents: no credentials of any kind, no
 * connection reuse, no redirects followed, a bounded time and size. publish-oidc reads its published
 * copies back this way; verify-irsa checks the issuer this way.
 */

function anonymousGet(url, options = {}) {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const maxBytes = options.maxBytes ?? 1024 * 1024;
    return new Promise((resolve, reject) => {
        if (!url.startsWith('https://'))
            return reject(new Error('not an https URL'));
        const tooSlow = () => new Error(`no whole answer within ${timeoutMs / 1000} s`);
        // The socket timeout catches silence; this catches an answer that trickles in for ever.
        const deadline = setTimeout(() => request.destroy(tooSlow()), timeoutMs);
        const settle = (done) => (value) => {
            clearTimeout(deadline);
            done(value);
        };
        const request = (0,external_node_https_.get)(url, { timeout: timeoutMs, agent: false, ...(options.ca ? { ca: options.ca } : {}) }, (response) => {
            const chunks = [];
            let size = 0;
            response.on('data', (chunk) => {
                size += chunk.length;
                if (size > maxBytes)
                    request.destroy(new Error(`the answer exceeds ${maxBytes} bytes`));
                else
                    chunks.push(chunk);
            });
            response.on('end', () => settle(resolve)({
                status: response.statusCode ?? 0,
                body: Buffer.concat(chunks),
                ...(response.headers.location ? { location: response.headers.location } : {}),
                ...(response.headers['content-type'] ? { contentType: response.headers['content-type'] } : {})
            }));
            response.on('error', settle(reject));
        });
        request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
        request.on('error', settle(reject));
    });
}

;// CONCATENATED MODULE: ./src/verify-irsa/anonymous-https.ts
/** verify-irsa's view of the shared anonymous GET: the issuer documents as text. */


function anonymous_https_anonymousGet(options = {}) {
    const ca = options.extraCaPem ? [...external_node_tls_.rootCertificates, options.extraCaPem] : undefined;
    return async (url) => {
        const response = await anonymousGet(url, {
            ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
            ...(ca ? { ca } : {})
        });
        return {
            status: response.status,
            body: response.body.toString('utf8'),
            ...(response.location ? { location: response.location } : {}),
            ...(response.contentType ? { contentType: response.contentType } : {})
        };
    };
}

// EXTERNAL MODULE: ./src/io/summary.ts
var summary = __webpack_require__(2864);
// EXTERNAL MODULE: ./src/verify-irsa/diagnosis.ts
var diagnosis = __webpack_require__(5954);
// EXTERNAL MODULE: ./src/verify-irsa/assumed-role.ts
var assumed_role = __webpack_require__(4038);
;// CONCATENATED MODULE: ./src/verify-irsa/chain-summary.ts
/**
 * The job summary: the IRSA chain as a Mermaid flowchart with each link passed or failed, then
 * the diagnosis as a table. Built only from the diagnosis and non-secret inputs, so it can hold
 * no token.
 */



const MARK = {
    passed: '✅ passed',
    failed: '❌ failed',
    'not checked': '⏸ not checked'
};
const CLASS = { passed: 'passed', failed: 'failed', 'not checked': 'skipped' };
// Mermaid labels are quoted strings with HTML line breaks; a quote or angle bracket in a value
// would end the label or open a tag.
function label(...parts) {
    return parts.map((part) => part.replace(/"/g, '#quot;').replace(/[<>]/g, '')).join('<br/>');
}
function chainDiagram(inputs, checks) {
    const states = (0,diagnosis/* linkStates */.ZD)(checks);
    const tokenPath = inputs.mode !== 'pod';
    const podPath = inputs.mode !== 'token';
    // In pod mode alone, the pod's own get-caller-identity is what proves the assumed identity.
    const identityState = tokenPath ? states['assumed-identity'] : states.pod;
    const nodes = [
        [
            'sa',
            states['service-account'],
            label('service account', `${inputs.namespace}/${inputs.serviceAccount}`)
        ]
    ];
    if (tokenPath)
        nodes.push(['token', states.token, label('token', `aud ${inputs.audience}`)], ['docs', states['issuer-documents'], label('issuer documents', 'discovery + JWKS')], ['provider', states['iam-provider'], 'IAM OIDC provider'], ['role', states.role, label('role', inputs.role.name)]);
    if (podPath)
        nodes.push(['pod', states.pod, label('pod', 'aws sts get-caller-identity')]);
    nodes.push(['identity', identityState, 'assumed identity']);
    const lines = ['flowchart LR'];
    for (const [id, state, text] of nodes)
        lines.push(`  ${id}["${text}<br/>${MARK[state]}"]`);
    if (tokenPath)
        lines.push('  sa --> token --> docs --> provider --> role --> identity');
    if (podPath)
        lines.push('  sa --> pod --> identity');
    lines.push('  classDef passed fill:#dafbe1,stroke:#1a7f37', '  classDef failed fill:#ffebe9,stroke:#cf222e', '  classDef skipped fill:#f6f8fa,stroke:#8c959f');
    for (const [id, state] of nodes)
        lines.push(`  class ${id} ${CLASS[state]}`);
    return ['```mermaid', ...lines, '```'].join('\n');
}
function diagnosisTable(checks) {
    // A passed check has no fix: with every check passed the column would be empty from top to bottom.
    if (checks.every((entry) => entry.ok))
        return (0,summary/* table */.tp)(['Check', 'Result', 'Detail'], checks.map((entry) => [entry.check, '✅', entry.detail]));
    return (0,summary/* table */.tp)(['Check', 'Result', 'Detail', 'Fix'], checks.map((entry) => [entry.check, entry.ok ? '✅' : '❌', entry.detail, entry.fix]));
}
function verifySummary(inputs, result) {
    const firstFailure = result.checks.find((entry) => !entry.ok);
    const headline = result.verified
        ? `### ✅ IRSA verified: ${inputs.namespace}/${inputs.serviceAccount} assumes ${(0,summary/* escapeHtmlOutsideCode */.Nh)(inputs.role.arn)}`
        : `### ❌ IRSA not verified: ${firstFailure ? `the ${firstFailure.check} check failed` : 'nothing was checked'}`;
    const lines = [headline, ''];
    if (result.assumedRoleArn) {
        // The output names whom STS let in, the verified role or not: the summary says which.
        const other = (0,assumed_role/* assumedRoleProblem */.wH)(result.assumedRoleArn, inputs.role);
        lines.push(other
            ? `Assumed identity: ${(0,summary/* code */.aY)(result.assumedRoleArn)}, **not the verified role** ${(0,summary/* code */.aY)(inputs.role.arn)}`
            : `Assumed identity: ${(0,summary/* code */.aY)(result.assumedRoleArn)}`, '');
    }
    if (result.podOtherRole)
        lines.push(`The pod's identity: ${(0,summary/* code */.aY)(result.podOtherRole)}, **not the verified role** ${(0,summary/* code */.aY)(inputs.role.arn)}`, '');
    if (firstFailure)
        lines.push(`**Fix:** ${(0,summary/* escapeHtmlOutsideCode */.Nh)(firstFailure.fix)}`, '');
    // The diagram marks such links only as not checked: the reason goes with it, not just to the log.
    for (const why of result.notChecked ?? [])
        lines.push(`${MARK['not checked']}: ${(0,summary/* escapeHtmlOutsideCode */.Nh)(why)}`, '');
    lines.push(chainDiagram(inputs, result.checks), '', diagnosisTable(result.checks), '');
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/verify-irsa/cluster.ts + 1 modules
var verify_irsa_cluster = __webpack_require__(7214);
// EXTERNAL MODULE: ./src/io/cancel.ts
var cancel = __webpack_require__(6736);
// EXTERNAL MODULE: ./src/kube/error-text.ts
var error_text = __webpack_require__(9907);
// EXTERNAL MODULE: ./src/verify-irsa/account-lease.ts
var account_lease = __webpack_require__(2563);
// EXTERNAL MODULE: ./src/verify-irsa/verify-pod.ts
var verify_pod = __webpack_require__(8456);
;// CONCATENATED MODULE: ./src/verify-irsa/created-objects.ts
/**
 * What a verify-irsa run has made or holds in the cluster, so that none of it outlives the run: not
 * when a write's answer is lost (the object exists, the run saw an error), and not when the job is
 * cancelled (the runner sends SIGINT, then SIGTERM, then kills). Its pod is deleted; its lease on the
 * service account is released, which deletes the account when no other run holds one
 * (src/verify-irsa/account-lease.ts).
 */





const keyOf = (object) => `${object.kind}:${object.namespace}/${object.name}`;
/** The run id of the lease these annotations set (a non-null value), if any. */
function leaseSet(annotations) {
    const entry = Object.entries(annotations).find(([key, value]) => key.startsWith(account_lease/* LEASE_PREFIX */.O$) && value !== null);
    return entry?.[0].slice(account_lease/* LEASE_PREFIX */.O$.length);
}
// A cancelled run waits this long at most for writes it has sent to land, before it undoes them.
const PENDING_WRITES_MS = 5000;
class CreatedObjects {
    objects = new Map();
    pending = new Set();
    /** The cluster ops, noting each write before it is sent and forgetting what is removed once done. */
    tracking(cluster) {
        const note = async (object, write) => {
            const key = keyOf(object);
            const noted = this.objects.has(key);
            this.objects.set(key, object);
            const sent = write();
            this.pending.add(sent);
            try {
                return await sent;
            }
            catch (error) {
                // The server answered a request sent once: it refused, so this call wrote nothing (a 409
                // names an object that was there before it, or one that moved on since it was read). Sent
                // more than once, an earlier attempt may have been applied.
                const sentOnce = !(error instanceof client/* KubeApiError */.W3) || error.attempts === 1;
                if ((0,client/* statusOf */.c2)(error) !== undefined && sentOnce && !noted)
                    this.objects.delete(key);
                else if (object.kind === 'pod' && !noted)
                    this.objects.set(key, { ...object, unconfirmed: true });
                throw error;
            }
            finally {
                this.pending.delete(sent);
            }
        };
        const forget = (kind, namespace, name) => {
            this.objects.delete(keyOf({ kind, namespace, name }));
        };
        return {
            ...cluster,
            createServiceAccount: (namespace, name, metadata) => {
                const runId = leaseSet(metadata.annotations);
                // Without a lease the account is kept on purpose (cleanup: false): nothing to undo.
                if (runId === undefined)
                    return cluster.createServiceAccount(namespace, name, metadata);
                return note({ kind: 'service account', namespace, name, runId, how: 'created' }, () => cluster.createServiceAccount(namespace, name, metadata));
            },
            patchServiceAccount: async (namespace, name, resourceVersion, annotations) => {
                const runId = leaseSet(annotations);
                if (runId === undefined) {
                    const patched = await cluster.patchServiceAccount(namespace, name, resourceVersion, annotations);
                    // A patch that removes a lease this run noted is its release.
                    const held = this.objects.get(keyOf({ kind: 'service account', namespace, name }));
                    if (held?.kind === 'service account' && annotations[`${account_lease/* LEASE_PREFIX */.O$}${held.runId}`] === null)
                        forget('service account', namespace, name);
                    return patched;
                }
                // A renewal of a lease this run already holds keeps how the run came by the account.
                const held = this.objects.get(keyOf({ kind: 'service account', namespace, name }));
                const how = held?.kind === 'service account' && held.runId === runId
                    ? held.how
                    : verify_pod/* ROLE_ANNOTATION */.Bb in annotations
                        ? 'adopted'
                        : 'shared';
                return note({ kind: 'service account', namespace, name, runId, how }, () => cluster.patchServiceAccount(namespace, name, resourceVersion, annotations));
            },
            deleteServiceAccount: async (namespace, name, resourceVersion) => {
                await cluster.deleteServiceAccount(namespace, name, resourceVersion);
                forget('service account', namespace, name);
            },
            createPod: (pod) => note({ kind: 'pod', namespace: pod.metadata?.namespace ?? 'default', name: pod.metadata?.name ?? '' }, () => cluster.createPod(pod)),
            deletePod: async (namespace, name) => {
                const deleted = await cluster.deletePod(namespace, name);
                forget('pod', namespace, name);
                return deleted;
            }
        };
    }
    /** The service account's undo note, when this run still holds a lease it has not given up. */
    heldAccount() {
        const held = [...this.objects.values()].find((object) => object.kind === 'service account');
        return held ? `the service account ${held.namespace}/${held.name}` : undefined;
    }
    /**
     * Removes what is still noted (pods first: a service account is still in use by its pod) and says
     * what became of each; a removal that fails is reported, not thrown. Writes still in flight (a
     * cancel that lands mid-create) are waited for first, or the undo would read too early and miss
     * them. Without `cleanup`, pods stay and the service account loses only this run's lease. `redact`
     * (ctx.redact) hides every value the run masked from a failure's text before it is cut to be quoted.
     */
    async removeLeftovers(cluster, options) {
        const now = options.now ?? (() => new Date());
        if (this.pending.size > 0)
            await (0,cancel/* settlesWithin */.od)(Promise.allSettled([...this.pending]), PENDING_WRITES_MS);
        const ordered = [...this.objects.values()].sort((a, b) => a.kind === b.kind ? 0 : a.kind === 'pod' ? -1 : 1);
        const said = [];
        // Each clause is heard as soon as it is done, as well as returned at the end.
        const notes = {
            push: (clause) => {
                said.push(clause);
                options.progress?.(clause);
            }
        };
        for (const object of ordered) {
            const what = `the ${object.kind} ${object.namespace}/${object.name}`;
            try {
                if (object.kind === 'pod') {
                    if (!options.cleanup)
                        continue;
                    // Not there (404): never made, or already gone; either way nothing is left to say.
                    if (await cluster.deletePod(object.namespace, object.name))
                        notes.push(`deleted ${what} this run created`);
                }
                else {
                    const outcome = await (0,account_lease/* releaseServiceAccount */.GE)(cluster, object.namespace, object.name, object.runId, now, options.cleanup);
                    if (outcome === 'deleted')
                        notes.push(object.how === 'shared'
                            ? `deleted ${what}, which this run was the last to use`
                            : `deleted ${what} this run ${object.how}`);
                    if (outcome === 'released')
                        notes.push(options.cleanup
                            ? `left ${what} to the other runs using it`
                            : `removed this run's lease from ${what}`);
                }
                this.objects.delete(keyOf(object));
            }
            catch (error) {
                // The API server's own message, as the checks quote it, rather than the request it answered.
                const why = (0,error_text/* kubeErrorText */.P)(error, options.redact);
                // Not a delete for the account: another run may be using it, and without this run's lease
                // the next run takes it over (as run() says when its own release fails).
                notes.push(object.kind === 'pod'
                    ? object.unconfirmed
                        ? `could not delete ${what} (${why}), which may not exist (no answer confirmed its create): if it does, delete it by hand`
                        : `could not delete ${what} (${why}): delete it by hand`
                    : `could not give up ${what} (${why}): remove this run's lease by hand (kubectl -n ${object.namespace} annotate serviceaccount ${object.name} ${(0,account_lease/* leaseKey */.aW)(object.runId)}-)`);
            }
        }
        return said;
    }
    /**
     * What is still noted, as a removal cut short leaves it (the step ended on a second signal): a clause
     * each, with how to finish by hand. A delete may have been under way: the object may be gone.
     */
    notRemoved(cleanup) {
        return [...this.objects.values()].flatMap((object) => {
            const what = `the ${object.kind} ${object.namespace}/${object.name}`;
            if (object.kind === 'pod')
                return cleanup
                    ? [
                        `the step ended before ${what} was deleted (a delete may have been under way): check for it and delete it by hand (kubectl -n ${object.namespace} delete pod ${object.name})`
                    ]
                    : [];
            return [
                `the step ended before this run had given up ${what} (a write may have been under way): check for its lease and remove it by hand (kubectl -n ${object.namespace} annotate serviceaccount ${object.name} ${(0,account_lease/* leaseKey */.aW)(object.runId)}-)`
            ];
        });
    }
}

;// CONCATENATED MODULE: ./src/verify-irsa/deps.ts
// The real collaborators of run(), loaded by the action once every input has been accepted.











const WORKFLOW_ACCOUNT_MS = 10_000;
/** Reads a CA bundle named by NODE_EXTRA_CA_CERTS, for callers that set it after start-up. */
async function extraCa(env) {
    const path = env.NODE_EXTRA_CA_CERTS;
    if (!path)
        return undefined;
    return (0,promises_.readFile)(path, 'utf8').catch(() => undefined);
}
/** The cluster ops, with run()'s first call (reading the service account) answered by `first`. */
function withFirstRead(cluster, inputs, first) {
    let pending = first;
    return {
        ...cluster,
        readServiceAccount(namespace, name) {
            const answer = pending;
            pending = undefined;
            if (answer && namespace === inputs.namespace && name === inputs.serviceAccount)
                return answer;
            return cluster.readServiceAccount(namespace, name);
        }
    };
}
/** The cluster ops, telling `writing` before each call that is not a read (a TokenRequest too, which stores nothing). */
function tellingWrites(cluster, writing) {
    if (!writing)
        return cluster;
    const told = (write) => (...args) => {
        writing();
        return write(...args);
    };
    return {
        ...cluster,
        createServiceAccount: told(cluster.createServiceAccount.bind(cluster)),
        patchServiceAccount: told(cluster.patchServiceAccount.bind(cluster)),
        deleteServiceAccount: told(cluster.deleteServiceAccount.bind(cluster)),
        requestToken: told(cluster.requestToken.bind(cluster)),
        createPod: told(cluster.createPod.bind(cluster)),
        deletePod: told(cluster.deletePod.bind(cluster))
    };
}
/** The real collaborators of run(): the cluster from the kubeconfig, IAM and STS, anonymous https. */
async function verifyDeps(inputs, ctx, tuning = {}) {
    // Every value the run masks (here or elsewhere) is redacted by ctx.redact from what it quotes of the cluster.
    const { mask, redact } = ctx;
    const kube = await (0,client/* loadKubeClient */.Lc)(inputs.kubeconfig, ctx);
    const cluster = tellingWrites((0,verify_irsa_cluster/* kubeClusterOps */.qn)(kube, tuning.podWatch), ctx.writing);
    const created = new CreatedObjects();
    // run() starts by reading the service account. That request goes out now, and the AWS SDKs (most
    // of the start-up) load while it travels; the catch only keeps an early failure from counting as
    // unhandled before run() awaits it.
    const firstRead = cluster.readServiceAccount(inputs.namespace, inputs.serviceAccount);
    firstRead.catch(() => undefined);
    await (0,client/* afterPendingConnects */.TO)();
    const [{ IAMClient }, { GetCallerIdentityCommand, STSClient }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(764)]).then(__webpack_require__.t.bind(__webpack_require__, 6764, 19)),
        Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(695)]).then(__webpack_require__.t.bind(__webpack_require__, 1695, 19))
    ]);
    // Each call bounded as a whole: token mode's reads and STS's answer are waited for, not every retry.
    const iam = boundingCalls((0,clients/* namingFailedCalls */.$H)(new IAMClient((0,clients/* clientConfig */.yO)('IAM', inputs.region, ctx.env)), 'IAM'), 'IAM');
    const sts = boundingCalls((0,clients/* namingFailedCalls */.$H)(new STSClient((0,clients/* clientConfig */.yO)('STS', inputs.region, ctx.env)), 'STS'), 'STS');
    const extraCaPem = await extraCa(ctx.env);
    const deps = {
        cluster: created.tracking(withFirstRead(cluster, inputs, firstRead)),
        iam,
        sts: {
            sts,
            stsWithCredentials: (credentials) => boundingCalls((0,clients/* namingFailedCalls */.$H)(new STSClient({ ...(0,clients/* clientConfig */.yO)('STS', inputs.region, ctx.env), credentials }), 'STS'), 'STS'),
            mask,
            sleep: external_node_timers_promises_.setTimeout
        },
        get: (0,public_read/* retryingTransient */.J5)(anonymous_https_anonymousGet(extraCaPem ? { extraCaPem } : {}), external_node_timers_promises_.setTimeout),
        ...((0,aws_reach/* awsOnInternet */.gS)('STS', inputs.region, ctx.env) ? { publicReach: { resolve: aws_reach/* lookupAll */.Qi } } : {}),
        // Without credentials (or with any other failure), the IAM checks run and say what they lack.
        // Only a hint: a slow STS is not waited for through all of the SDK's retries.
        workflowAccount: () => sts
            .send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(WORKFLOW_ACCOUNT_MS) })
            .then((identity) => identity.Account, () => undefined),
        log: ctx.log,
        mask,
        redact,
        now: () => new Date()
    };
    return {
        deps,
        close: () => {
            iam.destroy();
            sts.destroy();
        },
        removeLeftovers: (progress) => created.removeLeftovers(cluster, {
            cleanup: inputs.cleanup,
            redact,
            ...(progress ? { progress } : {})
        }),
        notRemoved: () => created.notRemoved(inputs.cleanup),
        heldAccount: () => created.heldAccount()
    };
}
function verifyResult(inputs, result) {
    const firstFailure = result.checks.find((entry) => !entry.ok);
    return {
        outputs: {
            verified: String(result.verified),
            'assumed-role-arn': result.assumedRoleArn ?? '',
            diagnosis: JSON.stringify(result.checks)
        },
        summary: verifySummary(inputs, result),
        ...(firstFailure
            ? {
                failure: `IRSA is not verified: ${firstFailure.check}: ${firstFailure.detail} Fix: ${firstFailure.fix}`
            }
            : {})
    };
}


/***/ })

};
