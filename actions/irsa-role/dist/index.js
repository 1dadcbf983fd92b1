import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2169:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _src_io_entry_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1012);
/* harmony import */ var _src_irsa_role_action_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(415);


await (0,_src_io_entry_js__WEBPACK_IMPORTED_MODULE_0__/* .runActionAndExit */ .DP)('irsa-role', _src_irsa_role_action_js__WEBPACK_IMPORTED_MODULE_1__/* .irsaRoleAction */ .qY);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $H: () => (/* binding */ namingFailedCalls),
/* harmony export */   Lo: () => (/* binding */ endpointFor),
/* harmony export */   ZE: () => (/* binding */ AWS_REQUEST_TIMEOUT_MS),
/* harmony export */   sH: () => (/* binding */ AWS_CONNECT_TIMEOUT_MS),
/* harmony export */   yO: () => (/* binding */ clientConfig)
/* harmony export */ });
/* unused harmony exports resolveRegion, RequestCounter */
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7333);

// The SDK waits for an answer without limit; a request that hangs (a proxy, a half-open connection)
// would hang the step until the job's timeout. With these, it fails as a TimeoutError and is retried.
const AWS_REQUEST_TIMEOUT_MS = 20_000;
const AWS_CONNECT_TIMEOUT_MS = 5_000;
/** Region from the input, then the variables the AWS SDKs and CLI read. */
function resolveRegion(input, env, inputName = 'region') {
    const region = input || env.AWS_REGION || env.AWS_DEFAULT_REGION;
    if (!region)
        throw new UserError('is not set and neither AWS_REGION nor AWS_DEFAULT_REGION is.', inputName);
    // Two letters, or four for the European Sovereign Cloud's eusc-de-east-1.
    if (!/^[a-z]{2}(?:[a-z]{2})?(-[a-z]+)+-\d+$/.test(region))
        throw new UserError(`'${region}' is not an AWS region.`, inputName);
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
/* harmony export */   QO: () => (/* binding */ partitionOfHost),
/* harmony export */   cn: () => (/* binding */ partitionOfRegion),
/* harmony export */   f8: () => (/* binding */ defaultRegionOfPartition)
/* harmony export */ });
/* unused harmony exports dnsSuffixOfRegion, dnsSuffixes */
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
/* harmony export */   dt: () => (/* binding */ listInput),
/* harmony export */   tE: () => (/* binding */ booleanInput),
/* harmony export */   tT: () => (/* binding */ envInputReader),
/* harmony export */   yL: () => (/* binding */ oneOf)
/* harmony export */ });
/* unused harmony exports mapInputReader, requiredInput, enumInput */
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
        throw new UserError(`is required but is empty: ${EMPTY_BECAUSE}.`, name);
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

/***/ 3965:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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

/***/ 3473:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A3: () => (/* binding */ yamlParserFor),
/* harmony export */   D7: () => (/* binding */ loadYamlParser),
/* harmony export */   Z$: () => (/* binding */ INEXACT_NUMBER)
/* harmony export */ });
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


/***/ }),

/***/ 415:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  qY: () => (/* binding */ irsaRoleAction)
});

// UNUSED EXPORTS: createIamClient, iamRegion

// EXTERNAL MODULE: ./src/io/secrets.ts
var secrets = __nccwpck_require__(3965);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __nccwpck_require__(201);
// EXTERNAL MODULE: ./src/aws/partitions.ts
var partitions = __nccwpck_require__(5986);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __nccwpck_require__(7333);
// EXTERNAL MODULE: ./src/trust/names.ts
var trust_names = __nccwpck_require__(8350);
// EXTERNAL MODULE: ./src/io/yaml.ts
var yaml = __nccwpck_require__(3473);
// EXTERNAL MODULE: ./src/io/inputs.ts
var inputs = __nccwpck_require__(6067);
;// CONCATENATED MODULE: ./src/kube/kubeconfig-source.ts

function kubeconfigSource(read, required) {
    const picked = (0,inputs/* oneOf */.yL)(read, 'kubeconfig', 'kubeconfig-path', required);
    if (!picked)
        return undefined;
    return { input: picked[0], value: picked[1] };
}

// EXTERNAL MODULE: ./src/trust/policy-document.ts
var policy_document = __nccwpck_require__(6682);
// EXTERNAL MODULE: ./src/trust/tags.ts
var trust_tags = __nccwpck_require__(217);
// EXTERNAL MODULE: ./src/json/shape.ts
var shape = __nccwpck_require__(5507);
;// CONCATENATED MODULE: ./src/irsa-role/inputs.ts
// Every input of irsa-role, read and validated before anything is written. Only the checks that
// need AWS (does the provider exist, does each policy ARN exist, does each role fit the account's
// quotas) are left to run().







