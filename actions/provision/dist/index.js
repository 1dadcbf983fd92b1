import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 7334:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _src_io_entry_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2665);
/* harmony import */ var _src_provision_action_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7138);


await (0,_src_io_entry_js__WEBPACK_IMPORTED_MODULE_0__/* .runActionAndExit */ .DP)('provision', _src_provision_action_js__WEBPACK_IMPORTED_MODULE_1__/* .provisionAction */ .m);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

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
/* harmony export */   $m: () => (/* binding */ optionalInput),
/* harmony export */   YF: () => (/* binding */ requiredInput),
/* harmony export */   dt: () => (/* binding */ listInput),
/* harmony export */   gX: () => (/* binding */ enumInput),
/* harmony export */   tE: () => (/* binding */ booleanInput),
/* harmony export */   tT: () => (/* binding */ envInputReader)
/* harmony export */ });
/* unused harmony exports mapInputReader, integerInput, httpsUrl, oneOf */
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
        throw new UserError(`'${value}' is not a whole number.`, name);
    const parsed = Number(value);
    if (bounds.min !== undefined && parsed < bounds.min)
        throw new UserError(`${parsed} is below the minimum of ${bounds.min}.`, name);
    if (bounds.max !== undefined && parsed > bounds.max)
        throw new UserError(`${parsed} is above the maximum of ${bounds.max}.`, name);
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
        throw new UserError(`give '${first}' or '${second}', not both.`, first);
    if (a !== '')
        return [first, a];
    if (b !== '')
        return [second, b];
    if (required)
        throw new UserError(`is required (or give '${second}'), but both are empty: ${EMPTY_BECAUSE}.`, first);
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

/***/ 2645:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ workspaceRoot)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/**
 * The job's checkout (GITHUB_WORKSPACE), which every relative path input is read from; outside a
 * runner, the process's directory.
 */
function workspaceRoot(env) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(env.GITHUB_WORKSPACE || process.cwd());
}


/***/ }),

/***/ 3473:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A3: () => (/* binding */ yamlParserFor),
/* harmony export */   Z$: () => (/* binding */ INEXACT_NUMBER)
/* harmony export */ });
/* unused harmony export loadYamlParser */
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

/***/ 5507:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Pl: () => (/* binding */ oneOrMany),
/* harmony export */   u4: () => (/* binding */ isRecord)
/* harmony export */ });
/* unused harmony exports asRecord, isStringArray, asStringList */
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

/***/ 7138:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  m: () => (/* binding */ provisionAction)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/io/cancel.ts
var cancel = __nccwpck_require__(6736);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __nccwpck_require__(7333);
// EXTERNAL MODULE: ./src/io/yaml.ts
var io_yaml = __nccwpck_require__(3473);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
;// CONCATENATED MODULE: ./src/provision/bundled-root.ts



/**
 * The suite's own terraform/ root, found by walking up from this code to the checkout that holds
 * actions/provision/action.yml. The walk works from the bundle (actions/provision/dist/index.js,
 * three levels down) and from the sources alike, and in a workflow of another repository, where the
 * runner checks the whole suite out under _actions/OWNER/REPO/REF.
 */
function bundledTerraformRoot(moduleUrl) {
    let dir = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(moduleUrl));
    for (let level = 0; level < 6; level += 1) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, 'actions', 'provision', 'action.yml')) && (0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, 'terraform')))
            return (0,external_node_path_.join)(dir, 'terraform');
        const parent = (0,external_node_path_.dirname)(dir);
        if (parent === dir)
            break;
        dir = parent;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/provision/debug-log.ts
/**
 * Terraform's debug log (TF_LOG, TF_LOG_CORE, TF_LOG_PROVIDER) goes to stderr, which the action streams
 * into the step's log, unless TF_LOG_PATH names a file. Checked against terraform 1.11.4 and hashicorp/aws
 * 5.100.0: it quotes init's arguments (-backend-config=password=...) and every API request's and answer's
 * body (a sensitive variable's value in it), in Go's %q, in JSON and, with TF_LOG=JSON, in both at once:
 * forms that no masking of the value, in those the runner knows, hides. A provider's own TF_LOG_PROVIDER_<NAME>
 * alone reaches no output (terraform drops it).
 */



