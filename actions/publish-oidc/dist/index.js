import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 3092:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _src_io_entry_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1012);
/* harmony import */ var _src_publish_oidc_action_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(591);


await (0,_src_io_entry_js__WEBPACK_IMPORTED_MODULE_0__/* .runActionAndExit */ .DP)('publish-oidc', _src_publish_oidc_action_js__WEBPACK_IMPORTED_MODULE_1__/* .publishOidcAction */ .Z);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.r(__webpack_exports__);
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AWS_CONNECT_TIMEOUT_MS: () => (/* binding */ AWS_CONNECT_TIMEOUT_MS),
/* harmony export */   AWS_REQUEST_TIMEOUT_MS: () => (/* binding */ AWS_REQUEST_TIMEOUT_MS),
/* harmony export */   RequestCounter: () => (/* binding */ RequestCounter),
/* harmony export */   clientConfig: () => (/* binding */ clientConfig),
/* harmony export */   endpointFor: () => (/* binding */ endpointFor),
/* harmony export */   namingFailedCalls: () => (/* binding */ namingFailedCalls),
/* harmony export */   resolveRegion: () => (/* binding */ resolveRegion)
/* harmony export */ });
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
/* harmony export */   CW: () => (/* binding */ dnsSuffixOfRegion),
/* harmony export */   Rm: () => (/* binding */ dnsSuffixes),
/* harmony export */   cn: () => (/* binding */ partitionOfRegion)
/* harmony export */ });
/* unused harmony exports defaultRegionOfPartition, partitionOfHost */
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

/***/ 1012:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  DP: () => (/* binding */ runActionAndExit)
});

// UNUSED EXPORTS: CLEANUP_BOUND_MS, SECOND_SIGNAL_MS, runAction

// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __nccwpck_require__(7333);
;// CONCATENATED MODULE: ./src/io/cancel.ts

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
            handling.notes.push(`what it did on the ${signal} failed: ${(0,errors/* oneLine */.TN)(error)}`);
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
            settle([...handling.notes, `its cleanup failed: ${oneLine(error)}`]);
        });
    };
    process.on('SIGINT', listener);
    process.on('SIGTERM', listener);
    return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
    };
}

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
    await cancelsSettled();
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
        settlesWithin(cancelsSettled(), CLEANUP_BOUND_MS),
        second.then((signal) => ({ signal }))
    ]);
    // The cleanup cut short: told of the signal, it has a moment for what it must not leave, then the run ends.
    const cutShort = typeof waited === 'object' && (await interruptCancels(waited.signal, SECOND_SIGNAL_MS))
        ? `a second signal (${waited.signal}) came ${((performance.now() - signalledAt) / 1000).toFixed(1)} s after the first, while its cleanup was still running: the step ended then, without waiting for the rest of it; what it did not report is unknown, so check what the run made`
        : undefined;
    const settled = waited === true || (typeof waited === 'object' && cutShort === undefined);
    const { cancelledLine, cancelledSummary } = await loading;
    const cleanup = takeCancelCleanup();
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
        const late = await Promise.race([cancelsSettled(), second]);
        if (typeof late === 'string')
            await interruptCancels(late, SECOND_SIGNAL_MS);
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
/* harmony export */   N3: () => (/* binding */ httpsUrl),
/* harmony export */   YF: () => (/* binding */ requiredInput),
/* harmony export */   dt: () => (/* binding */ listInput),
/* harmony export */   tE: () => (/* binding */ booleanInput),
/* harmony export */   tT: () => (/* binding */ envInputReader),
/* harmony export */   yL: () => (/* binding */ oneOf)
/* harmony export */ });
/* unused harmony exports mapInputReader, enumInput */
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
    throw new UserError(`'${value}' is not one of ${allowed.join(', ')}.`, name);
}
/** An https URL without a trailing slash, query or fragment: the shape an OIDC issuer must have. */
function httpsUrl(value, name) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`'${value}' is not a URL.`, name);
    }
    // Not quoted: what sits before the @ may be a password.
    if (url.username || url.password)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('must not carry a user name or password: STS reads an issuer anonymously.', name);
    if (url.protocol !== 'https:')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`'${value}' must use https (AWS accepts only https issuers).`, name);
    if (url.search || url.hash)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`'${value}' must not carry a query or fragment.`, name);
    if (value.endsWith('/'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`'${value}' must not end with a slash.`, name);
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

/***/ 5507:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bo: () => (/* binding */ isStringArray),
/* harmony export */   Pl: () => (/* binding */ oneOrMany),
/* harmony export */   QT: () => (/* binding */ asStringList),
/* harmony export */   qY: () => (/* binding */ asRecord),
/* harmony export */   u4: () => (/* binding */ isRecord)
/* harmony export */ });
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  TO: () => (/* binding */ afterPendingConnects),
  z7: () => (/* binding */ kubeRequest),
  Lc: () => (/* binding */ loadKubeClient)
});