const SINGLE_INPUTS = ['role-name', 'namespace', 'service-account'];
const ITEM_KEYS = new Set([
    'role-name',
    'namespace',
    'service-account',
    'policy-arns',
    'inline-policy',
    'permissions-boundary',
    'tags'
]);
function fail(origin, message) {
    throw new errors/* UserError */.yo(origin.where ? `${origin.where}: ${message}` : message, origin.input);
}
function checkedPolicyArns(arns, origin) {
    for (const arn of arns) {
        const problem = (0,trust_names/* policyArnProblem */.F2)(arn);
        if (problem)
            fail(origin, problem);
    }
    // How many a role may have is the account's quota, which the run reads (run.ts) before any write.
    return [...new Set(arns)];
}
function checkedBoundary(arn, origin) {
    if (arn === undefined)
        return undefined;
    const problem = (0,trust_names/* policyArnProblem */.F2)(arn);
    if (problem)
        fail(origin, problem);
    return arn;
}
function checkedPolicy(text, origin, yaml) {
    if (text === undefined)
        return undefined;
    const result = (0,policy_document/* parsePolicyDocument */.X)(text, yaml);
    if ('problem' in result)
        fail(origin, `the inline policy ${result.problem}`);
    const size = (0,policy_document/* policyJson */.nF)(result.document).length;
    if (size > policy_document/* INLINE_POLICY_LIMIT */.T4)
        fail(origin, `the inline policy is ${size} characters; IAM allows ${policy_document/* INLINE_POLICY_LIMIT */.T4} per role.`);
    return result.document;
}
function checkedTags(text, origin) {
    const result = (0,trust_tags/* parseTagLines */.hH)(text);
    if ('problem' in result)
        fail(origin, result.problem);
    const tooMany = (0,trust_tags/* tagCountProblem */.dO)(result.tags);
    if (tooMany)
        fail(origin, tooMany);
    return result.tags;
}
function checkedRoleName(name, origin) {
    const problem = (0,trust_names/* iamRoleNameProblem */.YN)(name);
    if (problem)
        fail(origin, problem);
    return name;
}
function checkedAccounts(namespace, names, allowWildcards, nsOrigin, saOrigin) {
    const nsProblem = (0,trust_names/* kubeNameProblem */.E4)('namespace', namespace, allowWildcards);
    if (nsProblem)
        fail(nsOrigin, nsProblem);
    if (names.length === 0)
        fail(saOrigin, 'needs at least one service account.');
    return [...new Set(names)].map((name) => {
        const problem = (0,trust_names/* kubeNameProblem */.E4)('service account', name, allowWildcards);
        if (problem)
            fail(saOrigin, problem);
        return { namespace, name };
    });
}
function readShared(read, yaml) {
    const allowWildcards = (0,inputs/* booleanInput */.tE)(read, 'allow-wildcards', false);
    const top = (input) => ({ input, where: '' });
    return {
        policyArns: checkedPolicyArns((0,inputs/* listInput */.dt)(read, 'policy-arns', /\n/), top('policy-arns')),
        inlinePolicy: checkedPolicy((0,inputs/* optionalInput */.$m)(read, 'inline-policy'), top('inline-policy'), yaml),
        permissionsBoundary: checkedBoundary((0,inputs/* optionalInput */.$m)(read, 'permissions-boundary'), top('permissions-boundary')),
        tags: checkedTags(read('tags'), top('tags')),
        allowWildcards
    };
}
function singleBinding(read, shared) {
    for (const name of SINGLE_INPUTS)
        if (read(name) === '')
            throw new errors/* UserError */.yo(`is required for a single binding (or give 'bindings' instead).`, name);
    const origin = (input) => ({ input, where: '' });
    return {
        roleName: checkedRoleName(read('role-name'), origin('role-name')),
        serviceAccounts: checkedAccounts(read('namespace'), [read('service-account')], shared.allowWildcards, origin('namespace'), origin('service-account')),
        policyArns: shared.policyArns,
        inlinePolicy: shared.inlinePolicy,
        permissionsBoundary: shared.permissionsBoundary,
        tags: shared.tags,
        origins: {
            namespace: origin('namespace'),
            policyArns: origin('policy-arns'),
            permissionsBoundary: origin('permissions-boundary'),
            inlinePolicy: origin('inline-policy')
        }
    };
}
function stringField(item, key, origin) {
    const value = item[key];
    if (value === undefined || value === null)
        return undefined;
    if (typeof value !== 'string' || value.trim() === '')
        fail(origin, `'${key}' must be a non-empty string.`);
    return value.trim();
}
function stringList(value, key, origin) {
    if (value === undefined || value === null)
        return [];
    if (typeof value === 'string')
        return value
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line !== '');
    if (Array.isArray(value) && value.every((entry) => typeof entry === 'string' && entry.trim() !== ''))
        return value.map((entry) => entry.trim());
    fail(origin, `'${key}' must be a string or a list of strings.`);
}
function itemPolicy(value, origin, yaml) {
    if (value === undefined || value === null)
        return undefined;
    // A mapping is the document itself; a string is JSON or YAML text.
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return checkedPolicy(text, origin, yaml);
}
function bindingFromItem(raw, index, shared, yaml) {
    const at = { input: 'bindings', where: `item ${index + 1}` };
    if (!(0,shape/* isRecord */.u4)(raw))
        fail(at, 'must be a mapping with role-name, namespace and service-account.');
    const item = raw;
    for (const key of Object.keys(item))
        if (!ITEM_KEYS.has(key))
            fail(at, `unknown key '${key}' (${key === '<<' ? trust_tags/* NO_MERGE_KEY */.B_ : `expected ${[...ITEM_KEYS].join(', ')}`}).`);
    const roleName = stringField(item, 'role-name', at);
    if (roleName === undefined)
        fail(at, "needs 'role-name'.");
    const origin = { input: 'bindings', where: `item ${index + 1} (role '${roleName}')` };
    checkedRoleName(roleName, origin);
    const namespace = stringField(item, 'namespace', origin);
    if (namespace === undefined)
        fail(origin, "needs 'namespace'.");
    if (item['service-account'] === undefined)
        fail(origin, "needs 'service-account' (a name or a list).");
    const accounts = checkedAccounts(namespace, stringList(item['service-account'], 'service-account', origin), shared.allowWildcards, origin, origin);
    const ownArns = checkedPolicyArns(stringList(item['policy-arns'], 'policy-arns', origin), origin);
    const ownPolicy = itemPolicy(item['inline-policy'], origin, yaml);
    const ownBoundary = checkedBoundary(stringField(item, 'permissions-boundary', origin), origin);
    const ownTags = (0,trust_tags/* parseTagValue */.$d)(item.tags);
    if ('problem' in ownTags)
        fail(origin, ownTags.problem);
    const tags = (0,trust_tags/* mergeTags */.kE)(shared.tags, ownTags.tags);
    const tooMany = (0,trust_tags/* tagCountProblem */.dO)(tags);
    if (tooMany)
        fail(origin, `together with the tags input, ${tooMany}`);
    const policyArns = [...new Set([...shared.policyArns, ...ownArns])];
    return {
        roleName,
        serviceAccounts: accounts,
        policyArns,
        inlinePolicy: ownPolicy ?? shared.inlinePolicy,
        permissionsBoundary: ownBoundary ?? shared.permissionsBoundary,
        tags,
        origins: {
            namespace: origin,
            policyArns: ownArns.length > 0 ? origin : { input: 'policy-arns', where: '' },
            permissionsBoundary: ownBoundary ? origin : { input: 'permissions-boundary', where: '' },
            inlinePolicy: ownPolicy ? origin : { input: 'inline-policy', where: '' }
        }
    };
}
/** The `tags` mapping of a bindings item, by its path in the list. */
const itemTags = (path) => path.length === 2 && typeof path[0] === 'number' && path[1] === 'tags';
/** Where an item's tags may be: the list, an item, or the tags themselves (not an inline policy). */
const tagsWithin = (path) => path.length < 2 || itemTags(path);
function listBindings(text, shared, yaml) {
    let parsed;
    try {
        // An item's tags are text, so taken as written: version 1.10 tags '1.10', not the number's '1.1'.
        // Elsewhere (an item's inline policy) exact numbers: an account ID written 012345678901 would
        // otherwise lose its zero.
        parsed = yaml(text, { exactNumbers: true, textMappings: itemTags, textWithin: tagsWithin });
    }
    catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        throw new errors/* UserError */.yo(`does not parse as a YAML list (${reason}).`, 'bindings');
    }
    if (!Array.isArray(parsed) || parsed.length === 0)
        throw new errors/* UserError */.yo('must be a non-empty YAML list of bindings.', 'bindings');
    const bindings = parsed.map((item, index) => bindingFromItem(item, index, shared, yaml));
    // IAM role names are unique without regard to case: Web and web are one role.
    const seen = new Map();
    for (const binding of bindings) {
        const earlier = seen.get(binding.roleName.toLowerCase());
        if (earlier === binding.roleName)
            throw new errors/* UserError */.yo(`role '${binding.roleName}' appears more than once; merge its entries (a role trusts the service accounts of one namespace: give each namespace a role of its own).`, 'bindings');
        if (earlier !== undefined)
            throw new errors/* UserError */.yo(`roles '${earlier}' and '${binding.roleName}' are one role to IAM, which ignores case in role names; merge their entries.`, 'bindings');
        seen.set(binding.roleName.toLowerCase(), binding.roleName);
    }
    return bindings;
}
function readProvider(read) {
    const [input, value] = (0,inputs/* oneOf */.yL)(read, 'provider-arn', 'issuer-url', true);
    if (input === 'provider-arn') {
        if (!(0,trust_names/* parseProviderArn */.Sw)(value))
            throw new errors/* UserError */.yo(`'${value}' is not an IAM OIDC provider ARN (arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH).`, input);
        return { input, arn: value };
    }
    return { input: 'issuer-url', url: (0,inputs/* httpsUrl */.N3)(value, 'issuer-url') };
}
/** One service account annotated with two roles would flip-flop on every run. */
function checkAnnotationTargets(bindings) {
    const owner = new Map();
    for (const binding of bindings)
        for (const account of binding.serviceAccounts) {
            if (account.namespace.includes('*') || account.name.includes('*'))
                throw new errors/* UserError */.yo(`cannot annotate the pattern '${account.namespace}/${account.name}' (role '${binding.roleName}'); name service accounts exactly or set annotate-service-account: false.`, 'annotate-service-account');
            const key = `${account.namespace}/${account.name}`;
            const other = owner.get(key);
            if (other && other !== binding.roleName)
                throw new errors/* UserError */.yo(`service account ${key} is bound to both '${other}' and '${binding.roleName}'; it can carry only one role annotation.`, 'annotate-service-account');
            owner.set(key, binding.roleName);
        }
}
/** The inputs that may hold YAML: a run without them never loads the parser. */
const IRSA_ROLE_YAML_INPUTS = ['bindings', 'inline-policy'];
function readIrsaRoleInputs(read, yaml) {
    const provider = readProvider(read);
    const shared = readShared(read, yaml);
    const bindingsText = read('bindings');
    const singleGiven = SINGLE_INPUTS.filter((name) => read(name) !== '');
    if (bindingsText !== '' && singleGiven.length > 0)
        throw new errors/* UserError */.yo(`give either 'bindings' or ${SINGLE_INPUTS.map((n) => `'${n}'`).join('/')}, not both (found '${singleGiven[0]}').`, 'bindings');
    if (bindingsText === '' && singleGiven.length === 0)
        throw new errors/* UserError */.yo("is required (or give 'bindings' for many roles).", 'role-name');
    const single = bindingsText === '';
    const bindings = single ? [singleBinding(read, shared)] : listBindings(bindingsText, shared, yaml);
    const annotate = (0,inputs/* booleanInput */.tE)(read, 'annotate-service-account', false);
    const kubeconfig = kubeconfigSource(read, annotate);
    if (annotate)
        checkAnnotationTargets(bindings);
    const rolePath = read('role-path') || '/';
    const pathProblem = (0,trust_names/* iamPathProblem */.kZ)(rolePath);
    if (pathProblem)
        throw new errors/* UserError */.yo(pathProblem, 'role-path');
    const audience = read('audience') || 'sts.amazonaws.com';
    if (audience.length > 255 || /\s/.test(audience))
        throw new errors/* UserError */.yo(`'${audience}' is not a valid audience (no spaces, at most 255 characters).`, 'audience');
    // IAM reads ${...} in a trust policy's condition value as a policy variable, replaced from the
    // request: one naming the token's own aud (${<issuer>:aud}) would let any audience through.
    if (audience.includes('$'))
        throw new errors/* UserError */.yo(`'${audience}' is not a valid audience: IAM would read its '$' as the start of a policy variable (\${...}) in the trust policy, not as the character.`, 'audience');
    return {
        provider,
        bindings,
        single,
        audience,
        maxSessionDuration: (0,inputs/* integerInput */.$A)(read, 'max-session-duration', 3600, { min: 3600, max: 43200 }),
        rolePath,
        prune: (0,inputs/* booleanInput */.tE)(read, 'prune-policies', false),
        allowWildcards: shared.allowWildcards,
        annotate,
        kubeconfig
    };
}