const DEBUG_LOG_VARIABLES = ['TF_LOG', 'TF_LOG_CORE', 'TF_LOG_PROVIDER'];
/** As terraform reads the level: unset and empty are off, and so is "off" in any case; any other value, an unknown one too, logs (TRACE). */
function logs(value) {
    return value !== undefined && value !== '' && value.trim().toLowerCase() !== 'off';
}
/**
 * Refuses a debug log bound for the step's log, naming the variable that asks for it; the warning to give
 * when TF_LOG_PATH sends it to a file instead, undefined when there is no debug log. `workingDirectory` is
 * terraform's, against which it reads a relative TF_LOG_PATH.
 */
function debugLogWarning(env, workingDirectory) {
    const name = DEBUG_LOG_VARIABLES.find((variable) => logs(env[variable]));
    if (name === undefined)
        return undefined;
    const path = env.TF_LOG_PATH;
    if (!path)
        throw new errors/* UserError */.yo(`The environment variable ${name} has terraform write its debug log, which quotes sensitive values and backend credentials in encodings no mask hides, to this step's log: set TF_LOG_PATH to a file for it, or unset ${name}.`);
    // A file terraform cannot open ("Error opening log file") has it write the debug log to stderr after all.
    // Opened as terraform opens it (append, create), but made the owner's alone: it will hold secrets.
    try {
        (0,external_node_fs_.closeSync)((0,external_node_fs_.openSync)((0,external_node_path_.resolve)(workingDirectory, path), 'a', 0o600));
    }
    catch (error) {
        const code = error.code;
        throw new errors/* UserError */.yo(`The environment variable TF_LOG_PATH names ${path}, which cannot be opened to write${typeof code === 'string' ? ` (${code})` : ''}: terraform would then write its debug log to this step's log. Name a file in a directory that exists, or unset ${name}.`);
    }
    return `${name} is set: terraform writes its debug log to TF_LOG_PATH (${path}) alone, not to this step's log. It holds sensitive values and credentials unmasked: do not upload it.`;
}

// EXTERNAL MODULE: ./src/provision/inputs.ts
var provision_inputs = __nccwpck_require__(442);
;// CONCATENATED MODULE: ./src/provision/action.ts









