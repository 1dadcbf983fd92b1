export const id = 309;
export const ids = [309];
export const modules = {

/***/ 7309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QR: () => (/* binding */ checkAnnotationTargets),
/* harmony export */   ZR: () => (/* binding */ annotateServiceAccount),
/* harmony export */   kubeServiceAccounts: () => (/* binding */ kubeServiceAccounts)
/* harmony export */ });
/* unused harmony export ROLE_ARN_ANNOTATION */
/* harmony import */ var _kube_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6496);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);


const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
/**
 * Every namespace the annotations go into must exist: checked before the first IAM write so that a
 * typo in a namespace (or a cluster that cannot be reached) changes nothing.
 */
async function checkAnnotationTargets(accounts, targets) {
    for (const namespace of [...new Set(targets.map((target) => target.namespace))]) {
        if ((await accounts.namespaceExists(namespace)) === false)
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`namespace '${namespace}' does not exist in the cluster; create it first (the action creates service accounts, not namespaces).`, 'annotate-service-account');
    }
    // Reading one service account proves the credentials reach service accounts at all.
    const first = targets[0];
    if (first)
        await accounts.roleArnOf(first);
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
    if (error instanceof _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo)
        return error;
    const code = (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(error);
    // Only a 403 is a matter of RBAC: a 401 is the credentials themselves, which no grant mends.
    if (code === 401)
        return new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`the cluster rejected its credentials (HTTP 401) when asked to ${action}: they are expired, revoked or for another cluster; give a current kubeconfig.`, client.source.input);
    if (code === 403)
        return new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`the cluster refused to ${action} (HTTP 403); the kubeconfig's user needs get/create/patch on serviceaccounts.`, client.source.input);
    if (code === 404)
        return new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`cannot ${action}: its namespace does not exist (create it first).`, 'annotate-service-account');
    if (code === 429 || (code !== undefined && code >= 500))
        return new Error(`could not ${action}: the cluster at ${client.server} answered HTTP ${code} ${attemptsOf(error)}` +
            ` (${(0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .kubeErrorText */ .P9)(error).slice(0, 200)}); run again once the API server is back.`);
    return new Error(`could not ${action}: ${(0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .kubeErrorText */ .P9)(error).slice(0, 300)}`);
}
function attemptsOf(error) {
    const attempts = error instanceof _kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .KubeApiError */ .W3 ? error.attempts : 1;
    return attempts > 1 ? `to the last of ${attempts} attempts` : 'and was not asked again';
}
const accountPath = (account) => (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .namespacedPath */ .Nh)(account.namespace, `serviceaccounts/${encodeURIComponent(account.name)}`);
/**
 * ServiceAccounts over plain REST calls with the kubeconfig's credentials (src/kube/client.ts):
 * four small requests do not justify loading @kubernetes/client-node, a 16 MB chunk.
 */
function kubeServiceAccounts(client) {
    const label = (account) => `service account ${account.namespace}/${account.name}`;
    return {
        async namespaceExists(namespace) {
            try {
                await (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .kubeCall */ .W0)(client, 'GET', (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .namespacedPath */ .Nh)(namespace));
                return true;
            }
            catch (error) {
                const code = (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(error);
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
                const found = await (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .kubeJson */ .s6)(client, 'GET', accountPath(account));
                return found.metadata?.annotations?.[ROLE_ARN_ANNOTATION] ?? '';
            }
            catch (error) {
                if ((0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(error) === 404)
                    return undefined;
                throw kubeFailure(error, `read ${label(account)}`, client);
            }
        },
        async create(account, roleArn) {
            try {
                // Sent again after a lost answer: a repeat of one that was applied is a 409, read as such.
                await (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .kubeCall */ .W0)(client, 'POST', (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .namespacedPath */ .Nh)(account.namespace, 'serviceaccounts'), {
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
                if ((0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(error) === 409)
                    return false;
                throw kubeFailure(error, `create ${label(account)}`, client);
            }
        },
        async annotate(account, roleArn) {
            try {
                // A merge patch of one fixed value: applying it twice is applying it once.
                await (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .kubeCall */ .W0)(client, 'PATCH', accountPath(account), { metadata: { annotations: { [ROLE_ARN_ANNOTATION]: roleArn } } }, 'safe');
            }
            catch (error) {
                throw kubeFailure(error, `annotate ${label(account)}`, client);
            }
        }
    };
}


/***/ })

};
