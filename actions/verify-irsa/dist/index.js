import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 6258:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _src_io_entry_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2665);
/* harmony import */ var _src_verify_irsa_action_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7367);


await (0,_src_io_entry_js__WEBPACK_IMPORTED_MODULE_0__/* .runActionAndExit */ .DP)('verify-irsa', _src_verify_irsa_action_js__WEBPACK_IMPORTED_MODULE_1__/* .verifyIrsaAction */ .H);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $H: () => (/* binding */ namingFailedCalls),
/* harmony export */   Lo: () => (/* binding */ endpointFor),
/* harmony export */   Zv: () => (/* binding */ resolveRegion),
/* harmony export */   yO: () => (/* binding */ clientConfig)
/* harmony export */ });
/* unused harmony exports AWS_REQUEST_TIMEOUT_MS, AWS_CONNECT_TIMEOUT_MS, RequestCounter */
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7333);

// The SDK waits for an answer without limit; a request that hangs (a proxy, a half-open connection)
// would hang the step until the job's timeout. With these, it fails as a TimeoutError and is retried.
const AWS_REQUEST_TIMEOUT_MS = 20_000;
const AWS_CONNECT_TIMEOUT_MS = 5_000;
/** Region from the input, then the variables the AWS SDKs and CLI read. */
function resolveRegion(input, env, inputName = 'region') {
    const region = input || env.AWS_REGION || env.AWS_DEFAULT_REGION;
    if (!region)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('is not set and neither AWS_REGION nor AWS_DEFAULT_REGION is.', inputName);
    // Two letters, or four for the European Sovereign Cloud's eusc-de-east-1.
    if (!/^[a-z]{2}(?:[a-z]{2})?(-[a-z]+)+-\d+$/.test(region))
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`'${region}' is not an AWS region.`, inputName);
    return region;
}
/**
 * The standard endpoint variables (AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, unless
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true), read here
 * rather than left to the SDK so that S3 can switch to path-style addressing when they are set:
 * emulators and proxies do not resolve BUCKET.host names.
 */
function endpointFor(service, env) {
    // As the SDKs read it: exactly "true" turns the variables off, and AWS's own endpoints stand.
    if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true')
        return undefined;
    return env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL || undefined;
}
function clientConfig(service, region, env, requestTimeoutMs = AWS_REQUEST_TIMEOUT_MS) {
    const endpoint = endpointFor(service, env);
    const config = {
        region,
        retryMode: 'adaptive',
        maxAttempts: 8,
        // Without throwOnRequestTimeout, this SDK only logs a warning when requestTimeout passes.
        // requestTimeout ends with the answer's headers; socketTimeout, an idle timeout, also bounds a
        // body that stops coming on a connection left open, which would otherwise hold the call for ever.
        requestHandler: {
            requestTimeout: requestTimeoutMs,
            throwOnRequestTimeout: true,
            socketTimeout: requestTimeoutMs,
            connectionTimeout: AWS_CONNECT_TIMEOUT_MS
        }
    };
    if (endpoint)
        config.endpoint = endpoint;
    if (service === 'S3' && endpoint)
        config.forcePathStyle = true;
    return config;
}
/**
 * Tags each failed call's error with the service and operation ("IAM GetRole"), which the SDK's
 * error does not carry, so that an unforeseen failure can say which call it was (failureText).
 */
function namingFailedCalls(client, service) {
    client.middlewareStack.add((next, context) => async (args) => {
        try {
            return await next(args);
        }
        catch (error) {
            if (typeof error === 'object' && error !== null && !('awsCall' in error))
                Object.defineProperty(error, 'awsCall', {
                    value: `${service} ${String(context.commandName ?? 'call').replace(/Command$/, '')}`,
                    enumerable: false
                });
            throw error;
        }
    }, { step: 'initialize', name: 'talosIrsaNamedCall' });
    return client;
}
/** Counts the AWS calls a run makes, split into reads and writes, for the summary and the benchmark. */
class RequestCounter {
    reads = new Map();
    writes = new Map();
    record(command) {
        const bucket = /^(Get|List|Head|Describe)/.test(command) ? this.reads : this.writes;
        bucket.set(command, (bucket.get(command) ?? 0) + 1);
    }
    get readCount() {
        return [...this.reads.values()].reduce((a, b) => a + b, 0);
    }
    get writeCount() {
        return [...this.writes.values()].reduce((a, b) => a + b, 0);
    }
    // Counted once per command (not per retry attempt): the benchmark asks how many calls a run needs.
    attach(client) {
        client.middlewareStack.add((next, context) => async (args) => {
            this.record(String(context.commandName ?? 'Unknown').replace(/Command$/, ''));
            return next(args);
        }, { step: 'initialize', name: 'talosIrsaRequestCounter' });
        return client;
    }
}


/***/ }),

/***/ 5986:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   cn: () => (/* binding */ partitionOfRegion)
/* harmony export */ });
/* unused harmony exports dnsSuffixOfRegion, dnsSuffixes, defaultRegionOfPartition, partitionOfHost */
const PARTITIONS = [
    { id: 'aws-cn', regionPrefix: 'cn-', dnsSuffix: 'amazonaws.com.cn', defaultRegion: 'cn-north-1' },
    { id: 'aws-us-gov', regionPrefix: 'us-gov-', dnsSuffix: 'amazonaws.com', defaultRegion: 'us-gov-west-1' },
    { id: 'aws-iso-b', regionPrefix: 'us-isob-', dnsSuffix: 'sc2s.sgov.gov', defaultRegion: 'us-isob-east-1' },
    {
        id: 'aws-iso-f',
        regionPrefix: 'us-isof-',
        dnsSuffix: 'csp.hci.ic.gov',
        defaultRegion: 'us-isof-south-1'
    },
    { id: 'aws-iso-e', regionPrefix: 'eu-isoe-', dnsSuffix: 'cloud.adc-e.uk', defaultRegion: 'eu-isoe-west-1' },
    { id: 'aws-iso', regionPrefix: 'us-iso-', dnsSuffix: 'c2s.ic.gov', defaultRegion: 'us-iso-east-1' },
    { id: 'aws-eusc', regionPrefix: 'eusc-', dnsSuffix: 'amazonaws.eu', defaultRegion: 'eusc-de-east-1' }
];
const STANDARD = {
    id: 'aws',
    regionPrefix: '',
    dnsSuffix: 'amazonaws.com',
    defaultRegion: 'us-east-1'
};
function partitionOf(region) {
    // Each partition's global pseudo-region (aws-us-gov-global, ...), which the SDK's table lists too:
    // read by its prefix, it would be aws's.
    const global = /^(aws(?:-[a-z]+)*)-global$/.exec(region)?.[1];
    const named = global && PARTITIONS.find((partition) => partition.id === global);
    if (named)
        return named;
    return PARTITIONS.find((partition) => region.startsWith(partition.regionPrefix)) ?? STANDARD;
}
/** The partition a region belongs to: where its STS can assume roles, and no other. */
function partitionOfRegion(region) {
    return partitionOf(region).id;
}
/** The domain under which the region's service endpoints live (s3.REGION.<suffix>). */
function dnsSuffixOfRegion(region) {
    return partitionOf(region).dnsSuffix;
}
/** Every partition's DNS suffix, the standard partition's first. */
function dnsSuffixes() {
    return [...new Set([STANDARD, ...PARTITIONS].map((partition) => partition.dnsSuffix))];
}
/** A region of the partition (of aws when the id is unknown) whose endpoint signs for its IAM. */
function defaultRegionOfPartition(id) {
    return (PARTITIONS.find((partition) => partition.id === id) ?? STANDARD).defaultRegion;
}
/**
 * The partition an AWS endpoint's host name shows: the label before the DNS suffix names a region
 * of the partition that suffix belongs to (BUCKET.s3.cn-north-1.amazonaws.com.cn is aws-cn, and so
 * are s3-REGION and EKS's oidc.eks.REGION). Undefined for any other host, such as a custom domain.
 */