async function provisionAction(ctx) {
    // Every input is checked before terraform runs or anything is written.
    const yaml = await (0,io_yaml/* yamlParserFor */.A3)(ctx.read, provision_inputs/* PROVISION_YAML_INPUTS */.Gp, { exactNumbers: true });
    const plain = (0,provision_inputs/* readPlainInputs */.iv)(ctx.read, ctx.env, bundledTerraformRoot(import.meta.url), yaml);
    if (plain.githubToken)
        ctx.mask(plain.githubToken);
    for (const credential of plain.backendSecrets)
        ctx.mask(credential);
    // The rest loads only once the inputs are known good, so a bad input fails at once.
    const [{ checkAgainstModule }, { githubCommenter, pullRequestFromEvent }, { run, terraformCli }, { explainDiagnostic }] = await Promise.all([
        __nccwpck_require__.e(/* import() */ 234).then(__nccwpck_require__.bind(__nccwpck_require__, 234)),
        __nccwpck_require__.e(/* import() */ 616).then(__nccwpck_require__.bind(__nccwpck_require__, 2616)),
        Promise.all(/* import() */[__nccwpck_require__.e(234), __nccwpck_require__.e(531)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3531)),
        __nccwpck_require__.e(/* import() */ 100).then(__nccwpck_require__.bind(__nccwpck_require__, 6100))
    ]);
    const inputs = checkAgainstModule(plain, ctx.env, ctx.mask);
    // Last of the checks: it opens TF_LOG_PATH, which a run stopped on another input must not have made.
    const debugLog = debugLogWarning(ctx.env, inputs.workingDirectory);
    if (debugLog)
        ctx.log.warning(debugLog);
    const pullRequest = inputs.commentOnPr && inputs.command !== 'output' ? pullRequestFromEvent(ctx.env) : undefined;
    const commenter = pullRequest
        ? await githubCommenter(inputs.githubToken ?? '', pullRequest, ctx.env)
        : undefined;
    // The terraform on PATH is run for its version too: with the same environment as for the plan.
    const env = terraformEnvironment(ctx.env);
    const binary = await terraformBinary(inputs.terraformVersion, env, ctx.log);
    ctx.log.info(`Terraform ${inputs.command} of ${inputs.workingDirectory} with ${binary}`);
    const terraform = terraformCli({
        binary,
        cwd: inputs.workingDirectory,
        env,
        log: ctx.log,
        explain: explainDiagnostic
    });
    const tempRoot = ctx.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    // The plan file and the generated variables can hold secrets: a private directory (mkdtemp makes
    // it 0700), removed however the run ends.
    let scratch;
    // One removal, which the cancel handler and the run's own end may both ask for.
    let removal;
    const removeScratch = async () => {
        if (scratch !== undefined)
            await (removal ??= (0,promises_.rm)(scratch, { recursive: true, force: true }));
    };
    // A cancelled job: terraform, left to itself, would outlive the step mid-write, holding the state's
    // lock. It is told to stop, and the private directory is removed; the entry then ends the run with a
    // summary of what this handler did and saw (src/io/entry.ts), before the run's own cleanup would.
    let interruptedAt;
    let firstNote;
    const stopListening = (0,cancel/* onCancel */.Ao)(async (signal) => {
        ctx.log.warning(`provision was cancelled (${signal}): terraform is told to stop, so that it saves its state and releases its lock.`);
        interruptedAt = Date.now();
        const interrupted = await terraform.interrupt(CANCEL_WAIT_MS);
        firstNote = interruptNote(interrupted, ((Date.now() - interruptedAt) / 1000).toFixed(1));
        return [firstNote, await scratchNote(scratch, removeScratch)];
    }, 
    // A second signal while terraform has not stopped: the runner kills this process 2.5 s after its
    // SIGTERM, and not terraform, which is left running. It is sent the signal too, its second
    // interrupt, and the private directory is removed before the step ends.
    async (signal) => {
        const started = Date.now();
        const since = ((started - (interruptedAt ?? started)) / 1000).toFixed(1);
        const stopped = await terraform.interrupt(SECOND_WAIT_MS, signal);
        // Rounded up: an exit 30 ms after the signal is "within 0.1 s".
        const seconds = (Math.ceil((Date.now() - started) / 100) / 10).toFixed(1);
        // Nothing running now: the interrupt's own note if it has one; else terraform exited just now.
        const note = stopped
            ? secondInterruptNote(stopped, signal, since, seconds)
            : (firstNote ??
                (interruptedAt === undefined
                    ? 'no terraform command was running'
                    : 'terraform stopped on the interrupt before the second signal (terraform saves its state and releases the state lock as it stops; the backend was not checked)'));
        return [note, await scratchNote(scratch, removeScratch)];
    });
    // What came before only read; terraform's first command may take the state's lock.
    ctx.writing?.();
    try {
        scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(tempRoot, 'talos-irsa-provision-'));
        return await run(inputs, {
            terraform,
            log: ctx.log,
            mask: ctx.mask,
            ...(commenter ? { commenter } : {}),
            tempRoot,
            scratch,
            ...(runUrl(ctx.env) ? { logUrl: runUrl(ctx.env) } : {}),
            ...(ctx.env.TF_DATA_DIR ? { dataDir: ctx.env.TF_DATA_DIR } : {})
        });
    }
    finally {
        stopListening();
        await removeScratch();
    }
}
/**
 * What the runner gives this step's process and terraform needs not have. Terraform, its providers
 * and a module's own programs (an external data source, a local-exec provisioner: the pull request's
 * code, on a plan) get neither the inputs (INPUT_<NAME>: the GitHub token and the backend
 * credentials among them) nor the Actions runtime's token and URLs, which the runner gives to an
 * action but not to a run: step, and which write to the repository's cache. The OIDC request
 * variables stay: a provider may use them, as in a run: step.
 */