// UNUSED EXPORTS: KubeApiError, callDeadlineMs, firstLine, kubeCall, kubeJson, namespacedPath, requestOptionsFor, statusOf

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __nccwpck_require__(8500);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __nccwpck_require__(7333);
// EXTERNAL MODULE: ./src/io/redact.ts
var io_redact = __nccwpck_require__(8075);
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
        __nccwpck_require__.e(/* import() */ 815).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8815, 19)),
        options.exactNumbers ? __nccwpck_require__.e(/* import() */ 982).then(__nccwpck_require__.bind(__nccwpck_require__, 982)).then((m) => m.exactNumberTag) : undefined,
        __nccwpck_require__.e(/* import() */ 808).then(__nccwpck_require__.bind(__nccwpck_require__, 808)),
        __nccwpck_require__.e(/* import() */ 670).then(__nccwpck_require__.bind(__nccwpck_require__, 670))
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
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: ./src/json/shape.ts
var shape = __nccwpck_require__(5507);
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
        const { KubeConfig } = await __nccwpck_require__.e(/* import() */ 172).then(__nccwpck_require__.bind(__nccwpck_require__, 2172));
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
    const transport = url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 4708, 23)) : await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 7067, 23));
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
const CALL_MAX_BYTES = (/* unused pure expression or super */ null && (16 * 1024 * 1024));
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

/***/ 5756:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FZ: () => (/* binding */ unreachableHost),
/* harmony export */   Qi: () => (/* binding */ lookupAll),
/* harmony export */   gS: () => (/* binding */ awsOnInternet),
/* harmony export */   r8: () => (/* binding */ unreachableResolution)
/* harmony export */ });
/* unused harmony exports unreachableAddress, urlHost, LOOKUP_BOUND_MS */
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(201);
/* harmony import */ var _aws_partitions_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5986);


/**
 * Whether the calls to `service` go to AWS's own endpoint on the internet, where an issuer must be
 * public: not to an endpoint the environment names (an emulator, the local stack), and not in an
 * air-gapped ISO partition, whose services reach nothing outside it and whose issuers live inside.
 */
function awsOnInternet(service, region, env) {
    return (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__.endpointFor)(service, env) === undefined && !(0,_aws_partitions_js__WEBPACK_IMPORTED_MODULE_1__/* .partitionOfRegion */ .cn)(region).startsWith('aws-iso');
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
    const { lookup } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 1553, 23));
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

/***/ 5837:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $W: () => (/* binding */ plainKeySegment),
/* harmony export */   Af: () => (/* binding */ DEFAULT_JWKS_PATH),
/* harmony export */   CM: () => (/* binding */ documentLocations),
/* harmony export */   l8: () => (/* binding */ issuerKeyPrefix),
/* harmony export */   py: () => (/* binding */ DISCOVERY_PATH),
/* harmony export */   ur: () => (/* binding */ defaultIssuerUrl)
/* harmony export */ });
/* harmony import */ var _aws_partitions_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5986);

