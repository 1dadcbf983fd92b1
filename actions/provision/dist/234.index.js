export const id = 234;
export const ids = [234];
export const modules = {

/***/ 3965:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ maskSecret),
/* harmony export */   y: () => (/* binding */ secretFragments)
/* harmony export */ });
// Keys whose values are secrets in kubeconfig and talosconfig files (tokens, keys, certificates).
const SECRET_KEY = /(token|key|secret|password|passwd|cert|crt|\bca\b|-data|credential)/i;
// Values shorter than this are too common to mask without blanking half the log.
const MIN_MASK_LENGTH = 6;
// A value after "key:" (or "key="): double-quoted (JSON), single-quoted, or bare up to a space,
// comma or bracket, so that block YAML, flow YAML ({token: X}) and JSON all yield the bare secret.
const VALUE = String.raw `(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s,{}[\]"'#][^\s,{}[\]]*))`;
// The key starts where a word does and is at most 64 characters long, so that a long base64 value
// is scanned once, not once from each of its characters.
const KEYED_VALUE = new RegExp(String.raw `(?<![\w.-])["']?([\w.-]{1,64})["']?\s*[:=]\s*` + VALUE, 'g');
// An exec plugin's env entry names its variable and gives the value under "value", a key that says
// nothing about secrecy: the name decides.
const NAMED_VALUE = new RegExp(
// No list dash between: "name: X" then the next entry's "- value: Y" (entries written value first) is
// not X's value.
String.raw `(?<![\w.-])["']?name["']?\s*:\s*["']?([\w.-]+)["']?\s*,?\s*["']?value["']?\s*:\s*` + VALUE, 'g');
// The same entry with its value first: YAML and JSON give a mapping's keys in any order.
const VALUE_BEFORE_NAME = new RegExp(String.raw `(?<![\w.-])["']?value["']?\s*:\s*` +
    VALUE +
    String.raw `\s*,?\s*["']?name["']?\s*:\s*["']?([\w.-]+)`, 'g');
// An exec plugin's argument after a flag that names a secret (--client-secret X, "--token", "X"): the
// flag and its value are separate list items, so neither reads as key: value. --flag=value does.
// A flag's name starts right after its dashes, so a block list's "- " is not taken for one.
const FLAG_THEN_VALUE = new RegExp(String.raw `(?<![\w.=-])["']?(--?\w[\w-]*)["']?\s*,?\s*-?\s*` + VALUE, 'g');
/** The value as the text holds it and, for a JSON string with escapes, as it reads unescaped. */
function asWrittenAndMeant(match, first = 2) {
    const [doubleQuoted, singleQuoted, bare] = match.slice(first, first + 3);
    if (doubleQuoted === undefined)
        return [singleQuoted?.replace(/''/g, "'") ?? bare ?? ''];
    try {
        return [doubleQuoted, JSON.parse(`"${doubleQuoted}"`)];
    }
    catch {
        return [doubleQuoted];
    }
}
function keyedSecrets(value) {
    const found = [];
    for (const pattern of [KEYED_VALUE, NAMED_VALUE, FLAG_THEN_VALUE])
        for (const match of value.matchAll(pattern))
            if (SECRET_KEY.test(match[1] ?? ''))
                found.push(...asWrittenAndMeant(match));
    for (const match of value.matchAll(VALUE_BEFORE_NAME))
        if (SECRET_KEY.test(match[4] ?? ''))
            found.push(...asWrittenAndMeant(match, 1));
    return found.filter((secret) => secret.length >= MIN_MASK_LENGTH);
}
function secretFragments(value) {
    const fragments = new Set();
    const whole = value.trim();
    if (whole.length >= MIN_MASK_LENGTH)
        fragments.add(whole);
    for (const secret of keyedSecrets(value))
        fragments.add(secret);
    if (!value.includes('\n'))
        return [...fragments];
    for (const rawLine of value.split(/\r?\n/)) {
        const line = rawLine.trim();
        const match = /^-?\s*"?([\w.-]+)"?\s*[:=]\s*(.+)$/.exec(line);
        if (match && SECRET_KEY.test(match[1] ?? '')) {
            // A block-style value runs to the end of its line, spaces and all (a JSON one ends before its comma).
            const secretValue = (match[2] ?? '')
                .replace(/,$/, '')
                .replace(/^["']|["']$/g, '')
                .trim();
            if (secretValue.length >= MIN_MASK_LENGTH)
                fragments.add(secretValue);
            // The whole line too: a tool may print it as it stands.
            fragments.add(line);
        }
        else if (/^[A-Za-z0-9+/=_-]{24,}$/.test(line)) {
            // A bare long base64 line: a PEM body or a wrapped token.
            fragments.add(line);
        }
    }
    return [...fragments];
}
function maskSecret(value, mask) {
    for (const fragment of secretFragments(value))
        mask(fragment);
}


/***/ }),

/***/ 234:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  backendFileCredentials: () => (/* binding */ backendFileCredentials),
  backendLineCredentials: () => (/* binding */ backendLineCredentials),
  checkAgainstModule: () => (/* binding */ checkAgainstModule),
  confineBackendPaths: () => (/* binding */ confineBackendPaths),
  environmentSecrets: () => (/* binding */ environmentSecrets),
  readProvisionInputs: () => (/* binding */ readProvisionInputs),
  sensitiveValues: () => (/* binding */ sensitiveValues),
  varFileSecrets: () => (/* binding */ varFileSecrets)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/io/secrets.ts
var secrets = __webpack_require__(3965);
// EXTERNAL MODULE: ./src/io/workspace.ts
var workspace = __webpack_require__(2645);
// EXTERNAL MODULE: ./src/terraform/outputs.ts
var outputs = __webpack_require__(4794);
// EXTERNAL MODULE: ./src/json/shape.ts
var shape = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/terraform/root-module.ts



/** The end of a quoted string starting at `start` (its opening quote), past any ${...} inside. */
function stringEnd(text, start) {
    let i = start + 1;
    while (i < text.length) {
        const c = text[i];
        if (c === '\\')
            i += 2;
        else if (c === '"')
            return i + 1;
        else if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c)
            i = templateEnd(text, i + 2);
        else
            i += 1;
    }
    return text.length;
}
/** The end of a template sequence's expression, whose braces and strings nest. */
function templateEnd(text, start) {
    let depth = 1;
    let i = start;
    while (i < text.length && depth > 0) {
        const c = text[i];
        if (c === '"') {
            i = stringEnd(text, i);
            continue;
        }
        if (c === '{')
            depth += 1;
        if (c === '}')
            depth -= 1;
        i += 1;
    }
    return i;
}
function tokenize(text) {
    const tokens = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i] ?? '';
        const rest = text.slice(i, i + 2);
        if (c === '#' || rest === '//') {
            const end = text.indexOf('\n', i);
            i = end < 0 ? text.length : end;
        }
        else if (rest === '/*') {
            const end = text.indexOf('*/', i + 2);
            i = end < 0 ? text.length : end + 2;
        }
        else if (c === '\n') {
            tokens.push({ kind: 'newline' });
            i += 1;
        }
        else if (/\s/.test(c)) {
            i += 1;
        }
        else if (c === '"') {
            const end = stringEnd(text, i);
            tokens.push({ kind: 'string', text: text.slice(i + 1, end - 1) });
            i = end;
        }
        else if (rest === '<<') {
            // A heredoc runs to the line holding only its marker; its text is never structure.
            const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i));
            if (!heredoc) {
                tokens.push({ kind: 'other', text: rest });
                i += 2;
                continue;
            }
            const close = new RegExp(`\\n[ \\t]*${heredoc[1]}[ \\t]*(\\r?\\n|$)`).exec(text.slice(i));
            const end = close ? i + close.index + close[0].length - (close[1] ? close[1].length : 0) : text.length;
            tokens.push({ kind: 'heredoc', text: text.slice(i, end) });
            i = end;
        }
        else if ('{[('.includes(c)) {
            tokens.push({ kind: 'open', text: c });
            i += 1;
        }
        else if ('}])'.includes(c)) {
            tokens.push({ kind: 'close', text: c });
            i += 1;
        }
        else if (c === '=' && !'=>'.includes(text[i + 1] ?? '') && !'!<>='.includes(text[i - 1] ?? '')) {
            tokens.push({ kind: 'equals' });
            i += 1;
        }
        else {
            const word = /^(?:[A-Za-z_][\w-]*|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i))?.[0];
            if (word)
                tokens.push({ kind: /^\d/.test(word) ? 'number' : 'ident', text: word });
            else
                tokens.push({ kind: 'other', text: c });
            i += word ? word.length : 1;
        }
    }
    return tokens;
}
/**
 * A block's body from `start` (just past its `{`) to its `}`: attributes and nested blocks.
 * `irregular` when it holds what terraform refuses in a body and this reading skipped: stray text
 * (a quoted name, a bracket), or an attribute set twice, whose first value the map loses.
 */
