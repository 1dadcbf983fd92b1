export const id = 246;
export const ids = [246];
export const modules = {

/***/ 9246:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   issuerThumbprint: () => (/* binding */ issuerThumbprint),
/* harmony export */   lastCertificate: () => (/* binding */ lastCertificate),
/* harmony export */   thumbprintOf: () => (/* binding */ thumbprintOf)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7333);



/**
 * The last certificate of a peer chain: Node links each certificate to its issuer, and a
 * self-signed root links to itself.
 */
function lastCertificate(leaf) {
    let cert = leaf;
    const seen = new Set();
    while (cert.issuerCertificate && cert.issuerCertificate !== cert && !seen.has(cert.issuerCertificate)) {
        seen.add(cert);
        cert = cert.issuerCertificate;
    }
    return cert;
}
/** IAM wants the SHA-1 fingerprint as 40 hex digits, without the colons Node puts in. */
function thumbprintOf(cert) {
    return cert.fingerprint.replace(/:/g, '').toLowerCase();
}
/**
 * The SHA-1 thumbprint of the last certificate in the chain the issuer's host serves, which is
 * what IAM asks for when a provider is created. The connection verifies the chain: a host STS
 * could not trust must not be registered.
 */
async function issuerThumbprint(issuerUrl, options = {}) {
    const url = new URL(issuerUrl);
    const port = url.port === '' ? 443 : Number(url.port);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const timeoutMs = options.timeoutMs ?? 10000;
    return new Promise((resolve, reject) => {
        const socket = node_tls__WEBPACK_IMPORTED_MODULE_1___default().connect({
            host,
            port,
            // SNI carries host names only.
            ...((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(host) ? {} : { servername: host }),
            ...(options.ca ? { ca: options.ca } : {}),
            timeout: timeoutMs
        });
        const fail = (reason) => {
            socket.destroy();
            reject(new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`cannot read the TLS certificate chain of ${url.host} (${reason}), so the IAM OIDC provider's ` +
                'thumbprint cannot be computed.', 'issuer-url'));
        };
        socket.once('secureConnect', () => {
            const leaf = socket.getPeerCertificate(true);
            socket.end();
            if (!leaf || !leaf.fingerprint)
                return fail('the host sent no certificate');
            resolve(thumbprintOf(lastCertificate(leaf)));
        });
        socket.once('timeout', () => fail(`no answer within ${timeoutMs / 1000} s`));
        socket.once('error', (error) => fail(error.message));
    });
}


/***/ })

};
