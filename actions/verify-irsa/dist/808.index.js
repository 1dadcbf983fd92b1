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
 * How many list items and mapping pairs the look through aliases (below) may visit in one parse.
 * Each alias to a list or mapping is looked through at its own place, so a few nested aliases name
 * millions of nodes (toJS refuses them only later); a bindings list of hundreds of roles is far below.
 */
const ALIAS_WALK_LIMIT = 200_000;
/**
 * How many nodes the aliases not looked through (where textWithin says no text mapping can be) may
 * name in one parse, counted from each node's size, not visited: toJS would build that many values.
 * Without it such a blow-up was refused only by toJS, which says no place.
 */
const ALIAS_EXPANSION_LIMIT = 10_000_000;
/**
 * How deep the look through aliases (and what it holds) may go: lists nested a few hundred deep,
 * each inside the next through an alias, overflowed the stack. yaml reads no flow nesting of one
 * text past about 800, so only nesting stacked through aliases is refused.
 */
const ALIAS_DEPTH_LIMIT = 1000;
const BLOW_UP = 'Excessive alias count indicates a resource exhaustion attack';
const CYCLE = 'An alias inside the node it names (a cycle) cannot be read as written';
const NOT_MERGEABLE = 'A merge (!!merge <<) takes a mapping, an alias to one, or a list of them';
const TOO_DEEP = `Lists and mappings nested more than ${ALIAS_DEPTH_LIMIT} deep through aliases cannot be read as written`;
/**
 * Takes the plain scalars of the mappings `textMappings` names as the text written (yaml's own
 * Scalar.source, not a scan of the text), in place, however the mapping is reached: in place, through
 * an alias to it or to a list or mapping holding it, or through a !!merge (yaml's own: a key with
 * addToJSMap) that brings its pairs in. An anchor there is its node, so an alias in a text mapping
 * to it is that text; elsewhere an alias to a scalar there is YAML's value, as if no walk had been.
 * What an alias names is YAML's value where it is anchored: an alias there (at any depth) to a node
 * not yet text names a copy of it made text (the first such alias is replaced by the copy,
 * anchored under a name no YAML anchor can have, ',' being a flow indicator, and the others with the
 * same places made text name it): the anchor's own uses keep what YAML reads, a number refused there
 * stays refused, and toJS still counts the aliases against its limit.
 */