function parseBody(tokens, start) {
    const block = { attributes: new Map(), blocks: [] };
    let irregular = false;
    const twice = [];
    let i = start;
    while (i < tokens.length) {
        const token = tokens[i];
        if (token?.kind === 'close')
            return { block, next: i + 1, closed: true, irregular, twice };
        if (token?.kind !== 'ident') {
            if (token?.kind !== 'newline')
                irregular = true;
            i += 1;
            continue;
        }
        if (tokens[i + 1]?.kind === 'equals') {
            // The value runs to the end of its line, or of the body, outside any brackets it opens.
            const value = [];
            let depth = 0;
            i += 2;
            for (; i < tokens.length; i += 1) {
                const part = tokens[i];
                if (depth === 0 && (part.kind === 'newline' || part.kind === 'close'))
                    break;
                if (part.kind === 'open')
                    depth += 1;
                if (part.kind === 'close')
                    depth -= 1;
                value.push(part);
            }
            if (block.attributes.has(token.text)) {
                irregular = true;
                twice.push(token.text);
            }
            block.attributes.set(token.text, value);
            continue;
        }
        const labels = [];
        let j = i + 1;
        for (; tokens[j]?.kind === 'string' || tokens[j]?.kind === 'ident'; j += 1)
            labels.push(tokens[j].text);
        if (tokens[j]?.kind === 'open' && tokens[j].text === '{') {
            const nested = parseBody(tokens, j + 1);
            block.blocks.push({ type: token.text, labels, ...nested.block });
            i = nested.next;
        }
        else {
            irregular = true;
            i = j + 1;
        }
    }
    return { block, next: i, closed: false, irregular, twice };
}
/** A token as written, near enough to quote an expression written without spaces (a bare word) exactly. */
function tokenSource(token) {
    if (!('text' in token))
        return token.kind === 'equals' ? '=' : '\n';
    return token.kind === 'string' ? `"${token.text}"` : token.text;
}
/** Tokens read only by evaluating them, with their text: a credential given so is masked as written. */
function expression(tokens) {
    return { kind: 'expression', source: tokens.map(tokenSource).join('') };
}
function isOther(token, text) {
    return token?.kind === 'other' && token.text === text;
}
function skipNewlines(tokens, start) {
    let i = start;
    while (tokens[i]?.kind === 'newline')
        i += 1;
    return i;
}
/** Where an expression from `start` ends: at a comma, a line's end or a closing bracket outside the brackets it opens. */
function expressionEnd(tokens, start) {
    let depth = 0;
    let i = start;
    for (; i < tokens.length; i += 1) {
        const token = tokens[i];
        if (depth === 0 && (token.kind === 'newline' || token.kind === 'close' || isOther(token, ',')))
            break;
        if (token.kind === 'open')
            depth += 1;
        if (token.kind === 'close')
            depth -= 1;
    }
    return i;
}
/** The items of a list, or the entries of an object, from just past its opening bracket to its closing one. */
function bracketed(tokens, start, object) {
    const items = [];
    const entries = [];
    let i = skipNewlines(tokens, start);
    while (tokens[i]?.kind !== 'close') {
        let at = i;
        let key;
        if (object) {
            const name = tokens[i];
            const separated = tokens[i + 1]?.kind === 'equals' || isOther(tokens[i + 1], ':');
            if ((name?.kind !== 'ident' && name?.kind !== 'string') || !separated)
                return undefined;
            key = name.text;
            at = i + 2;
        }
        const [value, after] = literalAt(tokens, at);
        if (key === undefined)
            items.push(value);
        else
            entries.push([key, value]);
        i = skipNewlines(tokens, after);
        if (isOther(tokens[i], ','))
            i = skipNewlines(tokens, i + 1);
        else if (tokens[i]?.kind !== 'close' && !(object && tokens[after]?.kind === 'newline'))
            return undefined;
    }
    const closing = tokens[i];
    if (closing.text !== (object ? '}' : ']'))
        return undefined;
    return [object ? { kind: 'object', entries } : { kind: 'tuple', items }, i + 1];
}
/**
 * A heredoc token's text (from `<<` to its closing marker) as its body, the lines between the two
 * marker lines with their line ends, as written; one that never closes is no literal.
 */
function heredoc(text, next) {
    const opener = /^<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text);
    const lastLine = text.lastIndexOf('\n') + 1;
    if (!opener || lastLine < opener[0].length || text.slice(lastLine).trim() !== opener[2])
        return undefined;
    return [{ kind: 'heredoc', body: text.slice(opener[0].length, lastLine), flush: opener[1] === '-' }, next];
}
/** The value from `start` and the index past its end; a value followed by more (an operator) is an expression. */
function literalAt(tokens, start) {
    const token = tokens[start];
    const end = expressionEnd(tokens, start);
    let read;
    if (token?.kind === 'string')
        read = [{ kind: 'string', raw: token.text }, start + 1];
    else if (token?.kind === 'heredoc')
        read = heredoc(token.text, start + 1);
    else if (token?.kind === 'number' || (token?.kind === 'ident' && /^(true|false|null)$/.test(token.text)))
        read = [{ kind: 'scalar', text: token.text }, start + 1];
    else if (isOther(token, '-') && tokens[start + 1]?.kind === 'number')
        read = [{ kind: 'scalar', text: `-${tokens[start + 1].text}` }, start + 2];
    else if (token?.kind === 'open' && token.text !== '(')
        read = bracketed(tokens, start + 1, token.text === '{');
    return read !== undefined && read[1] === end ? read : [expression(tokens.slice(start, end)), end];
}
/** A JSON value as the literal HCL's JSON syntax reads it as (its strings are templates too). */
function jsonLiteral(value) {
    if (typeof value === 'string')
        return { kind: 'string', raw: JSON.stringify(value).slice(1, -1) };
    if (value === null || typeof value === 'number' || typeof value === 'boolean')
        return { kind: 'scalar', text: String(value) };
    if (Array.isArray(value))
        return { kind: 'tuple', items: value.map(jsonLiteral) };
    return { kind: 'object', entries: Object.entries(value).map(([key, item]) => [key, jsonLiteral(item)]) };
}
/**
 * A value written on its own, as terraform reads a TF_VAR_ value of a list, map or object type:
 * one expression, read as an attribute's value is.
 */
