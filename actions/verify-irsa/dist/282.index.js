export const id = 282;
export const ids = [282];
export const modules = {

/***/ 5507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pl: () => (/* binding */ oneOrMany),
/* harmony export */   QT: () => (/* binding */ asStringList),
/* harmony export */   qY: () => (/* binding */ asRecord),
/* harmony export */   u4: () => (/* binding */ isRecord)
/* harmony export */ });
/* unused harmony export isStringArray */
// The shapes of parsed JSON (and YAML), which is `unknown` until looked at: an object, a list of
// strings, IAM's "one value or a list of them". One copy of each test, so that every reader of a
// policy, a discovery document, a kubeconfig or a token means the same by "an object".
/**
 * Whether `value` is an object and not an array: what JSON.parse makes of `{…}`. Only null, arrays
 * (by Array.isArray, whatever their prototype), functions and primitives are refused; an object with a
 * null prototype and a class instance (a Date, a Map, a Buffer) are accepted. Nothing is copied: an own
 * `__proto__` key that JSON.parse made stays an ordinary key of the same object.
 */
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** `value` itself where isRecord holds, else undefined: for reading nested keys with `?.`. */
function asRecord(value) {
    return isRecord(value) ? value : undefined;
}
/**
 * Whether `value` is an array (by Array.isArray) whose every item is a string; the empty array is one.
 * Strict: one item of another type refuses the whole. A hole, which JSON.parse never makes, is skipped.
 */
function isStringArray(value) {
    return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
/**
 * The strings `value` holds, leniently: a string as a one-item list, an array's string items in order
 * (items of other types dropped, not refused), anything else (an object too) as the empty list. Always a
 * new array, never the one given.
 */
function asStringList(value) {
    if (typeof value === 'string')
        return [value];
    if (Array.isArray(value))
        return value.filter((item) => typeof item === 'string');
    return [];
}
/**
 * IAM's "one or a list" (Statement, Action, Resource, a condition's values): an array as it is (the
 * same array, not a copy), anything else, undefined and null included, as a one-item list of it.
 */
function oneOrMany(value) {
    return Array.isArray(value) ? value : [value];
}


/***/ }),

/***/ 2817:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W3: () => (/* binding */ KubeApiError),
  TO: () => (/* binding */ afterPendingConnects),
  TM: () => (/* binding */ firstLine),
  W0: () => (/* binding */ kubeCall),
  s6: () => (/* binding */ kubeJson),
  Lc: () => (/* binding */ loadKubeClient),
  Nh: () => (/* binding */ namespacedPath),
  Ts: () => (/* binding */ requestOptionsFor),
  c2: () => (/* binding */ statusOf)
});

// UNUSED EXPORTS: callDeadlineMs, kubeRequest

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/io/redact.ts
var io_redact = __webpack_require__(8075);
;// CONCATENATED MODULE: ./src/io/secrets.ts
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

;// CONCATENATED MODULE: ./src/io/yaml.ts
// `yaml` is the largest module a small bundle holds (~290 kB to compile, ~10 ms of start-up). Most
// runs read no YAML at all, and a run that fails on a missing input never should, so the parser is
// loaded only by a run that has YAML text to read, and handed to the code that parses it.
/** The code of the error for a plain number refused under `exactNumbers`: its message says what to do. */
const INEXACT_NUMBER = 'INEXACT_NUMBER';
/**
 * A problem yaml found, said without what it quotes of the source (after ": ", or a directive's
 * name), which may be a secret: a tag (!s3cr3t), an alias's name (*s3cr3t), a block scalar's header.
 */
function withoutSource(problem, warning) {
    const first = problem.message.split('\n')[0] ?? '';
    const [, said = first, place = ''] = /^(.*?)((?: at line \d+, column \d+)?:?)$/.exec(first) ?? [];
    let description = said
        .replace(/: .*$/, '')
        .replace(/^(Unknown directive|Unsupported YAML version) .*$/, '$1');
    if (warning && problem.code === 'TAG_RESOLVE_FAILED')
        description = `${description} (a value that starts with ! is a YAML tag: quote it)`;
    return Object.assign(new Error(`${description}${place}`), problem.code ? { code: problem.code } : {});
}
/**
 * `exactNumbers`: the parser may be asked to refuse mangled numbers (provision's variables,
 * irsa-role's bindings and inline policy). Only a run that asks for it loads it, beside the parser.
 */
async function loadYamlParser(options = {}) {
    // The checks on the parsed document load with the parser: a run that reads no YAML carries neither.
    const [yaml, exact, { aliasTargets, writtenAsText }, { keyProblem }] = await Promise.all([
        __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 8815, 19)),
        options.exactNumbers ? __webpack_require__.e(/* import() */ 982).then(__webpack_require__.bind(__webpack_require__, 982)).then((m) => m.exactNumberTag) : undefined,
        __webpack_require__.e(/* import() */ 808).then(__webpack_require__.bind(__webpack_require__, 808)),
        __webpack_require__.e(/* import() */ 670).then(__webpack_require__.bind(__webpack_require__, 670))
    ]);
    return (text, call = {}) => {
        if (call.exactNumbers && !exact)
            throw new Error('internal error: exact numbers asked of a YAML parser loaded without them');
        // The refusals of this call's number tag, told from yaml's other tag errors by what they say.
        const refusals = new Set();
        const numbers = exact && {
            ...exact,
            resolve: (value, onError) => exact.resolve(value, (message) => {
                refusals.add(message);
                onError(message);
            })
        };
        // parseDocument, not parse: parse prints each warning to stderr, the source line with it.
        // Keys are told apart by keyProblem, after the text mappings are read as written, not by yaml.
        const lineCounter = new yaml.LineCounter();
        const document = yaml.parseDocument(text, {
            lineCounter,
            uniqueKeys: false,
            ...(call.exactNumbers && numbers ? { customTags: (tags) => [numbers, ...tags] } : {})
        });
        // YAML 1.1, asked for by its directive, reads more plain values as numbers than the exact-number
        // tag knows (0b11, 1:30 as 90, 1_000) and y, on, no as booleans: a value changed without a word.
        if (call.exactNumbers && document.directives?.yaml.version === '1.1') {
            const { line, col } = lineCounter.linePos(Math.max(0, text.search(/^%YAML/m)));
            throw new Error('A %YAML 1.1 document reads some plain values as other numbers or booleans (1:30 as 90, y as true): ' +
                `remove the directive (YAML 1.2 is read) at line ${line}, column ${col}:`);
        }
        // Where a plain scalar was taken as written: a number refused there was refused for nothing.
        const targets = aliasTargets(yaml, document);
        const { offsets: asWritten, problem: unwritten } = call.textMappings
            ? writtenAsText(yaml, document, call.textMappings, targets, call.textWithin)
            : { offsets: new Set(), problem: undefined };
        const refused = (problem) => [...refusals].some((message) => problem.message.startsWith(message));
        // An alias the text mappings cannot be read through (a blow-up, a cycle), unless the text does
        // not parse: the walk stopped there, so a number it would have taken as written may be refused.
        if (unwritten && !document.errors.some((problem) => !refused(problem))) {
            const { line, col } = lineCounter.linePos(unwritten.offset);
            throw new Error(`${unwritten.message} at line ${line}, column ${col}:`);
        }
        const [error] = document.errors.filter((problem) => !(asWritten.has(problem.pos[0]) && refused(problem)));
        const badKey = keyProblem(yaml, document, targets);
        if (badKey && !(error && error.pos[0] <= badKey.offset)) {
            const { line, col } = lineCounter.linePos(badKey.offset);
            throw new Error(`${badKey.message} at line ${line}, column ${col}:`);
        }
        if (error)
            throw withoutSource(refused(error) ? { message: error.message, code: INEXACT_NUMBER } : error, false);
        const [warning] = document.warnings;
        if (warning)
            throw withoutSource(warning, true);
        try {
            return document.toJS();
        }
        catch (problem) {
            // An alias naming no anchor is found only here, its name quoted.
            throw problem instanceof Error ? withoutSource(problem, false) : problem;
        }
    };
}
/** The parser when one of `inputs` holds text; otherwise one that no reader of those inputs calls. */
async function yamlParserFor(read, inputs, options = {}) {
    if (inputs.some((name) => read(name) !== ''))
        return loadYamlParser(options);
    return () => {
        throw new Error(`internal error: YAML was parsed though none of ${inputs.join(', ')} was given`);
    };
}

;// CONCATENATED MODULE: ./src/io/workspace.ts

/**
 * The job's checkout (GITHUB_WORKSPACE), which every relative path input is read from; outside a
 * runner, the process's directory.
 */