const NOT_FOR_TERRAFORM = /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_CACHE_|ACTIONS_RESULTS_URL$)/;
function terraformEnvironment(env) {
    return Object.fromEntries(Object.entries(env).filter(([name]) => !NOT_FOR_TERRAFORM.test(name)));
}
// Within the runner's 7.5 s between its SIGINT and its SIGTERM.
const CANCEL_WAIT_MS = 6000;
// Within the entry's wait on a second signal (src/io/entry.ts SECOND_SIGNAL_MS), with time to remove the
// private directory after it.
const SECOND_WAIT_MS = 500;
const FORCE_UNLOCK = 'If the next run says the state is locked, run terraform force-unlock with the lock ID it gives, once no other run is under way';
/**
 * What the second interrupt did. Terraform takes a second SIGINT or SIGTERM as the order to exit at once
 * ("Two interrupts received. Exiting immediately. Note that data loss may have occurred.": hashicorp/terraform
 * internal/command/meta.go, RunOperation): it cancels the operation and waits at most 5 s for it, so it
 * may exit without saving its state or releasing the lock.
 */
function secondInterruptNote(stopped, signal, since, seconds) {
    const exited = stopped.stopped
        ? `it exited within ${seconds} s of it`
        : `it had not exited ${SECOND_WAIT_MS / 1000} s after it, and may still be running`;
    return `terraform ${stopped.command} had not stopped ${since} s after the interrupt when a second signal (${signal}) came: it was sent ${signal} too, on which terraform stops at once (its second interrupt), without finishing what it was doing: it may not have saved its state or released the state lock, and ${exited}. ${FORCE_UNLOCK}`;
}
/**
 * What the interrupt did, for the cancelled run's summary. Terraform saves its state and releases the
 * lock as it stops on an interrupt; the step sees it exit, not the backend, so it says no more than that.
 */
function interruptNote(interrupted, seconds) {
    if (!interrupted)
        return 'no terraform command was running';
    const command = `terraform ${interrupted.command}`;
    return interrupted.stopped
        ? `${command} stopped within ${seconds} s of the interrupt (terraform saves its state and releases the state lock as it stops; the backend was not checked)`
        : `${command} did not stop within ${CANCEL_WAIT_MS / 1000} s of the interrupt: it may still be running, and holding the state lock. ${FORCE_UNLOCK}`;
}
/** Removes the private directory (the plan file, the generated variables) and says whether it is gone. */
async function scratchNote(scratch, remove) {
    if (scratch === undefined)
        return 'no private directory had been made';
    try {
        await remove();
        await (0,promises_.access)(scratch);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return 'removed its private directory (the plan file and the generated variables)';
        return `could not remove its private directory ${scratch} (${(0,errors/* oneLine */.TN)(error)}): it holds the plan file, which may hold secrets; delete it by hand if the runner keeps RUNNER_TEMP`;
    }
    return `could not remove its private directory ${scratch}: it holds the plan file, which may hold secrets; delete it by hand if the runner keeps RUNNER_TEMP`;
}
async function terraformBinary(version, env, log) {
    const { findOnPath, installTerraform, versionOf } = await __nccwpck_require__.e(/* import() */ 257).then(__nccwpck_require__.bind(__nccwpck_require__, 2257));
    const onPath = await findOnPath('terraform', env);
    if (onPath) {
        // The input installs Terraform only when none is on PATH: a different one there is used instead.
        const found = version ? await versionOf(onPath, env) : undefined;
        if (version && found !== version)
            log.warning(`Input 'terraform-version': ${version} was asked for, but the terraform on PATH (${onPath}) is ${found ?? 'of a version it does not say'}, and that one is used: the input installs Terraform only when none is on PATH.`);
        return onPath;
    }
    if (!version)
        throw new errors/* UserError */.yo('is not set and no terraform is on PATH: give a version such as 1.11.4 to install it, or install Terraform in an earlier step.', 'terraform-version');
    return installTerraform({ version, log });
}
function runUrl(env) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
    if (!server || !repository || !runId)
        return undefined;
    const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
    return `${server}/${repository}/actions/runs/${runId}${attempt}`;
}


/***/ }),

/***/ 9838:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ workspacePath),
/* harmony export */   h: () => (/* binding */ confineToJob)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7333);
/* harmony import */ var _io_workspace_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(2645);




/**
 * The directories a path input may point into: the job's checkout (GITHUB_WORKSPACE) and the job's
 * own temporary directory (RUNNER_TEMP, emptied before and after each job), where workflows write
 * generated .tfvars and stand-in modules. Anything else on the runner (its home directory, /etc,
 * another job's leftovers on a self-hosted runner) is refused, as actions/checkout refuses a `path`
 * outside the workspace.
 */