function literalValue(text) {
    const tokens = tokenize(text);
    let end = tokens.length;
    while (end > 0 && tokens[end - 1]?.kind === 'newline')
        end -= 1;
    const value = tokens.slice(skipNewlines(tokens, 0), end);
    const [literal, next] = literalAt(value, 0);
    return value.length > 0 && next === value.length ? literal : expression(value);
}
/** A JSON path as the errors say it: db.password, pools[0].key. */
function jsonPathText(path) {
    return path.map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
}
/**
 * Each name given a second time in one object of a JSON text that JSON.parse took, with its path
 * (the escapes in a name read, as terraform reads them: "pa\u0074h" is path). JSON.parse keeps the
 * last value; terraform's JSON reader refuses the file, a var-file's or backend file's top-level name
 * (Duplicate argument) or one inside an object value it reads (Duplicate object attribute), and its
 * error quotes the line, the values JSON.parse dropped with it.
 */
function jsonDuplicateNames(text) {
    const found = [];
    const stack = [];
    for (const [token] of text.matchAll(/"(?:[^"\\]|\\.)*"|[{}[\],:]/g)) {
        const top = stack[stack.length - 1];
        if (token === '{' || token === '[') {
            const path = top === undefined ? [] : [...top.path, top.at ?? ''];
            const object = token === '{';
            stack.push({ path, names: object ? new Set() : undefined, at: object ? undefined : 0, expectsName: object });
        }
        else if (token === '}' || token === ']')
            stack.pop();
        else if (top === undefined)
            continue;
        else if (token === ',') {
            if (top.names === undefined)
                top.at = Number(top.at) + 1;
            else
                top.expectsName = true;
        }
        else if (token === ':')
            top.expectsName = false;
        else if (top.names !== undefined && top.expectsName) {
            const name = JSON.parse(token);
            if (top.names.has(name))
                found.push([...top.path, name]);
            top.names.add(name);
            top.at = name;
        }
    }
    return found;
}
function readAttributes(text, json) {
    if (json) {
        const [duplicate] = jsonDuplicateNames(text);
        const twice = duplicate && jsonPathText(duplicate);
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch {
            return { attributes: undefined, refused: true, twice };
        }
        if (!(0,shape/* isRecord */.u4)(parsed))
            return { attributes: undefined, refused: true, twice };
        return {
            attributes: new Map(Object.entries(parsed).map(([name, value]) => [name, jsonLiteral(value)])),
            refused: duplicate !== undefined,
            twice
        };
    }
    const tokens = tokenize(text);
    const body = parseBody(tokens, 0);
    const twice = body.twice[0];
    if (body.closed || body.next < tokens.length)
        return { attributes: undefined, refused: true, twice };
    const attributes = new Map();
    for (const [name, value] of body.block.attributes) {
        const [literal, end] = literalAt(value, 0);
        attributes.set(name, end === value.length ? literal : expression(value));
    }
    return { attributes, refused: body.irregular || body.block.blocks.length > 0, twice };
}
/**
 * The top-level attributes of a file that holds only attributes (a .tfvars file), in HCL or, for a
 * name ending in .json as terraform decides, JSON; undefined when it does not read as such a file.
 * With `strict`, undefined too where terraform refuses it for what this reading passes over (stray
 * text such as a quoted name, an attribute set twice, a block), as its error quotes those lines.
 */
function fileAttributes(text, json, strict = false) {
    return settingsFile(text, json, strict).settings;
}
/** A file of attributes (a .tfvars or backend file: HCL, or JSON for a name ending in .json), read once. */
function settingsFile(text, json, strict = true) {
    const read = readAttributes(text, json);
    return { settings: strict && read.refused ? undefined : read.attributes, twice: read.twice };
}
/**
 * The settings of a backend configuration file (-backend-config=FILE: HCL, or JSON for a name ending
 * in .json), the one reading of it both for the credentials to mask and for the paths to confine.
 * Undefined when terraform would refuse the file, whose error then quotes the offending line: when it
 * does not read as attributes, or holds a block, stray text (a quoted name) or a setting given twice
 * (in JSON, a name given twice in any object of it).
 */
function backendFileSettings(text, json) {
    return settingsFile(text, json).settings;
}
/** Whether tokens are one pair of parentheses around all the rest: (x), not (a) || (b). */
function parenthesized(tokens) {
    let depth = 0;
    for (const [index, token] of tokens.entries()) {
        if (token.kind === 'open')
            depth += 1;
        if (token.kind === 'close')
            depth -= 1;
        if (depth === 0)
            return index === tokens.length - 1 && tokens[0]?.kind === 'open' && tokens[0].text === '(';
    }
    return false;
}
// The strings terraform converts to a bool (cty: "true" and "1", "false" and "0").
const BOOL_STRINGS = new Map([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false]
]);
/**
 * A variable's `sensitive` as terraform reads it, when it is a constant written plainly: true or
 * false, a string it converts ("true", "0"), in parentheses or after `!`. Undefined for anything
 * else (a conditional, an operator, a template), which terraform evaluates: a variable so declared
 * is taken as sensitive, so that its value is masked before terraform runs, as masking a value that
 * was not secret costs nothing, and terraform prints a sensitive one where its errors quote it.
 */
