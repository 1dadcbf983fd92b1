export const id = 616;
export const ids = [616];
export const modules = {

/***/ 2616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubCommenter: () => (/* binding */ githubCommenter),
/* harmony export */   pullRequestFromEvent: () => (/* binding */ pullRequestFromEvent)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7333);


const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** The pull request this run is for, from the runner's event payload; undefined on other events. */
function pullRequestFromEvent(env) {
    if (!PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? ''))
        return undefined;
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo || !env.GITHUB_EVENT_PATH)
        return undefined;
    let payload;
    try {
        payload = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch {
        return undefined;
    }
    const number = payload.pull_request?.number ?? payload.number;
    return typeof number === 'number' && Number.isInteger(number) ? { owner, repo, number } : undefined;
}
/** The GitHub REST API through @actions/github's Octokit, at GITHUB_API_URL (or api.github.com). */
async function githubCommenter(token, pullRequest, env) {
    if (token === '')
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo('is empty, so the plan cannot be commented on the pull request.', 'github-token');
    // Loaded only on pull requests that want a comment.
    const { getOctokit } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(413)]).then(__webpack_require__.bind(__webpack_require__, 2413));
    const octokit = getOctokit(token, { baseUrl: env.GITHUB_API_URL || 'https://api.github.com' });
    const where = { owner: pullRequest.owner, repo: pullRequest.repo };
    return {
        pullRequest,
        async upsert(marker, body) {
            const comments = await octokit.paginate(octokit.rest.issues.listComments, {
                ...where,
                issue_number: pullRequest.number,
                per_page: 100
            });
            // Its comment starts with the marker; a reply that quotes it holds the marker further in.
            const existing = comments.find((comment) => comment.body?.startsWith(marker));
            if (existing?.body === body)
                return 'unchanged';
            if (existing) {
                await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body });
                return 'updated';
            }
            await octokit.rest.issues.createComment({ ...where, issue_number: pullRequest.number, body });
            return 'created';
        }
    };
}


/***/ })

};
