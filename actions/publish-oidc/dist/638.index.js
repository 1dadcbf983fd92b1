export const id = 638;
export const ids = [638];
export const modules = {

/***/ 7638:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   callerAccount: () => (/* binding */ callerAccount)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1695);

/** The account of the AWS credentials. Every principal may ask this: no IAM permission is needed. */
async function callerAccount(sts) {
    const { Account } = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_0__.GetCallerIdentityCommand({}));
    if (!Account)
        throw new Error('STS GetCallerIdentity answered without an account.');
    return Account;
}


/***/ })

};