;// CONCATENATED MODULE: ./src/irsa-role/action.ts







/**
 * IAM is global within a partition; any region of it signs the requests, so no region input is
 * asked for. IAM answers only for its own partition: with a provider ARN of another partition than
 * the set region's, every call would fail on credentials, so that is refused naming provider-arn.
 * With no region set, the partition is the provider ARN's, or the one an issuer URL's AWS host shows
 * (an S3 or EKS issuer), else aws's.
 */
function iamRegion(env, provider) {
    const partition = provider?.input === 'provider-arn'
        ? (0,trust_names/* parseProviderArn */.Sw)(provider.arn)?.partition
        : provider?.input === 'issuer-url'
            ? (0,partitions/* partitionOfHost */.QO)(new URL(provider.url).hostname)
            : undefined;
    const variable = env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION';
    const region = env[variable];
    if (!region)
        return (0,partitions/* defaultRegionOfPartition */.f8)(partition ?? 'aws');
    // An issuer's host only suggests the partition: any account's IAM may hold a provider for it.
    if (provider?.input === 'provider-arn' && partition && (0,partitions/* partitionOfRegion */.cn)(region) !== partition)
        throw new errors/* UserError */.yo(`is in the partition ${partition}, but the region ${region} (${variable}) is in ${(0,partitions/* partitionOfRegion */.cn)(region)}, whose IAM does not hold it; set the region (configure-aws-credentials' aws-region) to one of ${partition}.`, 'provider-arn');
    return region;
}
/**
 * An IAM client for `region` (from iamRegion), with the endpoint variables of `env`; with a read-ahead,
 * its first call is answered by the call sent early where it is the same, on the same connection.
 */
