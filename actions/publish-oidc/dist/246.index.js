export const id = 246;
export const ids = [246];
export const modules = {

/***/ 9246:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   issuerThumbprint: () => (/* binding */ issuerThumbprint),
/* harmony export */   lastCertificate: () => (/* binding */ lastCertificate),
/* harmony export */   thumbprintOf: () => (/* binding */ thumbprintOf),
/* harmony export */   topSentCertificate: () => (/* binding */ topSentCertificate)
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
/**
 * The top of the chain the host sent: from the leaf, each next certificate is one the host sent that
 * issued the previous. Followed by issuance, not by the order sent, so that a certificate the host
 * sends out of order or beyond its chain is not taken.
 */
function topSentCertificate(sent) {
    const [leaf, ...rest] = sent;
    if (!leaf)
        return undefined;
    let cert = leaf;
    const left = new Set(rest);
    while (!cert.checkIssued(cert)) {
        const issuer = [...left].find((candidate) => cert.checkIssued(candidate));
        if (!issuer)
            break;
        left.delete(issuer);
        cert = issuer;
    }
    return cert;
}
/** The chain as the host sent it: Node links the certificates in the order they came. */
function sentChain(leaf) {
    const chain = [];
    for (let cert = leaf; cert && !chain.includes(cert); cert = cert.issuerCertificate)
        chain.push(cert);
    return chain;
}
/** IAM wants the SHA-1 fingerprint as 40 hex digits, without the colons Node puts in. */
function thumbprintOf(cert) {
    return cert.fingerprint.replace(/:/g, '').toLowerCase();
}
/**
 * The SHA-1 thumbprint of the last certificate the issuer's host sends, as IAM's "Obtain the
 * thumbprint for an OpenID Connect identity provider" has it (the last certificate
 * `openssl s_client -showcerts` shows: the top intermediate CA). Not the last of
 * getPeerCertificate(true): Node appends to that the root it found in its trust store, which the host
 * did not send. getPeerX509Certificate() links only the certificates the host sent, on the same
 * connection, which verifies the chain against the trust roots: a host STS could not trust is not
 * registered, without a second connection.
 *
 * IAM uses the thumbprint only for a host whose certificate does not chain to a CA in its own
 * library, and not at all for an issuer on S3 (AWS's note on UpdateOpenIDConnectProviderThumbprint);
 * what is proven here is that the value is the one AWS documents, not that STS ever compares it.
 * One host's thumbprint is enough because the JWKS is published under the issuer, on its host.
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
            // Read first: on a client, getPeerX509Certificate() takes the certificates out of the
            // connection's peer chain, so a detailed read after it would find none.
            const verified = socket.getPeerCertificate(true);
            const top = topSentCertificate(sentChain(socket.getPeerX509Certificate()));
            socket.end();
            if (!top)
                return fail('the host sent no certificate');
            const thumbprint = thumbprintOf(top);
            const root = verified?.fingerprint ? thumbprintOf(lastCertificate(verified)) : undefined;
            resolve({ thumbprint, unsentRoot: root !== thumbprint ? root : undefined });
        });
        socket.once('timeout', () => fail(`no answer within ${timeoutMs / 1000} s`));
        socket.once('error', (error) => fail(error.message));
    });
}


/***/ })

};