function workspaceRoot(env) {
    return (0,external_node_path_.resolve)(env.GITHUB_WORKSPACE || process.cwd());
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/json/shape.ts
var shape = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/kube/kubeconfig.ts
// Reads what a request to the API server needs from a kubeconfig (server, CA, client certificate,
// bearer token) without loading @kubernetes/client-node: that package is a 16 MB bundle chunk whose
// start-up cost dwarfs the two GETs publish-oidc makes. Kubeconfigs whose user authenticates in a
// way this reader does not handle (exec plugins, auth providers, basic auth) get no connection, and
// their requests go through client-node's KubeConfig instead.




function entry(list, name, key) {
    if (!Array.isArray(list))
        return undefined;
    const found = list.find((item) => (0,shape/* asRecord */.qY)(item)?.name === name);
    return (0,shape/* asRecord */.qY)(found?.[key]);
}
function kubeconfig_text(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
/** A path the kubeconfig names, made absolute against `baseDir` unless it is empty or absolute. */
function resolvedPath(value, baseDir) {
    return typeof value === 'string' && value !== '' && !(0,external_node_path_.isAbsolute)(value) ? (0,external_node_path_.join)(baseDir, value) : value;
}
/** Each `key` entry of a named list (clusters, users) with `fix` applied to a copy of its body. */
function mapEntries(list, key, fix) {
    if (!Array.isArray(list))
        return list;
    return list.map((item) => {
        const named = (0,shape/* asRecord */.qY)(item);
        const body = (0,shape/* asRecord */.qY)(named?.[key]);
        if (!named || !body)
            return item;
        const copy = { ...body };
        fix(copy);
        return { ...named, [key]: copy };
    });
}
/**
 * The kubeconfig with the relative file paths in it made absolute against `baseDir`, as client-go
 * (and so kubectl) does for a kubeconfig it loads from a file (clientcmd's ResolveLocalPaths, against
 * the directory of the file): a cluster's certificate-authority; a user's client-certificate,
 * client-key and tokenFile (and client-node's token-file); and an exec plugin's command, but only
 * when it names a path (holds a separator), since a bare name is looked up on PATH. Without this a
 * relative path was read from the process's working directory. The document is not changed.
 */
function resolveKubeconfigPaths(document, baseDir) {
    const config = (0,shape/* asRecord */.qY)(document);
    if (!config)
        return document;
    const clusters = mapEntries(config.clusters, 'cluster', (cluster) => {
        if ('certificate-authority' in cluster)
            cluster['certificate-authority'] = resolvedPath(cluster['certificate-authority'], baseDir);
    });
    const users = mapEntries(config.users, 'user', (user) => {
        for (const field of ['client-certificate', 'client-key', 'tokenFile', 'token-file'])
            if (field in user)
                user[field] = resolvedPath(user[field], baseDir);
        const exec = (0,shape/* asRecord */.qY)(user.exec);
        if (exec && typeof exec.command === 'string' && exec.command.includes(external_node_path_.sep))
            user.exec = { ...exec, command: resolvedPath(exec.command, baseDir) };
    });
    return { ...config, clusters, users };
}
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
/**
 * The user:password part of a server URL, up to its '@', if it has one. A URL the parser refuses
 * (a password with a raw '/' in it) is cut at its last '@', so that its password is dropped too.
 */
function userinfoOf(server) {
    const start = SCHEME.exec(server)?.[0].length ?? 0;
    const rest = server.slice(start);
    const authorityEnd = rest.search(/[/?#\\]/);
    let at = (authorityEnd < 0 ? rest : rest.slice(0, authorityEnd)).lastIndexOf('@');
    if (at < 0 && !URL.canParse(server))
        at = rest.lastIndexOf('@');
    return at < 0 ? undefined : { start, userinfo: rest.slice(0, at) };
}
/** A server URL as it may be printed: without its user:password@. */
function withoutUserinfo(server) {
    const found = userinfoOf(server);
    return found
        ? server.slice(0, found.start) + server.slice(found.start + found.userinfo.length + 1)
        : server;
}
/** What to mask of the user:password@ of each cluster's server URL: as written, and decoded. */
function serverUserinfoSecrets(document) {
    const secrets = new Set();
    const clusters = (0,shape/* asRecord */.qY)(document)?.clusters;
    for (const item of Array.isArray(clusters) ? clusters : []) {
        const server = kubeconfig_text((0,shape/* asRecord */.qY)((0,shape/* asRecord */.qY)(item)?.cluster)?.server);
        const userinfo = server === undefined ? undefined : userinfoOf(server)?.userinfo;
        if (userinfo === undefined)
            continue;
        for (const secret of [userinfo, userinfo.slice(userinfo.indexOf(':') + 1)]) {
            secrets.add(secret);
            try {
                secrets.add(decodeURIComponent(secret));
            }
            catch {
                // not percent-encoded as a URL's would be: masked as written
            }
        }
    }
    return [...secrets].filter((secret) => secret !== '');
}
/** Inline base64 data wins over a file path, as kubectl does. */
function material(data, file, what, input) {
    const inline = kubeconfig_text(data);
    if (inline)
        return Buffer.from(inline, 'base64');
    const path = kubeconfig_text(file);
    if (!path)
        return undefined;
    try {
        return (0,external_node_fs_.readFileSync)(path);
    }
    catch {
        throw new errors/* UserError */.yo(`its ${what} file '${path}' cannot be read.`, input);
    }
}
function parseKubeconfig(document, input) {
    const config = (0,shape/* asRecord */.qY)(document);
    if (!config) {
        // A path given where the content belongs parses as a plain string.
        const hint = input === 'kubeconfig' && typeof document === 'string' && !/\s/.test(document.trim())
            ? ' If that is the path of a file, give it as kubeconfig-path.'
            : '';
        throw new errors/* UserError */.yo(`does not parse as a kubeconfig (not a YAML map).${hint}`, input);
    }
    const currentContext = kubeconfig_text(config['current-context']);
    if (!currentContext)
        throw new errors/* UserError */.yo('has no current-context.', input);
    const context = entry(config.contexts, currentContext, 'context');
    if (!context)
        throw new errors/* UserError */.yo(`names current-context '${currentContext}', which it does not define.`, input);
    const cluster = entry(config.clusters, String(context.cluster ?? ''), 'cluster');
    const server = kubeconfig_text(cluster?.server);
    if (!cluster || !server)
        throw new errors/* UserError */.yo('has no current context with a cluster server.', input);
    if (!/^https?:\/\//.test(server))
        throw new errors/* UserError */.yo(`its server '${withoutUserinfo(server)}' is not an http(s) URL.`, input);
    let url;
    try {
        url = new URL(server);
    }
    catch {
        throw new errors/* UserError */.yo(`its server '${withoutUserinfo(server)}' is not a valid URL.`, input);
    }
    // Node would send user:password@ as basic auth (in the clear to an http server), which no
    // kube-apiserver has accepted since 1.19; dropping it quietly would leave a password in the
    // kubeconfig that the run seems to use. The run stops, saying what to fix, and never prints it.
    if (url.username !== '' || url.password !== '')
        throw new errors/* UserError */.yo(`its server ${withoutUserinfo(server)} has a user name or password in its URL (user:password@), ` +
            'which the action does not send: kube-apiserver has not accepted basic auth since Kubernetes 1.19. ' +
            'Remove it from the URL and authenticate with a client certificate, a token or an exec plugin.', input);
    const user = entry(config.users, String(context.user ?? ''), 'user') ?? {};
    const needsClientNode = ['exec', 'auth-provider', 'username', 'password'].some((key) => key in user);
    if (needsClientNode)
        return { server: server.replace(/\/$/, ''), connection: undefined };
    const connection = {
        server: server.replace(/\/$/, ''),
        insecure: cluster['insecure-skip-tls-verify'] === true
    };
    const ca = material(cluster['certificate-authority-data'], cluster['certificate-authority'], 'certificate-authority', input);
    const cert = material(user['client-certificate-data'], user['client-certificate'], 'client-certificate', input);
    const key = material(user['client-key-data'], user['client-key'], 'client-key', input);
    if (ca)
        connection.ca = ca;
    if (cert)
        connection.cert = cert;
    if (key)
        connection.key = key;
    const tokenFile = kubeconfig_text(user.tokenFile) ?? kubeconfig_text(user['token-file']);
    const token = kubeconfig_text(user.token) ??
        (tokenFile ? material(undefined, tokenFile, 'token', input)?.toString('utf8').trim() : undefined);
    if (token)
        connection.token = token;
    return { server: connection.server, connection };
}

;// CONCATENATED MODULE: ./src/kube/retry.ts
/**
 * When a Kubernetes API request is sent again, as client-go's rest.Request does (with_retry.go): an
 * answer of 429 (API Priority and Fairness, or max-requests-inflight, turning it away unread) or
 * 5xx, and a connection lost before the answer. What client-go retries only with a Retry-After
 * header this retries with or without one, but only for requests that are safe to repeat; and the
 * whole wait is kept to seconds, since a step that fails can be run again.
 */
/** Attempts in all, the first included. */
const KUBE_ATTEMPTS = 4;
/** The longest pause a Retry-After header is honoured for; a longer one is cut to this. */
const RETRY_AFTER_CAP_MS = 5000;
const FIRST_BACKOFF_MS = 250;
function repeatOf(method, repeat) {
    return repeat ?? (method === 'GET' ? 'safe' : 'unsafe');
}
/**
 * Whether an answer asks for the request again. A 429 is always worth it: the server turns the
 * request away before running it. A 5xx may come after the write was applied (a 504 names a
 * request that may still complete), so only a request safe to repeat is sent again. 501 and 505 say
 * the server never will.
 */
function retriesStatus(status, repeat) {
    if (status === 429)
        return true;
    return repeat === 'safe' && status >= 500 && status !== 501 && status !== 505;
}
/**
 * Whether a connection error is worth the request again. Refused: nothing was sent (an API server
 * restarting), so any request. Reset, closed or broken off: it may have been applied, so only one
 * safe to repeat. A TLS or certificate failure, a DNS failure or a timeout would fail alike.
 */
function retriesConnection(code, repeat) {
    if (code === 'ECONNREFUSED')
        return true;
    return repeat === 'safe' && code !== undefined && LOST.has(code);
}
const LOST = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);
/**
 * The pause before attempt `attempt + 1` (attempt counts from 1): the Retry-After seconds when the
 * server gave them, capped, else a doubling backoff with jitter.
 */
function pauseMs(attempt, retryAfter) {
    const seconds = retryAfter !== undefined && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
    if (seconds !== undefined)
        return Math.min(seconds * 1000, RETRY_AFTER_CAP_MS);
    const backoff = FIRST_BACKOFF_MS * 2 ** (attempt - 1);
    return backoff / 2 + Math.random() * (backoff / 2);
}

;// CONCATENATED MODULE: ./src/kube/client.ts










/** A masker that registers each fragment once, however often the same secret comes by. */
function maskingOnce(mask) {
    const registered = new Set();
    return {
        registered,
        mask: (secret) => {
            for (const fragment of secretFragments(secret))
                if (!registered.has(fragment)) {
                    registered.add(fragment);
                    mask(fragment);
                }
        }
    };
}
/** A path is one line and has no "key: value" structure; a kubeconfig has both. */
function looksLikeContent(value) {
    return /[\r\n]/.test(value) || /^\s*[{[]/.test(value) || /(^|[\s{,"])apiVersion"?\s*:/.test(value);
}
/**
 * The kubeconfig a one-line base64 value encodes (as a secret often holds one), if it is one: decoded
 * and read for a kubeconfig's keys, since the value's characters alone cannot tell it from a path (the
 * base64 of ASCII text holds a '/' for some of its '?', and that of other text anywhere).
 */
function encodedKubeconfig(value) {
    const text = value.trim();
    // Standard or URL-safe, padded or not; Node's decoder takes both alphabets.
    if (text.length < 16 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text))
        return undefined;
    const decoded = Buffer.from(text, 'base64').toString('utf8');
    return /(^|[\s{,"])(apiVersion|clusters)"?\s*:/.test(decoded) ? decoded : undefined;
}
/**
 * A bearer token where the path belongs: a service account's JWT (three base64url parts, the first a
 * JSON header, "eyJ"), a bootstrap token (whose form Kubernetes documents as [a-z0-9]{6}.[a-z0-9]{16},
 * a dot in it as in a file name), or an opaque token of 32 or more characters without a dot or a
 * slash, which a file name seldom is.
 */
function looksLikeToken(value) {
    const text = value.trim();
    return (/^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(text) ||
        /^[a-z0-9]{6}\.[a-z0-9]{16}$/.test(text) ||
        /^[A-Za-z0-9+=_-]{32,}$/.test(text));
}
/**
 * Parses the kubeconfig (masking its secrets first) and checks it names a server. An action passes
 * its context as `masking`, so that the client's redact also hides what other modules of the run
 * masked (a proxy in front of the API server may echo any of it); a bare masker serves a test.
 */
async function loadKubeClient(source, masking, env = process.env) {
    const { mask, redact: runRedact } = typeof masking === 'function' ? { mask: masking, redact: (text) => text } : masking;
    let content = source.value;
    // The directory the kubeconfig's relative paths (certificate-authority, client-key, tokenFile, an
    // exec command like ./bin/plugin) are read from. For kubeconfig-path it is the file's own
    // directory, as kubectl --kubeconfig does. An inline kubeconfig has no file: client-go would read
    // its relative paths from the working directory, which in a step is the workspace; naming the
    // workspace gives the same answer there, is the directory every other path input of these actions
    // is relative to, and does not depend on where a wrapper or a test starts the process.
    let baseDir = workspaceRoot(env);
    if (source.input === 'kubeconfig-path') {
        if (looksLikeContent(source.value)) {
            // A kubeconfig pasted where its path belongs: masked, and never quoted back.
            maskSecret(source.value, mask);
            throw new errors/* UserError */.yo("holds a kubeconfig's content, not a path to one; pass the content as kubeconfig instead.", source.input);
        }
        const decoded = encodedKubeconfig(source.value);
        if (decoded !== undefined) {
            // Its secrets too: a later step may print the value decoded.
            maskSecret(source.value, mask);
            maskSecret(decoded, mask);
            throw new errors/* UserError */.yo('holds a kubeconfig base64-encoded, not a path to one; decode it and pass the content as kubeconfig instead.', source.input);
        }
        const file = (0,external_node_path_.resolve)(baseDir, source.value);
        baseDir = (0,external_node_path_.dirname)(file);
        try {
            content = await (0,promises_.readFile)(file, 'utf8');
        }
        catch (error) {
            const code = error.code;
            const why = typeof code === 'string' ? ` (${code})` : '';
            // The input is no secret, so the runner does not mask it: a token given here is not quoted back.
            if (looksLikeToken(source.value)) {
                maskSecret(source.value, mask);
                throw new errors/* UserError */.yo(`names no file that can be read${why}, and looks like a token rather than a path, so it is not repeated here; give the path of a kubeconfig file.`, source.input);
            }
            throw new errors/* UserError */.yo(`cannot read '${source.value}'${why}.`, source.input);
        }
    }
    const { mask: maskDerived, registered } = maskingOnce(mask);
    maskDerived(content);
    const parse = await loadYamlParser();
    let document;
    try {
        document = resolveKubeconfigPaths(parse(content), baseDir);
    }
    catch (error) {
        throw new errors/* UserError */.yo(`does not parse as a kubeconfig (${firstLine(error)}).`, source.input);
    }
    // A server URL's key is not a secret's, so the password in https://user:password@host is not
    // among what the text's masking found.
    for (const secret of serverUserinfoSecrets(document))
        maskDerived(secret);
    const { server, connection } = parseKubeconfig(document, source.input);
    // Read from files the kubeconfig names, so not masked with its text.
    if (connection?.token)
        maskDerived(connection.token);
    if (connection?.key)
        maskDerived(connection.key.toString('utf8'));
    let loaded;
    const kubeConfig = () => (loaded ??= (async () => {
        // The Kubernetes client is the heaviest import: only the paths that need it pay for it.
        const { KubeConfig } = await __webpack_require__.e(/* import() */ 172).then(__webpack_require__.bind(__webpack_require__, 2172));
        const config = new KubeConfig();
        try {
            // The document with its paths resolved (JSON is YAML): client-node's loadFromString would
            // read them from the working directory, and reads a token-file while it loads.
            config.loadFromString(JSON.stringify(document));
        }
        catch (error) {
            throw new errors/* UserError */.yo(`does not parse as a kubeconfig (${firstLine(error)}).`, source.input);
        }
        return config;
    })());
    // The run's list holds the client's too when the client masks through it; a bare masker's does not.
    const redact = (text) => (0,io_redact/* redactSecrets */.fp)(runRedact(text), registered);
    return { server, source, connection, kubeConfig, maskDerived, redact };
}
function firstLine(error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
/** TLS material and credentials for one request, from the parsed kubeconfig or from client-node. */
async function requestOptionsFor(client, method) {
    const headers = { Accept: 'application/json' };
    const connection = client.connection;
    if (!connection) {
        const options = { method, headers };
        await (await client.kubeConfig()).applyToHTTPSOptions(options);
        // An exec plugin or auth provider has just handed over a token or key that no kubeconfig held.
        const authorization = options.headers?.Authorization;
        if (typeof authorization === 'string')
            client.maskDerived(authorization.replace(/^Bearer\s+/i, ''));
        if (options.key)
            client.maskDerived(options.key.toString());
        return options;
    }
    if (connection.token)
        headers.Authorization = `Bearer ${connection.token}`;
    const options = { method, headers, rejectUnauthorized: !connection.insecure };
    if (connection.ca)
        options.ca = connection.ca;
    if (connection.cert)
        options.cert = connection.cert;
    if (connection.key)
        options.key = connection.key;
    return options;
}
/** A request that got no (whole) answer: its Node error code decides whether to send it again. */
class KubeConnectionError extends errors/* UserError */.yo {
    errno;
    constructor(message, input, errno) {
        super(message, input);
        this.errno = errno;
    }
}
/** An attempt that got no whole answer within its time. */
class KubeTimeoutError extends errors/* UserError */.yo {
}
/** An answer longer than the request's maxBytes: not retried, the same server would send it again. */
class KubeTooLargeError extends errors/* UserError */.yo {
}
function sizeText(bytes) {
    return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
/**
 * How long one logical call may take, its retries and pauses included: the per-attempt timeout and a
 * third more, at most the Retry-After cap (20 s for the default 15 s). client-go bounds a request
 * and all its retries by the one timeout (rest.Request.request wraps its retry loop in
 * context.WithTimeout); the margin lets a server that refused quickly (a 429, a 503) still be asked
 * again, without letting one that fails slowly hold the call for every attempt's whole timeout.
 */
function callDeadlineMs(timeoutMs) {
    return timeoutMs + Math.min(RETRY_AFTER_CAP_MS, timeoutMs / 3);
}
/**
 * A raw request with the kubeconfig's TLS and credentials: for the non-resource paths
 * (/.well-known/openid-configuration, /openid/v1/jwks) that the generated API clients do not cover,
 * and for the plain REST calls that do not justify loading @kubernetes/client-node. A 429, a 5xx
 * or a lost connection is tried again (src/kube/retry.ts) while the request is safe to repeat and
 * the call's deadline (callDeadlineMs) leaves time; the last answer is returned, or the last
 * connection error thrown naming the call and the attempts.
 */
async function kubeRequest(client, method, path, options = {}) {
    const repeat = repeatOf(method, options.repeat);
    const timeoutMs = options.timeoutMs ?? 15000;
    const totalMs = callDeadlineMs(timeoutMs);
    const deadline = Date.now() + totalMs;
    // Whether another attempt may follow a pause of `ms`: only while the deadline leaves time for it.
    const leavesTime = (ms) => Date.now() + ms < deadline;
    let earlier = '';
    for (let attempt = 1;; attempt += 1) {
        let response;
        try {
            response = await kubeAttempt(client, method, path, {
                ...options,
                timeoutMs: Math.max(1, Math.min(timeoutMs, deadline - Date.now()))
            });
        }
        catch (error) {
            if (error instanceof KubeTimeoutError && attempt > 1)
                throw new errors/* UserError */.yo(`the cluster at ${client.server} did not complete ${method} ${path} within ${totalMs / 1000} s: ` +
                    `sent ${attempt} times, retried after ${earlier}.`, client.source.input);
            if (!(error instanceof KubeConnectionError))
                throw error;
            const pause = pauseMs(attempt, undefined);
            if (attempt < KUBE_ATTEMPTS && retriesConnection(error.errno, repeat) && leavesTime(pause)) {
                earlier = 'a lost connection';
                await (0,external_node_timers_promises_.setTimeout)(pause);
                continue;
            }
            if (attempt === 1)
                throw error;
            throw new errors/* UserError */.yo(`${error.reason.replace(/\.$/, '')}; ${method} ${path} was sent ${attempt} times.`, client.source.input);
        }
        const pause = pauseMs(attempt, response.retryAfter);
        if (attempt < KUBE_ATTEMPTS && retriesStatus(response.status, repeat) && leavesTime(pause)) {
            earlier = `HTTP ${response.status}`;
            await (0,external_node_timers_promises_.setTimeout)(pause);
            continue;
        }
        return attempt === 1 ? response : { ...response, attempts: attempt };
    }
}
/** One attempt of kubeRequest. */
async function kubeAttempt(client, method, path, options) {
    const url = new URL(client.server + path);
    const requestOptions = await requestOptionsFor(client, method);
    if (options.body !== undefined)
        requestOptions.headers = {
            ...requestOptions.headers,
            'Content-Type': options.contentType ?? 'application/json',
            // Node sends a DELETE's body neither chunked nor sized unless told its length, and the server
            // then reads it as the start of another request.
            'Content-Length': String(Buffer.byteLength(options.body))
        };
    // Loaded on first use: input validation, which runs before any request, does not pay for TLS.
    const transport = url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7067, 23));
    const timeoutMs = options.timeoutMs ?? 15000;
    const input = client.source.input;
    return new Promise((resolve, reject) => {
        const tooSlow = () => new KubeTimeoutError(`the cluster at ${client.server} did not answer ${method} ${path} within ${timeoutMs / 1000} s.`, input);
        const errnoOf = (error) => {
            const code = error.code;
            return typeof code === 'string' ? code : undefined;
        };
        // The socket timeout catches silence; this catches an answer that trickles in for ever.
        const deadline = setTimeout(() => request.destroy(tooSlow()), timeoutMs);
        const request = transport.request(url, { ...requestOptions, timeout: timeoutMs }, (response) => {
            const chunks = [];
            let size = 0;
            response.on('data', (chunk) => {
                size += chunk.length;
                if (options.maxBytes !== undefined && size > options.maxBytes)
                    request.destroy(new KubeTooLargeError(`the cluster at ${client.server} answered ${method} ${path} with more than ${sizeText(options.maxBytes)}; ` +
                        'check what answers there (a proxy, another server).'));
                else
                    chunks.push(chunk);
            });
            response.on('end', () => {
                clearTimeout(deadline);
                const retryAfter = response.headers['retry-after'];
                resolve({
                    status: response.statusCode ?? 0,
                    body: Buffer.concat(chunks).toString('utf8'),
                    contentType: String(response.headers['content-type'] ?? ''),
                    ...(typeof retryAfter === 'string' ? { retryAfter } : {})
                });
            });
            response.on('error', (error) => {
                clearTimeout(deadline);
                reject(error instanceof errors/* UserError */.yo
                    ? error
                    : new KubeConnectionError(`the cluster at ${client.server} broke off its answer to ${method} ${path} (${firstLine(error)}).`, input, 
                    // An answer cut off is a connection lost after the request was read.
                    errnoOf(error) ?? 'ECONNRESET'));
            });
        });
        request.on('timeout', () => request.destroy(tooSlow()));
        request.on('error', (error) => {
            clearTimeout(deadline);
            reject(error instanceof errors/* UserError */.yo
                ? error
                : new KubeConnectionError(`cannot reach the cluster at ${client.server} (${firstLine(error)}).`, input, errnoOf(error)));
        });
        if (options.body)
            request.write(options.body);
        request.end();
    });
}
/** The HTTP status of a failed call (a KubeApiError, or client-node's ApiException), if any. */
function statusOf(error) {
    if (typeof error === 'object' && error !== null && 'code' in error) {
        const code = error.code;
        if (typeof code === 'number')
            return code;
    }
    return undefined;
}
/** A non-2xx answer of the API server; `body` is its Status object as text. */
class KubeApiError extends Error {
    code;
    body;
    /** How many times the request was sent: past one, an earlier attempt may have been applied. */
    attempts;
    constructor(method, path, response) {
        const tries = response.attempts ? ` (sent ${response.attempts} times)` : '';
        super(`${method} ${path} answered HTTP ${response.status}${tries}`);
        this.name = 'KubeApiError';
        this.code = response.status;
        this.body = response.body;
        this.attempts = response.attempts ?? 1;
    }
}
// What a REST call holds in memory at most: the watch's longest line (src/kube/watch.ts). Far above any
// answer the suite asks for (a label- or field-selected list, a pod log capped by limitBytes), and a
// cluster that streams without end cannot fill the runner's memory.
const CALL_MAX_BYTES = 16 * 1024 * 1024;
/**
 * A REST call on a resource path: JSON in (a JSON merge patch for PATCH), JSON (or, for logs, text)
 * out; a KubeApiError otherwise.
 */
async function kubeCall(client, method, path, body, repeat) {
    const response = await kubeRequest(client, method, path, {
        maxBytes: CALL_MAX_BYTES,
        ...(repeat ? { repeat } : {}),
        ...(body === undefined
            ? {}
            : {
                body: JSON.stringify(body),
                // The API server takes a PATCH body only with the patch type named.
                ...(method === 'PATCH' ? { contentType: 'application/merge-patch+json' } : {})
            })
    });
    // Redacted now, of every value the run masked: kubeErrorText quotes it, cut short.
    if (response.status < 200 || response.status > 299)
        throw new KubeApiError(method, path, { ...response, body: client.redact(response.body) });
    return response;
}
/** kubeCall for the calls that answer an object: its parsed JSON. */
async function kubeJson(client, method, path, body, repeat) {
    return JSON.parse((await kubeCall(client, method, path, body, repeat)).body);
}
/** The core/v1 path of a namespace (`rest` empty) or of something in it. */
function namespacedPath(namespace, rest = '') {
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}`;
    return rest ? `${path}/${rest}` : path;
}
/**
 * Resolves once the requests started so far have handed their connection to the OS (net connects
 * on the next tick): a caller that is about to load modules for a while waits for this first, so
 * that the connection is made during the load instead of after it.
 */
function afterPendingConnects() {
    return new Promise((resolve) => setImmediate(resolve));
}


/***/ }),

/***/ 9907:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ kubeErrorText)
/* harmony export */ });
/* unused harmony export MAX_KUBE_ERROR_TEXT */
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2817);
// What a failed cluster call says, for a check, an output or an error line. Apart from client.ts,
// which publish-oidc's main chunk loads: only the actions that quote a call's failure pay for it.

/** The longest kubeErrorText: a cluster's answer is quoted in checks, outputs and error lines. */
const MAX_KUBE_ERROR_TEXT = 500;
// How much of an answer kubeErrorText reads: enough for any page's text to fill its line.
const MAX_ANSWER_READ = 64 * 1024;
// An answer that is an HTML page (a proxy's or a load balancer's error page), not text.
const HTML_PAGE = /^\s*<(!doctype\b|html\b|head\b|body\b|\?xml\b|title\b|h1\b)/i;
/** An HTML page's text: markup, scripts and styles left out, the common entities read. */
function pageText(html) {
    return html
        .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
        .replace(/<!--[\s\S]*?-->/g, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
}
/** The text redacted, then on one line and cut to MAX_KUBE_ERROR_TEXT: redacted first, so a cut splits no secret. */
function boundedLine(text, redact) {
    const line = redact(text).replace(/\s+/g, ' ').trim();
    return line.length > MAX_KUBE_ERROR_TEXT ? `${line.slice(0, MAX_KUBE_ERROR_TEXT - 1).trimEnd()}…` : line;
}
/**
 * What a failed cluster call says, on one line of at most MAX_KUBE_ERROR_TEXT characters: the
 * apiserver's own message from a Status body; for any other answer (a proxy's HTML page, a plain-text
 * panic) the call and the answer's text; else the error's message, every line of it (a Go panic's
 * reason, an exec plugin's stderr follow its first line), without the headers client-node adds.
 * A KubeApiError's body was redacted by the client that got it; `redact` (ctx.redact, the client's)
 * also hides what another error's message quotes. Required, so that no caller quotes a text unredacted. Line breaks are collapsed, so the text cannot
 * start a workflow command.
 */
function kubeErrorText(error, redact) {
    let body;
    if (typeof error === 'object' && error !== null && 'body' in error) {
        const value = error.body;
        body = typeof value === 'string' ? value : JSON.stringify(value);
        try {
            const status = JSON.parse(body ?? '');
            if (typeof status?.message === 'string')
                return boundedLine(status.message, redact);
        }
        catch {
            // not a Status body
        }
    }
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof _client_js__WEBPACK_IMPORTED_MODULE_0__/* .KubeApiError */ .W3 && body !== undefined && body.trim() !== '') {
        // Redacted whole before the page's start is read: the text shown comes from its first part.
        const start = redact(body).slice(0, MAX_ANSWER_READ);
        return boundedLine(`${message}: ${HTML_PAGE.test(start) ? pageText(start) : start}`, redact);
    }
    // client-node's ApiException ends with the answer's headers, which say nothing and may set a cookie.
    return boundedLine(redact(message)
        .slice(0, MAX_ANSWER_READ)
        .replace(/\r?\nHeaders:[\s\S]*$/, ''), redact);
}


/***/ }),

/***/ 5756:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FZ: () => (/* binding */ unreachableHost),
/* harmony export */   Qi: () => (/* binding */ lookupAll),
/* harmony export */   cz: () => (/* binding */ urlHost),
/* harmony export */   gS: () => (/* binding */ awsOnInternet),
/* harmony export */   r8: () => (/* binding */ unreachableResolution)
/* harmony export */ });
/* unused harmony exports unreachableAddress, LOOKUP_BOUND_MS */
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(201);
/* harmony import */ var _aws_partitions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5986);


/**
 * Whether the calls to `service` go to AWS's own endpoint on the internet, where an issuer must be
 * public: not to an endpoint the environment names (an emulator, the local stack), and not in an
 * air-gapped ISO partition, whose services reach nothing outside it and whose issuers live inside.
 */
function awsOnInternet(service, region, env) {
    return (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .endpointFor */ .Lo)(service, env) === undefined && !(0,_aws_partitions_js__WEBPACK_IMPORTED_MODULE_1__/* .partitionOfRegion */ .cn)(region).startsWith('aws-iso');
}
// [network, prefix length, family, what such an address is]: the ranges of IANA's special-purpose
// registries that are not globally reachable, and multicast. An IPv4-mapped IPv6 address
// (::ffff:10.0.0.1) is matched against the IPv4 rows by BlockList itself; the other forms that embed
// an IPv4 address are judged by it (EMBEDDING). The first row that matches names the address.
const RANGES = [
    ['0.0.0.0', 8, 'ipv4', 'an unspecified address (0.0.0.0/8)'],
    ['127.0.0.0', 8, 'ipv4', 'a loopback address (127.0.0.0/8)'],
    ['10.0.0.0', 8, 'ipv4', 'a private address (RFC 1918, 10.0.0.0/8)'],
    ['172.16.0.0', 12, 'ipv4', 'a private address (RFC 1918, 172.16.0.0/12)'],
    ['192.168.0.0', 16, 'ipv4', 'a private address (RFC 1918, 192.168.0.0/16)'],
    ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address (100.64.0.0/10)'],
    [
        '169.254.0.0',
        16,
        'ipv4',
        'a link-local address (169.254.0.0/16, where the instance metadata service answers)'
    ],
    ['192.0.0.0', 24, 'ipv4', 'an IETF protocol assignment (192.0.0.0/24)'],
    ['198.18.0.0', 15, 'ipv4', 'a benchmarking address (198.18.0.0/15)'],
    ['192.0.2.0', 24, 'ipv4', 'a documentation address (192.0.2.0/24, TEST-NET-1)'],
    ['198.51.100.0', 24, 'ipv4', 'a documentation address (198.51.100.0/24, TEST-NET-2)'],
    ['203.0.113.0', 24, 'ipv4', 'a documentation address (203.0.113.0/24, TEST-NET-3)'],
    ['224.0.0.0', 4, 'ipv4', 'a multicast address (224.0.0.0/4)'],
    ['255.255.255.255', 32, 'ipv4', 'the limited broadcast address (255.255.255.255)'],
    ['240.0.0.0', 4, 'ipv4', 'a reserved address (240.0.0.0/4)'],
    ['::', 128, 'ipv6', 'the unspecified address (::)'],
    ['::1', 128, 'ipv6', 'the loopback address (::1)'],
    ['fc00::', 7, 'ipv6', 'a unique local (private) address (fc00::/7)'],
    ['fe80::', 10, 'ipv6', 'a link-local address (fe80::/10)'],
    ['64:ff9b:1::', 48, 'ipv6', 'a local-use translation (private) address (64:ff9b:1::/48, RFC 8215)'],
    ['100::', 64, 'ipv6', 'a discard-only address (100::/64, RFC 6666)'],
    ['2001:db8::', 32, 'ipv6', 'a documentation address (2001:db8::/32, RFC 3849)'],
    ['3fff::', 20, 'ipv6', 'a documentation address (3fff::/20, RFC 9637)'],
    ['ff00::', 8, 'ipv6', 'a multicast address (ff00::/8)']
];
// Globally reachable in IANA's registry though inside 192.0.0.0/24: the PCP and TURN anycast addresses.
const REACHABLE_EXCEPTIONS = ['192.0.0.9', '192.0.0.10'];
// [network, prefix length, what such an address is, the index of the 16-bit group where the IPv4
// address it embeds begins]. AWS reaches one of these only as far as it reaches that IPv4 address.
const EMBEDDING = [
    ['64:ff9b::', 96, 'a NAT64 address (64:ff9b::/96, RFC 6052)', 6],
    ['2002::', 16, 'a 6to4 address (2002::/16, RFC 3056)', 1],
    // After :: and ::1, which RANGES names.
    ['::', 96, 'an IPv4-compatible address (::/96, deprecated)', 6]
];
let tables;
// Fetched when first needed, not imported at the top: the input checks run in every action's main
// chunk, where loading node:net would cost a failing run some 3 ms at start.
function net() {
    return process.getBuiltinModule('node:net');
}
function subnet(network, prefix, family) {
    const list = new (net().BlockList)();
    list.addSubnet(network, prefix, family);
    return list;
}
function rangeTables() {
    if (tables)
        return tables;
    const exceptions = new (net().BlockList)();
    for (const address of REACHABLE_EXCEPTIONS)
        exceptions.addAddress(address, 'ipv4');
    tables = {
        ranges: RANGES.map(([network, prefix, family, what]) => ({
            list: subnet(network, prefix, family),
            what
        })),
        exceptions,
        embedding: EMBEDDING.map(([network, prefix, what, group]) => ({
            list: subnet(network, prefix, 'ipv6'),
            what,
            group
        }))
    };
    return tables;
}
/** The eight 16-bit groups of a valid IPv6 address, a trailing dotted quad included. */
function ipv6Groups(address) {
    const groups = (part) => part === ''
        ? []
        : part.split(':').flatMap((group) => {
            if (!group.includes('.'))
                return [parseInt(group, 16)];
            const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
            return [(a << 8) | b, (c << 8) | d];
        });
    const [head = '', tail] = address.split('::');
    const front = groups(head);
    if (tail === undefined)
        return front;
    const back = groups(tail);
    return [...front, ...new Array(8 - front.length - back.length).fill(0), ...back];
}
/**
 * What kind of address AWS cannot reach `address` is ("a loopback address (127.0.0.0/8)"), or
 * undefined for any other address. Takes a bare IP address; a zone (fe80::1%eth0) is ignored.
 */
function unreachableAddress(address) {
    const bare = address.replace(/%.*$/, '');
    const version = net().isIP(bare);
    if (version === 0)
        return undefined;
    const family = version === 4 ? 'ipv4' : 'ipv6';
    const { ranges, exceptions, embedding } = rangeTables();
    if (exceptions.check(bare, family))
        return undefined;
    const direct = ranges.find(({ list }) => list.check(bare, family))?.what;
    if (direct !== undefined || family === 'ipv4')
        return direct;
    const form = embedding.find(({ list }) => list.check(bare, 'ipv6'));
    if (!form)
        return undefined;
    const groups = ipv6Groups(bare);
    const high = groups[form.group] ?? 0;
    const low = groups[form.group + 1] ?? 0;
    const ipv4 = [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
    const what = unreachableAddress(ipv4);
    return what === undefined ? undefined : `${form.what} embedding ${ipv4}, ${what}`;
}
/**
 * The host of a URL as a socket takes it: lower-case, without the brackets of an IPv6 literal or
 * a trailing dot. undefined when `url` is not a URL.
 */
function urlHost(url) {
    let hostname;
    try {
        // The WHATWG parser already writes 0x7f.1 and 2130706433 as 127.0.0.1, and ::ffff:127.0.0.1 as ::ffff:7f00:1.
        hostname = new URL(url).hostname;
    }
    catch {
        return undefined;
    }
    return hostname
        .replace(/^\[(.*)\]$/, '$1')
        .replace(/\.$/, '')
        .toLowerCase();
}
/**
 * Why AWS can never reach the host of `url`, when that is plain without DNS: `localhost` (and
 * names under it, which resolvers answer with the loopback address, RFC 6761) or an IP literal
 * AWS cannot reach. undefined for any other host, a DNS name included: only a lookup tells.
 */
function unreachableHost(url) {
    const host = urlHost(url);
    if (host === undefined)
        return undefined;
    if (host === 'localhost' || host.endsWith('.localhost'))
        return `${host} always names the loopback address`;
    const what = unreachableAddress(host);
    return what === undefined ? undefined : `${host} is ${what}`;
}
/** node:dns's lookup (the resolver sockets use, /etc/hosts included), every address of both families. */
async function lookupAll(host) {
    const { lookup } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1553, 23));
    const answers = await lookup(host, { all: true, verbatim: true });
    return answers.map((answer) => answer.address);
}
// AWS's own service hosts (S3's, where publish-oidc puts the issuer by default) are public. A runner
// that resolves them to private addresses sits in a VPC whose interface endpoints have private DNS on,
// which answers only inside it: STS, outside, is given the public addresses.
const AWS_SERVICE_HOST = /\.amazonaws\.(?:com|com\.cn|eu)$/;
/**
 * How long a run waits for the lookup behind the warning. A resolver that answers does so well within
 * it; one that does not would otherwise hold the run for its own timeout (10 s with glibc's defaults).
 */
const LOOKUP_BOUND_MS = 3000;
/** `promise`'s value, or undefined after `ms`; the timer is unref'd, so that it never holds the process. */
async function within(promise, ms) {
    let timer;
    const bound = new Promise((resolve) => {
        timer = setTimeout(resolve, ms, undefined);
        timer.unref();
    });
    try {
        return await Promise.race([promise, bound]);
    }
    finally {
        clearTimeout(timer);
    }
}
/**
 * Why AWS may not reach the DNS name of `url`, judged by the addresses the runner resolves it to.
 * undefined when every address is one AWS may reach, for an IP literal (unreachableHost judges
 * those), for AWS's own service hosts, and when the lookup fails or does not answer within
 * `boundMs` (the request that follows names that failure).
 */
async function unreachableResolution(url, resolve, boundMs = LOOKUP_BOUND_MS) {
    const host = urlHost(url);
    if (host === undefined || net().isIP(host) !== 0 || AWS_SERVICE_HOST.test(host))
        return undefined;
    let addresses;
    try {
        addresses = await within(resolve(host), boundMs);
    }
    catch {
        return undefined;
    }
    if (addresses === undefined)
        return undefined;
    const blocked = addresses.flatMap((address) => {
        const what = unreachableAddress(address);
        return what === undefined ? [] : [`${address}, ${what}`];
    });
    if (blocked.length === 0)
        return undefined;
    const which = blocked.length === addresses.length ? 'only to' : 'besides public addresses, to';
    return `${host} resolves, on this runner, ${which} addresses AWS cannot reach: ${blocked.join('; ')}`;
}


/***/ }),

/***/ 5599:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J5: () => (/* binding */ retryingTransient),
/* harmony export */   qS: () => (/* binding */ statusText)
/* harmony export */ });
/* unused harmony export RETRY_DELAYS_MS */
/**
 * What a public read's answer means to someone fixing it, and a second try for the answers a busy
 * host gives now and then (S3's 503 SlowDown, a 500, a dropped connection): an issuer that STS can
 * read is one that answers, not one that never stumbles.
 */
/** Error codes of a connection that broke, not of one refused for good (TLS, DNS, a wrong port). */
const BROKEN_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN']);
const RETRY_DELAYS_MS = [1000, 2000];
function isTransientStatus(status) {
    return status === 429 || status >= 500;
}
function isBrokenConnection(error) {
    const code = error?.code;
    return typeof code === 'string' && BROKEN_CONNECTION.has(code);
}
/** `get`, asked again after a pause when it answers 429 or 5xx or its connection breaks. */
function retryingTransient(get, sleep, delaysMs = RETRY_DELAYS_MS) {
    return async (url) => {
        for (let attempt = 0;; attempt += 1) {
            const delay = delaysMs[attempt];
            try {
                const response = await get(url);
                if (delay === undefined || !isTransientStatus(response.status))
                    return response;
            }
            catch (error) {
                if (delay === undefined || !isBrokenConnection(error))
                    throw error;
            }
            await sleep(delay);
        }
    };
}
/**
 * "HTTP 503 (SlowDown)": the status with S3's error code when the body holds one; for a redirect,
 * where it leads and that STS will not follow it.
 */
function statusText(status, body, location) {
    // Only a word is taken from the body: it is the server's text, and goes into logs and summaries.
    const code = /<Code>([A-Za-z][A-Za-z0-9.]{0,63})<\/Code>/.exec(body)?.[1];
    const base = `HTTP ${status}${code ? ` (${code})` : ''}`;
    if (status >= 300 && status < 400)
        return `${base}, a redirect${location ? ` to ${location.replace(/[\s<>`|[\]]/g, '')}` : ''}, which STS does not follow`;
    return base;
}


/***/ }),

/***/ 2563:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EH: () => (/* binding */ renewLease),
/* harmony export */   GE: () => (/* binding */ releaseServiceAccount),
/* harmony export */   O$: () => (/* binding */ LEASE_PREFIX),
/* harmony export */   Us: () => (/* binding */ LEASE_MARGIN_SECONDS),
/* harmony export */   aW: () => (/* binding */ leaseKey),
/* harmony export */   q3: () => (/* binding */ holdServiceAccount)
/* harmony export */ });
/* unused harmony exports leasesOf, isRunManaged */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _kube_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2817);
/* harmony import */ var _kube_error_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9907);
/* harmony import */ var _cluster_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7214);
/* harmony import */ var _verify_pod_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8456);
/**
 * The verify service account, shared between runs. A run that creates, takes over or joins the
 * account writes a lease on it (talos-irsa/lease.<run id> = when that run is over for sure), and the
 * run that leaves last deletes it. A lease whose time has passed is a killed run's: with only such
 * leases left, the next run takes the account over, so that it does not outlive its runs (left alone,
 * it would let any pod of the namespace take the role). Every write carries the resourceVersion it
 * was decided on, so two runs never act on the same state; one that lost the race decides again.
 * A server that failed or an answer that was lost is the Kubernetes client's to retry (the
 * precondition makes each write safe to send again: a repeat of one applied is a 409 or a 404,
 * decided again here); this module retries only to decide again, so retries do not multiply.
 */