function partitionOfHost(host) {
    const labels = host.toLowerCase().replace(/\.$/, '').split('.');
    for (let end = labels.length - 1; end > 0; end -= 1) {
        const region = /^(?:s3-)?([a-z]{2}(?:[a-z]{2})?(?:-[a-z]+)+-\d+)$/.exec(labels[end - 1] ?? '')?.[1];
        if (region && labels.slice(end).join('.') === dnsSuffixOfRegion(region))
            return partitionOfRegion(region);
    }
    return undefined;
}


/***/ }),

/***/ 6736:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ao: () => (/* binding */ onCancel),
/* harmony export */   ZD: () => (/* binding */ interruptCancels),
/* harmony export */   oZ: () => (/* binding */ takeCancelCleanup),
/* harmony export */   od: () => (/* binding */ settlesWithin),
/* harmony export */   pk: () => (/* binding */ cancelsSettled)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7333);

/** Whether `work` settles (either way) within `ms`; a cancelled run waits only so long for what it started. */
async function settlesWithin(work, ms) {
    let timer;
    const settled = await Promise.race([
        Promise.resolve(work).then(() => true, () => true),
        new Promise((resolve) => (timer = setTimeout(() => resolve(false), ms)))
    ]);
    clearTimeout(timer);
    return settled;
}
// Handlers still running: the entry waits for them before it ends a run (src/io/entry.ts), since a
// handler's cleanup can outlast the run it cancelled.
const running = new Set();
// The handlers started by this cancel, in the order they started, for the cancelled run's summary.
let handlings = [];
// Every handler not yet settled, this cancel's or an earlier one's: a second signal reaches them all.
const unsettled = new Set();
/** Resolves when every cancel handler that has started has settled. */
async function cancelsSettled() {
    await Promise.allSettled([...running]);
}
/**
 * What the cancel handlers did, each a clause ("deleted the pod ns/name this run created"): all of a
 * handler's that has settled, what one still running had done so far; undefined when none has run, as in
 * an action that undoes nothing when cancelled. Taken once: the next cancel (a test's next run in the
 * same process) starts afresh.
 */
function takeCancelCleanup() {
    const taken = handlings.length === 0 ? undefined : handlings.flatMap((handling) => [...handling.notes]);
    handlings = [];
    return taken;
}
/**
 * A second signal while cancel handlers still run: each of those that has a second-signal handler is
 * called (once), and given up to `ms` for what it does; what each says is added to its notes. Resolves
 * with whether any handler was still running.
 */
async function interruptCancels(signal, ms) {
    const stillRunning = [...unsettled];
    const answers = stillRunning.map((handling) => {
        const { second } = handling;
        if (!second)
            return Promise.resolve();
        handling.interrupted ??= second(signal).then((notes) => {
            handling.notes.push(...notes);
        }, (error) => {
            handling.notes.push(`what it did on the ${signal} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(error)}`);
        });
        return handling.interrupted;
    });
    await settlesWithin(Promise.all(answers), ms);
    return stillRunning.length > 0;
}
/**
 * Calls `handler` on the first SIGINT or SIGTERM (a second one while it runs is the entry's to take: it
 * calls `onSecond`, through interruptCancels); returns a stop function.
 */
function onCancel(handler, onSecond) {
    let handled = false;
    const listener = (signal) => {
        if (handled)
            return;
        handled = true;
        const handling = { notes: [], settled: false, ...(onSecond ? { second: onSecond } : {}) };
        handlings.push(handling);
        unsettled.add(handling);
        const settle = (notes) => {
            handling.notes = notes;
            handling.settled = true;
            unsettled.delete(handling);
            running.delete(work);
        };
        const work = handler(signal, {
            note: (clause) => {
                if (!handling.settled)
                    handling.notes.push(clause);
            }
        });
        running.add(work);
        void work.then(
        // What it returns is all it did; after a second signal its summary has been written from what it
        // had said by then, which stays as it was.
        (notes) => settle(handling.interrupted ? handling.notes : (notes ?? handling.notes)), (error) => {
            // Said in the cancelled run's summary and error line, which an unhandled rejection would end
            // the process before; with no note the summary would say nothing was left to undo.
            settle([...handling.notes, `its cleanup failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(error)}`]);
        });
    };
    process.on('SIGINT', listener);
    process.on('SIGTERM', listener);
    return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
    };
}


/***/ }),

/***/ 2665:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  DP: () => (/* binding */ runActionAndExit)
});

// UNUSED EXPORTS: CLEANUP_BOUND_MS, SECOND_SIGNAL_MS, runAction

// EXTERNAL MODULE: ./src/io/cancel.ts
var cancel = __nccwpck_require__(6736);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __nccwpck_require__(7333);
// EXTERNAL MODULE: ./src/io/redact.ts
var io_redact = __nccwpck_require__(8075);
// EXTERNAL MODULE: ./src/io/summary.ts
var io_summary = __nccwpck_require__(2864);
;// CONCATENATED MODULE: ./src/io/input-summary.ts



