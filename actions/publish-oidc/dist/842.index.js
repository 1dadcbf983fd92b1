export const id = 842;
export const ids = [842];
export const modules = {

/***/ 2842:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readClusterDocuments: () => (/* binding */ readClusterDocuments)
/* harmony export */ });
/* unused harmony exports DISCOVERY_ENDPOINT, JWKS_ENDPOINT, MAX_DOCUMENT_BYTES */
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);
/* harmony import */ var _kube_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2817);


const DISCOVERY_ENDPOINT = '/.well-known/openid-configuration';
const JWKS_ENDPOINT = '/openid/v1/jwks';
// What publish-oidc's read-back and verify-irsa take of a published document (src/net/anonymous-get.ts):
// a larger one could not be checked once published. kube-apiserver's are a few kB.
const MAX_DOCUMENT_BYTES = 1024 * 1024;
/**
 * One document with the kubeconfig's TLS and credentials. A 404 is explained: kube-apiserver serves
 * no discovery documents unless its issuer is an https URL.
 */
async function clusterJson(client, path, timeoutMs) {
    const response = await (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_1__/* .kubeRequest */ .z7)(client, 'GET', path, { timeoutMs, maxBytes: MAX_DOCUMENT_BYTES });
    // A 401 is the credentials themselves; a 403 is RBAC, and naming the wrong one sends the user the wrong way.
    if (response.status === 401)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`the cluster rejected its credentials (HTTP 401) when reading ${path}: they are expired, revoked or for another cluster; give a current kubeconfig.`, client.source.input);
    if (response.status === 403)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`the cluster forbids its user to read ${path} (HTTP 403): grant it get on the non-resource URLs ` +
            `${DISCOVERY_ENDPOINT} and ${JWKS_ENDPOINT} (the ClusterRole system:service-account-issuer-discovery).`, client.source.input);
    if (response.status === 404)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`The cluster at ${client.server} serves no ${path} (HTTP 404). kube-apiserver serves the OIDC ` +
            'discovery documents only when --service-account-issuer is an https URL (Talos: ' +
            'cluster.apiServer.extraArgs.service-account-issuer).');
    // The answer's start, redacted before it is cut of every value the run masked (the client's redact
    // is served by ctx.redact): a cut through a secret it quotes (a proxy's error page echoing the
    // request's headers) would leave a piece that neither the runner nor the entry's redaction hides.
    const quoted = client.redact(response.body).slice(0, 200).trim();
    // Sent again already (src/kube/retry.ts) when the server was busy or failing.
    if (response.status === 429 || response.status >= 500)
        throw new Error(`GET ${path} on the cluster at ${client.server} answered HTTP ${response.status}` +
            `${response.attempts ? ` to the last of ${response.attempts} attempts` : ''}: ` +
            `${quoted}; run again once the API server is back.`);
    if (response.status !== 200)
        throw new Error(`GET ${path} answered HTTP ${response.status}: ${quoted}`);
    try {
        return JSON.parse(response.body);
    }
    catch {
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`The cluster's ${path} is not JSON.`);
    }
}
/**
 * Both documents as the API server serves them. Each request is bounded, so an unreachable
 * cluster fails the step instead of hanging the job.
 */
async function readClusterDocuments(client, timeoutMs) {
    // Both requests go out at once; a failure is still reported for the discovery document first.
    const discovery = clusterJson(client, DISCOVERY_ENDPOINT, timeoutMs);
    const jwks = clusterJson(client, JWKS_ENDPOINT, timeoutMs);
    jwks.catch(() => undefined);
    return { discovery: await discovery, jwks: await jwks };
}


/***/ })

};