const LEASE_PREFIX = 'talos-irsa/lease.';
/**
 * How long after its start a run is over for sure, beyond its timeout-seconds: room for the token
 * checks (STS's propagation retries, AWS calls with their own deadlines) and the cleanup. Token
 * mode can outlast it (each AWS call may take 45 s: src/aws/call-deadline.ts), so pod mode renews
 * the lease from its own start. It is read on the runner's clock, so a runner more than this far
 * behind the others' could lose its objects.
 */
const LEASE_MARGIN_SECONDS = 300;
// The longest lease a run writes (timeout-seconds at most 3600), with a minute for clocks: a lease
// ending later than this was not written by a run, and holds nothing.
const LONGEST_LEASE_MS = (3600 + LEASE_MARGIN_SECONDS + 60) * 1000;
// A crowd of runs starting together each lose a few races before their write lands.
const CONFLICT_ATTEMPTS = 8;
const leaseKey = (runId) => `${LEASE_PREFIX}${runId}`;
function leasesOf(annotations) {
    return Object.entries(annotations)
        .filter(([key]) => key.startsWith(LEASE_PREFIX))
        .map(([key, value]) => ({ runId: key.slice(LEASE_PREFIX.length), until: (0,_cluster_js__WEBPACK_IMPORTED_MODULE_3__/* .parseInstant */ .nV)(value) }));
}
function isLive(lease, now) {
    const until = lease.until?.getTime();
    return until !== undefined && until > now.getTime() && until <= now.getTime() + LONGEST_LEASE_MS;
}
/** Made by a verify-irsa run that meant to remove it: labelled, and not kept on purpose. */
function isRunManaged(account) {
    const labelled = Object.entries(_verify_pod_js__WEBPACK_IMPORTED_MODULE_4__/* .MANAGED_BY */ .Kf).every(([key, value]) => account.labels[key] === value);
    return labelled && account.annotations[_verify_pod_js__WEBPACK_IMPORTED_MODULE_4__/* .KEEP_ANNOTATION */ .u2] !== 'true';
}
/**
 * Whether to read again and decide again after a failed write, after a pause: only when the account
 * moved on (409) or went away (404) since it was read. Any other failure has had the client's retries.
 */
