export const id = 449;
export const ids = [449];
export const modules = {

/***/ 2449:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kubeClusterOps: () => (/* binding */ kubeClusterOps),
/* harmony export */   kubeErrorText: () => (/* binding */ kubeErrorText),
/* harmony export */   statusOf: () => (/* binding */ statusOf)
/* harmony export */ });
/* harmony import */ var _verify_pod_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8456);

/** The status code of a client-node ApiException (or of a raw HTTP error), if any. */
function statusOf(error) {
    if (typeof error === 'object' && error !== null && 'code' in error) {
        const code = error.code;
        if (typeof code === 'number')
            return code;
    }
    return undefined;
}
/** The apiserver's own message from a Status body, without the request dump client-node adds. */
function kubeErrorText(error) {
    if (typeof error === 'object' && error !== null && 'body' in error) {
        const body = error.body;
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        try {
            const status = JSON.parse(text);
            if (typeof status.message === 'string')
                return status.message;
        }
        catch {
            // not a Status body
        }
    }
    const message = error instanceof Error ? error.message : String(error);
    return message.split('\n')[0] ?? message;
}
// Below this the apiserver refuses a TokenRequest; it is also short enough to be harmless.
const TOKEN_SECONDS = 600;
async function kubeClusterOps(client) {
    const k8s = await __webpack_require__.e(/* import() */ 959).then(__webpack_require__.bind(__webpack_require__, 6959));
    const config = await client.kubeConfig();
    const core = config.makeApiClient(k8s.CoreV1Api);
    const ignoreNotFound = (error) => {
        if (statusOf(error) !== 404)
            throw error;
    };
    return {
        async readServiceAccount(namespace, name) {
            try {
                const account = await core.readNamespacedServiceAccount({ name, namespace });
                return { annotations: account.metadata?.annotations ?? {} };
            }
            catch (error) {
                ignoreNotFound(error);
                return undefined;
            }
        },
        async createServiceAccount(namespace, name, roleArn) {
            await core.createNamespacedServiceAccount({
                namespace,
                body: {
                    metadata: {
                        name,
                        namespace,
                        labels: { ..._verify_pod_js__WEBPACK_IMPORTED_MODULE_0__/* .MANAGED_BY */ .Kf },
                        annotations: { [_verify_pod_js__WEBPACK_IMPORTED_MODULE_0__/* .ROLE_ANNOTATION */ .Bb]: roleArn }
                    }
                }
            });
        },
        async deleteServiceAccount(namespace, name) {
            await core.deleteNamespacedServiceAccount({ name, namespace }).catch(ignoreNotFound);
        },
        async requestToken(namespace, name, audience) {
            const answer = await core.createNamespacedServiceAccountToken({
                name,
                namespace,
                body: { spec: { audiences: [audience], expirationSeconds: TOKEN_SECONDS } }
            });
            const token = answer.status?.token;
            if (!token)
                throw new Error('the TokenRequest answer holds no token');
            return token;
        },
        createPod: (pod) => core.createNamespacedPod({ namespace: pod.metadata?.namespace ?? 'default', body: pod }),
        dryRunPod: (pod) => core.createNamespacedPod({ namespace: pod.metadata?.namespace ?? 'default', body: pod, dryRun: 'All' }),
        watchPod: (namespace, name, deadline) => watchPod(new k8s.Watch(config), namespace, name, deadline),
        async podLogs(namespace, name) {
            return core.readNamespacedPodLog({ name, namespace, tailLines: 50 });
        },
        async podEvents(namespace, name) {
            // Selected by the server: a busy namespace can hold thousands of events.
            const list = await core.listNamespacedEvent({
                namespace,
                fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name}`
            });
            return list.items.map((event) => ({
                type: event.type ?? '',
                reason: event.reason ?? '',
                message: event.message ?? ''
            }));
        },
        async deletePod(namespace, name) {
            await core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 }).catch(ignoreNotFound);
        }
    };
}
/**
 * One watch on the pod's name, re-opened if the server closes it early (watches have a server
 * timeout), until the pod ends or the deadline passes. Without a resourceVersion the watch opens
 * with the pod's current state, so a pod that finished before the watch began is still seen.
 */
async function watchPod(watch, namespace, name, deadline) {
    let last;
    while (Date.now() < deadline) {
        const opened = Date.now();
        const end = await new Promise((resolve) => {
            let settled = false;
            let controller;
            const finish = (value) => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(timer);
                controller?.abort();
                resolve(value);
            };
            const timer = setTimeout(() => finish({ ended: 'timeout', ...(last ? { pod: last } : {}) }), deadline - Date.now());
            watch
                .watch(`/api/v1/namespaces/${namespace}/pods`, { fieldSelector: `metadata.name=${name}` }, (type, object) => {
                if (type === 'DELETED')
                    return finish({ ended: 'deleted' });
                if (type !== 'ADDED' && type !== 'MODIFIED')
                    return;
                last = object;
                if ((0,_verify_pod_js__WEBPACK_IMPORTED_MODULE_0__/* .podOutcome */ .yW)(object).state !== 'running')
                    finish({ ended: 'done', pod: object });
            }, () => finish('closed'))
                .then((c) => {
                controller = c;
                if (settled)
                    c.abort();
            })
                .catch(() => finish('closed'));
        });
        if (end !== 'closed')
            return end;
        // A watch the server drops at once (an error, not its timeout) is re-opened after a pause,
        // so that a misbehaving server does not turn this into a busy loop.
        if (Date.now() - opened < 1000)
            await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(1000, deadline - Date.now()))));
    }
    return { ended: 'timeout', ...(last ? { pod: last } : {}) };
}


/***/ }),

/***/ 8456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bb: () => (/* binding */ ROLE_ANNOTATION),
/* harmony export */   Kf: () => (/* binding */ MANAGED_BY),
/* harmony export */   UQ: () => (/* binding */ callerArnFromLogs),
/* harmony export */   kh: () => (/* binding */ webhookInjections),
/* harmony export */   m3: () => (/* binding */ verifyPodManifest),
/* harmony export */   r_: () => (/* binding */ bareWorkloadPod),
/* harmony export */   w$: () => (/* binding */ lastLines),
/* harmony export */   yW: () => (/* binding */ podOutcome)
/* harmony export */ });
/* unused harmony exports TOKEN_DIR, TOKEN_PATH, POD_DEADLINE_MARGIN_SECONDS, irsaEnv */
const TOKEN_DIR = '/var/run/secrets/eks.amazonaws.com/serviceaccount';
const TOKEN_PATH = `${TOKEN_DIR}/token`;
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'talos-irsa-verify' };
const ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';
const CONTAINER = 'aws';
const POD_DEADLINE_MARGIN_SECONDS = 60;
/** Environment the pod needs for IRSA; set here so that no webhook is required. */
function irsaEnv(spec) {
    return [
        { name: 'AWS_ROLE_ARN', value: spec.roleArn },
        { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: TOKEN_PATH },
        { name: 'AWS_REGION', value: spec.region },
        // AWS CLI v1 and older SDKs read only this one; a custom image may carry either.
        { name: 'AWS_DEFAULT_REGION', value: spec.region },
        { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' },
        { name: 'AWS_ROLE_SESSION_NAME', value: spec.name }
    ];
}
function verifyPodManifest(spec) {
    return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: spec.name, namespace: spec.namespace, labels: { ...MANAGED_BY } },
        spec: {
            serviceAccountName: spec.serviceAccount,
            restartPolicy: 'Never',
            // A backstop for a runner killed mid-watch: the kubelet stops the pod a little after the
            // action's own timeout, so the action, not the kubelet, normally reports the timeout.
            activeDeadlineSeconds: spec.timeoutSeconds + POD_DEADLINE_MARGIN_SECONDS,
            // Only the projected IRSA token is needed; the API token would be one more secret in the pod.
            automountServiceAccountToken: false,
            containers: [
                {
                    name: CONTAINER,
                    image: spec.image,
                    command: ['aws', 'sts', 'get-caller-identity'],
                    env: irsaEnv(spec),
                    volumeMounts: [{ name: 'aws-iam-token', mountPath: TOKEN_DIR, readOnly: true }]
                }
            ],
            volumes: [
                {
                    name: 'aws-iam-token',
                    projected: {
                        sources: [
                            { serviceAccountToken: { audience: spec.audience, expirationSeconds: 3600, path: 'token' } }
                        ]
                    }
                }
            ]
        }
    };
}
/**
 * The same pod as an application would write it: no IRSA settings of its own. Created as a
 * server-side dry run, it shows what a pod-identity webhook would add to the cluster's other pods
 * (the webhook skips pods that already set AWS_ROLE_ARN, so the verify pod itself cannot tell).
 */
function bareWorkloadPod(spec) {
    return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `${spec.name}-probe`, namespace: spec.namespace, labels: { ...MANAGED_BY } },
        spec: {
            serviceAccountName: spec.serviceAccount,
            restartPolicy: 'Never',
            containers: [{ name: CONTAINER, image: spec.image, command: ['aws', 'sts', 'get-caller-identity'] }]
        }
    };
}
// Waiting reasons from which a pod does not recover by itself.
const STUCK_REASONS = ['InvalidImageName', 'CreateContainerConfigError', 'ErrImageNeverPull'];
function podOutcome(pod) {
    const phase = pod.status?.phase;
    const container = pod.status?.containerStatuses?.[0];
    const terminated = container?.state?.terminated;
    if (phase === 'Succeeded')
        return { state: 'succeeded' };
    if (phase === 'Failed') {
        const why = terminated
            ? `container exited with code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ''}`
            : (pod.status?.reason ?? 'pod failed');
        return { state: 'failed', reason: `${why}${pod.status?.message ? `: ${pod.status.message}` : ''}` };
    }
    const waiting = container?.state?.waiting;
    if (waiting?.reason && STUCK_REASONS.includes(waiting.reason))
        return { state: 'failed', reason: `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}` };
    return { state: 'running' };
}
/** The ARN from `aws sts get-caller-identity`'s JSON (or text/table output, as a fallback). */
function callerArnFromLogs(logs) {
    try {
        const parsed = JSON.parse(logs.trim());
        if (typeof parsed === 'object' && parsed !== null && 'Arn' in parsed) {
            const arn = parsed.Arn;
            if (typeof arn === 'string')
                return arn;
        }
    }
    catch {
        // Not JSON alone (a warning may precede it): fall through to a search.
    }
    return /arn:[\w-]+:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+/.exec(logs)?.[0];
}
function lastLines(text, count) {
    return text
        .split(/\r?\n/)
        .map((line) => line.trimEnd())
        .filter((line) => line !== '')
        .slice(-count);
}
/**
 * Whether a mutating webhook (the EKS pod identity webhook or a copy) added IRSA settings that
 * this action did not put into the pod: an env var, a volume, or a changed value.
 */
function webhookInjections(sent, stored) {
    const injected = [];
    const sentEnv = new Map((sent.spec?.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
    for (const entry of stored.spec?.containers[0]?.env ?? []) {
        if (!entry.name.startsWith('AWS_'))
            continue;
        if (!sentEnv.has(entry.name))
            injected.push(entry.name);
        else if (sentEnv.get(entry.name) !== entry.value)
            injected.push(`${entry.name} (changed)`);
    }
    const sentVolumes = new Set((sent.spec?.volumes ?? []).map((v) => v.name));
    for (const volume of stored.spec?.volumes ?? [])
        // kube-api-access-* is the API token volume the apiserver itself adds, not a webhook's.
        if (volume.projected && !sentVolumes.has(volume.name) && !volume.name.startsWith('kube-api-access-'))
            injected.push(`volume ${volume.name}`);
    return injected;
}


/***/ })

};