async function createIamClient(env, region, readAhead) {
    // Loaded lazily so that a bad input fails before the SDK is even read from disk.
    const { IAMClient } = await __nccwpck_require__.e(/* import() */ 764).then(__nccwpck_require__.t.bind(__nccwpck_require__, 6764, 19));
    const config = (0,clients/* clientConfig */.yO)('IAM', region, env);
    if (!readAhead)
        return (0,clients/* namingFailedCalls */.$H)(new IAMClient(config), 'IAM');
    return (0,clients/* namingFailedCalls */.$H)(readAhead.attach(new IAMClient(readAhead.withAgent(config))), 'IAM');
}
async function irsaRoleAction(ctx, overrides = {}) {
    // Masked before anything else reads it, so no later error can print it.
    (0,secrets/* maskSecret */.$)(ctx.read('kubeconfig'), ctx.mask);
    const inputs = readIrsaRoleInputs(ctx.read, await (0,yaml/* yamlParserFor */.A3)(ctx.read, IRSA_ROLE_YAML_INPUTS, { exactNumbers: true }));
    // Checked even when a test passes its own client: the region decides which IAM answers.
    const region = iamRegion(ctx.env, inputs.provider);
    const guessedFrom = inputs.provider.input === 'issuer-url' && !ctx.env.AWS_REGION && !ctx.env.AWS_DEFAULT_REGION
        ? inputs.provider.url
        : undefined;
    const { checkIssuerReach, readAheadProvider } = await __nccwpck_require__.e(/* import() */ 924).then(__nccwpck_require__.bind(__nccwpck_require__, 1924));
    checkIssuerReach(inputs.provider, region, ctx.env);
    // Sent before the SDK loads, so that the first call's round trip overlaps its loading.
    const readAhead = overrides.iam ? undefined : await readAheadProvider(inputs.provider, ctx.env, region);
    // The AWS SDK and everything that uses it load only once the inputs are known to be good.
    const { run, guessedRegionRefusal, kubeServiceAccounts } = await Promise.all(/* import() */[__nccwpck_require__.e(764), __nccwpck_require__.e(496), __nccwpck_require__.e(673)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7673));
    const iam = overrides.iam ?? (await createIamClient(ctx.env, region, readAhead));
    const kubeconfig = inputs.kubeconfig;
    try {
        return await run(inputs, {
            iam,
            log: ctx.log,
            concurrency: overrides.concurrency,
            writing: ctx.writing,
            written: ctx.written,
            serviceAccounts: async () => {
                if (!kubeconfig)
                    throw new Error('annotate-service-account needs a kubeconfig');
                // Loaded only by a run that annotates service accounts.
                const { loadKubeClient } = await __nccwpck_require__.e(/* import() */ 496).then(__nccwpck_require__.bind(__nccwpck_require__, 6496));
                const client = await loadKubeClient(kubeconfig, ctx);
                return kubeServiceAccounts(client);
            }
        });
    }
    catch (error) {
        throw (guessedFrom && guessedRegionRefusal(error, region, guessedFrom)) || error;
    }
    finally {
        if (readAhead)
            ctx.log.debug(`Read-ahead of the first IAM call: ${readAhead.outcome}.`);
    }
}


/***/ }),

/***/ 5507:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bo: () => (/* binding */ isStringArray),
/* harmony export */   Pl: () => (/* binding */ oneOrMany),
/* harmony export */   qY: () => (/* binding */ asRecord),
/* harmony export */   u4: () => (/* binding */ isRecord)
/* harmony export */ });
/* unused harmony export asStringList */
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

