export const id = 670;
export const ids = [670];
export const modules = {

/***/ 670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   keyProblem: () => (/* binding */ keyProblem)
/* harmony export */ });
/**
 * The first key that the object toJS makes would not keep apart, read after `writtenAsText`: toJS
 * names a member by its key's text, so 1 and '1', or ~ and '', or an alias and its anchor, are one
 * member, the later silently replacing the earlier (yaml's own check compares values: 1 and 1.0
 * are one key to it, though as written in a text mapping they are two tags). A key that is a list
 * or mapping (or a 1.1 timestamp) would be stringified with a warning on stderr quoting it, which
 * may be a secret: refused instead.
 */
function keyProblem(yaml, document, targets) {
    const { isAlias, isNode, isScalar, visit } = yaml;
    const problems = [];
    // A merge key (!!merge <<, or an alias to one) anywhere but a key: toJS gives it as Symbol(<<),
    // which JSON.stringify leaves out (an item's inline policy lost the condition it was in).
    const notKey = (place, node, target) => {
        if (place !== 'key' && isScalar(target) && typeof target.value === 'symbol')
            problems.push({
                offset: (isNode(node) ? node.range?.[0] : undefined) ?? 0,
                message: 'A merge key (!!merge <<) is only a key, not a value'
            });
    };
    visit(document, {
        Scalar: (place, node) => notKey(place, node, node),
        Alias: (place, node) => notKey(place, node, targets.get(node) ?? node.resolve(document)),
        Map(_, map) {
            const names = new Set();
            for (const { key } of map.items) {
                const offset = (isNode(key) ? key.range?.[0] : undefined) ?? 0;
                // writtenAsText adds the aliases it makes to the targets; Alias.resolve for any other.
                const node = isAlias(key) ? (targets.get(key) ?? key.resolve(document)) : key;
                // An alias naming no anchor: toJS says so.
                if (node === undefined)
                    continue;
                const value = isScalar(node) ? node.value : undefined;
                // A merge key (<<: YAML 1.1's, or an explicit !!merge) is a symbol, each one its own: toJS
                // merges, never names, them. Not through an alias: toJS names a member 'Symbol(<<)'.
                if (typeof value === 'symbol') {
                    if (isAlias(key))
                        problems.push({
                            offset,
                            message: 'A merge key (<<) must be written as one, not as an alias to one'
                        });
                    continue;
                }
                if (!isScalar(node) || (typeof value === 'object' && value !== null))
                    problems.push({ offset, message: 'A mapping key must be a scalar (not a list or mapping)' });
                else {
                    const name = value === null ? '' : String(value);
                    if (names.has(name))
                        problems.push({ offset, message: 'Map keys must be unique' });
                    names.add(name);
                }
            }
        }
    });
    return problems.sort((a, b) => a.offset - b.offset)[0];
}


/***/ })

};