function constantBool(value) {
    const tokens = value.filter((token) => token.kind !== 'newline');
    if (tokens.length > 2 && parenthesized(tokens))
        return constantBool(tokens.slice(1, -1));
    const [first] = tokens;
    if (first?.kind === 'other' && first.text === '!' && tokens.length > 1) {
        const operand = constantBool(tokens.slice(1));
        return operand === undefined ? undefined : !operand;
    }
    if (tokens.length !== 1)
        return undefined;
    if (first?.kind === 'ident' && (first.text === 'true' || first.text === 'false'))
        return first.text === 'true';
    return first?.kind === 'string' ? BOOL_STRINGS.get(first.text) : undefined;
}
// The types whose TF_VAR_ values terraform takes literally (configs.decodeVariableType: the primitive
// types); any other, `any` included, parses them as HCL.
const LITERAL_TYPES = new Set(['string', 'number', 'bool']);
function hclFacts(text) {
    const top = parseBody(tokenize(text), 0).block.blocks;
    let backend;
    for (const settings of top.filter((block) => block.type === 'terraform'))
        for (const inner of settings.blocks) {
            if (inner.type === 'backend' && inner.labels[0])
                backend = inner.labels[0];
            if (inner.type === 'cloud')
                backend = 'cloud';
        }
    const sensitive = top
        .filter((block) => block.type === 'variable' && block.labels[0] !== undefined)
        .filter((block) => {
        const value = block.attributes.get('sensitive');
        return value !== undefined && constantBool(value) !== false;
    })
        .map((block) => block.labels[0]);
    const typed = new Map();
    for (const block of top.filter((found) => found.type === 'variable' && found.labels[0] !== undefined)) {
        const type = block.attributes.get('type');
        if (type === undefined)
            continue;
        const keyword = type.length === 1 && type[0]?.kind === 'ident';
        typed.set(block.labels[0], !(keyword && LITERAL_TYPES.has(type[0].text)));
    }
    return { backend, sensitive, typed };
}
/** JSON syntax allows an object, or an array of objects, wherever native syntax has blocks. */
function objects(value) {
    return (0,shape/* oneOrMany */.Pl)(value).filter(shape/* isRecord */.u4);
}
function jsonFacts(text) {
    let parsed;
    const typed = new Map();
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return { backend: undefined, sensitive: [], typed };
    }
    let backend;
    const sensitive = [];
    for (const root of objects(parsed)) {
        for (const settings of objects(root.terraform)) {
            for (const backends of objects(settings.backend))
                backend = Object.keys(backends)[0] ?? backend;
            if (settings.cloud !== undefined)
                backend = 'cloud';
        }
        for (const variables of objects(root.variable))
            for (const [name, declaration] of Object.entries(variables))
                for (const body of objects(declaration)) {
                    // JSON syntax takes true or a string terraform converts ("true", "1"); anything but a plain
                    // false is taken as sensitive, as in native syntax.
                    const declared = body.sensitive;
                    if (declared !== undefined &&
                        declared !== false &&
                        declared !== null &&
                        !(typeof declared === 'string' && BOOL_STRINGS.get(declared) === false))
                        sensitive.push(name);
                    // JSON syntax writes the type as a string holding its expression: "string", "list(string)".
                    if (body.type !== undefined)
                        typed.set(name, !(typeof body.type === 'string' && LITERAL_TYPES.has(body.type.trim())));
                }
    }
    return { backend, sensitive, typed };
}
// Terraform skips editor leftovers and hidden files when it loads a directory.
const IGNORED = /^\.|~$|^#.*#$/;
const OVERRIDE = /(^|_)override\.tf(\.json)?$/;
function readRootModule(dir) {
    const files = (0,external_node_fs_.readdirSync)(dir)
        .filter((name) => (name.endsWith('.tf') || name.endsWith('.tf.json')) && !IGNORED.test(name))
        .sort();
    // Override files are merged last, so a backend they declare wins.
    const ordered = [...files.filter((name) => !OVERRIDE.test(name)), ...files.filter((name) => OVERRIDE.test(name))];
    const facts = { backend: undefined, sensitiveVariables: new Set(), hclVariables: new Set() };
    for (const name of ordered) {
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, name), 'utf8');
        }
        catch {
            continue;
        }
        const found = name.endsWith('.json') ? jsonFacts(text) : hclFacts(text);
        facts.backend = found.backend ?? facts.backend;
        for (const variable of found.sensitive)
            facts.sensitiveVariables.add(variable);
        // An override file's type replaces the declaration's.
        for (const [variable, hcl] of found.typed)
            if (hcl)
                facts.hclVariables.add(variable);
            else
                facts.hclVariables.delete(variable);
    }
    return facts;
}

// EXTERNAL MODULE: ./src/provision/input-paths.ts
var input_paths = __webpack_require__(9838);
// EXTERNAL MODULE: ./src/provision/inputs.ts
var inputs = __webpack_require__(442);
;// CONCATENATED MODULE: ./src/provision/module-checks.ts
// The input checks that need the root module read: the backend's type (consul's `path` is no file)
// and the variables it declares sensitive. Loaded only once the plain checks pass, so that a run
// failing on a missing input does not parse the module reader at start.










/**
 * Backend settings whose value names a file or directory terraform reads (the local backend's
 * `path` and `workspace_dir` it writes), from the backends' schemas in Terraform 1.11 (and oci's,
 * from 1.13): s3's shared_config_files, shared_credentials_file(s) and custom_ca_bundle, oss's
 * shared_credentials_file, cos's shared_credentials_dir, azurerm's *_file_path and
 * client_certificate_path, kubernetes's config_path(s), consul's ca_file, cert_file and key_file,
 * oci's private_key_path; gcs's credentials is a path or the key's JSON itself. Consul's `path` is
 * a key in Consul, not a file.
 */
const PATH_SETTINGS = new Set([
    'path',
    'workspace_dir',
    'shared_credentials_file',
    'custom_ca_bundle',
    'shared_credentials_dir',
    'client_id_file_path',
    'client_certificate_path',
    'client_secret_file_path',
    'oidc_token_file_path',
    'config_path',
    'ca_file',
    'cert_file',
    'key_file',
    'private_key_path'
]);
// Lists of paths, written as HCL lists: terraform parses a non-string setting's value as HCL.
const PATH_LIST_SETTINGS = new Set(['shared_config_files', 'shared_credentials_files', 'config_paths']);
// s3's assume_role_with_web_identity is an HCL object, one of whose attributes is a path.
const WEB_IDENTITY = /(?:^|[{,\s])"?web_identity_token_file"?\s*[=:]\s*"((?:[^"\\]|\\.)*)"/g;
const QUOTED_STRING = /"((?:[^"\\]|\\.)*)"/g;
// A template sequence (${ or %{, not the escapes $${ and %%{), which terraform would evaluate: %${
// is a literal % and an interpolation, $%{ a literal $ and a directive.
const TEMPLATE = /(?<!\$)\$\{|(?<!%)%\{/;
// The libpq parameters of a pg conn_str that name files lib/pq reads (the client certificate and
// key, the CA bundle); lib/pq 1.10, terraform's driver, reads no passfile parameter.
const CONN_STR_FILES = new Set(['sslcert', 'sslkey', 'sslrootcert']);
/** A path a setting names plainly: a credential setting's is never quoted. */
function namedPath(setting, path) {
    return { setting, path, secret: inputs/* CREDENTIAL_SETTING */.TE.test(setting) };
}
/**
 * The parameters of a pg conn_str as lib/pq reads them: a postgres:// or postgresql:// URL's query
 * (form-decoded; the first of a repeated one counts, an empty one not at all), or a key=value
 * string (values bare or in single quotes, backslash escapes; the last of a repeated one counts).
 */
function connStrParameters(connStr) {
    const params = new Map();
    if (/^postgres(ql)?:\/\//.test(connStr)) {
        const query = (connStr.split('#')[0] ?? '').split('?').slice(1).join('?');
        for (const pair of query.split('&')) {
            // Go's query parser drops a pair holding ';' or a bad escape.
            if (pair.includes(';'))
                continue;
            const [key = '', ...rest] = pair.split('=');
            try {
                const name = decodeURIComponent(key.replace(/\+/g, ' '));
                const value = decodeURIComponent(rest.join('=').replace(/\+/g, ' '));
                if (name !== '' && !params.has(name))
                    params.set(name, value);
            }
            catch {
                continue;
            }
        }
        for (const [name, value] of params)
            if (value === '')
                params.delete(name);
        return params;
    }
    const pair = /\s*([^\s=]+)\s*=\s*(?:'((?:[^'\\]|\\[\s\S])*)'|((?:[^\s\\]|\\[\s\S])*))/y;
    for (let match = pair.exec(connStr); match !== null; match = pair.exec(connStr))
        params.set(match[1] ?? '', (match[2] ?? match[3] ?? '').replace(/\\([\s\S])/g, '$1'));
    return params;
}
/** The files a pg conn_str names; with sslinline=true its parameters hold the PEM text, not paths. */
function connStrPaths(connStr) {
    const params = connStrParameters(connStr);
    if (params.get('sslinline') === 'true')
        return [];
    return [...params]
        .filter(([name, value]) => CONN_STR_FILES.has(name) && value !== '' && !(name === 'sslrootcert' && value === 'system'))
        .map(([name, value]) => ({ setting: `conn_str's ${name}`, path: value, secret: true }));
}
/** The paths a backend-config key=value line names, as terraform reads them (relative to the module). */
function settingPaths(name, value, backend, moduleDir) {
    const named = (path) => namedPath(name, path);
    if (name === 'path' && backend === 'consul')
        return [];
    if (name === 'conn_str')
        return connStrPaths(value);
    if (PATH_SETTINGS.has(name))
        return [named(value)];
    // gcs reads credentials as a file when one is at that path (~ expanded first), else as the JSON key.
    if (name === 'credentials')
        return value.startsWith('~') || (0,external_node_fs_.existsSync)((0,external_node_path_.resolve)(moduleDir, value)) ? [named(value)] : [];
    const quoted = PATH_LIST_SETTINGS.has(name)
        ? [...value.matchAll(QUOTED_STRING)]
        : name === 'assume_role_with_web_identity'
            ? [...value.matchAll(WEB_IDENTITY)]
            : [];
    if (quoted.length > 0 && TEMPLATE.test(value))
        throw new errors/* UserError */.yo(`the value of ${name} holds a template sequence (\${ or %{), which terraform would evaluate: write its paths plainly.`, 'backend-config');
    return quoted.map((match) => named((0,inputs/* hclString */.ZK)(match[1] ?? '')));
}
/** A string value as terraform reads it, when it is one written plainly: quoted, with no template sequence. */
function plainString(value) {
    if (value.kind === 'string')
        return TEMPLATE.test(value.raw) ? undefined : (0,inputs/* hclString */.ZK)(value.raw);
    // terraform converts a number or bool to the string a setting wants; null leaves it unset.
    if (value.kind === 'scalar')
        return value.text === 'null' ? '' : value.text;
    return undefined;
}
/** A backend file's settings, for its credentials and its paths alike; undefined when terraform would refuse it. */
function readBackendFile(file) {
    return backendFileSettings((0,external_node_fs_.readFileSync)(file, 'utf8'), file.endsWith('.json'));
}
/** The texts of a credential setting's value: each string in it as terraform reads it, each line of a heredoc too. */
function credentialTexts(value) {
    switch (value.kind) {
        case 'string':
            return [(0,inputs/* hclString */.ZK)(value.raw)];
        case 'heredoc':
            // The runner masks a multi-line value only whole: each line of it too.
            return [value.body.replace(/\r?\n$/, ''), ...value.body.split(/\r?\n/).map((line) => line.trim())];
        case 'scalar':
            return [value.text];
        case 'tuple':
            return value.items.flatMap(credentialTexts);
        case 'object':
            return value.entries.flatMap(([, item]) => credentialTexts(item));
        case 'expression':
            // Terraform refuses a variable or a function here, and its error quotes the line: masked as written.
            return [value.source];
    }
}
/** The credential settings' texts in settings, nested ones too (assume_role's session_token). */
function settingCredentials(entries) {
    return [...entries].flatMap(([name, value]) => {
        if (inputs/* CREDENTIAL_SETTING */.TE.test((0,inputs/* hclString */.ZK)(name)))
            return credentialTexts(value);
        if (value.kind === 'object')
            return settingCredentials(value.entries);
        return [];
    });
}
/**
 * The credential values of the backend files among the -backend-config values, as `terraform init`
 * reads them. A file terraform would refuse yields none: confineBackendPaths refuses it before
 * terraform runs, so that terraform's error, which quotes the file's lines, is never printed.
 */