/***/ 8350:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E4: () => (/* binding */ kubeNameProblem),
/* harmony export */   F2: () => (/* binding */ policyArnProblem),
/* harmony export */   Sw: () => (/* binding */ parseProviderArn),
/* harmony export */   XP: () => (/* binding */ accountOf),
/* harmony export */   YN: () => (/* binding */ iamRoleNameProblem),
/* harmony export */   iQ: () => (/* binding */ partitionOf),
/* harmony export */   kZ: () => (/* binding */ iamPathProblem),
/* harmony export */   rl: () => (/* binding */ hasWildcard)
/* harmony export */ });
// Name rules of the two systems a binding joins: IAM (role names, paths, ARNs) and Kubernetes
// (namespaces and service accounts). Each check returns a sentence saying what is wrong, or
// undefined, so that callers can name the input the value came from.
const IAM_NAME = /^[\w+=,.@-]{1,64}$/;
// IAM paths: a slash, then optional segments of printable ASCII each ending in a slash.
const IAM_PATH = /^\/(?:[\x21-\x7e]+\/)?$/;
// Namespaces are DNS-1123 labels (63); service accounts DNS-1123 subdomains (253).
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// arn:PARTITION:iam::ACCOUNT-or-aws:policy/PATH/NAME
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/(?:[\x21-\x7e]+\/)?[\w+=,.@-]{1,128}$/;
const OIDC_PROVIDER_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):oidc-provider\/([^\s]+)$/;
function iamRoleNameProblem(name) {
    if (IAM_NAME.test(name))
        return undefined;
    if (name.length === 0)
        return 'a role name must not be empty.';
    if (name.length > 64)
        return `role name '${name}' is ${name.length} characters; IAM allows at most 64.`;
    return `role name '${name}' may hold only letters, digits and + = , . @ _ - (IAM's rule).`;
}
function iamPathProblem(path) {
    if (path.length <= 512 && IAM_PATH.test(path))
        return undefined;
    if (path.length > 512)
        return `'${path.slice(0, 40)}…' is not an IAM path: it is longer than 512 characters.`;
    if (!path.startsWith('/') || !path.endsWith('/'))
        return `'${path}' is not an IAM path: it must start and end with '/', e.g. / or /irsa/.`;
    return `'${path}' is not an IAM path: it may hold only printable ASCII characters, without spaces.`;
}
function policyArnProblem(arn) {
    if (POLICY_ARN.test(arn))
        return undefined;
    return `'${arn}' is not a managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME).`;
}
/** The partition of an ARN (aws, aws-cn, aws-us-gov, ...): its second field. */
function partitionOf(arn) {
    return arn.split(':')[1] ?? '';
}
/** The account of an IAM ARN: its fifth field (12 digits, or 'aws' for AWS managed policies). */
function accountOf(arn) {
    return arn.split(':')[4] ?? '';
}
function parseProviderArn(arn) {
    const match = OIDC_PROVIDER_ARN.exec(arn);
    if (!match)
        return undefined;
    return { partition: match[1] ?? 'aws', account: match[2] ?? '', hostPath: match[3] ?? '' };
}
/**
 * A namespace or service account name. With wildcards allowed, `*` may stand for any run of
 * characters (IAM StringLike); the rest must still be made of characters the name may hold.
 */
function kubeNameProblem(kind, name, allowWildcards) {
    const max = kind === 'namespace' ? 63 : 253;
    if (name.length === 0)
        return `a ${kind} name must not be empty.`;
    if (name.length > max)
        return `${kind} '${name}' is longer than ${max} characters.`;
    if (name.includes('*')) {
        if (!allowWildcards)
            return `${kind} '${name}' contains '*'; set allow-wildcards: true to let the trust match by pattern.`;
        const allowedChars = kind === 'namespace' ? /^[a-z0-9*-]+$/ : /^[a-z0-9*.-]+$/;
        if (allowedChars.test(name))
            return undefined;
        return `${kind} pattern '${name}' may hold only lower-case letters, digits, '-'${kind === 'namespace' ? '' : ", '.'"} and '*'.`;
    }
    const rule = kind === 'namespace' ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
    if (rule.test(name))
        return undefined;
    return `${kind} '${name}' is not a DNS-1123 ${kind === 'namespace' ? 'label' : 'subdomain'} (lower-case letters, digits and '-', starting and ending with a letter or digit).`;
}
function hasWildcard(value) {
    return value.includes('*');
}


/***/ }),

/***/ 6682:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   HN: () => (/* binding */ iamPolicySize),
/* harmony export */   Jo: () => (/* binding */ samePolicy),
/* harmony export */   T4: () => (/* binding */ INLINE_POLICY_LIMIT),
/* harmony export */   VL: () => (/* binding */ MANAGED_POLICIES_MAX_QUOTA),
/* harmony export */   X: () => (/* binding */ parsePolicyDocument),
/* harmony export */   ho: () => (/* binding */ iamDocumentJson),
/* harmony export */   nF: () => (/* binding */ policyJson),
/* harmony export */   us: () => (/* binding */ MANAGED_POLICIES_DEFAULT_QUOTA),
/* harmony export */   xq: () => (/* binding */ decodeIamDocument)
/* harmony export */ });
/* unused harmony exports policyShapeProblem, canonicalPolicy */
/* harmony import */ var _io_yaml_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3473);
/* harmony import */ var _json_shape_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5507);
// IAM policy documents: parsing what a user wrote (JSON or YAML), checking it is shaped like a
// policy, and comparing documents the way IAM means them rather than byte for byte.


const STATEMENT_KEYS = new Set([
    'Sid',
    'Effect',
    'Principal',
    'NotPrincipal',
    'Action',
    'NotAction',
    'Resource',
    'NotResource',
    'Condition'
]);
const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
// YAML first (JSON is YAML), since it refuses duplicate keys that JSON.parse would settle silently
// by keeping the last; JSON.parse only for pasted JSON that YAML rejects for its tab indentation.
// Exact numbers: an account ID left unquoted (012345678901) would otherwise name another account.
function parseJsonOrYaml(text, yaml) {
    try {
        return yaml(text, { exactNumbers: true });
    }
    catch (yamlError) {
        const code = yamlError?.code;
        if (/unique/i.test(yamlError instanceof Error ? yamlError.message : '') || code === _io_yaml_js__WEBPACK_IMPORTED_MODULE_0__/* .INEXACT_NUMBER */ .Z$)
            throw yamlError;
        try {
            return JSON.parse(text);
        }
        catch {
            throw yamlError;
        }
    }
}
/**
 * Parses a user's policy (JSON is YAML, so one parser reads both) and checks its shape. Returns a
 * sentence on failure so the caller can name the input.
 */