const DISCOVERY_PATH = '.well-known/openid-configuration';
const DEFAULT_JWKS_PATH = 'openid/v1/jwks';
function defaultIssuerUrl(bucket, region) {
    return `https://${bucket}.s3.${region}.${(0,_aws_partitions_js__WEBPACK_IMPORTED_MODULE_0__/* .dnsSuffixOfRegion */ .CW)(region)}`;
}
/**
 * The key prefix the issuer's path maps to. Virtual-hosted (https://BUCKET.s3…/path) and
 * CDN-fronted issuers map their whole path; a path-style issuer (https://HOST/BUCKET/path) names
 * the bucket in its first segment, which is not part of the key.
 */
function issuerKeyPrefix(issuerUrl, bucket) {
    const url = new URL(issuerUrl);
    const segments = url.pathname
        .split('/')
        .filter((segment) => segment !== '')
        .map((segment) => decodeURIComponent(segment));
    const virtualHosted = url.hostname.startsWith(`${bucket}.`);
    const keySegments = !virtualHosted && segments[0] === bucket ? segments.slice(1) : segments;
    return keySegments.map((segment) => `${segment}/`).join('');
}
/**
 * A URL path segment decoded, when it can be a plain segment of an object key: letters, digits and
 * . _ ~ -, not . or .. (a decoded * or ? would be a wildcard in the bucket policy's Resource, and a
 * decoded line break would start a line of its own in the log); undefined otherwise.
 */
function plainKeySegment(raw) {
    let segment;
    try {
        segment = decodeURIComponent(raw);
    }
    catch {
        return undefined;
    }
    return /^[A-Za-z0-9._~-]+$/.test(segment) && segment !== '.' && segment !== '..' ? segment : undefined;
}
/** The JWKS path below the issuer, when the cluster's jwks_uri lies there and can be an object key. */
function jwksPathUnderIssuer(jwksUri, issuerUrl) {
    if (!jwksUri.startsWith(`${issuerUrl}/`))
        return undefined;
    const rest = jwksUri.slice(issuerUrl.length + 1);
    if (rest === '' || /[?#]/.test(rest) || rest.endsWith('/'))
        return undefined;
    const segments = rest.split('/').map(plainKeySegment);
    if (segments.some((segment) => segment === undefined))
        return undefined;
    const path = segments.join('/');
    return path === DISCOVERY_PATH ? undefined : path;
}
function documentLocations(issuerUrl, bucket, clusterJwksUri) {
    const prefix = issuerKeyPrefix(issuerUrl, bucket);
    const underIssuer = jwksPathUnderIssuer(clusterJwksUri, issuerUrl);
    return {
        issuer: issuerUrl,
        discoveryKey: prefix + DISCOVERY_PATH,
        discoveryUrl: `${issuerUrl}/${DISCOVERY_PATH}`,
        jwksKey: prefix + (underIssuer ?? DEFAULT_JWKS_PATH),
        jwksUrl: underIssuer === undefined ? `${issuerUrl}/${DEFAULT_JWKS_PATH}` : clusterJwksUri,
        jwksUriRewritten: underIssuer === undefined
    };
}


/***/ }),

/***/ 591:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Z: () => (/* binding */ publishOidcAction)
});

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __nccwpck_require__(8500);
// EXTERNAL MODULE: ./src/kube/client.ts + 5 modules
var client = __nccwpck_require__(2817);
// EXTERNAL MODULE: ./src/net/aws-reach.ts
var aws_reach = __nccwpck_require__(5756);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __nccwpck_require__(201);
// EXTERNAL MODULE: ./src/aws/partitions.ts
var partitions = __nccwpck_require__(5986);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __nccwpck_require__(7333);
// EXTERNAL MODULE: ./src/io/inputs.ts
var inputs = __nccwpck_require__(6067);
;// CONCATENATED MODULE: ./src/kube/kubeconfig-source.ts

