export const id = 375;
export const ids = [375];
export const modules = {

/***/ 5375:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   anonymousGet: () => (/* binding */ anonymousGet)
/* harmony export */ });
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_0__);
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
        const request = (0,node_https__WEBPACK_IMPORTED_MODULE_0__.get)(url, { timeout: timeoutMs, agent: false, ...(options.ca ? { ca: options.ca } : {}) }, (response) => {
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


/***/ })

};