function inputFailureSummary(action, error, secrets) {
    const line = (0,io_redact/* redactSecrets */.fp)((0,errors/* oneLine */.TN)(error), secrets);
    // A refusal that names no input (an environment variable, what the cluster serves) has no input to
    // show in a table nor to correct: its title and advice say what did stop the step.
    if (!error.input)
        return [
            `### ${action}: stopped before its first write`,
            '',
            `**Error:** ${(0,io_summary/* escapeHtmlOutsideCode */.Nh)(line)}`,
            '',
            'Nothing was written to AWS or the cluster. Correct what the error names and run it again.'
        ].join('\n');
    return [
        `### ${action}: stopped on its inputs`,
        '',
        (0,io_summary/* table */.tp)(['Input', 'Error'], [[(0,io_summary/* code */.aY)(error.input), line]]),
        '',
        'Nothing was written to AWS or the cluster: the step stopped before its first write. Correct the input and run it again.'
    ].join('\n');
}
/**
 * The job summary of a step that failed on anything but its inputs, or on an input found once it had
 * begun to write: the error, and whether anything may have been written, which the log tells change by
 * change. Without it a failed scheduled run's summary would say nothing at all.
 */
function runFailureSummary(action, line, wrote, secrets) {
    return [
        `### ${action}: failed`,
        '',
        `**Error:** ${(0,io_summary/* escapeHtmlOutsideCode */.Nh)((0,io_redact/* redactSecrets */.fp)(line, secrets))}`,
        '',
        wrote
            ? 'The step failed after it began to write: what it wrote before the error stays. Run it again once the cause is fixed.'
            : 'Nothing was written to AWS or the cluster: the step failed before its first write. Run it again once the cause is fixed.'
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/io/exit.ts
/**
 * How a finished run ends: at once, with the exit code it set, whatever is left in its event loop. Left to
 * itself Node exits only when the loop is empty, and a DNS lookup in flight (getaddrinfo runs on libuv's
 * threadpool and cannot be cancelled), a keep-alive socket or a stray timer would hold the step until the
 * resolver gives up or the job times out.
 */
// Requests that run on libuv's threadpool, as process.getActiveResourcesInfo names them. process.exit joins
// the threadpool's threads, so it too waits for one that never completes (a lookup the resolver does not
// answer, an open of a FIFO with no writer); Node 24 (the runner's, `using: node24`) can leave by execve.
const THREADPOOL_REQUESTS = new Set([
    'FSReqCallback',
    'FSReqPromise',
    'GetAddrInfoReqWrap',
    'GetNameInfoReqWrap'
]);
/** The exit code the run set (fail() sets 1); one that is not a shell's exit status counts as a failure. */
function exitCodeOf(code) {
    const value = Number(code ?? 0);
    return Number.isInteger(value) && value >= 0 && value <= 255 ? value : 1;
}
/**
 * Resolves once what `stream` holds is written. On a pipe process.stdout and process.stderr write
 * asynchronously (on POSIX), and what they have not handed to the pipe is lost when the process exits.
 */
function drained(stream) {
    if (stream.writableLength === 0)
        return Promise.resolve();
    // Writes complete in order: an empty one's callback comes once everything before it is written.
    return new Promise((resolve) => stream.write('', () => resolve()));
}
/** Ends the process with process.exitCode once its output is out; what is left in the loop is dropped. */
async function exitWhenWritten() {
    // A stream on a pipe or a terminal is in the list (PipeWrap, TTYWrap) once made, as is a write still
    // pending. Otherwise neither was made (the log is written with writeSync), and making them here would
    // cost a failing run ~2.5 ms: Node 20 always has something left here (the module loader's CloseReq).
    const streamMade = process
        .getActiveResourcesInfo()
        .some((kind) => kind === 'PipeWrap' || kind === 'TTYWrap');
    if (streamMade)
        await Promise.all([drained(process.stdout), drained(process.stderr)]);
    const code = exitCodeOf(process.exitCode);
    const execve = process.execve;
    const inThreadpool = process.getActiveResourcesInfo().some((kind) => THREADPOOL_REQUESTS.has(kind));
    if (inThreadpool && execve && process.platform !== 'win32') {
        try {
            // What process.exit does first; then the process becomes a shell that exits with the run's code,
            // and no thread is joined. The pid, and so the runner's view of the step, stays the same.
            process.emit('exit', code);
            execve.call(process, '/bin/sh', ['/bin/sh', '-c', `exit ${code}`], {});
        }
        catch {
            // No shell to become: process.exit, which may wait for the threadpool as before.
        }
    }
    process.exit(code);
}

// EXTERNAL MODULE: ./src/io/inputs.ts
var inputs = __nccwpck_require__(6067);
;// CONCATENATED MODULE: ./src/io/warnings.ts
// Every warning a run gives, for its job summary. The runner shows a warning as an annotation on the
// run's page, but whoever reads a scheduled run reads its summary: one shared list, not each action's.

/** The warnings of one run, in the order given, each once. */
class RunWarnings {
    // Each message, and whether the action's own summary shows it.
    seen = new Map();
    add(message, options = {}) {
        const shown = this.seen.get(message) ?? true;
        this.seen.set(message, shown && options.inSummary === true);
    }
    /**
     * `summary` with the list appended, after a blank line (a table or paragraph that ends the summary must
     * end before the heading); as it is when there is nothing to list. `actionSummary`: whether `summary`
     * is the action's own, which shows the warnings it said it shows.
     */
    appendTo(summary, actionSummary) {
        const listed = [...this.seen].filter(([, shown]) => !actionSummary || !shown).map(([message]) => message);
        if (listed.length === 0)
            return summary;
        const items = listed.map(io_summary/* listItem */.Aw);
        return [summary.replace(/\n*$/, ''), '', `#### Warnings (${listed.length})`, '', ...items, ''].join('\n');
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
;// CONCATENATED MODULE: ./src/io/workflow-commands.ts
// The runner's workflow-command protocol, written directly. @actions/core does the same, but its
// bundle (1 MiB with http-client and undici, for OIDC tokens these actions never request) costs
// each action more start-up time than all of its own input checks; see the README's Performance.


// Escaping as the runner documents it (and as @actions/core does): data escapes %, CR and LF.
function escapeData(value) {
    return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/**
 * Writes whole lines to fd 1 with writeSync while it takes them: setting up process.stdout on a pipe
 * costs a run ~5 ms of start-up, more than all its input checks. Once the fd refuses (a full
 * non-blocking pipe: EAGAIN) or takes part of a line, the rest and every later line go through the
 * stream, which buffers, so lines keep their order.
 */
function lineWriter(writeFd, writeStream) {
    let throughStream = false;
    return (line) => {
        const bytes = Buffer.from(line, 'utf8');
        if (throughStream)
            return writeStream(bytes);
        let written = 0;
        try {
            written = writeFd(bytes);
        }
        catch (error) {
            if (error.code !== 'EAGAIN')
                throw error;
        }
        if (written === bytes.length)
            return;
        throughStream = true;
        writeStream(bytes.subarray(written));
    };
}
/** Where every line for the runner goes; an object so that tests can watch it. */
const stdoutLines = {
    write: lineWriter((bytes) => (0,external_node_fs_.writeSync)(1, bytes), (bytes) => process.stdout.write(bytes))
};
// The token of a `::stop-commands::` still in force (terraform's output, src/terraform/cli.ts), if any.
let stoppedBy;
function issue(command, message = '') {
    const line = `::${command}::${escapeData(message)}${external_node_os_.EOL}`;
    if (stoppedBy === undefined)
        return stdoutLines.write(line);
    // Inside terraform's stop-commands window the runner would show the command as text: a warning, an
    // error, a mask (a value then left unmasked). The window is closed for it and opened again.
    const token = stoppedBy;
    stdoutLines.write(`::${token}::${external_node_os_.EOL}${line}::stop-commands::${token}${external_node_os_.EOL}`);
}
function addMask(secret) {
    issue('add-mask', secret);
}
/**
 * Text as one plain line of the log. The runner reads a line break (LF, CR or CRLF) anywhere as the
 * start of a new line, where `::command::` is a command, and obeys `##[command]` anywhere in a line
 * (the runner's first command syntax, still parsed). So a line break becomes a space and `##[`
 * becomes `## [`: text from the cluster, AWS or a tool (a jwks_uri holding "\n::error::…", an
 * apiserver message holding "##[add-mask]…") cannot issue a command from inside a line.
 */
function plainLine(message) {
    return message
        .replace(/\r\n?|\n/g, ' ')
        .replace(/##\[/g, '## [')
        .replace(/^(\s*)::/, '$1: :');
}
/**
 * One line of text, never a command: text from a cluster, AWS or terraform cannot start one, whether
 * by a line break, a leading `::` or the older `##[` syntax the runner obeys anywhere in a line.
 */
function info(message) {
    stdoutLines.write(`${plainLine(message)}${external_node_os_.EOL}`);
}
/** A command line the action builds itself (its data already escaped), written as is. */
function commandLine(line) {
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop)
        stoppedBy = stop[1];
    else if (stoppedBy !== undefined && line === `::${stoppedBy}::`)
        stoppedBy = undefined;
    stdoutLines.write(`${line}${external_node_os_.EOL}`);
}
async function group(name, body) {
    issue('group', name);
    try {
        return await body();
    }
    finally {
        issue('endgroup');
    }
}
/** An output through the GITHUB_OUTPUT file, with a random heredoc delimiter the value cannot forge. */
function setOutput(name, value, env = process.env) {
    const file = env.GITHUB_OUTPUT;
    // Outside a runner there is nowhere to put it; printing it could print a secret.
    if (!file)
        return;
    // Fetched here, not imported at the top: loading node:crypto costs a failing run ~4 ms at start.
    const delimiter = `ghadelimiter_${process.getBuiltinModule('node:crypto').randomUUID()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`output ${name} contains its own delimiter`);
    (0,external_node_fs_.appendFileSync)(file, `${name}<<${delimiter}${external_node_os_.EOL}${value}${external_node_os_.EOL}${delimiter}${external_node_os_.EOL}`, 'utf8');
}
function appendSummary(markdown, env = process.env) {
    const file = env.GITHUB_STEP_SUMMARY;
    if (file)
        (0,external_node_fs_.appendFileSync)(file, `${markdown}${external_node_os_.EOL}`, 'utf8');
}
function fail(message) {
    process.exitCode = 1;
    issue('error', message);
}

;// CONCATENATED MODULE: ./src/io/entry.ts








/**
 * The runner's log; each warning is also kept for the job summary, which a scheduled run is read by, and
 * each group open is kept in `steps`, which a cancelled run's summary names as the step it was at.
 */
function runnerLogger(warnings, steps) {
    return {
        info: info,
        command: commandLine,
        warning: (message, options) => {
            warnings.add(message, options);
            issue('warning', message);
        },
        debug: (message) => issue('debug', message),
        group: async (name, body) => {
            steps.push(name);
            try {
                return await group(name, body);
            }
            finally {
                steps.splice(steps.lastIndexOf(name), 1);
            }
        }
    };
}
// How long a cancelled run waits for its actions' cleanup before it writes its summary and error line
// anyway: within the runner's 7.5 s between its SIGINT and its SIGTERM, after which it kills the process.
const CLEANUP_BOUND_MS = 7000;
// How long a second signal (the runner's SIGTERM, its kill 2.5 s later) leaves the cleanup still running
// to do what it must not leave undone (src/io/cancel.ts interruptCancels), before the run ends.
const SECOND_SIGNAL_MS = 1000;
/**
 * An action bundle's entry: runs its main as runAction does, then ends the process with the exit code the
 * run set, once a cancel handler under way has settled (its cleanup is part of the run) and the run's output
 * is written, not when Node's event loop empties (src/io/exit.ts).
 */
async function runActionAndExit(action, main) {
    await runAction(action, main);
    await (0,cancel/* cancelsSettled */.pk)();
    return exitWhenWritten();
}
/**
 * Runs an action's main; `action` names it in the summary of a run that stops on its inputs. A run
 * cancelled (the runner's SIGINT or SIGTERM) ends by `end` once its actions' cleanup has settled, or the
 * bound has passed, with its own summary and error line: whatever main does after the signal is not
 * reported (a terraform command that stopped on it fails; a pod that was deleted under its watch).
 */
async function runAction(action, main, end = exitWhenWritten) {
    // Kept to redact the summary and the outputs, which the runner masks only in part (see below), and
    // served to the action as ctx.redact, for what it cuts short before it quotes it.
    const { mask, redact, masked } = (0,io_redact/* maskedValues */.ql)(addMask);
    let writing = false;
    const warnings = new RunWarnings();
    const steps = [];
    let cancelled;
    let secondSignal = () => undefined;
    const second = new Promise((resolve) => (secondSignal = resolve));
    let written;
    const ctx = {
        read: (0,inputs/* envInputReader */.tT)(process.env),
        log: runnerLogger(warnings, steps),
        mask,
        redact,
        env: process.env,
        writing: () => {
            writing = true;
        },
        written: (read) => {
            written = read;
        }
    };
    // Registered before main runs, so called before any handler the action registers (src/io/cancel.ts).
    // Without it Node would end the process on the signal, before anything is written.
    // A second signal ends the wait for the cleanup: the runner kills the process 2.5 s after its SIGTERM.
    const onSignal = (signal) => {
        if (cancelled)
            return secondSignal(signal);
        cancelled = endCancelled(action, { signal, step: steps.at(-1), wrote: writing }, () => written?.(), masked, warnings, second, end);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
        await runMain();
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
    async function runMain() {
        let result;
        try {
            result = await main(ctx);
        }
        catch (error) {
            if (cancelled)
                return cancelled;
            return reportFailure(error);
        }
        if (cancelled)
            return cancelled;
        // A cluster's or AWS's message in a check's detail may quote a credential back. The runner masks no
        // output, and masks the summary only in the forms its masker knows, not as Markdown escapes a table
        // cell. An output that is a secret on purpose (a kubeconfig) is left whole.
        const verbatim = new Set(result.verbatimOutputs ?? []);
        for (const [name, value] of Object.entries(result.outputs))
            setOutput(name, verbatim.has(name) ? value : redact(value));
        writeSummary(action, redact(warnings.appendTo(result.summary, true)));
        if (result.failure)
            fail((0,errors/* oneLine */.TN)(result.failure));
    }
    function reportFailure(error) {
        if (!(0,errors/* isUserError */.iU)(error) && error instanceof Error && error.stack)
            issue('debug', error.stack);
        const line = (0,errors/* isUserError */.iU)(error) ? (0,errors/* oneLine */.TN)(error) : (0,errors/* failureText */.kY)(error);
        fail(line);
        // After the first write a UserError may leave changes behind, which the inputs' summary would deny.
        const summary = (0,errors/* isUserError */.iU)(error) && !writing
            ? inputFailureSummary(action, error, masked)
            : runFailureSummary(action, line, writing, masked);
        // The action's own summary is not written: every warning is listed, those it would have shown too.
        writeSummary(action, redact(warnings.appendTo(summary, false)));
    }
}
/**
 * A cancelled run's end: once its actions' cancel handlers have settled (they start in the same signal,
 * after the entry's listener), or CLEANUP_BOUND_MS has passed, or a second signal has come (and the
 * handlers still running have had SECOND_SIGNAL_MS to answer it), its error line and summary, then `end`.
 */
async function endCancelled(action, run, readWritten, masked, warnings, second, end) {
    const signalledAt = performance.now();
    // Loaded only by a cancelled run, while its cleanup settles: every other run is spared its bytes.
    const loading = __nccwpck_require__.e(/* import() */ 725).then(__nccwpck_require__.bind(__nccwpck_require__, 8725));
    // Handled when awaited below; until then a failed load must not end the process as unhandled.
    loading.catch(() => undefined);
    await Promise.resolve();
    const waited = await Promise.race([
        (0,cancel/* settlesWithin */.od)((0,cancel/* cancelsSettled */.pk)(), CLEANUP_BOUND_MS),
        second.then((signal) => ({ signal }))
    ]);
    // The cleanup cut short: told of the signal, it has a moment for what it must not leave, then the run ends.
    const cutShort = typeof waited === 'object' && (await (0,cancel/* interruptCancels */.ZD)(waited.signal, SECOND_SIGNAL_MS))
        ? `a second signal (${waited.signal}) came ${((performance.now() - signalledAt) / 1000).toFixed(1)} s after the first, while its cleanup was still running: the step ended then, without waiting for the rest of it; what it did not report is unknown, so check what the run made`
        : undefined;
    const settled = waited === true || (typeof waited === 'object' && cutShort === undefined);
    const { cancelledLine, cancelledSummary } = await loading;
    const cleanup = (0,cancel/* takeCancelCleanup */.oZ)();
    // Read once the cleanup has settled: what it wrote is the action's to report, not the cleanup's undoing.
    let changes;
    try {
        changes = readWritten();
    }
    catch {
        // Not knowing what was written is what the summary says without the list.
    }
    const report = {
        ...run,
        ...(changes ? { written: changes } : {}),
        ...(cleanup === undefined && settled
            ? {}
            : {
                cleanup: settled
                    ? cleanup
                    : [
                        ...(cleanup ?? []),
                        cutShort ??
                            `its cleanup had not finished ${CLEANUP_BOUND_MS / 1000} s after the signal, when this was written: what it did not report is unknown, so check what the run made`
                    ]
            })
    };
    fail(cancelledLine(action, report, masked));
    writeSummary(action, (0,io_redact/* redactSecrets */.fp)(warnings.appendTo(cancelledSummary(action, report, masked), false), masked));
    // What is still settling is waited for, as on any run's end, unless a second signal has come or comes:
    // then what is still running is told, and the run ends before the runner's kill.
    if (cutShort === undefined) {
        const late = await Promise.race([(0,cancel/* cancelsSettled */.pk)(), second]);
        if (typeof late === 'string')
            await (0,cancel/* interruptCancels */.ZD)(late, SECOND_SIGNAL_MS);
    }
    await end();
}
/**
 * The summary is a report on the run, not part of it: a GITHUB_STEP_SUMMARY that cannot be written (a
 * directory, a missing directory, a full disk) is a warning, and the run keeps its own exit status and
 * error line. (@actions/core's summary.write rejects instead, failing a run that awaits it.)
 */
function writeSummary(action, markdown) {
    try {
        appendSummary(markdown);
    }
    catch (error) {
        const file = process.env.GITHUB_STEP_SUMMARY ?? '';
        issue('warning', `${action}: the job summary could not be written to GITHUB_STEP_SUMMARY ${file}: ${(0,errors/* oneLine */.TN)(error)}`);
    }
}


/***/ }),

/***/ 7333:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   iU: () => (/* binding */ isUserError),
/* harmony export */   kY: () => (/* binding */ failureText),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/**
 * A mistake the user can fix: a bad input or a misconfiguration. The entry prints its message as
 * one `::error::` line; anything else is treated as a fault of the action or of a service.
 */
class UserError extends Error {
    input;
    /** The message without the input's name, for a caller that words the error again. */
    reason;
    constructor(message, input) {
        super(input ? `Input '${input}': ${message}` : message);
        this.name = 'UserError';
        this.input = input;
        this.reason = message;
    }
}
function isUserError(error) {
    return error instanceof UserError;
}
/** One line, whatever was thrown: annotations must not spill across lines. */
function oneLine(error) {
    const text = error instanceof Error ? error.message : String(error);
    return text.replace(/\s*\n\s*/g, ' ').trim();
}
/**
 * One line for a failure the action did not foresee. An AWS call's error (tagged by the client,
 * src/aws/clients.ts) says which service and call failed and the HTTP status, since the SDK's own
 * message may be just "UnknownError" or an XML parser's complaint.
 */
function failureText(error) {
    const call = typeof error === 'object' && error !== null ? error.awsCall : undefined;
    if (typeof call !== 'string' || !(error instanceof Error))
        return oneLine(error);
    const status = error.$metadata?.httpStatusCode;
    const code = typeof status === 'number' ? ` (HTTP ${status})` : '';
    return oneLine(`AWS ${call} failed: ${error.name}${code}: ${error.message}`);
}


/***/ }),

/***/ 6067:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $A: () => (/* binding */ integerInput),
/* harmony export */   $m: () => (/* binding */ optionalInput),
/* harmony export */   YF: () => (/* binding */ requiredInput),
/* harmony export */   gX: () => (/* binding */ enumInput),
/* harmony export */   tE: () => (/* binding */ booleanInput),
/* harmony export */   tT: () => (/* binding */ envInputReader),
/* harmony export */   yL: () => (/* binding */ oneOf)
/* harmony export */ });
/* unused harmony exports mapInputReader, listInput, httpsUrl */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7333);

/** The runner passes `with:` values as INPUT_<NAME> (spaces become underscores, upper case). */
function envInputReader(env = process.env) {
    return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
function mapInputReader(values) {
    return (name) => (values[name] ?? '').trim();
}
// The runner passes an expression that came out empty as '', so "not given" would send the user to
// a `with:` line that is there: say what empties one (GitHub gives '' for a secret that is not set).
const EMPTY_BECAUSE = 'not given, or given as an expression that came out empty (a secret not set for this repository or environment, or an output its step did not set, such as ${{ steps.ID.outputs.NAME }})';
function requiredInput(read, name) {
    const value = read(name);
    if (value === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`is required but is empty: ${EMPTY_BECAUSE}.`, name);
    return value;
}
function optionalInput(read, name) {
    const value = read(name);
    return value === '' ? undefined : value;
}
// YAML 1.2 core schema booleans only: 'yes', 'on' or '1' are more likely a typo than intent.
const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];
function booleanInput(read, name, fallback) {
    const value = read(name);
    if (value === '')
        return fallback;
    if (TRUE_VALUES.includes(value))
        return true;
    if (FALSE_VALUES.includes(value))
        return false;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`'${value}' is not a boolean: use true or false.`, name);
}
function integerInput(read, name, fallback, bounds = {}) {
    const value = read(name);
    if (value === '')
        return fallback;
    if (!/^-?\d+$/.test(value))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`'${value}' is not a whole number.`, name);
    const parsed = Number(value);
    if (bounds.min !== undefined && parsed < bounds.min)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${parsed} is below the minimum of ${bounds.min}.`, name);
    if (bounds.max !== undefined && parsed > bounds.max)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${parsed} is above the maximum of ${bounds.max}.`, name);
    return parsed;
}
/** A newline- or comma-separated list; blank entries are dropped. */
function listInput(read, name, separators = /[\n,]/) {
    return read(name)
        .split(separators)
        .map((item) => item.trim())
        .filter((item) => item !== '');
}
function enumInput(read, name, allowed, fallback) {
    const value = read(name);
    if (value === '')
        return fallback;
    if (allowed.includes(value))
        return value;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`'${value}' is not one of ${allowed.join(', ')}.`, name);
}
/** An https URL without a trailing slash, query or fragment: the shape an OIDC issuer must have. */
function httpsUrl(value, name) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new UserError(`'${value}' is not a URL.`, name);
    }
    // Not quoted: what sits before the @ may be a password.
    if (url.username || url.password)
        throw new UserError('must not carry a user name or password: STS reads an issuer anonymously.', name);
    if (url.protocol !== 'https:')
        throw new UserError(`'${value}' must use https (AWS accepts only https issuers).`, name);
    if (url.search || url.hash)
        throw new UserError(`'${value}' must not carry a query or fragment.`, name);
    if (value.endsWith('/'))
        throw new UserError(`'${value}' must not end with a slash.`, name);
    return value;
}
function oneOf(read, first, second, required) {
    const a = read(first);
    const b = read(second);
    if (a !== '' && b !== '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`give '${first}' or '${second}', not both.`, first);
    if (a !== '')
        return [first, a];
    if (b !== '')
        return [second, b];
    if (required)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`is required (or give '${second}'), but both are empty: ${EMPTY_BECAUSE}.`, first);
    return undefined;
}


/***/ }),

/***/ 8075:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   fp: () => (/* binding */ redactSecrets),
/* harmony export */   ql: () => (/* binding */ maskedValues)
/* harmony export */ });
/* unused harmony export redactionForms */
// Shortest text of a secret's base64 form worth hiding: below it a run of base64 letters in prose
// (a digest, an ARN's id) would be taken for a secret.
const MIN_BASE64_FORM = 6;
/**
 * The base64 text that a secret's bytes alone decide, wherever it starts in the encoded text: at a
 * byte offset of 0, 1 or 2 within a 3-byte group (base64 of "user:SECRET" holds the second), in the
 * standard and the URL-safe alphabets. The letters that share bits with the bytes around it are left
 * out. GitHub's log masker hides a registered value's base64 forms the same way.
 */
function base64Forms(secret) {
    const bytes = Buffer.from(secret, 'utf8');
    const forms = [];
    for (const shift of [0, 1, 2]) {
        const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
        const form = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
        if (form.length >= MIN_BASE64_FORM)
            forms.push(form, form.replace(/\+/g, '-').replace(/\//g, '_'));
    }
    return forms;
}
/**
 * A secret as text bound for GitHub may hold it: as is, JSON-escaped, URL-encoded (a token in an
 * error's URL), base64-encoded, and as the job summary writes it in a table cell or Markdown (HTML
 * characters as entities, '|' escaped, line breaks as <br>, a backtick in a code span as ').
 */
function redactionForms(secret) {
    const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const forms = [
        secret,
        JSON.stringify(secret).slice(1, -1),
        encodeURIComponent(secret),
        html,
        secret.replace(/`/g, "'"),
        ...[secret, html].map((text) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')),
        ...base64Forms(secret)
    ];
    return forms.filter((form) => form !== '');
}
/**
 * Replaces every masked fragment, in each form redactionForms gives, longest first, with `***`, as the
 * runner shows it in the log: for text bound for GitHub outside the log, where the runner's masking does
 * not reach (a step output, a PR comment) or reaches only the forms its masker knows (the job summary).
 */
function redactSecrets(text, secrets) {
    const forms = new Set();
    for (const secret of secrets)
        if (secret !== '')
            for (const form of redactionForms(secret))
                forms.add(form);
    const ordered = [...forms].sort((a, b) => b.length - a.length);
    let result = text;
    for (const form of ordered)
        if (result.includes(form))
            result = result.split(form).join('***');
    return result;
}
/** A masker that also keeps what it masked: the entry's, and a test harness's (test/harness/context.ts). */
function maskedValues(mask) {
    const masked = [];
    return {
        masked,
        mask: (secret) => {
            masked.push(secret);
            mask(secret);
        },
        redact: (text) => redactSecrets(text, masked)
    };
}


/***/ }),

/***/ 2864:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Aw: () => (/* binding */ listItem),
/* harmony export */   Nh: () => (/* binding */ escapeHtmlOutsideCode),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   tp: () => (/* binding */ table)
/* harmony export */ });
/** Markdown for the job summary, built as plain text so tests and the demo can read it. */
// Outside a code span GitHub renders a cell as HTML: a '<' in a cluster message, an AWS error or a
// pod's log would open a tag and hide the text after it. Inside a code span an entity would show
// as typed, so only the text between spans is escaped (a cell's backticks pair as Markdown's do).
// An odd backtick left over opens no span: Markdown shows it as typed and renders what follows.
function escapeHtmlOutsideCode(text) {
    const parts = text.split('`');
    return parts
        .map((part, index) => index % 2 === 1 && index < parts.length - 1
        ? part
        : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))
        .join('`');
}
/** A Markdown list item of one line (a line break would end the item), escaped as a cell's text is. */
function listItem(text) {
    return `- ${escapeHtmlOutsideCode(text.replace(/\s*\r?\n\s*/g, ' '))}`;
}
/** Cells are text; a line break in a cell is written as '\n'. */
function table(header, rows) {
    const escape = (cell) => escapeHtmlOutsideCode(cell).replace(/\|/g, '\\|').replace(/\n/g, '<br>');
    const lines = [
        `| ${header.map(escape).join(' | ')} |`,
        `| ${header.map(() => '---').join(' | ')} |`,
        ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)
    ];
    return lines.join('\n');
}
function code(text) {
    return `\`${text.replace(/`/g, "'")}\``;
}