function kubeconfigSource(read, required) {
    const picked = (0,inputs/* oneOf */.yL)(read, 'kubeconfig', 'kubeconfig-path', required);
    if (!picked)
        return undefined;
    return { input: picked[0], value: picked[1] };
}

// EXTERNAL MODULE: ./src/oidc/document-locations.ts
var document_locations = __nccwpck_require__(5837);
;// CONCATENATED MODULE: ./src/publish-oidc/bucket-name.ts

// S3 general purpose bucket naming rules
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];
function bucketNameProblem(name) {
    if (name.length < 3 || name.length > 63)
        return 'must be 3 to 63 characters long';
    if (!/^[a-z0-9.-]+$/.test(name))
        return 'may hold only lower-case letters, digits, dots and hyphens';
    if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
        return 'must begin and end with a letter or digit';
    if (name.includes('..'))
        return 'must not hold two adjacent dots';
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name))
        return 'must not look like an IP address';
    const prefix = RESERVED_PREFIXES.find((reserved) => name.startsWith(reserved));
    if (prefix)
        return `must not begin with the reserved prefix '${prefix}'`;
    const suffix = RESERVED_SUFFIXES.find((reserved) => name.endsWith(reserved));
    if (suffix)
        return `must not end with the reserved suffix '${suffix}'`;
    return undefined;
}
function bucketName(value, input) {
    const problem = bucketNameProblem(value);
    if (problem)
        throw new errors/* UserError */.yo(`'${value}' is not a valid S3 bucket name: it ${problem}.`, input);
    return value;
}

;// CONCATENATED MODULE: ./src/publish-oidc/inputs.ts








// IAM: at most 100 client IDs per provider, each 1 to 255 characters.
const MAX_CLIENT_IDS = 100;
function clientIds(read) {
    const ids = [...new Set((0,inputs/* listInput */.dt)(read, 'client-ids'))];
    if (ids.length === 0)
        return ['sts.amazonaws.com'];
    if (ids.length > MAX_CLIENT_IDS)
        throw new errors/* UserError */.yo(`lists ${ids.length} client IDs; IAM allows at most ${MAX_CLIENT_IDS}.`, 'client-ids');
    const tooLong = ids.find((id) => id.length > 255);
    if (tooLong)
        throw new errors/* UserError */.yo(`'${tooLong.slice(0, 40)}…' is longer than 255 characters.`, 'client-ids');
    // A token's aud is matched whole: 'sts.amazonaws.com my-app' would be one audience nobody sends.
    const spaced = ids.find((id) => /[\s\p{Cc}\p{Cf}]/u.test(id));
    if (spaced !== undefined)
        throw new errors/* UserError */.yo(`'${spaced.replace(/[\p{Cc}\p{Cf}]/gu, '?')}' holds a space or an invisible or control character: give one client ID per line or separate them with commas.`, 'client-ids');
    return ids;
}
// S3's own hosts, virtual-hosted (BUCKET.s3.REGION.amazonaws.com, BUCKET.s3-REGION..., BUCKET.s3.dualstack.REGION...,
// BUCKET.s3.amazonaws.com) and path-style (s3.REGION.amazonaws.com/BUCKET), under every partition's domain
// (amazonaws.com.cn, amazonaws.eu, c2s.ic.gov...): they name the bucket that answers.
const S3_HOST = new RegExp(String.raw `^(?:(.+)\.)?s3(?:-fips)?(?:[.-](?:dualstack\.)?([a-z0-9-]+))?\.(?:` +
    (0,partitions/* dnsSuffixes */.Rm)()
        .map((suffix) => suffix.replace(/\./g, '\\.'))
        .join('|') +
    ')$');