async function again(error, tries) {
    const status = (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_1__/* .statusOf */ .c2)(error);
    if (status !== 409 && status !== 404)
        return false;
    tries.conflicts += 1;
    if (tries.conflicts >= CONFLICT_ATTEMPTS)
        return false;
    await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(Math.random() * 100);
    return true;
}
function noteFor(origin, namespace, name, others, cleanup) {
    if (origin === 'shared')
        return `Joined ${namespace}/${name}, which ${others} other verify-irsa run(s) are using; the last run to finish deletes it.`;
    if (origin === 'adopted')
        return (`Adopted ${namespace}/${name}, which earlier verify-irsa runs created and did not remove (killed before ` +
            `their cleanup): ${cleanup ? 'this run deletes it when done' : 'this run keeps it (cleanup: false) for the next run to remove'}.`);
    return undefined;
}
/** The account to verify with this run's lease on it where it may hold one; undefined when missing and not to be created. */
async function holdServiceAccount(cluster, request) {
    const { namespace, name, runId } = request;
    const ours = leaseKey(runId);
    const tries = { conflicts: 0 };
    // What this run last wrote: after a lost answer, finding its lease on the account means it landed.
    let sent;
    for (;;) {
        const account = await cluster.readServiceAccount(namespace, name);
        if (account && sent && account.annotations[ours] !== undefined) {
            const note = noteFor(sent.origin, namespace, name, sent.others, request.cleanup);
            return { account, origin: sent.origin, holding: true, ...(note ? { note } : {}) };
        }
        if (!account) {
            if (!request.create)
                return undefined;
            const annotations = {
                [_verify_pod_js__WEBPACK_IMPORTED_MODULE_4__/* .ROLE_ANNOTATION */ .Bb]: request.roleArn,
                ...(request.cleanup ? { [ours]: request.until.toISOString() } : { [_verify_pod_js__WEBPACK_IMPORTED_MODULE_4__/* .KEEP_ANNOTATION */ .u2]: 'true' })
            };
            sent = request.cleanup ? { origin: 'created', others: 0 } : undefined;
            try {
                const created = await cluster.createServiceAccount(namespace, name, {
                    labels: { ..._verify_pod_js__WEBPACK_IMPORTED_MODULE_4__/* .MANAGED_BY */ .Kf },
                    annotations
                });
                return { account: created, origin: 'created', holding: request.cleanup };
            }
            catch (error) {
                if (await again(error, tries))
                    continue;
                throw error;
            }
        }
        if (!isRunManaged(account))
            return { account, origin: 'found', holding: false };
        const now = request.now();
        const leases = leasesOf(account.annotations);
        const others = leases.filter((lease) => lease.runId !== runId && isLive(lease, now));
        const patch = {};
        for (const lease of leases)
            if (!isLive(lease, now))
                patch[leaseKey(lease.runId)] = null;
        // Set last, so that an ended lease that happens to carry this run's id does not remove it.
        patch[ours] = request.until.toISOString();
        // Taken over whole when no run is left on it; a run still on it keeps the role it annotated.
        if (others.length === 0)
            patch[_verify_pod_js__WEBPACK_IMPORTED_MODULE_4__/* .ROLE_ANNOTATION */ .Bb] = request.roleArn;
        sent = { origin: others.length === 0 ? 'adopted' : 'shared', others: others.length };
        try {
            const held = await cluster.patchServiceAccount(namespace, name, account.resourceVersion, patch);
            const note = noteFor(sent.origin, namespace, name, sent.others, request.cleanup);
            return { account: held, origin: sent.origin, holding: true, ...(note ? { note } : {}) };
        }
        catch (error) {
            if (await again(error, tries))
                continue;
            if ((0,_kube_client_js__WEBPACK_IMPORTED_MODULE_1__/* .statusOf */ .c2)(error) === 403)
                return {
                    account,
                    origin: 'found',
                    holding: false,
                    note: `Could not write this run's lease on ${namespace}/${name} (${(0,_kube_error_text_js__WEBPACK_IMPORTED_MODULE_2__/* .kubeErrorText */ .P)(error, request.redact)}): using it as found; another run may delete it meanwhile, and this run leaves it in place.`
                };
            throw error;
        }
    }
}
/**
 * Moves this run's lease on to `until`, for a stretch of the run (pod mode) that must fall inside
 * it. 'lost' when the lease is no longer on the account: the run outlasted it (AWS calls hanging
 * through all their retries) and another run took the account over, or deleted it.
 */
