export const id = 725;
export const ids = [725];
export const modules = {

/***/ 8725:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cancelledLine: () => (/* binding */ cancelledLine),
/* harmony export */   cancelledSummary: () => (/* binding */ cancelledSummary)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7333);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8075);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2864);
// The error line and job summary of a cancelled run (the runner's SIGINT or SIGTERM). Part of the entry's
// chunk, like the failed run's: it imports nothing but the summary's Markdown helpers and redaction.



/** A list item of one line, redacted before its line breaks are joined (a masked value may hold some). */
const item = (text, secrets) => (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .listItem */ .Aw)((0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redactSecrets */ .fp)(text, secrets));
const where = (run) => run.step ? `during ${run.step}` : run.wrote ? 'after it began to write' : 'before its first write';
/** The run's one error line: where it was stopped and what its cleanup did, as the summary says. */
function cancelledLine(action, run, secrets) {
    const notes = (run.cleanup ?? []).map((note) => `; ${note}`).join('');
    return (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redactSecrets */ .fp)((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(`${action} was cancelled (${run.signal}) ${where(run)}${notes}.`), secrets);
}
/**
 * Says the run was cancelled, at which step, whether it had written, and what its cleanup did: only
 * what a handler did and saw (a delete the cluster answered, a directory found gone), never what it
 * meant to do. A run killed before it gets here writes nothing (README, Design notes).
 */
function cancelledSummary(action, run, secrets) {
    const progress = run.wrote ? 'after the step had begun to write' : 'before its first write';
    const at = run.step ? `during ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(run.step)}, ${progress}` : progress;
    const lines = [`### ${action}: cancelled`, '', `Cancelled by ${run.signal} ${at}.`, ''];
    if (run.written?.length)
        lines.push('**Written before the cancel** (each step AWS or the cluster had answered; a step under way is not listed):', '', ...run.written.map((change) => item(change, secrets)), '');
    if (run.cleanup === undefined) {
        lines.push(run.wrote
            ? 'This step undoes nothing when it is cancelled: it stopped at once. What it wrote before the cancel stays, and a write it had sent may or may not have been applied; its next run picks up from what it finds.'
            : 'Nothing was written to AWS or the cluster: the step was cancelled before its first write.');
    }
    else {
        lines.push('**Cleanup on cancel:**', '');
        if (run.cleanup.length === 0)
            lines.push('- nothing of this run was left to undo');
        for (const note of run.cleanup)
            lines.push(item(note, secrets));
        lines.push('', run.wrote
            ? 'Anything else it wrote before the cancel stays; its next run picks up from what it finds.'
            : 'Nothing else was written to AWS or the cluster: the step was cancelled before its first write.');
    }
    return (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redactSecrets */ .fp)(lines.join('\n'), secrets);
}


/***/ })

};