// us-east-1's legacy s3-external-1 endpoint names no region of its own.
const REGION_ALIASES = { 'external-1': 'us-east-1' };
/** An issuer on S3's own host must name this bucket (and region): another bucket's would serve nothing published here. */
function checkIssuerAgainstBucket(issuer, bucket, region) {
    const url = new URL(issuer);
    const segments = url.pathname.split('/').filter((segment) => segment !== '');
    // The issuer's path becomes the documents' key prefix, which the bucket policy names.
    for (const raw of segments)
        if ((0,document_locations/* plainKeySegment */.$W)(raw) === undefined)
            throw new errors/* UserError */.yo(`'${issuer}' has the path segment '${raw}', which cannot be an S3 key prefix: use letters, digits and . _ ~ -.`, 'issuer-url');
    const s3 = S3_HOST.exec(url.hostname.replace(/\.$/, ''));
    if (!s3)
        return;
    const [, hostBucket, namedRegion] = s3;
    const hostRegion = namedRegion === undefined ? undefined : (REGION_ALIASES[namedRegion] ?? namedRegion);
    const named = hostBucket ?? segments[0];
    if (named !== bucket)
        throw new errors/* UserError */.yo(`'${issuer}' is served by the S3 bucket '${named ?? '(none)'}', not by '${bucket}' where the documents are published.`, 'issuer-url');
    if (hostRegion !== undefined && hostRegion !== 'amazonaws' && hostRegion !== region)
        throw new errors/* UserError */.yo(`'${issuer}' names the region ${hostRegion}, not ${region}.`, 'issuer-url');
}
/**
 * With AWS's own IAM, an issuer on a host STS can never reach is refused: the provider and the
 * documents this run would write could never let a token in.
 */
function checkIssuerReach(issuer, region, env) {
    if (!(0,aws_reach/* awsOnInternet */.gS)('IAM', region, env))
        return;
    const problem = (0,aws_reach/* unreachableHost */.FZ)(issuer);
    if (problem)
        throw new errors/* UserError */.yo(`'${issuer}' cannot work with AWS: ${problem}, and STS fetches the issuer's documents from the internet. ` +
            "Leave issuer-url out (the bucket's own S3 URL), or give a public host that serves the bucket.", 'issuer-url');
}
function issuerUrl(read, bucket, region, env) {
    const given = (0,inputs/* optionalInput */.$m)(read, 'issuer-url');
    if (given !== undefined) {
        const issuer = (0,inputs/* httpsUrl */.N3)(given, 'issuer-url');
        checkIssuerReach(issuer, region, env);
        checkIssuerAgainstBucket(issuer, bucket, region);
        return issuer;
    }
    // A dotted name breaks the *.s3.REGION.<partition's domain> certificate on the virtual-hosted URL.
    if (bucket.includes('.'))
        throw new errors/* UserError */.yo(`'${bucket}' holds dots, so the default issuer ${(0,document_locations/* defaultIssuerUrl */.ur)(bucket, region)} would not ` +
            "match S3's TLS certificate. Use a bucket name without dots, or set issuer-url (e.g. a CloudFront URL).", 'bucket');
    return (0,document_locations/* defaultIssuerUrl */.ur)(bucket, region);
}
function bucketOwner(read) {
    const given = (0,inputs/* optionalInput */.$m)(read, 'bucket-owner');
    if (given !== undefined && !/^\d{12}$/.test(given))
        throw new errors/* UserError */.yo(`'${given}' is not an AWS account ID (12 digits).`, 'bucket-owner');
    return given;
}
/**
 * The removal's inputs. issuer-url is required: a removal deletes, so the issuer it deletes is named,
 * never defaulted from the bucket. A kubeconfig is refused rather than ignored: the removal reads
 * nothing from a cluster, and one given means a step that meant to publish.
 */