async function renewLease(cluster, namespace, name, runId, until) {
    const ours = leaseKey(runId);
    const tries = { conflicts: 0 };
    for (;;) {
        const account = await cluster.readServiceAccount(namespace, name);
        if (!account || account.annotations[ours] === undefined)
            return 'lost';
        // Already so: an earlier attempt landed and its answer was lost.
        if (account.annotations[ours] === until.toISOString())
            return 'renewed';
        try {
            await cluster.patchServiceAccount(namespace, name, account.resourceVersion, {
                [ours]: until.toISOString()
            });
            return 'renewed';
        }
        catch (error) {
            if (await again(error, tries))
                continue;
            throw error;
        }
    }
}
/**
 * Gives up this run's lease: deletes the account when `mayDelete`, no other live lease is on it and
 * it is still a run's to remove (labelled, not kept), else removes only this run's lease. Safe to
 * call whether or not the lease was ever written.
 */
async function releaseServiceAccount(cluster, namespace, name, runId, now, mayDelete = true) {
    const tries = { conflicts: 0 };
    for (;;) {
        const account = await cluster.readServiceAccount(namespace, name);
        if (!account)
            return 'gone';
        if (account.annotations[leaseKey(runId)] === undefined)
            return 'not held';
        const others = leasesOf(account.annotations).filter((lease) => lease.runId !== runId && isLive(lease, now()));
        try {
            if (mayDelete && others.length === 0 && isRunManaged(account)) {
                await cluster.deleteServiceAccount(namespace, name, account.resourceVersion);
                return 'deleted';
            }
            await cluster.patchServiceAccount(namespace, name, account.resourceVersion, {
                [leaseKey(runId)]: null
            });
            return 'released';
        }
        catch (error) {
            if (await again(error, tries))
                continue;
            throw error;
        }
    }
}


