export const id = 808;
export const ids = [808];
export const modules = {

/***/ 808:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aliasTargets: () => (/* binding */ aliasTargets),
/* harmony export */   writtenAsText: () => (/* binding */ writtenAsText)
/* harmony export */ });
/**
 * What each alias of `document` names, found in one walk: Alias.resolve walks the whole document
 * for each alias, which for a few thousand aliases took seconds. Each names what Alias.resolve
 * would give: the last node anchored under its name before it, in the same walk's order.
 */
function aliasTargets(yaml, document) {
    const { isAlias, visit } = yaml;
    const anchored = new Map();
    const targets = new Map();
    visit(document, {
        Node: (_, node) => {
            if (isAlias(node))
                targets.set(node, anchored.get(node.source));
            else if (node.anchor !== undefined)
                anchored.set(node.anchor, node);
        }
    });
    return targets;
}
/**
 * Takes the plain scalars of the mappings `textMappings` names as the text written (yaml's own
 * Scalar.source, not a scan of `text`), in place; returns the offsets they start at, where yaml
 * places an error about one. An anchor there is its node, so an alias anywhere to it is that text.
 * An alias there to a plain scalar or a mapping anchored elsewhere names a copy of it made text
 * (the first such alias is replaced by the copy, anchored under a name no YAML anchor can have,
 * ',' being a flow indicator, and the others name it): the anchor's own uses keep what YAML reads,
 * a number refused there stays refused, and toJS still counts the aliases against its limit.
 */
function writtenAsText(yaml, document, textMappings, targets) {
    const { Alias, isAlias, isMap, isScalar, isSeq, Scalar, visit } = yaml;
    const offsets = new Set();
    // The nodes made text in place, which an alias may name as they are.
    const text = new Set();
    const copies = new Map();
    const named = (alias, anchor) => Object.assign(new Alias(anchor), { range: alias.range });
    const copyOf = (target, copy) => {
        copy.anchor = `text,${copies.size}`;
        copies.set(target, copy.anchor);
        return copy;
    };
    const asText = (node, copied) => {
        const target = isAlias(node) ? targets.get(node) : node;
        if (!isScalar(target) || target.type !== Scalar.PLAIN || target.tag !== undefined)
            return node;
        if (target.value === null || target.source === undefined || text.has(target))
            return node;
        if (isAlias(node)) {
            const anchor = copies.get(target);
            if (anchor !== undefined)
                return named(node, anchor);
            // The copy keeps the alias's place, where keyProblem names a key it repeats.
            return copyOf(target, Object.assign(new Scalar(target.source), { range: node.range }));
        }
        if (target.range && !copied)
            offsets.add(target.range[0]);
        target.value = target.source;
        text.add(target);
        return target;
    };
    const walk = (node, path, copied) => {
        if (isSeq(node))
            node.items.forEach((item, index) => walk(item, [...path, index], copied));
        if (!isMap(node))
            return;
        const isText = textMappings(path);
        if (isText)
            text.add(node);
        for (const pair of node.items) {
            if (isText) {
                pair.key = asText(pair.key, copied);
                pair.value = asText(pair.value, copied);
            }
            if (!isScalar(pair.key))
                continue;
            const at = [...path, String(pair.key.value)];
            const target = isAlias(pair.value) && textMappings(at) ? targets.get(pair.value) : undefined;
            if (!isMap(target) || text.has(target)) {
                walk(pair.value, at, copied);
                continue;
            }
            const anchor = copies.get(target);
            if (anchor !== undefined) {
                pair.value = named(pair.value, anchor);
                continue;
            }
            // Without the anchors it holds, so that an alias after it still names what YAML read.
            const copy = target.clone();
            visit(copy, { Node: (_, part) => void (part.anchor = undefined) });
            pair.value = copyOf(target, copy);
            walk(copy, at, true);
        }
    };
    walk(document.contents, [], false);
    return offsets;
}


/***/ })

};
