export const id = 842;
export const ids = [842];
export const modules = {

/***/ 2842:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DISCOVERY_ENDPOINT: () => (/* binding */ DISCOVERY_ENDPOINT),
/* harmony export */   JWKS_ENDPOINT: () => (/* binding */ JWKS_ENDPOINT),
/* harmony export */   readClusterDocuments: () => (/* binding */ readClusterDocuments)
/* harmony export */ });
/* harmony import */ var _kube_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4856);

const DISCOVERY_ENDPOINT = '/.well-known/openid-configuration';
const JWKS_ENDPOINT = '/openid/v1/jwks';
/**
 * Both documents as the API server serves them, with the kubeconfig's credentials. Each request is
 * bounded, so an unreachable cluster fails the step instead of hanging the job.
 */
async function readClusterDocuments(client, timeoutMs) {
    const discovery = await (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .kubeGetJson */ .g6)(client, DISCOVERY_ENDPOINT, timeoutMs);
    const jwks = await (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_0__/* .kubeGetJson */ .g6)(client, JWKS_ENDPOINT, timeoutMs);
    return { discovery, jwks };
}


/***/ })

};