/***/ }),

/***/ 7367:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  H: () => (/* binding */ verifyIrsaAction)
});

// EXTERNAL MODULE: ./src/io/cancel.ts
var cancel = __nccwpck_require__(6736);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __nccwpck_require__(7333);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __nccwpck_require__(201);
// EXTERNAL MODULE: ./src/aws/partitions.ts
var partitions = __nccwpck_require__(5986);
// EXTERNAL MODULE: ./src/io/inputs.ts
var inputs = __nccwpck_require__(6067);
;// CONCATENATED MODULE: ./src/kube/kubeconfig-source.ts

function kubeconfigSource(read, required) {
    const picked = (0,inputs/* oneOf */.yL)(read, 'kubeconfig', 'kubeconfig-path', required);
    if (!picked)
        return undefined;
    return { input: picked[0], value: picked[1] };
}

;// CONCATENATED MODULE: ./src/verify-irsa/image-reference.ts
/**
 * The `image` input, checked against the grammar the kubelet parses it with (the distribution
 * reference grammar). The API server stores any non-empty image, so a malformed one would only show
 * as an InvalidImageName pod, after the service account was written and token mode had run, and be
 * reported as a failed pod rather than as this input.
 */

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::${TAG})?(?:@${DIGEST})?$`);
// The grammar's limit on the name (domain and path, without tag or digest).
const NAME_MAX = 255;
function imageReference(value, input) {
    const match = REFERENCE.exec(value);
    const name = match?.[1] ?? '';
    if (!match || name.length > NAME_MAX)
        throw new errors/* UserError */.yo(`'${value}' is not an image reference ([registry/]repository[:tag][@digest], the repository in lower case).`, input);
    return value;
}

;// CONCATENATED MODULE: ./src/verify-irsa/inputs.ts






const VERIFY_MODES = ['token', 'pod', 'both'];
const DEFAULT_IMAGE = 'public.ecr.aws/aws-cli/aws-cli:2.22.35';
// IAM role ARN: partition, empty region, 12-digit account, optional path, name of IAM's charset.
// The path's segments may hold any printable ASCII, as IAM's (and irsa-role's role-path) allow.
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::(\d{12}):role\/((?:[\x21-\x2e\x30-\x7e]+\/)*)([\w+=,.@-]{1,64})$/;
// IAM's limit on a path, its leading slash included.
const MAX_PATH_LENGTH = 512;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function parseRoleArn(value, input = 'role-arn') {
    const match = ROLE_ARN.exec(value);
    if (!match || `/${match[3] ?? ''}`.length > MAX_PATH_LENGTH)
        throw new errors/* UserError */.yo(`'${value}' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>).`, input);
    return { arn: value, partition: match[1] ?? 'aws', accountId: match[2] ?? '', name: match[4] ?? '' };
}
/** Namespaces must be DNS-1123 labels, as kube-apiserver enforces. */
function namespaceName(value, input) {
    if (value.length > 63 || !DNS1123_LABEL.test(value))
        throw new errors/* UserError */.yo(`'${value}' is not a DNS label (lower-case letters, digits and '-', at most 63 characters).`, input);
    return value;
}
/** Service-account names must be DNS-1123 subdomains, as kube-apiserver enforces. */
function serviceAccountName(value, input) {
    if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value))
        throw new errors/* UserError */.yo(`'${value}' is not a DNS subdomain name (lower-case letters, digits, '-' and '.', at most 253 characters).`, input);
    return value;
}
function singleToken(value, input, what) {
    if (/\s/.test(value))
        throw new errors/* UserError */.yo(`'${value}' is not ${what}: it contains white space.`, input);
    return value;
}
// IAM lists at most 255 characters per client ID, and publish-oidc refuses invisible characters
// in one: an audience outside that could never be on the provider, and a zero-width character
// would make the provider-audience check name two values that look the same.
const MAX_AUDIENCE_LENGTH = 255;
function audienceInput(value) {
    if (/[\s\p{Cc}\p{Cf}]/u.test(value))
        throw new errors/* UserError */.yo(`'${value.replace(/[\p{Cc}\p{Cf}]/gu, '?')}' is not an audience: it holds a space or an invisible or control character.`, 'audience');
    if (value.length > MAX_AUDIENCE_LENGTH)
        throw new errors/* UserError */.yo(`'${value.slice(0, 40)}…' is longer than ${MAX_AUDIENCE_LENGTH} characters, the most an IAM OIDC provider's client ID may have.`, 'audience');
    return value;
}
/** Reads and validates every input before anything touches the cluster or AWS. */
function parseVerifyInputs(read, env) {
    // role-arn first: it is the input action.yml marks required, so its absence is named first.
    const role = parseRoleArn((0,inputs/* requiredInput */.YF)(read, 'role-arn'));
    const kubeconfig = kubeconfigSource(read, true);
    const mode = (0,inputs/* enumInput */.gX)(read, 'mode', VERIFY_MODES, 'both');
    const namespace = namespaceName((0,inputs/* optionalInput */.$m)(read, 'namespace') ?? 'default', 'namespace');
    const serviceAccount = serviceAccountName((0,inputs/* optionalInput */.$m)(read, 'service-account') ?? 'irsa-verify', 'service-account');
    const timeoutSeconds = positiveInteger(read, 'timeout-seconds', 300);
    const region = (0,clients/* resolveRegion */.Zv)((0,inputs/* optionalInput */.$m)(read, 'region'), env);
    if ((0,partitions/* partitionOfRegion */.cn)(region) !== role.partition)
        throw new errors/* UserError */.yo(`is in the partition ${role.partition}, but the region ${region} is in ${(0,partitions/* partitionOfRegion */.cn)(region)}; STS cannot assume a role of another partition (set region to one of ${role.partition}).`, 'role-arn');
    return {
        kubeconfig,
        role,
        namespace,
        serviceAccount,
        createServiceAccount: (0,inputs/* booleanInput */.tE)(read, 'create-service-account', true),
        audience: audienceInput((0,inputs/* optionalInput */.$m)(read, 'audience') ?? 'sts.amazonaws.com'),
        mode,
        image: imageReference(singleToken((0,inputs/* optionalInput */.$m)(read, 'image') ?? DEFAULT_IMAGE, 'image', 'an image reference'), 'image'),
        timeoutSeconds,
        region,
        cleanup: (0,inputs/* booleanInput */.tE)(read, 'cleanup', true)
    };
}
// An hour is far more than a pod needs to run get-caller-identity, and timers beyond ~24 days
// overflow Node's 32-bit timeouts.
const MAX_TIMEOUT_SECONDS = 3600;
function positiveInteger(read, name, fallback) {
    const value = read(name);
    if (value !== '' && !/^\d+$/.test(value))
        throw new errors/* UserError */.yo(`'${value}' is not a positive whole number of seconds.`, name);
    return (0,inputs/* integerInput */.$A)(read, name, fallback, { min: 1, max: MAX_TIMEOUT_SECONDS });
}