function backendFileCredentials(backendConfig) {
    const found = new Set(backendConfig
        .filter((value) => !value.includes('='))
        .flatMap((file) => settingCredentials(readBackendFile(file) ?? [])));
    found.delete('');
    return [...found];
}
/** Whether a value, or anything inside it, is read only by evaluating it (or is no HCL at all). */
function evaluated(value) {
    if (value.kind === 'expression')
        return true;
    if (value.kind === 'tuple')
        return value.items.some(evaluated);
    if (value.kind === 'object')
        return value.entries.some(([, item]) => evaluated(item));
    return false;
}
/**
 * The credentials inside the key=value lines whose value terraform parses as HCL (a setting that is
 * no string: s3's assume_role and its session_token, assume_role_with_web_identity and its
 * web_identity_token), which the name of the line's setting does not mark as a credential. Such a
 * value that does not read as HCL, and holds a credential's name, is refused: terraform's syntax
 * error names the argument whole (`on -backend-config="assume_role={...}" line 1`), its quotes
 * escaped, so that neither the value nor a credential in it would be masked as written there.
 */
function backendLineCredentials(backendConfig) {
    const found = new Set();
    for (const entry of backendConfig) {
        const [, name = '', value = ''] = /^([^=]+)=(.*)$/.exec(entry) ?? [];
        if (inputs/* CREDENTIAL_SETTING */.TE.test(name) || !/^\s*[{[]/.test(value))
            continue;
        const literal = literalValue(value);
        if (evaluated(literal)) {
            if (inputs/* CREDENTIAL_SETTING */.TE.test(value))
                throw new errors/* UserError */.yo(`the value of ${name} does not read as HCL (terraform parses it so) and holds a credential's name: terraform's error would quote it whole, the credential with it. Write it plainly: {name = "value", ...}.`, 'backend-config');
            continue;
        }
        for (const credential of settingCredentials([[name, literal]]))
            if (credential !== '')
                found.add(credential);
    }
    return [...found];
}
/**
 * The paths a backend file's settings name, read as terraform reads them (HCL, or JSON for a name
 * ending in .json, with no variables or functions). A setting that may name a file but is written
 * in a form read only by evaluating it (a heredoc, an expression, a template) is refused.
 */
function backendFilePaths(file, shown, backend, moduleDir) {
    const json = file.endsWith('.json');
    const { settings, twice } = settingsFile((0,external_node_fs_.readFileSync)(file, 'utf8'), json);
    if (twice !== undefined)
        throw new errors/* UserError */.yo(`the backend file ${shown} gives ${twice} twice, which terraform refuses, quoting the line: give each setting once.`, 'backend-config');
    if (settings === undefined)
        throw new errors/* UserError */.yo(`the backend file ${shown} does not read as a file of name = value settings${json ? ' (JSON, for its .json name)' : ''}: terraform would refuse it too.`, 'backend-config');
    const unreadable = (name) => new errors/* UserError */.yo(`${name} in ${shown} is not written plainly (it is a heredoc, an expression, or a string holding \${ or %{), so the files it names cannot be checked before terraform evaluates it: write each path as a quoted string.`, 'backend-config');
    const found = [];
    for (const [name, value] of settings) {
        const named = (path) => namedPath(name, path);
        const plain = plainString(value);
        if (name === 'path' && backend === 'consul')
            continue;
        if (PATH_SETTINGS.has(name) || name === 'conn_str' || name === 'credentials') {
            // A heredoc credentials is the key's JSON: it ends in a newline, so it names no file.
            if (name === 'credentials' && value.kind === 'heredoc')
                continue;
            if (plain === undefined)
                throw unreadable(name);
            if (plain !== '')
                found.push(...settingPaths(name, plain, backend, moduleDir));
        }
        else if (PATH_LIST_SETTINGS.has(name)) {
            if (value.kind === 'scalar' && value.text === 'null')
                continue;
            if (value.kind !== 'tuple')
                throw unreadable(name);
            for (const item of value.items) {
                const path = plainString(item);
                if (path === undefined)
                    throw unreadable(name);
                found.push(named(path));
            }
        }
        else if (name === 'assume_role_with_web_identity') {
            if (value.kind === 'scalar' && value.text === 'null')
                continue;
            if (value.kind !== 'object')
                throw unreadable(name);
            for (const [key, item] of value.entries) {
                if ((0,inputs/* hclString */.ZK)(key) !== 'web_identity_token_file')
                    continue;
                const path = plainString(item);
                if (path === undefined)
                    throw unreadable(name);
                if (path !== '')
                    found.push(named(path));
            }
        }
    }
    return found;
}
/** A backend file as the errors name it: from the workspace, where the input names it. */
function shownFile(env, file) {
    const fromWorkspace = (0,external_node_path_.relative)((0,workspace/* workspaceRoot */.o)(env), file);
    return fromWorkspace.startsWith('..') || (0,external_node_path_.isAbsolute)(fromWorkspace) ? file : fromWorkspace;
}
/**
 * Refuses a backend setting that names a file or directory outside the workspace and RUNNER_TEMP,
 * as for the path inputs, whether a key=value line or a backend file gives it: terraform would read
 * it (a credentials file, a kubeconfig, a key) or, for the local backend, write the state there.
 * `~` is refused: the s3, gcs, kubernetes, oss and cos backends read it as the home directory, the
 * local backend as a directory named ~.
 */
function confineBackendPaths(backendConfig, env, moduleDir, backend) {
    for (const entry of backendConfig) {
        const match = /^([^=]+)=(.*)$/.exec(entry);
        // A value without '=' is a backend file's absolute path (see backendConfigInput).
        const file = match ? undefined : `'${shownFile(env, entry)}'`;
        const paths = match
            ? match[2] === ''
                ? []
                : settingPaths(match[1] ?? '', match[2] ?? '', backend, moduleDir)
            : backendFilePaths(entry, file ?? '', backend, moduleDir);
        for (const { setting, path, secret } of paths) {
            const notes = [
                file && `in ${file}`,
                (0,external_node_path_.isAbsolute)(path) ? undefined : 'relative to working-directory'
            ].filter(Boolean);
            // A credential's value is never quoted back, nor is a path that might be one (gcs's credentials).
            const named = secret ? `the path ${setting} names` : `${setting} '${path}'`;
            const shown = notes.length > 0 ? `${named} (${notes.join(', ')})` : named;
            if (path.startsWith('~'))
                throw new errors/* UserError */.yo(`${shown} starts with ~, a home directory: give a path in the workspace or RUNNER_TEMP.`, 'backend-config');
            (0,input_paths/* confineToJob */.h)(env, (0,external_node_path_.resolve)(moduleDir, path), 'backend-config', shown);
        }
    }
}
/**
 * A number as terraform reads one from text (cty.ParseNumberVal, Go's big.ParseFloat in base 10): a
 * TF_VAR_ value of a number variable, or a string the module uses as a number. A sign, decimal
 * digits with an optional point, and an exponent of ten (e) or of two (p: 111111p1 is 222222). No
 * space, underscore or 0x prefix. An HCL number literal is the same without the sign and the p.
 */
const NUMBER = /^([-+]?)(\d*)(?:\.(\d*))?(?:([eEpP])([-+]?\d+))?$/;
/**
 * A number as terraform prints it (a number variable's value, a number turned into a string): in
 * plain decimal, with no exponent and no leading or trailing zeros (1e3 is "1000", 0123 is "123",
 * 1.50 is "1.5", 1.5p1 is "3"). Text that is no number is kept as written, as is a number whose
 * decimal form would run to thousands of digits.
 */
function numberText(written) {
    const match = NUMBER.exec(written);
    const [, sign = '', whole = '', fraction = '', base = 'e', exponent = '0'] = match ?? [];
    if (!match || whole + fraction === '' || Math.abs(Number(exponent)) > 4000)
        return written;
    // The value is digits / 10^scale.
    let digits = BigInt(whole + fraction);
    let scale = fraction.length;
    const power = Number(exponent);
    if (/[eE]/.test(base))
        scale -= power;
    else if (power >= 0)
        digits *= 2n ** BigInt(power);
    else {
        // x / 2^n is x * 5^n / 10^n.
        digits *= 5n ** BigInt(-power);
        scale -= power;
    }
    if (digits === 0n)
        return '0';
    let text = digits.toString();
    const zeros = /0*$/.exec(text)?.[0].length ?? 0;
    text = text.slice(0, text.length - zeros);
    const point = text.length - (scale - zeros);
    if (Math.abs(point) > 1000)
        return written;
    const decimal = point <= 0
        ? `0.${'0'.repeat(-point)}${text}`
        : point >= text.length
            ? `${text}${'0'.repeat(point - text.length)}`
            : `${text.slice(0, point)}.${text.slice(point)}`;
    return `${sign === '-' ? '-' : ''}${decimal}`;
}
/**
 * A secret and each line of it. The runner's log is masked line by line, so a multi-line value
 * registered whole is never matched when a tool prints one of its lines (an error quoting a line,
 * terraform's source snippet of a heredoc): each line, trimmed, is registered too. A value that
 * reads as a number is registered as terraform prints it too: a number variable takes a string
 * ("1.2345600e5", from TF_VAR_, a .tfvars string, `variables`) as that number, and a string or
 * untyped one becomes it where the module uses it as one.
 */
function withLines(values) {
    const found = new Set();
    for (const value of values) {
        found.add(value);
        if (NUMBER.test(value))
            found.add(numberText(value));
        if (/[\r\n]/.test(value))
            for (const line of value.split(/\r\n|\r|\n/))
                if (line.trim() !== '')
                    found.add(line.trim());
    }
    return [...found];
}
/** Every string and number inside a value from JSON or YAML, each number as terraform writes it as a string. */
function valueLeaves(value) {
    if (typeof value === 'string')
        return [value];
    if (typeof value === 'number')
        return [numberText(String(value))];
    if (Array.isArray(value))
        return value.flatMap(valueLeaves);
    if ((0,shape/* isRecord */.u4)(value))
        return Object.values(value).flatMap(valueLeaves);
    return [];
}
/**
 * The values of `variables` for variables declared `sensitive = true`, whole and each string and
 * number inside a structured one, and each line of a multi-line one: terraform hides them in its
 * plan, but not where a function's error quotes one (cidrsubnet: "invalid CIDR address: VALUE"),
 * nor where the module passes one to nonsensitive(). A .tfvars.json file's values are read the same
 * way: terraform takes its strings literally, templates and all.
 */
function sensitiveValues(variables, sensitive) {
    return withLines(Object.entries(variables)
        .filter(([name, value]) => sensitive.has(name) && value !== null)
        .flatMap(([, value]) => [(0,outputs/* outputText */.jO)(value), ...valueLeaves(value)]));
}
// An escape of a quoted HCL string, or $${ and %%{, the escapes of a literal ${ and %{.
const HCL_ESCAPE = /\\(?:([nrt"\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))|([$%])\4\{/g;
const ESCAPED = { n: '\n', r: '\r', t: '\t' };
/** Text as terraform reads it from a template with no template sequence; an escape terraform refuses stays as written. */
function unescaped(text, backslashes) {
    return text.replace(HCL_ESCAPE, (escape, char, u4, u8, sign) => {
        if (sign !== undefined)
            return `${sign}{`;
        if (!backslashes)
            return escape;
        if (char !== undefined)
            return ESCAPED[char] ?? char;
        const code = Number.parseInt(u4 ?? u8 ?? '', 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : escape;
    });
}
// Go's unicode.IsSpace, which HCL uses to find a flush heredoc's indentation.
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/u;
/**
 * A heredoc's value as terraform reads it: its lines with their line ends, each line of a flush
 * heredoc (`<<-`) less the smallest indentation among its lines that are not blank (counted in
 * characters, a tab as one; blank lines are left as they are). Backslashes are not escapes here.
 */
function heredocText(body, flush) {
    if (!flush)
        return unescaped(body, false);
    const lines = body.split(/(?<=\n)/);
    const indent = (line) => [...(GO_SPACE.exec(line)?.[0] ?? '')].length;
    const blank = (line) => indent(line) === [...line].length;
    const trim = Math.min(...lines.filter((line) => !blank(line)).map(indent));
    return unescaped(lines.map((line) => (blank(line) ? line : [...line].slice(trim).join(''))).join(''), false);
}
/**
 * The texts a .tfvars value gives terraform: each string as terraform reads it and as written (a
 * tool quoting the file's source, as terraform's own errors do, prints it so), each number as
 * terraform turns it into a string and as written, alone or inside a list or object. Undefined when
 * only evaluating the value tells what it is: an expression, or a string or heredoc holding a
 * template sequence (${ or %{), which a .tfvars file may use with literals ("${"a"}b" is "ab").
 */
function tfvarsTexts(value) {
    const all = (values) => {
        const texts = [];
        for (const item of values) {
            const read = tfvarsTexts(item);
            if (read === undefined)
                return undefined;
            texts.push(...read);
        }
        return texts;
    };
    switch (value.kind) {
        case 'string':
            return TEMPLATE.test(value.raw) ? undefined : [unescaped(value.raw, true), value.raw];
        case 'heredoc':
            return TEMPLATE.test(value.body) ? undefined : [heredocText(value.body, value.flush)];
        case 'scalar':
            return /^(true|false|null)$/.test(value.text) ? [] : [numberText(value.text), value.text];
        case 'tuple':
            return all(value.items);
        case 'object':
            return all(value.entries.map(([, item]) => item));
        case 'expression':
            return undefined;
    }
}
/** The refusal of a sensitive variable's value that only terraform's evaluation tells; `source` names where it is given. */
function unmaskable(source, name, input) {
    return new errors/* UserError */.yo(`${source} gives the sensitive variable ${name} a value that only terraform's evaluation tells (an expression, or a string or heredoc holding \${ or %{), so it cannot be masked before terraform runs: write it plainly, as a quoted string or a heredoc (with $\${ for a literal \${), a number, or a list or map of those.`, input);
}
/**
 * The var-files terraform loads on its own from the directory it runs in (the working directory),
 * in its order: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars and *.auto.tfvars.json
 * by name, hidden ones too.
 */
function autoVarFiles(dir) {
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)(dir);
    }
    catch {
        return [];
    }
    return [
        ...['terraform.tfvars', 'terraform.tfvars.json'].filter((name) => names.includes(name)),
        ...names.filter((name) => /\.auto\.tfvars(\.json)?$/.test(name)).sort()
    ].map((name) => (0,external_node_path_.join)(dir, name));
}
// A token of JSON text: a string, a number as written, or punctuation (true, false and null hold no number).
const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[{}[\],:]/g;
/**
 * The numbers inside each top-level attribute of a JSON object's text (read by JSON.parse first), as
 * written: JSON.parse makes a number with more digits than a double holds another one
 * (12345678901234567890 reads as 12345678901234567000), while terraform reads a .tfvars.json exactly.
 */
function jsonNumbersAsWritten(text) {
    const numbers = new Map();
    let depth = 0;
    let name;
    let previous = '';
    for (const [token] of text.matchAll(JSON_TOKEN)) {
        if (token === '{' || token === '[')
            depth += 1;
        else if (token === '}' || token === ']')
            depth -= 1;
        // At the top object's depth, a string after { or , is a name; after : it is a value.
        else if (depth === 1 && token.startsWith('"') && (previous === '{' || previous === ','))
            name = JSON.parse(token);
        else if (name !== undefined && !token.startsWith('"') && /\d/.test(token))
            numbers.set(name, [...(numbers.get(name) ?? []), token]);
        previous = token;
    }
    return numbers;
}
/**
 * Refuses a .tfvars.json that gives a name twice where terraform refuses it, quoting the line: at
 * the top, or inside a sensitive variable's value (terraform reads a declared variable's value
 * whole). JSON.parse keeps the last value, so the first would be printed unmasked. A name inside a
 * sensitive value is not said: it is part of the secret.
 */
function refuseDuplicateNames(text, sensitive, source, input) {
    for (const [name, ...inside] of jsonDuplicateNames(text)) {
        const said = inside.length === 0
            ? `sets ${String(name)} twice`
            : sensitive.has(String(name))
                ? `gives the sensitive variable ${String(name)} a value with a name set twice`
                : undefined;
        if (said !== undefined)
            throw new errors/* UserError */.yo(`${source} ${said}, which terraform refuses, quoting the line: give each name once.`, input);
    }
}
/**
 * The values var-files give the variables declared `sensitive = true`: from a .tfvars.json file as
 * from `variables`; from a .tfvars file each string, heredoc and number, alone or inside a list or
 * object, and each line of a multi-line one. A value for such a variable that only terraform's
 * evaluation tells is refused, naming the file (as `shown` words it) and the variable, never the
 * value: masking its text as written would not mask what terraform makes of it, and a .tfvars file,
 * where no variable or function may be used, can always say it plainly. A file that does not read
 * as attributes (or that terraform refuses for a quoted name, a block, a name given twice) is
 * refused when the module declares a sensitive variable: terraform refuses it too, and its error
 * quotes the file's lines, where the values this reading could not find would show unmasked.
 */
function varFileSecrets(varFiles, sensitive, shown, input) {
    // Nothing to find, nor to keep from terraform's errors: those errors are the most telling.
    if (sensitive.size === 0)
        return [];
    const values = varFiles.flatMap((file) => {
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(file, 'utf8');
        }
        catch {
            return [];
        }
        const json = file.endsWith('.json');
        const unreadable = new errors/* UserError */.yo(`${shown(file)} does not read as a file of name = value settings${json ? ' (JSON, for its .json name)' : ''}: terraform would refuse it too, quoting its lines, a sensitive variable's value among them.`, input);
        if (json) {
            let parsed;
            try {
                parsed = JSON.parse(text);
            }
            catch {
                throw unreadable;
            }
            if (!(0,shape/* isRecord */.u4)(parsed))
                throw unreadable;
            refuseDuplicateNames(text, sensitive, shown(file), input);
            return [
                ...sensitiveValues(parsed, sensitive),
                ...[...jsonNumbersAsWritten(text)]
                    .filter(([name]) => sensitive.has(name))
                    .flatMap(([, numbers]) => numbers.flatMap((number) => [numberText(number), number]))
            ];
        }
        const { settings: attributes, twice } = settingsFile(text, false);
        if (twice !== undefined)
            throw new errors/* UserError */.yo(`${shown(file)} sets ${twice} twice, which terraform refuses, quoting the line: give each name once.`, input);
        if (attributes === undefined)
            throw unreadable;
        return [...attributes]
            .filter(([name]) => sensitive.has(name))
            .flatMap(([name, value]) => {
            const texts = tfvarsTexts(value);
            if (texts === undefined)
                throw unmaskable(shown(file), name, input);
            return withLines(texts);
        });
    });
    return [...new Set(values)];
}
/**
 * The values TF_VAR_<name> environment variables give the variables declared `sensitive = true`:
 * a step's env: that reads a secret is masked by the runner, but not a value an earlier step computed
 * and wrote to GITHUB_ENV. Each is masked whole and line by line; a variable of a list, map or object
 * type also each string and number terraform reads from it, as from a .tfvars file, and one whose
 * value only terraform's evaluation tells is refused, naming the variable, never the value.
 */
function environmentSecrets(env, module) {
    const values = Object.entries(env).flatMap(([key, value]) => {
        const name = key.startsWith('TF_VAR_') ? key.slice('TF_VAR_'.length) : undefined;
        if (name === undefined || !module.sensitiveVariables.has(name) || !value)
            return [];
        if (!module.hclVariables.has(name))
            return withLines([value]);
        const texts = tfvarsTexts(literalValue(value));
        if (texts === undefined)
            throw unmaskable(`The environment variable ${key}`, name);
        return withLines([value, ...texts]);
    });
    return [...new Set(values)];
}
// A -var or -var-file argument (Go's flag package takes -name and --name, the value after = or apart),
// as written in a TF_CLI_ARGS value, which terraform splits as a shell would: quoted or not.
const VARIABLE_ARGUMENT = /(?:^|\s)["']?--?var(?:-file)?(?:[=\s"']|$)/;
/**
 * Refuses -var and -var-file in TF_CLI_ARGS and TF_CLI_ARGS_plan when the module declares a sensitive
 * variable: terraform appends them to the plan's arguments, so a value given there reaches terraform,
 * and its errors, without the action seeing it to mask it. The value is never quoted.
 */
function refuseCliArgumentVariables(env, sensitive) {
    if (sensitive.size === 0)
        return;
    for (const name of ['TF_CLI_ARGS', 'TF_CLI_ARGS_plan'])
        if (VARIABLE_ARGUMENT.test(env[name] ?? ''))
            throw new errors/* UserError */.yo(`The environment variable ${name} gives terraform -var or -var-file, whose values the action cannot read to mask a sensitive variable's: give variables through the variables or var-files input, or TF_VAR_<name>.`);
}
// A -backend-config argument, written as VARIABLE_ARGUMENT's are.
const BACKEND_CONFIG_ARGUMENT = /(?:^|\s)["']?--?backend-config(?:[=\s"']|$)/;
/**
 * Refuses -backend-config in TF_CLI_ARGS and TF_CLI_ARGS_init: terraform adds them to init's arguments,
 * so a setting or backend file given there reaches terraform, and its errors ("Attribute redefined"
 * quotes a file's line, a credential with it), without the action seeing it to mask it or to keep the
 * paths it names in the workspace. The value is never quoted.
 */
function refuseCliArgumentBackendConfig(env) {
    for (const name of ['TF_CLI_ARGS', 'TF_CLI_ARGS_init'])
        if (BACKEND_CONFIG_ARGUMENT.test(env[name] ?? ''))
            throw new errors/* UserError */.yo(`The environment variable ${name} gives terraform init -backend-config, whose settings the action can neither check nor mask (terraform's errors quote them, credentials too): give backend settings through the backend-config input.`);
}
/**
 * The plain inputs, checked against the root module they name; with `mask`, the values given to
 * sensitive variables are masked before anything can print them.
 */
function checkAgainstModule(inputs, env, mask) {
    const fileCredentials = [
        ...backendFileCredentials(inputs.backendConfig),
        ...backendLineCredentials(inputs.backendConfig)
    ];
    if (mask)
        for (const credential of fileCredentials)
            mask(credential);
    const module = readRootModule(inputs.workingDirectory);
    confineBackendPaths(inputs.backendConfig, env, inputs.workingDirectory, module.backend);
    const sensitive = module.sensitiveVariables;
    refuseCliArgumentVariables(env, sensitive);
    const variableSecrets = [
        ...sensitiveValues(inputs.variables, sensitive),
        // The files terraform loads without being told, then those the input names.
        ...varFileSecrets(autoVarFiles(inputs.workingDirectory), sensitive, (file) => `${(0,external_node_path_.basename)(file)}, which terraform loads from it,`, 'working-directory'),
        ...varFileSecrets(inputs.varFiles, sensitive, (file) => `'${shownFile(env, file)}'`, 'var-files'),
        ...environmentSecrets(env, module)
    ];
    // After the refusals above, whose order a run with several faults keeps.
    refuseCliArgumentBackendConfig(env);
    const unique = [...new Set(variableSecrets)];
    if (mask)
        for (const value of unique)
            (0,secrets/* maskSecret */.$)(value, mask);
    return {
        ...inputs,
        backendSecrets: [...new Set([...inputs.backendSecrets, ...fileCredentials])],
        variableSecrets: unique
    };
}
/** Every input, parsed and checked before anything runs. */
function readProvisionInputs(read, env, bundledRoot, yaml) {
    return checkAgainstModule((0,inputs/* readPlainInputs */.iv)(read, env, bundledRoot, yaml), env);
}


/***/ }),

/***/ 4794:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I7: () => (/* binding */ stringLeaves),
/* harmony export */   Q8: () => (/* binding */ parseOutputs),
/* harmony export */   SB: () => (/* binding */ publicOutputs),
/* harmony export */   hu: () => (/* binding */ plannedOutputs),
/* harmony export */   jO: () => (/* binding */ outputText),
/* harmony export */   yy: () => (/* binding */ isSecretOutput)
/* harmony export */ });
/* harmony import */ var _json_shape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5507);