/***/ }),

/***/ 4038:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MM: () => (/* binding */ sessionProblem),
/* harmony export */   QB: () => (/* binding */ isAssumedRoleArn),
/* harmony export */   wH: () => (/* binding */ assumedRoleProblem)
/* harmony export */ });
// As STS writes it: arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION, the role by its name alone
// (no path); a role name has 1 to 64 and a session name 2 to 64 of letters, digits and _+=,.@-.
const ASSUMED_ROLE_ARN = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]{1,64})\/([\w+=,.@-]{2,64})$/;
/** Whether `text` is an assumed-role ARN: what an assumed-role-arn output may hold. */
function isAssumedRoleArn(text) {
    return ASSUMED_ROLE_ARN.test(text);
}
// What is not an ARN came from a log or a server that says what it likes: quoted, on one line, cut short.
const quoted = (text) => JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
function assumedRoleProblem(arn, role) {
    const match = ASSUMED_ROLE_ARN.exec(arn);
    if (!match)
        return `${quoted(arn)} is no assumed-role ARN`;
    if (match[1] !== role.partition)
        return `${arn} is in the partition ${match[1]}, not ${role.partition}`;
    if (match[2] !== role.accountId)
        return `${arn} is in account ${match[2]}, not ${role.accountId}`;
    if (match[3] !== role.name)
        return `${arn} names the role ${match[3]}, not ${role.name}`;
    return undefined;
}
/**
 * Whether the ARN's session is `session`: the pod sets AWS_ROLE_SESSION_NAME to its own run-unique
 * name, which the AWS CLI and SDKs pass to AssumeRoleWithWebIdentity, so that a log naming another
 * session (an older run's pod, a cached answer, a hand-written line) is not taken for this run's.
 */
function sessionProblem(arn, session) {
    const found = ASSUMED_ROLE_ARN.exec(arn)?.[4];
    if (found === undefined)
        return `${quoted(arn)} is no assumed-role ARN`;
    return found === session ? undefined : `${arn} is the session ${found}, not this run's pod's ${session}`;
}


/***/ }),

/***/ 7214:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  qn: () => (/* binding */ kubeClusterOps),
  nV: () => (/* binding */ parseInstant)
});

// UNUSED EXPORTS: POD_WATCH_TIMING

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/kube/client.ts + 5 modules
var kube_client = __webpack_require__(2817);
// EXTERNAL MODULE: ./src/verify-irsa/verify-pod.ts
var verify_pod = __webpack_require__(8456);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/json/shape.ts
var shape = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/kube/watch.ts
/**
 * A Kubernetes watch over the kubeconfig's own TLS and credentials: one streaming GET whose answer
 * is one JSON event per line. Written on the REST request the suite already makes (client.ts)
 * rather than with client-node's Watch, whose request cannot be aborted before the server answers,
 * so a watch that hangs held the process open past its deadline.
 */



// One event is one object on one line; a pod's is a few kB, and etcd's default request limit keeps
// any object under 1.5 MiB. A line past this is a server or proxy that never ends one, not an event to wait for.
const MAX_LINE_CHARS = 16 * 1024 * 1024;
/** A watch whose connection failed (not refused by the server): worth opening again. */
class WatchConnectionError extends errors/* UserError */.yo {
}
/** A watch event's shape: a type, and an object (a Status for an ERROR). */
function isEvent(value) {
    if (!(0,shape/* isRecord */.u4)(value))
        return false;
    const { type, object } = value;
    return typeof type === 'string' && (0,shape/* isRecord */.u4)(object);
}
/**
 * Streams the events of `path` (a list path; `watch=true` is added) to `onEvent` until the server
 * closes the stream or `signal` aborts it. Rejects with a KubeApiError when the server refuses the
 * watch (401, 403, 404…), with a WatchConnectionError when the connection fails or breaks off
 * mid-stream, and with a UserError when the stream is not JSON events.
 */
async function kubeWatch(client, path, onEvent, signal) {
    const url = new URL(client.server + path);
    url.searchParams.set('watch', 'true');
    const options = await (0,kube_client/* requestOptionsFor */.Ts)(client, 'GET');
    const transport = url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7067, 23));
    if (signal.aborted)
        return 'aborted';
    return new Promise((resolve, reject) => {
        const fail = (error) => {
            request.destroy();
            reject(error);
        };
        const request = transport.request(url, options, (response) => {
            const status = response.statusCode ?? 0;
            response.setEncoding('utf8');
            if (status < 200 || status > 299) {
                let body = '';
                response.on('data', (chunk) => (body += chunk));
                response.on('end', () => reject(
                // Redacted as kubeCall's are: kubeErrorText quotes it, cut short.
                new kube_client/* KubeApiError */.W3('GET', `${url.pathname}${url.search}`, {
                    status,
                    body: client.redact(body),
                    contentType: ''
                })));
                return;
            }
            let pending = '';
            response.on('data', (chunk) => {
                // Only the new text can hold the line's end: the rest was searched when it came.
                const searchFrom = pending.length;
                pending += chunk;
                let newline = pending.indexOf('\n', searchFrom);
                if (newline < 0 && pending.length > MAX_LINE_CHARS)
                    return fail(new errors/* UserError */.yo(`the cluster at ${client.server} answered a watch of ${url.pathname} with a line of over 16 MiB and no end: not a stream of events.`, client.source.input));
                while (newline >= 0) {
                    const line = pending.slice(0, newline).trim();
                    pending = pending.slice(newline + 1);
                    newline = pending.indexOf('\n');
                    if (line === '')
                        continue;
                    let event;
                    try {
                        event = JSON.parse(line);
                    }
                    catch {
                        event = undefined;
                    }
                    // A line of JSON that is not {type, object} is no event either: handed over, its missing
                    // object would fail in the caller's handler, where nothing catches it.
                    if (!isEvent(event))
                        return fail(new errors/* UserError */.yo(`the cluster at ${client.server} answered a watch of ${url.pathname} with something that is not JSON events.`, client.source.input));
                    onEvent(event);
                    if (signal.aborted)
                        return;
                }
            });
            response.on('end', () => resolve(signal.aborted ? 'aborted' : 'closed'));
            // Cut mid-stream (a reset, often mid-line), not ended by the server: a broken connection,
            // whichever of the request and the response hears of it first.
            response.on('error', broken);
        });
        function broken(error) {
            if (signal.aborted)
                return resolve('aborted');
            reject(new WatchConnectionError(`cannot keep a watch open on the cluster at ${client.server} (${(0,kube_client/* firstLine */.TM)(error)}).`, client.source.input));
        }
        const abort = () => {
            request.destroy();
            resolve('aborted');
        };
        signal.addEventListener('abort', abort, { once: true });
        request.on('close', () => signal.removeEventListener('abort', abort));
        request.on('error', broken);
        request.end();
    });
}

;// CONCATENATED MODULE: ./src/verify-irsa/cluster.ts
/**
 * What verify-irsa asks of the cluster: service accounts, a TokenRequest, and one pod followed
 * with a watch.
 */




/**
 * A time as this action writes it (toISOString: 2026-11-29T12:00:00.000Z); undefined for anything
 * else, so that a hand-written or garbled value never reads as a time long past.
 */
function parseInstant(text) {
    if (text === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text))
        return undefined;
    const date = new Date(text);
    return !Number.isNaN(date.getTime()) && date.toISOString() === text ? date : undefined;
}
const viewOf = (account) => ({
    annotations: account.metadata?.annotations ?? {},
    labels: account.metadata?.labels ?? {},
    resourceVersion: account.metadata?.resourceVersion ?? ''
});
// Below this the apiserver refuses a TokenRequest; it is also short enough to be harmless.
const TOKEN_SECONDS = 600;
const enc = encodeURIComponent;
// get-caller-identity prints a few hundred bytes; its errors, a few lines more.
const LOG_LIMIT_BYTES = 64 * 1024;
/**
 * Every call is one plain REST request (src/kube/client.ts), the watch a streaming one
 * (src/kube/watch.ts), so that a run never loads @kubernetes/client-node (a 16 MB chunk) unless the
 * kubeconfig's user authenticates through an exec plugin or an auth provider.
 */