function parsePolicyDocument(text, yaml) {
    let parsed;
    try {
        parsed = parseJsonOrYaml(text, yaml);
    }
    catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        return { problem: `does not parse as JSON or YAML (${reason}).` };
    }
    const problem = policyShapeProblem(parsed);
    return problem ? { problem } : { document: parsed };
}
function policyShapeProblem(value) {
    if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(value))
        return 'is not a policy document: expected an object with Version and Statement.';
    for (const key of Object.keys(value))
        if (!DOCUMENT_KEYS.has(key))
            return `is not a policy document: unknown top-level key '${key}'.`;
    if (value.Version !== undefined && !VERSIONS.has(String(value.Version)))
        return `has Version '${String(value.Version)}'; use '2012-10-17'.`;
    const statements = (0,_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .oneOrMany */ .Pl)(value.Statement);
    if (value.Statement === undefined || statements.length === 0)
        return 'is not a policy document: it has no Statement.';
    for (const [index, statement] of statements.entries()) {
        const where = `statement ${index + 1}`;
        if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(statement))
            return `is not a policy document: ${where} is not an object.`;
        for (const key of Object.keys(statement))
            if (!STATEMENT_KEYS.has(key))
                return `is not a policy document: ${where} has unknown key '${key}'.`;
        if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')
            return `is not a policy document: ${where} needs Effect Allow or Deny.`;
        if (statement.Action === undefined && statement.NotAction === undefined)
            return `is not a policy document: ${where} needs Action or NotAction.`;
        if (statement.Resource === undefined && statement.NotResource === undefined)
            return `is not a policy document: ${where} needs Resource or NotResource (an identity policy names what it grants).`;
        if (statement.Principal !== undefined || statement.NotPrincipal !== undefined)
            return `is not an identity policy: ${where} has a Principal, which only resource and trust policies hold.`;
        const problem = statementValueProblem(statement, where);
        if (problem)
            return problem;
    }
    return duplicateSidProblem(statements);
}
// What IAM itself rejects with MalformedPolicyDocument, checked here so that it fails before the
// role is created rather than half-way through converging it (if IAM still refuses something these
// checks miss, the role a run just created is deleted again: converge-role.ts).
const ACTION = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/;
const RESOURCE = /^(\*|arn:[^:]*:[^:]*:[^:]*:[^:]*:.+)$/;
function stringsOf(value) {
    if (typeof value === 'string')
        return [value];
    if ((0,_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isStringArray */ .Bo)(value) && value.length > 0)
        return value;
    return undefined;
}
function statementValueProblem(statement, where) {
    for (const key of ['Action', 'NotAction']) {
        if (statement[key] === undefined)
            continue;
        const actions = stringsOf(statement[key]);
        if (!actions)
            return `is not a policy document: ${where} ${key} must be a string or a list of strings.`;
        const bad = actions.find((action) => !ACTION.test(action));
        if (bad !== undefined)
            return `has ${where} ${key} '${bad}', which is not service:action (e.g. s3:GetObject).`;
    }
    for (const key of ['Resource', 'NotResource']) {
        if (statement[key] === undefined)
            continue;
        const resources = stringsOf(statement[key]);
        if (!resources)
            return `is not a policy document: ${where} ${key} must be a string or a list of strings.`;
        const bad = resources.find((resource) => !RESOURCE.test(resource));
        if (bad !== undefined)
            return `has ${where} ${key} '${bad}', which is neither '*' nor an ARN.`;
    }
    if (statement.Sid !== undefined &&
        !(typeof statement.Sid === 'string' && /^[A-Za-z0-9]*$/.test(statement.Sid)))
        return `has ${where} Sid '${String(statement.Sid)}'; IAM takes only letters and digits there.`;
    if (statement.Condition !== undefined)
        return conditionProblem(statement.Condition, where);
    return undefined;
}
// The operators IAM knows; any of them but Null may end in IfExists, and the string, ARN, numeric,
// date, Bool and binary ones may start with a ForAllValues:/ForAnyValue: set qualifier.
const CONDITION_OPERATORS = new Set([
    'StringEquals',
    'StringNotEquals',
    'StringEqualsIgnoreCase',
    'StringNotEqualsIgnoreCase',
    'StringLike',
    'StringNotLike',
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThan',
    'NumericLessThanEquals',
    'NumericGreaterThan',
    'NumericGreaterThanEquals',
    'DateEquals',
    'DateNotEquals',
    'DateLessThan',
    'DateLessThanEquals',
    'DateGreaterThan',
    'DateGreaterThanEquals',
    'Bool',
    'BinaryEquals',
    'IpAddress',
    'NotIpAddress',
    'ArnEquals',
    'ArnLike',
    'ArnNotEquals',
    'ArnNotLike'
]);
function isConditionOperator(name) {
    if (name === 'Null')
        return true;
    const base = name.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, '');
    return CONDITION_OPERATORS.has(base);
}
const isScalar = (value) => ['string', 'number', 'boolean'].includes(typeof value);
function conditionProblem(condition, where) {
    if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(condition) || !Object.values(condition).every(_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4))
        return `is not a policy document: ${where} Condition must map operators to {key: value} blocks.`;
    for (const [operator, block] of Object.entries(condition)) {
        if (!isConditionOperator(operator))
            return `has ${where} condition operator '${operator}', which IAM does not know (e.g. StringEquals, ArnLike, Bool).`;
        for (const [key, value] of Object.entries(block)) {
            const values = (0,_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .oneOrMany */ .Pl)(value);
            if (values.length === 0 || !values.every(isScalar))
                return `has ${where} condition ${operator} ${key} whose value is not a string, number, boolean or a list of them.`;
        }
    }
    return undefined;
}
/** IAM refuses a policy in which two statements share a Sid. */
function duplicateSidProblem(statements) {
    const seen = new Set();
    for (const statement of statements) {
        const sid = (0,_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(statement) && typeof statement.Sid === 'string' ? statement.Sid : '';
        if (sid === '')
            continue;
        if (seen.has(sid))
            return `has two statements with Sid '${sid}'; each Sid must be unique in a policy.`;
        seen.add(sid);
    }
    return undefined;
}
/**
 * IAM's quota of managed policies attached to one role: 10 by default, and 20 the most a quota
 * increase gives by AWS's documentation. Past 10 the account's own quota, read from its summary,
 * decides; 20 stands in for it only when the summary cannot be read.
 */
const MANAGED_POLICIES_DEFAULT_QUOTA = 10;
const MANAGED_POLICIES_MAX_QUOTA = 20;
/** IAM's quota for all of a role's inline policies together, counted without whitespace. */
const INLINE_POLICY_LIMIT = 10240;
/** A policy's size as IAM counts it against its quotas: white space is not counted. */
function iamPolicySize(json) {
    return json.replace(/\s/g, '').length;
}
/**
 * The JSON text of a document as IAM returns it (GetRole, GetRolePolicy): URL-encoded. A document
 * that is already JSON is taken as it is.
 */
function iamDocumentJson(text) {
    const trimmed = text.trim();
    return trimmed.startsWith('{') ? trimmed : decodeURIComponent(trimmed);
}
function decodeIamDocument(text) {
    return JSON.parse(iamDocumentJson(text));
}
/**
 * A canonical form in which two documents IAM treats alike are equal: keys sorted, a one-element
 * list the same as its element, and lists compared as sets (every list in a policy — statements,
 * actions, resources, condition values — is a set to IAM).
 */
function canonicalPolicy(value) {
    if (Array.isArray(value)) {
        const items = value.map(canonicalPolicy);
        const unique = [...new Map(items.map((item) => [JSON.stringify(item), item])).entries()]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([, item]) => item);
        return unique.length === 1 ? unique[0] : unique;
    }
    if ((0,_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(value)) {
        const sorted = {};
        for (const key of Object.keys(value).sort())
            sorted[key] = canonicalPolicy(value[key]);
        return sorted;
    }
    return value;
}
/** Equal as IAM means it; `current` may be the URL-encoded text IAM returned. */
function samePolicy(current, desired) {
    let currentValue = current;
    if (typeof current === 'string') {
        try {
            currentValue = decodeIamDocument(current);
        }
        catch {
            return false;
        }
    }
    return JSON.stringify(canonicalPolicy(currentValue)) === JSON.stringify(canonicalPolicy(desired));
}
/** The compact JSON IAM is sent: no whitespace, so the 2048/10240-character quotas go furthest. */
function policyJson(document) {
    return JSON.stringify(document);
}


/***/ }),

