export const id = 100;
export const ids = [100];
export const modules = {

/***/ 6100:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   explainDiagnostic: () => (/* binding */ explainDiagnostic)
/* harmony export */ });
/**
 * Terraform's words for a mistake in this action's inputs speak of its own command line ("Use a -var
 * or -var-file command line argument", "given on the command line"), which the workflow never
 * wrote. Those errors are said again naming the input to change; any other is left as terraform
 * says it (undefined).
 */
function explainDiagnostic(diagnostic) {
    const { summary, detail } = diagnostic;
    if (summary === 'No value for required variable') {
        const name = /input variable "([^"]+)"/.exec(detail)?.[1];
        if (name)
            return `Input 'variables': the module's variable "${name}" has no value and no default: set it in variables or in one of var-files (terraform: ${summary}).`;
    }
    if (summary === 'Invalid backend configuration argument') {
        const name = /argument "([^"]+)" given on the command line/.exec(detail)?.[1];
        if (name)
            return `Input 'backend-config': the module's backend has no setting "${name}" (terraform: ${summary}).`;
    }
    if (summary === 'Invalid backend configuration value') {
        // Terraform quotes the whole key=value: only the key is said again.
        const match = /-backend-config="([^="]+)=.*?": (.*)$/.exec(detail);
        if (match)
            return `Input 'backend-config': the value of ${match[1]} is not valid: ${match[2]} (terraform: ${summary}).`;
    }
    return undefined;
}


/***/ })

};