function kubeClusterOps(client, podWatch = POD_WATCH_TIMING) {
    const json = (method, path, body, repeat) => (0,kube_client/* kubeJson */.s6)(client, method, path, body, repeat);
    const ignoreNotFound = (error) => {
        if ((0,kube_client/* statusOf */.c2)(error) !== 404)
            throw error;
    };
    return {
        async readServiceAccount(namespace, name) {
            try {
                const account = await json('GET', (0,kube_client/* namespacedPath */.Nh)(namespace, `serviceaccounts/${enc(name)}`));
                return viewOf(account);
            }
            catch (error) {
                ignoreNotFound(error);
                return undefined;
            }
        },
        async createServiceAccount(namespace, name, metadata) {
            // Sent again after a lost answer or a 5xx: a repeat of a create that was applied is a 409,
            // which the lease (account-lease.ts) reads again and finds its own.
            return viewOf(await json('POST', (0,kube_client/* namespacedPath */.Nh)(namespace, 'serviceaccounts'), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, ...metadata } }, 'safe'));
        },
        async patchServiceAccount(namespace, name, resourceVersion, annotations) {
            // A merge patch that names a resourceVersion is refused (409) once the object has moved on,
            // so a repeat of one that was applied is refused too, and decided again on a fresh read.
            return viewOf(await json('PATCH', (0,kube_client/* namespacedPath */.Nh)(namespace, `serviceaccounts/${enc(name)}`), { metadata: { resourceVersion, annotations } }, 'safe'));
        },
        async deleteServiceAccount(namespace, name, resourceVersion) {
            const options = resourceVersion === undefined
                ? undefined
                : { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { resourceVersion } };
            // Sent again after a lost answer: what is not deleted outlives the run, and a repeat of a
            // delete that was applied is a 404, taken as done.
            await json('DELETE', (0,kube_client/* namespacedPath */.Nh)(namespace, `serviceaccounts/${enc(name)}`), options, 'safe').catch(ignoreNotFound);
        },
        async requestToken(namespace, name, audience) {
            const answer = await json('POST', (0,kube_client/* namespacedPath */.Nh)(namespace, `serviceaccounts/${enc(name)}/token`), {
                apiVersion: 'authentication.k8s.io/v1',
                kind: 'TokenRequest',
                spec: { audiences: [audience], expirationSeconds: TOKEN_SECONDS }
            }, 
            // A TokenRequest stores nothing: a repeat mints another short-lived token, and the lost one
            // expires unused.
            'safe');
            const token = answer.status?.token;
            if (!token)
                throw new Error('the TokenRequest answer holds no token');
            return token;
        },
        async createPod(pod) {
            const namespace = pod.metadata?.namespace ?? 'default';
            try {
                return await json('POST', (0,kube_client/* namespacedPath */.Nh)(namespace, 'pods'), pod, 'safe');
            }
            catch (error) {
                // Sent again after a lost answer, and refused as existing: the pod's name is this run's
                // own (its random id), so it is the first attempt's pod.
                if (!(error instanceof kube_client/* KubeApiError */.W3 && error.code === 409 && error.attempts > 1))
                    throw error;
                return json('GET', (0,kube_client/* namespacedPath */.Nh)(namespace, `pods/${enc(pod.metadata?.name ?? '')}`));
            }
        },
        // A dry run stores nothing.
        dryRunPod: (pod) => json('POST', (0,kube_client/* namespacedPath */.Nh)(pod.metadata?.namespace ?? 'default', 'pods?dryRun=All'), pod, 'safe'),
        async watchPod(namespace, name, deadline) {
            return watchPod(client, namespace, name, deadline, podWatch);
        },
        async podLogs(namespace, name) {
            // limitBytes: the answer is held in memory whole, and a pod may print without end.
            const query = `tailLines=50&limitBytes=${LOG_LIMIT_BYTES}`;
            return (await (0,kube_client/* kubeCall */.W0)(client, 'GET', (0,kube_client/* namespacedPath */.Nh)(namespace, `pods/${enc(name)}/log?${query}`))).body;
        },
        async podEvents(namespace, name) {
            // Selected by the server: a busy namespace can hold thousands of events.
            const selector = enc(`involvedObject.kind=Pod,involvedObject.name=${name}`);
            const list = await json('GET', (0,kube_client/* namespacedPath */.Nh)(namespace, `events?fieldSelector=${selector}`));
            return list.items.map((event) => ({
                type: event.type ?? '',
                reason: event.reason ?? '',
                message: event.message ?? ''
            }));
        },
        async listVerifyPods(namespace, serviceAccount) {
            const labels = enc(Object.entries(verify_pod/* MANAGED_BY */.Kf)
                .map(([key, value]) => `${key}=${value}`)
                .join(','));
            const fields = enc(`spec.serviceAccountName=${serviceAccount}`);
            const list = await json('GET', (0,kube_client/* namespacedPath */.Nh)(namespace, `pods?labelSelector=${labels}&fieldSelector=${fields}`));
            return list.items.map((pod) => ({
                name: pod.metadata?.name ?? '',
                expiresAt: parseInstant(pod.metadata?.annotations?.[verify_pod/* EXPIRES_ANNOTATION */.dy])
            }));
        },
        async deletePod(namespace, name) {
            try {
                await json('DELETE', (0,kube_client/* namespacedPath */.Nh)(namespace, `pods/${enc(name)}?gracePeriodSeconds=0`), undefined, 'safe');
                return true;
            }
            catch (error) {
                ignoreNotFound(error);
                return false;
            }
        }
    };
}
/** A watch refusal worth trying again (the server busy or failing), not one of the caller's setup. */
function isPassing(error) {
    const status = (0,kube_client/* statusOf */.c2)(error);
    return status === 429 || (status !== undefined && status >= 500);
}
/**
 * What every run uses. Only tests pass others (kubeClusterOps's second argument), to shorten what
 * they wait on: no input or environment variable reaches them.
 */
const POD_WATCH_TIMING = Object.freeze({
    windowSeconds: 10,
    graceMs: 2000,
    reopenMs: 1000
});
/**
 * The pod read afresh, as a list of one by its name: the list's resourceVersion is the store's at
 * the read, where a watch can start (an object's own may be older than the server's watch history).
 * A read that fails, whatever the reason (a failing server, or no right to list pods, which pod mode
 * can do without), leaves the watch to start from the present; a refused watch names its own refusal.
 */
async function readPodAfresh(client, pods, name) {
    let list;
    try {
        list = await (0,kube_client/* kubeJson */.s6)(client, 'GET', pods);
    }
    catch {
        return { resourceVersion: undefined };
    }
    if (!Array.isArray(list.items))
        return { resourceVersion: undefined };
    const pod = list.items.find((item) => item.metadata?.name === name);
    if (!pod)
        return { end: { ended: 'deleted' } };
    if ((0,verify_pod/* podOutcome */.yW)(pod).state !== 'running')
        return { end: { ended: 'done', pod } };
    return { resourceVersion: list.metadata?.resourceVersion || undefined };
}
/**
 * One watch on the pod's name, re-opened when the server closes it, the connection breaks or its
 * window ends, until the pod ends or the deadline passes; the deadline aborts a watch however it
 * hangs. Each watch resumes from the last resourceVersion the watches were sent, an event's or a
 * BOOKMARK's (asked for: the apiserver sends one 2 s before a watch's timeoutSeconds), so that it is
 * sent what came after, each change once: a change made while no watch was open (a deletion,
 * which a watch from the present never shows) is not lost. The first watch starts from a fresh read
 * of the pod, so a pod that finished or went before the watch began is still seen, and so does one
 * after a 410 (that resourceVersion is older than the server's history), as the Kubernetes API
 * concepts say a client must. A refused watch (401, 403, 404) is an error at once; a failing
 * server is tried again until the deadline. At the deadline the pod is read once more and that read
 * decides, so that a watch that saw nothing, or stalled on an old state, does not report a finished
 * pod as still running; a read that fails is the error.
 */
async function watchPod(client, namespace, name, deadline, timing) {
    const pods = `${(0,kube_client/* namespacedPath */.Nh)(namespace, 'pods')}?fieldSelector=${enc(`metadata.name=${name}`)}`;
    // Undefined at first, after a 410, and while no fresh read has succeeded: each watch then starts
    // from a fresh read (or, when that fails, from the present).
    let resourceVersion;
    while (Date.now() < deadline) {
        const opened = Date.now();
        if (resourceVersion === undefined) {
            const read = await readPodAfresh(client, pods, name);
            if ('end' in read)
                return read.end;
            resourceVersion = read.resourceVersion;
        }
        // From the present (its fresh read failed), a watch opens with the pod as it is: one that shows
        // none had no pod to show, and what it is sent after (a BOOKMARK) says nothing of the pod.
        const fromPresent = resourceVersion === undefined;
        let shown = false;
        const from = resourceVersion === undefined ? '' : `&resourceVersion=${enc(resourceVersion)}`;
        const path = `${pods}${from}&allowWatchBookmarks=true&timeoutSeconds=${timing.windowSeconds}`;
        const controller = new AbortController();
        const windowMs = timing.windowSeconds * 1000 + timing.graceMs;
        // Whether this watch's abort is the deadline's, not its window's end: one reading of the clock.
        const untilDeadline = deadline - Date.now();
        const cutByDeadline = untilDeadline <= windowMs;
        const timer = setTimeout(() => controller.abort(), Math.max(0, Math.min(windowMs, untilDeadline)));
        let end;
        try {
            await kubeWatch(client, path, (event) => {
                if (event.type === 'ERROR') {
                    // 410 Gone: the history after that resourceVersion is compacted away.
                    if ((0,kube_client/* statusOf */.c2)(event.object) === 410)
                        resourceVersion = undefined;
                    return;
                }
                const seen = event.object.metadata?.resourceVersion;
                if (seen)
                    resourceVersion = seen;
                // The field selector is the server's to apply; another pod's end is not this one's.
                if (event.type !== 'BOOKMARK' && event.object.metadata?.name !== name)
                    return;
                if (event.type !== 'BOOKMARK')
                    shown = true;
                if (event.type === 'DELETED')
                    end = { ended: 'deleted' };
                else if ((event.type === 'ADDED' || event.type === 'MODIFIED') &&
                    (0,verify_pod/* podOutcome */.yW)(event.object).state !== 'running')
                    end = { ended: 'done', pod: event.object };
                if (end)
                    controller.abort();
            }, controller.signal);
        }
        catch (error) {
            if ((0,kube_client/* statusOf */.c2)(error) === 410)
                resourceVersion = undefined;
            else if (!isPassing(error) && !(error instanceof WatchConnectionError))
                throw error;
        }
        finally {
            clearTimeout(timer);
        }
        if (end)
            return end;
        // The deadline's abort ends the watching, as a pause that runs to it does (below): the timer can
        // fire before Date.now() reaches the deadline, and a watch opened then would be cut at once.
        if (cutByDeadline && controller.signal.aborted)
            break;
        if (fromPresent && !shown)
            resourceVersion = undefined;
        // A watch the server drops at once (an error, not its timeout) is re-opened after a pause,
        // so that a misbehaving server does not turn this into a busy loop.
        if (Date.now() - opened < timing.reopenMs) {
            const left = deadline - Date.now();
            await (0,promises_.setTimeout)(Math.max(0, Math.min(timing.reopenMs, left)));
            // A pause that runs to the deadline ends the watching: Node's timers can fire a millisecond
            // before Date.now() reaches the time asked for, and a watch opened in that millisecond
            // would see nothing the final read does not.
            if (left <= timing.reopenMs)
                break;
        }
    }
    let pod;
    try {
        pod = await (0,kube_client/* kubeJson */.s6)(client, 'GET', (0,kube_client/* namespacedPath */.Nh)(namespace, `pods/${enc(name)}`));
    }
    catch (error) {
        if ((0,kube_client/* statusOf */.c2)(error) === 404)
            return { ended: 'deleted' };
        // What a watch saw last may be long past (a stream that stalled or broke): the pod is not
        // reported as unfinished on its word. The read's failure is what the run can say.
        throw error;
    }
    return (0,verify_pod/* podOutcome */.yW)(pod).state !== 'running' ? { ended: 'done', pod } : { ended: 'timeout', pod };
}


/***/ }),