function jobRoots(env) {
    const roots = [{ name: 'the workspace', path: (0,_io_workspace_js__WEBPACK_IMPORTED_MODULE_3__/* .workspaceRoot */ .o)(env) }];
    if (env.RUNNER_TEMP)
        roots.push({ name: 'RUNNER_TEMP', path: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(env.RUNNER_TEMP) });
    return roots;
}
function isWithin(path, root) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, path);
    return rel === '' || (!(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel) && rel !== '..' && !rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`));
}
/**
 * Where a path really is. One that does not exist yet (a state file terraform will write) is judged
 * by where its parent really is, and a link to nothing by where it points, so that neither a link
 * to a directory elsewhere nor a dangling link can carry a written file out of the workspace.
 */
function realPath(path, hops = 0) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(path);
    }
    catch {
        // Missing, or a link to something missing.
    }
    if (hops < 40) {
        try {
            return realPath((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync)(path)), hops + 1);
        }
        catch {
            // Not a link.
        }
    }
    const parent = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path);
    return parent === path ? path : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(realPath(parent, hops), (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path));
}
/** A path input as an absolute path: relative ones are read from the workspace, whatever the step's directory. */
function workspacePath(env, path) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(path) ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path) : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)((0,_io_workspace_js__WEBPACK_IMPORTED_MODULE_3__/* .workspaceRoot */ .o)(env), path);
}
/**
 * Refuses a path outside the workspace and RUNNER_TEMP. A path is judged by where it really is, so
 * a symbolic link inside the workspace that points out of it is refused too (and a workspace
 * reached through a link is not). `shown` is how the error names the path: a caller whose input
 * may hold a credential passes something else.
 */
function confineToJob(env, path, input, shown) {
    const roots = jobRoots(env);
    const target = realPath(path);
    const inside = roots.some((root) => isWithin(target, realPath(root.path)));
    if (inside)
        return;
    const where = roots.map((root) => `${root.name} (${root.path})`).join(' and ');
    const link = target !== path ? ` (which resolves to ${target})` : '';
    throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${shown}${link} is outside ${where}: give a path inside ${roots.length > 1 ? 'them' : 'it'}.`, input);
}


/***/ }),

/***/ 442:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gp: () => (/* binding */ PROVISION_YAML_INPUTS),
/* harmony export */   TE: () => (/* binding */ CREDENTIAL_SETTING),
/* harmony export */   ZK: () => (/* binding */ hclString),
/* harmony export */   iv: () => (/* binding */ readPlainInputs)
/* harmony export */ });
/* unused harmony exports COMMANDS, BUNDLED_CLUSTER_NAME, clusterNameInput, variablesInput, workingDirectoryInput, varFilesInput, backendConfigInput, backendCredentials, terraformVersionInput */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _io_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7333);
/* harmony import */ var _io_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6067);
/* harmony import */ var _io_yaml_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(3473);
/* harmony import */ var _input_paths_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(9838);
/* harmony import */ var _json_shape_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(5507);