function parseRemoveInputs(read, env, bucket) {
    for (const name of ['kubeconfig', 'kubeconfig-path'])
        if ((0,inputs/* optionalInput */.$m)(read, name) !== undefined)
            throw new errors/* UserError */.yo('is not used with remove: true, which reads nothing from the cluster: leave it out of the removal step (or set remove: false to publish).', name);
    const region = (0,clients.resolveRegion)((0,inputs/* optionalInput */.$m)(read, 'region'), env);
    const given = (0,inputs/* optionalInput */.$m)(read, 'issuer-url');
    if (given === undefined)
        throw new errors/* UserError */.yo(`is required with remove: true: give the issuer to take out of '${bucket}' (the issuer-url output of its publish step, e.g. ${(0,document_locations/* defaultIssuerUrl */.ur)(bucket, region)}).`, 'issuer-url');
    const issuer = (0,inputs/* httpsUrl */.N3)(given, 'issuer-url');
    checkIssuerAgainstBucket(issuer, bucket, region);
    return {
        bucket,
        bucketOwner: bucketOwner(read),
        region,
        issuerUrl: issuer,
        manageBucket: (0,inputs/* booleanInput */.tE)(read, 'manage-bucket', false),
        createProvider: (0,inputs/* booleanInput */.tE)(read, 'create-provider', true),
        dryRun: (0,inputs/* booleanInput */.tE)(read, 'dry-run', false)
    };
}
/** Every input of either mode, parsed and checked, before anything touches the cluster or AWS. */
function parseInputs(read, env) {
    const bucket = bucketName((0,inputs/* requiredInput */.YF)(read, 'bucket'), 'bucket');
    if ((0,inputs/* booleanInput */.tE)(read, 'remove', false))
        return { remove: true, inputs: parseRemoveInputs(read, env, bucket) };
    return { remove: false, inputs: parsePublishInputs(read, env) };
}
/** Every input, parsed and checked, before anything touches the cluster or AWS. */
function parsePublishInputs(read, env) {
    // bucket first: it is the input action.yml marks required, so an empty `with:` names it.
    const bucket = bucketName((0,inputs/* requiredInput */.YF)(read, 'bucket'), 'bucket');
    const kubeconfig = kubeconfigSource(read, true);
    const region = (0,clients.resolveRegion)((0,inputs/* optionalInput */.$m)(read, 'region'), env);
    return {
        kubeconfig,
        bucket,
        bucketOwner: bucketOwner(read),
        region,
        issuerUrl: issuerUrl(read, bucket, region, env),
        manageBucket: (0,inputs/* booleanInput */.tE)(read, 'manage-bucket', false),
        createProvider: (0,inputs/* booleanInput */.tE)(read, 'create-provider', true),
        clientIds: clientIds(read),
        keyRetentionHours: (0,inputs/* integerInput */.$A)(read, 'key-retention-hours', 24, { min: 0, max: 8760 }),
        verifyPublic: (0,inputs/* booleanInput */.tE)(read, 'verify-public', true),
        dryRun: (0,inputs/* booleanInput */.tE)(read, 'dry-run', false)
    };
}

;// CONCATENATED MODULE: ./src/publish-oidc/action.ts