function writtenAsText(yaml, document, textMappings, targets, textWithin = () => true) {
    const { Alias, isAlias, isMap, isNode, isScalar, isSeq, Scalar, visit } = yaml;
    const offsets = new Set();
    // The nodes made text in place, which an alias may name as they are.
    const text = new Set();
    // YAML's value of each scalar made text in place: what an alias outside the text mappings names.
    const read = new Map();
    // Per node copied, its copies by the places made text in them.
    const copies = new Map();
    let names = 0;
    let visits = 0;
    let problem;
    // The nodes the look below is inside, through aliases: an alias to one of them is a cycle.
    const following = new Set();
    // Set when the look (or holds) went deeper than ALIAS_DEPTH_LIMIT: refused at the alias looked through.
    let deep = false;
    // The nodes named by aliases not looked through (below), by their sizes.
    let expanded = 0;
    // Every anchor under a name of its own, the aliases naming it renamed with it: a copy placed
    // later, whose aliases name nodes anchored before it, names those nodes even where a later anchor
    // of the same name would have hidden them. An alias naming no anchor keeps its name, for toJS.
    const anchored = [];
    visit(document, { Node: (_, node) => void (node.anchor !== undefined && anchored.push(node)) });
    for (const node of anchored)
        node.anchor = `${node.anchor},${names++}`;
    for (const [alias, target] of targets)
        if (isAlias(alias) && isNode(target) && target.anchor !== undefined)
            alias.source = target.anchor;
    // toJS merges a pair into its mapping when its key says so (an explicit !!merge), or when the
    // schema makes a plain << one (YAML 1.1, or the merge option): yaml's own addPairToJSMap test.
    const mergeByDefault = document.schema.tags.some((tag) => tag.tag === 'tag:yaml.org,2002:merge' && Boolean(tag.default));
    const merges = (key) => (isNode(key) && key.addToJSMap !== undefined) ||
        (mergeByDefault && isScalar(key) && key.type === Scalar.PLAIN && key.value === '<<');
    // A key in a path: the text written, whether or not the mapping's keys are taken as written yet.
    const keyName = (key) => {
        const node = isAlias(key) ? targets.get(key) : key;
        if (!isScalar(node))
            return undefined;
        return node.source ?? String(node.value);
    };
    const named = (alias, copy) => {
        const name = Object.assign(new Alias(copy.anchor ?? ''), { range: alias.range });
        targets.set(name, copy);
        return name;
    };
    const copied = (target, signature, copy) => {
        copy.anchor = `,${names++}`;
        const bySignature = copies.get(target) ?? new Map();
        copies.set(target, bySignature.set(signature, copy));
        return copy;
    };
    // Lists and mappings that hold neither, nor an alias, nor a merge: below them is nothing to follow.
    const leaves = new Map();
    const isLeaf = (node) => {
        let leaf = leaves.get(node);
        if (leaf === undefined) {
            const plain = (part) => isScalar(part) || part === null || part === undefined;
            leaf = isSeq(node)
                ? node.items.every(plain)
                : node.items.every((pair) => plain(pair.key) && plain(pair.value) && !merges(pair.key));
            leaves.set(node, leaf);
        }
        return leaf;
    };
    // Whether a list or mapping holds (at any depth, through aliases) a node made text: read when an
    // alias names it, after all of it is walked (an anchor comes before its aliases).
    const holdsText = new Map();
    const holds = (node, depth = 0) => {
        const target = isAlias(node) ? targets.get(node) : node;
        if (text.has(target))
            return true;
        if ((!isMap(target) && !isSeq(target)) || (deep ||= depth > ALIAS_DEPTH_LIMIT))
            return false;
        let held = holdsText.get(target);
        if (held === undefined) {
            // A cycle is refused by the look below; here it holds nothing more.
            holdsText.set(target, false);
            held = isSeq(target)
                ? target.items.some((item) => holds(item, depth + 1))
                : target.items.some((pair) => holds(pair.key, depth + 1) || holds(pair.value, depth + 1));
            holdsText.set(target, held);
        }
        return held;
    };
    // How many nodes a node names, through aliases: memoised, so linear in the text. An alias to a
    // node being counted is a cycle (toJS makes a circular object of it), refused as the look does.
    const sizes = new Map();
    const sizing = new Set();
    const size = (node, depth = 0) => {
        const target = isAlias(node) ? targets.get(node) : node;
        if ((!isMap(target) && !isSeq(target)) || (deep ||= depth > ALIAS_DEPTH_LIMIT))
            return 1;
        if (sizing.has(target)) {
            problem ??= { offset: (isAlias(node) ? node.range?.[0] : undefined) ?? 0, message: CYCLE };
            return 1;
        }
        let counted = sizes.get(target);
        if (counted === undefined) {
            sizing.add(target);
            counted = isSeq(target)
                ? target.items.reduce((sum, item) => sum + size(item, depth + 1), 1)
                : target.items.reduce((sum, pair) => sum + size(pair.key, depth + 1) + size(pair.value, depth + 1), 1);
            sizing.delete(target);
            sizes.set(target, counted);
        }
        return counted;
    };
    // The places under `node`, reached at `path`, that the walk would make text, or that hold text
    // where YAML's values are due (a `!`): a copy's signature.
    // Follows aliases as the walk does; gives up on a cycle, or past the limit (see throughAlias).
    const below = (node, path, place, found, merge, depth = 0) => {
        const target = isAlias(node) ? targets.get(node) : node;
        if ((!isMap(target) && !isSeq(target)) || problem !== undefined || visits > ALIAS_WALK_LIMIT)
            return;
        if ((deep ||= depth > ALIAS_DEPTH_LIMIT))
            return;
        // Nothing here or below can be made text: not looked through, not counted; a copy of YAML's
        // values if it holds text.
        if (!textWithin(path)) {
            expanded += size(target);
            return void (holds(target) && found.push(`${place}!`));
        }
        if (following.has(target)) {
            problem = { offset: (isAlias(node) ? node.range?.[0] : undefined) ?? 0, message: CYCLE };
            return;
        }
        const leaf = isLeaf(target);
        visits += leaf ? 1 : target.items.length;
        if (isMap(target) && textMappings(path) !== text.has(target))
            found.push(text.has(target) ? `${place}!` : place);
        if (leaf)
            return;
        following.add(target);
        if (isSeq(target))
            target.items.forEach((item, index) => below(item, merge ? path : [...path, index], `${place}/${index}`, found, false, depth + 1));
        else
            target.items.forEach((pair, index) => {
                if (merges(pair.key))
                    return below(pair.value, path, `${place}/${index}<`, found, true, depth + 1);
                const key = keyName(pair.key);
                if (key !== undefined)
                    below(pair.value, [...path, key], `${place}/${index}`, found, false, depth + 1);
            });
        following.delete(target);
    };
    // A plain scalar of a text mapping, or an alias there to one, made text.
    const asText = (node, inCopy) => {
        const target = isAlias(node) ? targets.get(node) : node;
        if (!isScalar(target) || target.type !== Scalar.PLAIN || target.tag !== undefined)
            return node;
        if (target.value === null || target.source === undefined || text.has(target))
            return node;
        if (isAlias(node)) {
            const made = copies.get(target)?.get('');
            if (made !== undefined)
                return named(node, made);
            // The copy keeps the alias's place, where keyProblem names a key it repeats; YAML's value is
            // kept for a copy of it placed outside the text mappings.
            const copy = Object.assign(new Scalar(target.source), { range: node.range });
            read.set(copy, target.value);
            return copied(target, '', copy);
        }
        if (target.range && !inCopy)
            offsets.add(target.range[0]);
        read.set(target, target.value);
        target.value = target.source;
        text.add(target);
        return target;
    };
    // An alias outside the text mappings to a scalar made text in place: YAML's value, as if the
    // walk had not been (a number refused where it is written is refused again there).
    const asRead = (node) => {
        const target = isAlias(node) ? targets.get(node) : undefined;
        if (!isAlias(node) || !isScalar(target) || !read.has(target))
            return node;
        if (target.range)
            offsets.delete(target.range[0]);
        return Object.assign(new Scalar(read.get(target)), { range: node.range });
    };
    // What takes the place of an alias to a list or mapping at `path` (or merged there): the alias
    // itself when nothing under it is to be made text, else a copy made text, or an alias naming one.
    const throughAlias = (alias, path, merge) => {
        const target = targets.get(alias);
        if (!isMap(target) && !isSeq(target))
            return alias;
        const found = [];
        below(alias, path, merge ? '<' : '', found, merge);
        if (visits > ALIAS_WALK_LIMIT || expanded > ALIAS_EXPANSION_LIMIT)
            problem ??= { offset: alias.range?.[0] ?? 0, message: BLOW_UP };
        if (deep)
            problem ??= { offset: alias.range?.[0] ?? 0, message: TOO_DEEP };
        if (found.length === 0 || problem !== undefined)
            return alias;
        const signature = found.join(' ');
        const made = copies.get(target)?.get(signature);
        if (made !== undefined)
            return named(alias, made);
        const copy = target.clone();
        // Its aliases name what the target's aliases name; its anchors are gone, so an alias after it
        // still names what YAML read.
        // Its scalars made text hold YAML's values again, made text where the walk of the copy says.
        const originals = [];
        visit(target, { Node: (_, node) => void originals.push(node) });
        const restored = [];
        let index = 0;
        visit(copy, {
            Node: (_, node) => {
                const original = originals[index++];
                if (isAlias(node))
                    targets.set(node, targets.get(original));
                if (isScalar(node) && original && read.has(original)) {
                    node.value = read.get(original);
                    restored.push([node, original]);
                }
                node.anchor = undefined;
            }
        });
        copied(target, signature, copy);
        if (merge)
            mergedAt(copy, path, true, alias.range?.[0] ?? 0);
        else
            walk(copy, path, true);
        // One left as YAML reads it: a number refused where it is written is refused.
        for (const [node, original] of restored)
            if (!text.has(node) && original.range)
                offsets.delete(original.range[0]);
        return copy;
    };
    const walk = (node, path, inCopy) => {
        if (problem !== undefined)
            return node;
        if (isAlias(node))
            return throughAlias(node, path, false);
        if (isSeq(node))
            node.items = node.items.map((item, index) => walk(asRead(item), [...path, index], inCopy));
        if (!isMap(node))
            return node;
        const isText = textMappings(path);
        if (isText)
            text.add(node);
        for (const pair of node.items) {
            if (merges(pair.key)) {
                pair.value = mergedAt(pair.value, path, inCopy, (isNode(pair.key) && pair.key.range?.[0]) || 0);
                continue;
            }
            const key = keyName(pair.key);
            if (isText) {
                pair.key = asText(pair.key, inCopy);
                pair.value = asText(pair.value, inCopy);
            }
            else {
                pair.key = asRead(pair.key);
                pair.value = asRead(pair.value);
            }
            if (key !== undefined)
                pair.value = walk(pair.value, [...path, key], inCopy);
        }
        return node;
    };
    // A merge's value: a mapping, or a list of them, or aliases to either; each one's pairs are the
    // pairs of the mapping at `path`. Anything else is refused at `at` (its key) or where it is: toJS
    // refused it too, saying no place.
    const mergedAt = (node, path, inCopy, at, inList = false) => {
        if (problem !== undefined)
            return node;
        // An alias naming no anchor too: toJS said only that the source was no mapping.
        const target = isAlias(node) ? targets.get(node) : node;
        const mapping = (item) => isMap(isAlias(item) ? targets.get(item) : item);
        if (!isMap(target) && !(isSeq(target) && !inList && target.items.every(mapping))) {
            problem = { offset: (isNode(node) && node.range?.[0]) || at, message: NOT_MERGEABLE };
            return node;
        }
        if (isSeq(target) && isSeq(node))
            node.items = node.items.map((item) => mergedAt(item, path, inCopy, at, true));
        if (isAlias(node))
            return throughAlias(node, path, !inList);
        if (isMap(node))
            walk(node, path, inCopy);
        return node;
    };
    walk(document.contents, [], false);
    return problem === undefined ? { offsets } : { offsets, problem };
}


/***/ })

};
