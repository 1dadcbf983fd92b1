export const id = 496;
export const ids = [496];
export const modules = {

/***/ 6496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W3: () => (/* binding */ KubeApiError),
  W0: () => (/* binding */ kubeCall),
  s6: () => (/* binding */ kubeJson),
  loadKubeClient: () => (/* binding */ loadKubeClient),
  Nh: () => (/* binding */ namespacedPath),
  c2: () => (/* binding */ statusOf)
});

// UNUSED EXPORTS: afterPendingConnects, callDeadlineMs, firstLine, kubeRequest, requestOptionsFor

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
// EXTERNAL MODULE: ./src/io/secrets.ts
var secrets = __webpack_require__(3965);
// EXTERNAL MODULE: ./src/io/yaml.ts
var yaml = __webpack_require__(3473);
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
            for (const fragment of (0,secrets/* secretFragments */.y)(secret))
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
            (0,secrets/* maskSecret */.$)(source.value, mask);
            throw new errors/* UserError */.yo("holds a kubeconfig's content, not a path to one; pass the content as kubeconfig instead.", source.input);
        }
        const decoded = encodedKubeconfig(source.value);
        if (decoded !== undefined) {
            // Its secrets too: a later step may print the value decoded.
            (0,secrets/* maskSecret */.$)(source.value, mask);
            (0,secrets/* maskSecret */.$)(decoded, mask);
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
                (0,secrets/* maskSecret */.$)(source.value, mask);
                throw new errors/* UserError */.yo(`names no file that can be read${why}, and looks like a token rather than a path, so it is not repeated here; give the path of a kubeconfig file.`, source.input);
            }
            throw new errors/* UserError */.yo(`cannot read '${source.value}'${why}.`, source.input);
        }
    }
    const { mask: maskDerived, registered } = maskingOnce(mask);
    maskDerived(content);
    const parse = await (0,yaml/* loadYamlParser */.D7)();
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


/***/ })

};