/***/ 217:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ parseTagValue),
/* harmony export */   B_: () => (/* binding */ NO_MERGE_KEY),
/* harmony export */   L8: () => (/* binding */ managedTags),
/* harmony export */   NM: () => (/* binding */ ISSUER_TAG_KEY),
/* harmony export */   Q9: () => (/* binding */ MANAGED_BY_VALUE),
/* harmony export */   Tw: () => (/* binding */ tagList),
/* harmony export */   cR: () => (/* binding */ roleTagQuotaProblem),
/* harmony export */   dO: () => (/* binding */ tagCountProblem),
/* harmony export */   fz: () => (/* binding */ CREATING_TAG_KEY),
/* harmony export */   hH: () => (/* binding */ parseTagLines),
/* harmony export */   kE: () => (/* binding */ mergeTags),
/* harmony export */   mU: () => (/* binding */ tagsToWrite),
/* harmony export */   oe: () => (/* binding */ MANAGED_BY_KEY)
/* harmony export */ });
/* unused harmony exports tagProblem, IAM_TAGS_PER_ROLE, USER_TAGS_PER_ROLE */
/* harmony import */ var _json_shape_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5507);
// Role tags: parsed from `key=value` lines, checked against IAM's rules, and compared with what a
// role already carries so that only differing tags are written.

const MANAGED_BY_KEY = 'managed-by';
const MANAGED_BY_VALUE = 'talos-irsa';
const ISSUER_TAG_KEY = 'talos-irsa/issuer';
/**
 * Carried by a role from its CreateRole until its policies are in place, with a token of the run
 * that made it: a role found with it was made by a run that did not finish it (killed, or failed).
 */
const CREATING_TAG_KEY = 'talos-irsa/creating';
const RESERVED_KEYS = new Set([MANAGED_BY_KEY, ISSUER_TAG_KEY, CREATING_TAG_KEY]);
// IAM: keys 1–128, values 0–256, of letters, digits, spaces and _ . : / = + - @; no aws: prefix.
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/**
 * Sets a tag as an own member: `tags[key] = value` with the key __proto__ (a tag key IAM takes) sets
 * the object's prototype, or nothing for a string, and the tag is lost without a word.
 */