/***/ 5954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OE: () => (/* binding */ allPassed),
/* harmony export */   R8: () => (/* binding */ CHECK_LINKS),
/* harmony export */   ZD: () => (/* binding */ linkStates),
/* harmony export */   bF: () => (/* binding */ passed),
/* harmony export */   gz: () => (/* binding */ failed)
/* harmony export */ });
const CHECK_LINKS = {
    'service-account': 'service-account',
    token: 'token',
    issuer: 'token',
    expiry: 'token',
    discovery: 'issuer-documents',
    jwks: 'issuer-documents',
    signature: 'issuer-documents',
    'iam-provider': 'iam-provider',
    'provider-audience': 'iam-provider',
    role: 'role',
    'role-trust': 'role',
    'assume-role': 'assumed-identity',
    'caller-identity': 'assumed-identity',
    pod: 'pod',
    webhook: 'pod'
};
function passed(check, detail) {
    return { check, ok: true, detail, fix: '' };
}
function failed(check, detail, fix) {
    return { check, ok: false, detail, fix };
}
/** A link passes when it was checked and none of its checks failed. */
function linkStates(checks) {
    const states = {
        'service-account': 'not checked',
        token: 'not checked',
        'issuer-documents': 'not checked',
        'iam-provider': 'not checked',
        role: 'not checked',
        'assumed-identity': 'not checked',
        pod: 'not checked'
    };
    for (const entry of checks) {
        const link = CHECK_LINKS[entry.check];
        if (!entry.ok)
            states[link] = 'failed';
        else if (states[link] === 'not checked')
            states[link] = 'passed';
    }
    return states;
}
function allPassed(checks) {
    return checks.length > 0 && checks.every((entry) => entry.ok);
}


/***/ }),

/***/ 8456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bb: () => (/* binding */ ROLE_ANNOTATION),
/* harmony export */   Bx: () => (/* binding */ MAX_EVENTS),
/* harmony export */   Cl: () => (/* binding */ eventLines),
/* harmony export */   Kf: () => (/* binding */ MANAGED_BY),
/* harmony export */   NZ: () => (/* binding */ podRefusalFix),
/* harmony export */   N_: () => (/* binding */ webhookRoleArn),
/* harmony export */   UQ: () => (/* binding */ callerArnFromLogs),
/* harmony export */   VE: () => (/* binding */ webhookTokenAudience),
/* harmony export */   dy: () => (/* binding */ EXPIRES_ANNOTATION),
/* harmony export */   kh: () => (/* binding */ webhookInjections),
/* harmony export */   m3: () => (/* binding */ verifyPodManifest),
/* harmony export */   r_: () => (/* binding */ bareWorkloadPod),
/* harmony export */   u2: () => (/* binding */ KEEP_ANNOTATION),
/* harmony export */   w$: () => (/* binding */ lastLines),
/* harmony export */   yW: () => (/* binding */ podOutcome)
/* harmony export */ });
/* unused harmony exports TOKEN_DIR, TOKEN_PATH, POD_DEADLINE_MARGIN_SECONDS, irsaEnv, MAX_LOG_LINE */
const TOKEN_DIR = '/var/run/secrets/eks.amazonaws.com/serviceaccount';
const TOKEN_PATH = `${TOKEN_DIR}/token`;
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'talos-irsa-verify' };
const ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';
/**
 * On a verify pod: when the run that made it is over for sure. A later run removes such a pod once
 * that time has passed (its run was killed), never before.
 */
const EXPIRES_ANNOTATION = 'talos-irsa/expires-at';
/** On what a run with cleanup: false made: kept on purpose, never removed by a later run. */
const KEEP_ANNOTATION = 'talos-irsa/keep';
const CONTAINER = 'aws';
const POD_DEADLINE_MARGIN_SECONDS = 60;
/** Environment the pod needs for IRSA; set here so that no webhook is required. */
function irsaEnv(spec) {
    return [
        { name: 'AWS_ROLE_ARN', value: spec.roleArn },
        { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: TOKEN_PATH },
        { name: 'AWS_REGION', value: spec.region },
        // AWS CLI v1 and older SDKs read only this one; a custom image may carry either.
        { name: 'AWS_DEFAULT_REGION', value: spec.region },
        { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' },
        { name: 'AWS_ROLE_SESSION_NAME', value: spec.name }
    ];
}
function verifyPodManifest(spec) {
    return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
            name: spec.name,
            namespace: spec.namespace,
            labels: { ...MANAGED_BY },
            annotations: spec.expiresAt
                ? { [EXPIRES_ANNOTATION]: spec.expiresAt.toISOString() }
                : { [KEEP_ANNOTATION]: 'true' }
        },
        spec: {
            serviceAccountName: spec.serviceAccount,
            restartPolicy: 'Never',
            // A backstop for a runner killed mid-watch: the kubelet stops the pod a little after the
            // action's own timeout, so the action, not the kubelet, normally reports the timeout.
            activeDeadlineSeconds: spec.timeoutSeconds + POD_DEADLINE_MARGIN_SECONDS,
            // Only the projected IRSA token is needed; the API token would be one more secret in the pod.
            automountServiceAccountToken: false,
            containers: [
                {
                    name: CONTAINER,
                    image: spec.image,
                    command: ['aws', 'sts', 'get-caller-identity'],
                    env: irsaEnv(spec),
                    volumeMounts: [{ name: 'aws-iam-token', mountPath: TOKEN_DIR, readOnly: true }]
                }
            ],
            volumes: [
                {
                    name: 'aws-iam-token',
                    projected: {
                        sources: [
                            { serviceAccountToken: { audience: spec.audience, expirationSeconds: 3600, path: 'token' } }
                        ]
                    }
                }
            ]
        }
    };
}
/**
 * The same pod as an application would write it: no IRSA settings of its own. Created as a
 * server-side dry run, it shows what a pod-identity webhook would add to the cluster's other pods
 * (the webhook skips pods that already set AWS_ROLE_ARN, so the verify pod itself cannot tell).
 */
function bareWorkloadPod(spec) {
    return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `${spec.name}-probe`, namespace: spec.namespace, labels: { ...MANAGED_BY } },
        spec: {
            serviceAccountName: spec.serviceAccount,
            restartPolicy: 'Never',
            containers: [{ name: CONTAINER, image: spec.image, command: ['aws', 'sts', 'get-caller-identity'] }]
        }
    };
}
/**
 * The fix for a refused pod create. The API server answers 403 Forbidden both for RBAC and for
 * admission (Pod Security, a resource quota), and only RBAC is a matter of the kubeconfig's rights:
 * the verify pod sets no securityContext and no resource limits, which a namespace
 * enforcing restricted Pod Security or a quota on limits refuses whatever the rights.
 */
function podRefusalFix(message) {
    if (/violates PodSecurity/i.test(message))
        return "the namespace's Pod Security level refuses the verify pod (it sets no securityContext): run pod mode in a namespace enforcing baseline (Talos's default) or privileged, or use mode: token";
    if (/\bquota\b/i.test(message))
        return 'a resource quota of the namespace refuses the verify pod (it sets no resource requests or limits): give the namespace a LimitRange with defaults, or run pod mode in another namespace';
    return "let the kubeconfig's user create pods in the namespace";
}
// Waiting reasons from which a pod does not recover by itself.
const STUCK_REASONS = ['InvalidImageName', 'CreateContainerConfigError', 'ErrImageNeverPull'];
function podOutcome(pod) {
    const phase = pod.status?.phase;
    const container = pod.status?.containerStatuses?.[0];
    const terminated = container?.state?.terminated;
    if (phase === 'Succeeded')
        return { state: 'succeeded' };
    if (phase === 'Failed') {
        const why = terminated
            ? `container exited with code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ''}`
            : (pod.status?.reason ?? 'pod failed');
        return { state: 'failed', reason: `${why}${pod.status?.message ? `: ${pod.status.message}` : ''}` };
    }
    const waiting = container?.state?.waiting;
    if (waiting?.reason && STUCK_REASONS.includes(waiting.reason))
        return { state: 'failed', reason: `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}` };
    return { state: 'running' };
}
/** The ARN from `aws sts get-caller-identity`'s JSON (or text/table output, as a fallback). */
function callerArnFromLogs(logs) {
    try {
        const parsed = JSON.parse(logs.trim());
        if (typeof parsed === 'object' && parsed !== null && 'Arn' in parsed) {
            const arn = parsed.Arn;
            if (typeof arn === 'string')
                return arn;
        }
    }
    catch {
        // Not JSON alone (a warning may precede it): fall through to a search.
    }
    return /arn:[\w-]+:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+/.exec(logs)?.[0];
}
/**
 * The longest log line the diagnosis quotes. A pod's lines go into the diagnosis output, the summary
 * and the step's error: one runaway line (a proxy's HTML page inside an error) would push them past
 * GitHub's limits (1 MB of outputs per job, 1 MiB of summary per step), which drop them whole.
 */
const MAX_LOG_LINE = 500;
/** The last `count` non-blank lines, each cut to MAX_LOG_LINE characters; redact before, not after. */
function lastLines(text, count) {
    return text
        .split(/\r?\n/)
        .map((line) => line.trimEnd())
        .filter((line) => line !== '')
        .slice(-count)
        .map((line) => (line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE)}…` : line));
}
/** The most events of its pod a failed pod check quotes: the latest, as with its log lines. */
const MAX_EVENTS = 10;
/**
 * The pod's last `count` events, each on one line cut to MAX_LOG_LINE characters, as lastLines does
 * for its log (redact before, not after): an event's message (a webhook's refusal, an image pull's
 * error) is as unbounded as a log line, and a pod that crash-loops or is refused again and again has many.
 */
function eventLines(events, count) {
    const left = events.length - count;
    const lines = events.slice(-count).map((event) => {
        const line = `${event.type} ${event.reason}: ${event.message}`.replace(/\s+/g, ' ').trim();
        return line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE)}…` : line;
    });
    return left > 0 ? [`(${left} earlier left out)`, ...lines] : lines;
}
/**
 * Whether a mutating webhook (the EKS pod identity webhook or a copy) added IRSA settings that
 * this action did not put into the pod: an env var, a volume, or a changed value.
 */
function webhookInjections(sent, stored) {
    const injected = [];
    const sentEnv = new Map((sent.spec?.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
    for (const entry of stored.spec?.containers[0]?.env ?? []) {
        if (!entry.name.startsWith('AWS_'))
            continue;
        if (!sentEnv.has(entry.name))
            injected.push(entry.name);
        else if (sentEnv.get(entry.name) !== entry.value)
            injected.push(`${entry.name} (changed)`);
    }
    const sentVolumes = new Set((sent.spec?.volumes ?? []).map((v) => v.name));
    for (const volume of stored.spec?.volumes ?? [])
        // kube-api-access-* is the API token volume the apiserver itself adds, not a webhook's.
        if (volume.projected && !sentVolumes.has(volume.name) && !volume.name.startsWith('kube-api-access-'))
            injected.push(`volume ${volume.name}`);
    return injected;
}
/** The role a webhook has the service account's pods assume (the AWS_ROLE_ARN it set), if any. */
function webhookRoleArn(stored) {
    return stored.spec?.containers[0]?.env?.find((entry) => entry.name === 'AWS_ROLE_ARN')?.value;
}
/**
 * The audience of the token a webhook gives the service account's pods for IRSA: the projected
 * service-account token that AWS_WEB_IDENTITY_TOKEN_FILE points at. Other projected tokens (a
 * mesh sidecar's, say) are for other consumers and say nothing about STS. Undefined when no
 * webhook set the file or its token names no audience (then the API server's default applies).
 */
function webhookTokenAudience(stored) {
    const container = stored.spec?.containers[0];
    const file = container?.env?.find((entry) => entry.name === 'AWS_WEB_IDENTITY_TOKEN_FILE')?.value;
    if (!container || !file)
        return undefined;
    const mount = (container.volumeMounts ?? [])
        .map((m) => ({ name: m.name, dir: m.mountPath.replace(/\/+$/, '') }))
        .filter((m) => file.startsWith(`${m.dir}/`))
        .sort((a, b) => b.dir.length - a.dir.length)[0];
    if (!mount)
        return undefined;
    const path = file.slice(mount.dir.length + 1);
    const volume = stored.spec?.volumes?.find((v) => v.name === mount.name);
    const token = volume?.projected?.sources?.find((source) => source.serviceAccountToken?.path === path);
    return token?.serviceAccountToken?.audience;
}


/***/ })

};