/** A Terraform release version such as 1.11.4 or 1.12.0-beta1. */
const TERRAFORM_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/;
const COMMANDS = ['plan', 'apply', 'destroy', 'output'];
// A DNS label (RFC 1123): the cluster name ends up in host names, bucket names and AWS tags.
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
// Terraform's identifier syntax for variable names.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// The bundled module's own rule for cluster_name (terraform/variables.tf), stricter than a DNS label
// because it names AWS resources after the cluster within their length limits.
const BUNDLED_CLUSTER_NAME = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;
function clusterNameInput(read) {
    const name = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .requiredInput */ .YF)(read, 'cluster-name');
    if (!DNS_LABEL.test(name))
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`'${name}' is not a DNS label: use 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.`, 'cluster-name');
    return name;
}
/** Said before terraform runs: the bundled module would refuse it only after init has installed its providers. */
function checkBundledClusterName(name) {
    if (!BUNDLED_CLUSTER_NAME.test(name))
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`'${name}' does not suit the bundled terraform/ module: use 1 to 32 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen.`, 'cluster-name');
}
function sameDirectory(a, b) {
    if (b === undefined)
        return false;
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(a) === (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(b);
    }
    catch {
        return false;
    }
}
/** The `variables` input: a YAML or JSON map (JSON is YAML) of Terraform variable values. */
function variablesInput(read, clusterName, yaml) {
    const text = read('variables');
    let parsed = {};
    if (text !== '') {
        try {
            parsed = yaml(text, { exactNumbers: true }) ?? {};
        }
        catch (error) {
            const reason = (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)).replace(/[:.]?$/, '.');
            // A number refused for not reading as written did parse: its reason says what to do.
            const refused = error.code === _io_yaml_js__WEBPACK_IMPORTED_MODULE_4__/* .INEXACT_NUMBER */ .Z$;
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(refused ? reason : `does not parse as YAML or JSON: ${reason}`, 'variables');
        }
    }
    if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_5__/* .isRecord */ .u4)(parsed))
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo('must be a map of variable names to values (YAML or JSON).', 'variables');
    const variables = parsed;
    for (const name of Object.keys(variables))
        if (!IDENTIFIER.test(name))
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`'${name}' is not a Terraform variable name.`, 'variables');
    const unwritable = nonJsonValue(variables, '');
    if (unwritable !== undefined)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${unwritable} holds a value JSON cannot carry to terraform (a !!binary, !!set or !!timestamp value, or an infinite number): write a string, number, bool, list or map.`, 'variables');
    if ('cluster_name' in variables && variables.cluster_name !== clusterName)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`sets cluster_name to '${String(variables.cluster_name)}', which differs from the cluster-name input '${clusterName}': set it only through cluster-name.`, 'variables');
    return { ...variables, cluster_name: clusterName };
}
/**
 * The path of the first value the generated .tfvars.json could not hold as parsed: an explicit YAML
 * tag makes a Buffer, Set or Date, which JSON.stringify writes as something else (or nothing).
 */
function nonJsonValue(value, path) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean')
        return undefined;
    if (typeof value === 'number')
        return Number.isFinite(value) ? undefined : path;
    if (Array.isArray(value))
        return value.map((item, index) => nonJsonValue(item, `${path}[${index}]`)).find((found) => found);
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
        return Object.entries(value)
            .map(([key, item]) => nonJsonValue(item, path === '' ? key : `${path}.${key}`))
            .find((found) => found);
    return path;
}
function workingDirectoryInput(read, env, bundledRoot) {
    const given = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .optionalInput */ .$m)(read, 'working-directory');
    if (given === undefined && bundledRoot === undefined)
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo("is not set and the suite's bundled terraform/ root was not found next to the action: give the path of your root module.", 'working-directory');
    // The bundled root is the action's own checkout, outside the workspace by design; a given path is not.
    if (given === undefined)
        return rootModule(bundledRoot, undefined);
    const dir = (0,_input_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .workspacePath */ .X)(env, given);
    (0,_input_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .confineToJob */ .h)(env, dir, 'working-directory', `'${given}'`);
    return rootModule(dir, given);
}
function rootModule(dir, given) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(dir) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(dir).isDirectory())
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`'${given ?? dir}' is not a directory.`, 'working-directory');
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir).some((file) => file.endsWith('.tf') || file.endsWith('.tf.json')))
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`'${given ?? dir}' holds no .tf files: it is not a Terraform root module.`, 'working-directory');
    return dir;
}
function varFilesInput(read, env) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .listInput */ .dt)(read, 'var-files', /\n/).map((file) => {
        const path = (0,_input_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .workspacePath */ .X)(env, file);
        (0,_input_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .confineToJob */ .h)(env, path, 'var-files', `'${file}'`);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isFile())
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`'${file}' is not a file.`, 'var-files');
        return path;
    });
}
function backendConfigInput(read, env) {
    return (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .listInput */ .dt)(read, 'backend-config', /\n/).map((line) => {
        // terraform init reads a -backend-config value without '=' as a file (backend.hcl, *.tfbackend; JSON
        // when its name ends in .json).
        if (!line.includes('=')) {
            const path = (0,_input_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .workspacePath */ .X)(env, line);
            if (path.includes('='))
                throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`the backend file's path ${path} holds '=', which terraform would read as key=value: move the file.`, 'backend-config');
            // Quoted only when it reads as a file name: a key=value line that lost its '=' may hold a credential.
            const named = /^[^\s]+\.(hcl|tfbackend)(\.json)?$/.test(line) ? `'${line}'` : 'a line without =';
            (0,_input_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .confineToJob */ .h)(env, path, 'backend-config', named);
            if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isFile()) {
                throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${named} is not a file: each line is key=value or the path of a backend configuration file (.hcl, .tfbackend, .tfbackend.json).`, 'backend-config');
            }
            return path;
        }
        const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
        // The line itself is not quoted: it may carry a credential.
        if (!match)
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo('each line must be key=value or the path of a backend configuration file (a line is neither).', 'backend-config');
        // terraform init takes a string setting's value as it stands, quotes included: key="a.tfstate"
        // would name another state object, "a.tfstate" with its quotes, and plan to create everything anew.
        if (/^(["']).*\1$/.test(match[2] ?? '') && (match[2] ?? '').length >= 2)
            throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`the value of ${match[1]} is in quotes, which terraform would keep as part of it: write ${match[1]}=VALUE without them (a key=value line is not HCL).`, 'backend-config');
        return `${match[1]}=${match[2]}`;
    });
}
// Backend settings that carry credentials (s3's access_key/secret_key/token/sse_customer_key,
// azurerm's sas_token, client_secret and client_certificate (a PKCS#12 bundle, key included), gcs's
// credentials JSON and encryption_key, http's client_private_key_pem, kubernetes's client_key, pg's
// conn_str...): their values are masked before terraform runs.
const CREDENTIAL_SETTING = /(access_key|secret|token|password|conn_str|credentials|encryption_key|customer_key|private_key|client_key|client_certificate(?!_path))/i;
function backendCredentials(backendConfig) {
    return backendConfig
        .map((kv) => /^([^=]+)=(.*)$/.exec(kv))
        .filter((match) => match !== null && CREDENTIAL_SETTING.test(match[1] ?? '') && (match[2] ?? '') !== '')
        .map((match) => match?.[2] ?? '');
}
/** A quoted HCL string as terraform reads it: JSON escapes, then $${ and %%{ for literal ${ and %{. */
function hclString(quoted) {
    let value = quoted;
    try {
        value = JSON.parse(`"${quoted}"`);
    }
    catch {
        // An escape JSON does not know: the text as written.
    }
    return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}
function terraformVersionInput(read) {
    const version = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .optionalInput */ .$m)(read, 'terraform-version')?.replace(/^v/, '');
    if (version !== undefined && !TERRAFORM_VERSION.test(version))
        throw new _io_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`'${version}' is not a Terraform release version such as 1.11.4.`, 'terraform-version');
    return version;
}
/** The one input that may hold YAML: a run without it never loads the parser. */
const PROVISION_YAML_INPUTS = ['variables'];
/**
 * Every input, parsed and checked on its own. The checks that need the root module read (backend
 * paths, sensitive variables) are in module-checks.ts, loaded only once these pass.
 */
function readPlainInputs(read, env, bundledRoot, yaml) {
    const command = (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .enumInput */ .gX)(read, 'command', COMMANDS, 'plan');
    const clusterName = clusterNameInput(read);
    const backendConfig = backendConfigInput(read, env);
    const workingDirectory = workingDirectoryInput(read, env, bundledRoot);
    if (sameDirectory(workingDirectory, bundledRoot))
        checkBundledClusterName(clusterName);
    const variables = variablesInput(read, clusterName, yaml);
    return {
        command,
        clusterName,
        workingDirectory,
        variables,
        varFiles: varFilesInput(read, env),
        backendConfig,
        backendSecrets: backendCredentials(backendConfig),
        terraformVersion: terraformVersionInput(read),
        commentOnPr: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .booleanInput */ .tE)(read, 'comment-on-pr', true),
        githubToken: (0,_io_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .optionalInput */ .$m)(read, 'github-token')
    };
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

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

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

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

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 6193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 7066:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tty");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 8877:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

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

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

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
/******/ var __webpack_exports__ = __nccwpck_require__(7334);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