// Bounded, so that an unreachable API server fails the step instead of hanging the job.
const CLUSTER_TIMEOUT_MS = 15000;
/** remove: true. No cluster is read; the SDKs and the removal load only once the inputs are known good. */
async function removeAction(ctx, inputs) {
    const [{ S3Client }, { IAMClient }, { STSClient }, { clientConfig, namingFailedCalls }, { removeIssuer }, { callerAccount }] = await Promise.all([
        Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(711)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 3711, 19)),
        Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(764)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 6764, 19)),
        Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(695)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 1695, 19)),
        Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 201)),
        Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(711), __nccwpck_require__.e(764), __nccwpck_require__.e(329), __nccwpck_require__.e(358)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3358)),
        Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(695), __nccwpck_require__.e(638)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7638))
    ]);
    const sts = namingFailedCalls(new STSClient(clientConfig('STS', inputs.region, ctx.env)), 'STS');
    return removeIssuer(inputs, {
        s3: namingFailedCalls(new S3Client(clientConfig('S3', inputs.region, ctx.env)), 'S3'),
        iam: namingFailedCalls(new IAMClient(clientConfig('IAM', inputs.region, ctx.env)), 'IAM'),
        callerAccount: () => callerAccount(sts),
        log: ctx.log,
        redact: ctx.redact,
        writing: ctx.writing,
        written: ctx.written
    });
}
async function publishOidcAction(ctx) {
    const parsed = parseInputs(ctx.read, ctx.env);
    if (parsed.remove)
        return removeAction(ctx, parsed.inputs);
    const { inputs } = parsed;
    // Masks the kubeconfig's secrets before anything else can print them.
    const kube = await (0,client/* loadKubeClient */.Lc)(inputs.kubeconfig, ctx);
    // The cluster read starts before the SDKs load, so the two overlap; run() awaits it. The catch only
    // keeps an early failure from counting as unhandled while the imports finish.
    const { readClusterDocuments } = await __nccwpck_require__.e(/* import() */ 842).then(__nccwpck_require__.bind(__nccwpck_require__, 2842));
    const clusterRead = readClusterDocuments(kube, CLUSTER_TIMEOUT_MS);
    clusterRead.catch(() => undefined);
    await (0,client/* afterPendingConnects */.TO)();
    // The SDKs and the run are loaded only once the inputs are known good, so a bad input fails fast.
    const [{ S3Client }, { IAMClient }, { STSClient }, { clientConfig, namingFailedCalls }, { run, retryingTransient }, tlsAdapters] = await Promise.all([
        Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(711)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 3711, 19)),
        Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(764)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 6764, 19)),
        Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(695)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 1695, 19)),
        Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 201)),
        Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(711), __nccwpck_require__.e(764), __nccwpck_require__.e(329), __nccwpck_require__.e(346)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8346)),
        Promise.all([
            __nccwpck_require__.e(/* import() */ 246).then(__nccwpck_require__.bind(__nccwpck_require__, 9246)),
            __nccwpck_require__.e(/* import() */ 375).then(__nccwpck_require__.bind(__nccwpck_require__, 5375)),
            Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(695), __nccwpck_require__.e(638)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7638))
        ])
    ]);
    const [{ issuerThumbprint }, { anonymousGet }, { callerAccount }] = tlsAdapters;
    const sts = namingFailedCalls(new STSClient(clientConfig('STS', inputs.region, ctx.env)), 'STS');
    let account;
    const accountOnce = () => (account ??= callerAccount(sts));
    // Asked while the cluster's documents are read, when the bucket's owner is not given; the catch only
    // keeps an early failure from counting as unhandled until run() awaits it.
    if (inputs.bucketOwner === undefined)
        accountOnce().catch(() => undefined);
    return run(inputs, {
        readCluster: () => clusterRead,
        s3: namingFailedCalls(new S3Client(clientConfig('S3', inputs.region, ctx.env)), 'S3'),
        iam: namingFailedCalls(new IAMClient(clientConfig('IAM', inputs.region, ctx.env)), 'IAM'),
        callerAccount: accountOnce,
        issuerThumbprint: (url) => issuerThumbprint(url),
        publicGet: retryingTransient((url) => anonymousGet(url), promises_.setTimeout),
        ...((0,aws_reach/* awsOnInternet */.gS)('IAM', inputs.region, ctx.env) ? { resolveHost: aws_reach/* lookupAll */.Qi } : {}),
        log: ctx.log,
        writing: ctx.writing,
        written: ctx.written,
        now: () => new Date(),
        sleep: promises_.setTimeout
    });
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
/******/ var __webpack_exports__ = __nccwpck_require__(3092);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
