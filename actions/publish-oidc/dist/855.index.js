export const id = 855;
export const ids = [855];
export const modules = {

/***/ 855:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   anonymousGet: () => (/* binding */ anonymousGet)
/* harmony export */ });
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_0__);

/**
 * An anonymous GET, exactly as STS fetches the documents: plain https, no AWS signature, no
 * credentials of any kind.
 */
async function anonymousGet(url, options = {}) {
    const timeoutMs = options.timeoutMs ?? 10000;
    return new Promise((resolve, reject) => {
        const request = node_https__WEBPACK_IMPORTED_MODULE_0___default().get(url, { timeout: timeoutMs, agent: false, ...(options.ca ? { ca: options.ca } : {}) }, (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
            response.on('error', reject);
        });
        request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
        request.on('error', reject);
    });
}


/***/ })

};