;// CONCATENATED MODULE: ./src/verify-irsa/action.ts



/** `tuning` is for tests only: the entry (runActionAndExit) calls this with the context alone. */
async function verifyIrsaAction(ctx, tuning = {}) {
    // Every input is checked before the cluster or AWS is touched.
    const inputs = parseVerifyInputs(ctx.read, ctx.env);
    const { verifyDeps, verifyResult } = await Promise.all(/* import() */[__nccwpck_require__.e(282), __nccwpck_require__.e(274)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3274));
    const { deps, close, removeLeftovers, heldAccount, notRemoved } = await verifyDeps(inputs, ctx, tuning);
    // A cancelled job must not leave the verify pod or a service account it made behind. What the removal
    // did and saw goes into the cancelled run's error line and summary, and the entry ends the run
    // (src/io/entry.ts): not held by what the cancelled run left in flight. A second signal ends the step
    // before the removal has finished: the summary says what it had done, and what is left to do by hand.
    const stopListening = (0,cancel/* onCancel */.Ao)((_signal, progress) => removeLeftovers((clause) => progress.note(clause)), async () => notRemoved());
    try {
        const { afterSecondRelease, run } = await Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(764), __nccwpck_require__.e(695), __nccwpck_require__.e(470), __nccwpck_require__.e(282), __nccwpck_require__.e(572)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8572));
        let outcome;
        try {
            outcome = await run(inputs, deps);
        }
        catch (error) {
            // run() reports the cluster's and AWS's failures as checks, so what it throws is a fault of
            // its own (the log, a bug), which may come after its lease or pod was written: undone all the
            // same, and the fault stays what the step fails on.
            await cleanUpAfterFault(ctx.log, removeLeftovers);
            throw error;
        }
        // What a write whose answer was lost left behind, and what run() failed to give up.
        const held = heldAccount();
        const notes = await removeLeftovers();
        for (const note of notes)
            ctx.log.warning(`Cleanup: ${note}.`);
        const released = held !== undefined && heldAccount() === undefined;
        return verifyResult(inputs, released ? afterSecondRelease(outcome, `gave up ${held}`) : outcome);
    }
    finally {
        stopListening();
        close();
    }
}
/** The closing cleanup of a run that threw: what it could not undo is warned of, never thrown. */
async function cleanUpAfterFault(log, removeLeftovers) {
    try {
        for (const note of await removeLeftovers())
            log.warning(`Cleanup: ${note}.`);
    }
    catch (error) {
        try {
            log.warning(`Cleanup: ${(0,errors/* oneLine */.TN)(error)}`);
        }
        catch {
            // The log is what failed: the run's own error is still the one to report.
        }
    }
}


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 1553:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns/promises");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 481:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 4876:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("punycode");

/***/ }),

/***/ 3480:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("querystring");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 9154:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("vm");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(6258);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
