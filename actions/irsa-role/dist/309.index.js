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
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);

const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
/**
 * Every namespace the annotations go into must exist: checked before the first IAM write so that a
 * typo in a namespace (or a cluster that cannot be reached) changes nothing.
 */
async function checkAnnotationTargets(accounts, targets) {
    for (const namespace of [...new Set(targets.map((target) => target.namespace))]) {
        if ((await accounts.namespaceExists(namespace)) === false)
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`namespace '${namespace}' does not exist in the cluster; create it first (the action creates service accounts, not namespaces).`, 'annotate-service-account');
    }
    // Reading one service account proves the credentials reach service accounts at all.
    const first = targets[0];
    if (first)
        await accounts.roleArnOf(first);
}
async function annotateServiceAccount(accounts, account, roleArn) {
    const current = await accounts.roleArnOf(account);
    if (current === undefined) {
        await accounts.create(account, roleArn);
        return 'created';
    }
    if (current === roleArn)
        return 'unchanged';
    await accounts.annotate(account, roleArn);
    return 'annotated';
}
function statusCode(error) {
    const code = error?.code;
    return typeof code === 'number' ? code : undefined;
}
function kubeFailure(error, action, client) {
    const code = statusCode(error);
    if (code === 401 || code === 403)
        return new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`the cluster refused to ${action} (HTTP ${code}); the kubeconfig's user needs get/create/patch on serviceaccounts.`, client.source.input);
    if (code === 404)
        return new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`cannot ${action}: its namespace does not exist (create it first).`, 'annotate-service-account');
    const body = error?.body;
    const detail = typeof body === 'string' ? body.slice(0, 300) : error instanceof Error ? error.message : String(error);
    return new Error(`could not ${action}: ${detail.split('\n')[0] ?? ''}`);
}
/** CoreV1Api behind ServiceAccounts, imported only when annotation is asked for. */
async function kubeServiceAccounts(client) {
    const { CoreV1Api, PatchStrategy, setHeaderOptions } = await __webpack_require__.e(/* import() */ 154).then(__webpack_require__.bind(__webpack_require__, 6154));
    const api = (await client.kubeConfig()).makeApiClient(CoreV1Api);
    const label = (account) => `service account ${account.namespace}/${account.name}`;
    return {
        async namespaceExists(namespace) {
            try {
                await api.readNamespace({ name: namespace });
                return true;
            }
            catch (error) {
                const code = statusCode(error);
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
                const found = await api.readNamespacedServiceAccount({
                    name: account.name,
                    namespace: account.namespace
                });
                return found.metadata?.annotations?.[ROLE_ARN_ANNOTATION] ?? '';
            }
            catch (error) {
                if (statusCode(error) === 404)
                    return undefined;
                throw kubeFailure(error, `read ${label(account)}`, client);
            }
        },
        async create(account, roleArn) {
            try {
                await api.createNamespacedServiceAccount({
                    namespace: account.namespace,
                    body: {
                        apiVersion: 'v1',
                        kind: 'ServiceAccount',
                        metadata: {
                            name: account.name,
                            namespace: account.namespace,
                            annotations: { [ROLE_ARN_ANNOTATION]: roleArn },
                            labels: { 'app.kubernetes.io/managed-by': 'talos-irsa' }
                        }
                    }
                });
            }
            catch (error) {
                throw kubeFailure(error, `create ${label(account)}`, client);
            }
        },
        async annotate(account, roleArn) {
            try {
                await api.patchNamespacedServiceAccount({
                    name: account.name,
                    namespace: account.namespace,
                    body: { metadata: { annotations: { [ROLE_ARN_ANNOTATION]: roleArn } } }
                }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
            }
            catch (error) {
                throw kubeFailure(error, `annotate ${label(account)}`, client);
            }
        }
    };
}


/***/ })

};