function parseOutputs(json) {
    let parsed;
    try {
        parsed = JSON.parse(json);
    }
    catch {
        throw new Error('terraform output -json did not print JSON.');
    }
    if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(parsed))
        throw new Error('terraform output -json did not print an object of outputs.');
    return Object.entries(parsed).map(([name, entry]) => {
        const record = (typeof entry === 'object' && entry !== null ? entry : {});
        return { name, sensitive: record.sensitive === true, value: record.value };
    });
}
// Credentials by name: treated as secrets even when a module forgets to mark them sensitive.
const CREDENTIAL_OUTPUTS = new Set(['kubeconfig', 'talosconfig']);
function isSecretOutput(output) {
    return output.sensitive || CREDENTIAL_OUTPUTS.has(output.name);
}
/** An output as one string: strings as they are, anything else as JSON. */
function outputText(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}
/** Every string inside a value, for masking the pieces of a structured secret one by one. */
function stringLeaves(value) {
    if (typeof value === 'string')
        return [value];
    if (Array.isArray(value))
        return value.flatMap(stringLeaves);
    if ((0,_json_shape_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(value))
        return Object.values(value).flatMap(stringLeaves);
    return [];
}
/** The `outputs-json` output: non-secret outputs only, by name. */
function publicOutputs(outputs) {
    return Object.fromEntries(outputs.filter((output) => !isSecretOutput(output)).map((output) => [output.name, output.value]));
}
/**
 * The outputs a saved plan already knows the value of (`terraform show -json PLAN`'s output_changes),
 * as outputs: `terraform plan` prints them under "Changes to Outputs:", before any apply.
 */
function plannedOutputs(plan) {
    const changes = plan
        ?.output_changes;
    if (!changes || typeof changes !== 'object')
        return [];
    return Object.entries(changes)
        .filter(([, change]) => change.after !== undefined && change.after !== null)
        .map(([name, change]) => ({ name, sensitive: change.after_sensitive === true, value: change.after }));
}


/***/ })

};