function setTag(tags, key, value) {
    Object.defineProperty(tags, key, { value, enumerable: true, writable: true, configurable: true });
}
function tagProblem(key, value) {
    // YAML reads a key written ~ or null, or left empty, as the empty key: said so, not as '' quoted.
    if (key.length === 0)
        return "a tag's key is empty; IAM needs 1–128 characters (in YAML a key written ~ or null is empty too: quote it).";
    if (key.length > 128)
        return `tag key '${key}' must be 1–128 characters.`;
    if (value.length > 256)
        return `tag '${key}' has a value longer than 256 characters.`;
    if (!TAG_CHARS.test(key) || !TAG_CHARS.test(value))
        return `tag '${key}' may hold only letters, digits, spaces and _ . : / = + - @.`;
    if (/^aws:/i.test(key))
        return `tag key '${key}' uses the reserved prefix aws:.`;
    // IAM compares tag keys without regard to case.
    if (RESERVED_KEYS.has(key.toLowerCase()))
        return `tag key '${key}' is set by the action itself; choose another key.`;
    return undefined;
}
/** Adds one tag after IAM's checks; a key that differs from one already given only in case is a repeat to IAM. */
function addTag(tags, key, value) {
    const repeated = Object.keys(tags).find((known) => known.toLowerCase() === key.toLowerCase());
    if (repeated !== undefined)
        return repeated === key
            ? `tag '${key}' is given twice.`
            : `tags '${repeated}' and '${key}' are the same key to IAM, which ignores case in tag keys.`;
    const problem = tagProblem(key, value);
    if (problem)
        return problem;
    setTag(tags, key, value);
    return undefined;
}
/** `key=value` lines (the value may itself contain '='); blank lines are skipped. */
function parseTagLines(text) {
    const tags = {};
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        if (line === '')
            continue;
        const at = line.indexOf('=');
        if (at <= 0)
            return { problem: `'${line}' is not key=value.` };
        const problem = addTag(tags, line.slice(0, at).trim(), line.slice(at + 1).trim());
        if (problem)
            return { problem };
    }
    return { tags };
}
/**
 * Said of a key << in a bindings item or its tags: YAML 1.2, which the parser reads, has no merge
 * key, so `<<: *base` is a key of that name, not the merge YAML 1.1 (and docker compose) make of it.
 */
const NO_MERGE_KEY = 'YAML 1.2 has no merge key: write !!merge <<: *anchor to merge a mapping in';
/** Tags given as a YAML mapping (in `bindings`) or as key=value lines. */
function parseTagValue(value) {
    if (value === undefined || value === null)
        return { tags: {} };
    if (typeof value === 'string')
        return parseTagLines(value);
    if (Array.isArray(value)) {
        if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_0__/* .isStringArray */ .Bo)(value))
            return { problem: 'tags must be key=value strings or a mapping.' };
        return parseTagLines(value.join('\n'));
    }
    if (typeof value !== 'object')
        return { problem: 'tags must be a mapping of key: value.' };
    const tags = {};
    for (const [key, raw] of Object.entries(value)) {
        if (typeof raw === 'object' && raw !== null)
            return { problem: `tag '${key}' must have a scalar value${key === '<<' ? ` (${NO_MERGE_KEY})` : ''}.` };
        const problem = addTag(tags, key, raw === null || raw === undefined ? '' : String(raw));
        if (problem)
            return { problem };
    }
    return { tags };
}
// IAM's quota of tags per role; the action's own three count against it (the creation marker only
// while a role is being made, but CreateRole carries it with all the others).
const IAM_TAGS_PER_ROLE = 50;
const USER_TAGS_PER_ROLE = IAM_TAGS_PER_ROLE - RESERVED_KEYS.size;
function tagCountProblem(tags) {
    const count = Object.keys(tags).length;
    return count > USER_TAGS_PER_ROLE
        ? `${count} tags are too many: IAM allows ${IAM_TAGS_PER_ROLE} per role, and the action sets ${RESERVED_KEYS.size} of them (${MANAGED_BY_KEY}, ${ISSUER_TAG_KEY}, and ${CREATING_TAG_KEY} while it creates the role), which leaves ${USER_TAGS_PER_ROLE}.`
        : undefined;
}
/**
 * Writing `desired` over a role's `current` tags (others' included) must stay within IAM's quota;
 * said before writing, since IAM's LimitExceeded is retried by the SDK as a throttle for some 40 s.
 */
function roleTagQuotaProblem(current, desired) {
    const lower = (keys) => keys.map((key) => key.toLowerCase());
    const ownKeys = new Set(lower(Object.keys(desired)));
    const keysAfter = new Set(lower([...Object.keys(current), ...Object.keys(tagsToWrite(current, desired))]));
    if (keysAfter.size <= IAM_TAGS_PER_ROLE)
        return undefined;
    // The creation marker counts (a run writes the tags before it removes it) but is no one else's tag,
    // and is not one to remove by hand: without it an unfinished role passes for finished.
    const marked = Object.keys(current).some((key) => key.toLowerCase() === CREATING_TAG_KEY);
    const others = Object.keys(current).filter((key) => !ownKeys.has(key.toLowerCase()) && key.toLowerCase() !== CREATING_TAG_KEY);
    const marker = marked
        ? `, and ${CREATING_TAG_KEY}, which marks the role unfinished and counts until a run finishes it, after writing its tags; remove some of the others`
        : '; remove some';
    return `would carry ${keysAfter.size} tags, past IAM's ${IAM_TAGS_PER_ROLE} per role: it has ${others.length} tags this run does not set (${others.slice(0, 5).join(', ')}${others.length > 5 ? ', ...' : ''})${marker} (aws iam untag-role) or give fewer tags.`;
}
/** A binding's tags over the shared ones; a key that differs only in case replaces the shared one, as IAM sees one key. */
function mergeTags(shared, own) {
    const ownKeys = new Set(Object.keys(own).map((key) => key.toLowerCase()));
    const kept = Object.entries(shared).filter(([key]) => !ownKeys.has(key.toLowerCase()));
    return { ...Object.fromEntries(kept), ...own };
}
/** The tags the action puts on every role it manages, besides the user's. */
function managedTags(issuer) {
    return { [MANAGED_BY_KEY]: MANAGED_BY_VALUE, [ISSUER_TAG_KEY]: issuer };
}
/** Tags to write so the role carries `desired`; tags it has beyond those are left alone. */
function tagsToWrite(current, desired) {
    // IAM sees keys that differ only in case as one key: Team=x already says team=x.
    const byKey = new Map(Object.entries(current).map(([key, value]) => [key.toLowerCase(), value]));
    const write = {};
    for (const [key, value] of Object.entries(desired))
        if (byKey.get(key.toLowerCase()) !== value)
            setTag(write, key, value);
    return write;
}
function tagList(tags) {
    return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
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
/******/ var __webpack_exports__ = __nccwpck_require__(2169);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
