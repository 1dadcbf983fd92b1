export const id = 132;
export const ids = [132];
export const modules = {

/***/ 8132:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TerraformCommandError: () => (/* binding */ TerraformCommandError),
  silentFailure: () => (/* binding */ silentFailure),
  terraformCli: () => (/* binding */ terraformCli)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/io/cancel.ts
var cancel = __webpack_require__(6736);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/terraform/diagnostics.ts

const HEADER = /^(Error|Warning): (.+)$/;
const LOCATION = /^ {2}on (.+?) line (\d+)/;
// A state lock error lists the lock under "Lock Info:" as indented "Key: value" lines, which look
// like a snippet; the ID and holder are what the user needs to find the run or free the lock.
const LOCK_INFO = /^Lock Info:\s*$/;
const LOCK_FIELD = /^\s+(ID|Path|Operation|Who|Version|Created|Info):\s*(.*)$/;
const LOCK_SUMMARY = /state lock/i;
function errorDiagnostics(text) {
    const diagnostics = [];
    let current;
    let isError = false;
    let lockFields;
    let lockId;
    const seen = new Set();
    const finish = () => {
        if (current && lockFields)
            current.detail.push(`Lock Info: ${lockFields.join(', ')}.`);
        lockFields = undefined;
        if (current && isError) {
            let detail = current.detail.join(' ').replace(/\s+/g, ' ').trim();
            const holder = lockHolder(current.summary, current.detail, lockId);
            if (holder)
                detail += ` If no run holds the lock any more (a killed job), free it from the module's directory, initialised with the same backend settings: terraform force-unlock ${holder}`;
            const diagnostic = {
                summary: current.summary,
                ...(current.location ? { location: current.location } : {}),
                detail
            };
            // An interrupted apply reports "execution halted" once per stopped operation: one annotation says it.
            const key = describeDiagnostic(diagnostic);
            if (!seen.has(key))
                diagnostics.push(diagnostic);
            seen.add(key);
        }
        current = undefined;
        lockId = undefined;
    };
    for (const rawLine of text.split(/\r?\n/)) {
        // Without -no-color Terraform frames diagnostics in box-drawing characters; strip them.
        const line = rawLine.replace(/^[╷│╵] ?/, '');
        const header = HEADER.exec(line);
        if (header) {
            finish();
            isError = header[1] === 'Error';
            current = { summary: (header[2] ?? '').trim(), detail: [] };
            continue;
        }
        if (!current)
            continue;
        if (lockFields) {
            const field = LOCK_FIELD.exec(line);
            if (field) {
                if ((field[2] ?? '').trim() !== '')
                    lockFields.push(`${field[1]}=${(field[2] ?? '').trim()}`);
                if (field[1] === 'ID')
                    lockId = (field[2] ?? '').trim();
                continue;
            }
            current.detail.push(`Lock Info: ${lockFields.join(', ')}.`);
            lockFields = undefined;
        }
        if (LOCK_INFO.test(line) && LOCK_SUMMARY.test(current.summary)) {
            lockFields = [];
            continue;
        }
        const location = LOCATION.exec(line);
        if (location) {
            // Absolute paths are generated or temporary files (the variables file): their name is enough.
            const file = (location[1] ?? '').startsWith('/') ? (0,external_node_path_.basename)(location[1] ?? '') : location[1];
            current.location ??= `${file} line ${location[2]}`;
            continue;
        }
        // Snippet lines are indented; the detail paragraphs start at column 0.
        if (/^\s/.test(line) || line === '')
            continue;
        current.detail.push(line);
    }
    finish();
    return diagnostics;
}
/**
 * The ID to force-unlock, only where terraform failed to take a lock another run holds. The http
 * backend names the holder on an "ID=" line and shows the Lock Info of its own attempt, so there
 * only the "ID=" line counts; elsewhere Lock Info is the holder's.
 */
function lockHolder(summary, detail, lockInfoId) {
    if (summary !== 'Error acquiring the state lock')
        return undefined;
    const text = detail.join('\n');
    if (/HTTP remote state/i.test(text))
        return /^ID=(\S+)$/m.exec(text)?.[1];
    return lockInfoId || undefined;
}
function describeDiagnostic(diagnostic) {
    const where = diagnostic.location ? ` (${diagnostic.location})` : '';
    const detail = diagnostic.detail ? `: ${diagnostic.detail}` : '';
    return `${diagnostic.summary}${where}${detail}`;
}
/**
 * A workflow-command line for an error annotation, escaped as @actions/core escapes it, so that
 * run() can raise annotations through its Logger without depending on the runner's toolkit.
 */
function errorAnnotation(message, title) {
    const data = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    const properties = title
        ? ` title=${title
            .replace(/%/g, '%25')
            .replace(/\r/g, '%0D')
            .replace(/\n/g, '%0A')
            .replace(/:/g, '%3A')
            .replace(/,/g, '%2C')}`
        : '';
    return `::error${properties}::${data}`;
}

;// CONCATENATED MODULE: ./src/terraform/cli.ts



/** A terraform command that failed; its diagnostics have already been raised as annotations. */
class TerraformCommandError extends Error {
    command;
    exitCode;
    errors;
    constructor(command, exitCode, detail, 
    /** Each error diagnostic as one line, for a PR comment that says why the plan failed. */
    errors = []) {
        super(`terraform ${command} failed${exitCode === undefined ? '' : ` with exit code ${exitCode}`}: ${detail}`);
        this.command = command;
        this.exitCode = exitCode;
        this.errors = errors;
        this.name = 'TerraformCommandError';
    }
}
/**
 * Terraform prints values from the configuration; a line of it that looks like a workflow command
 * (::set-output, ::add-mask::, ::error::) must not be obeyed, so commands are paused around it.
 */
async function verbatim(log, body) {
    const token = (0,external_node_crypto_.randomUUID)();
    log.command(`::stop-commands::${token}`);
    try {
        return await body();
    }
    finally {
        log.command(`::${token}::`);
    }
}
/**
 * Why a command that printed no error failed. Not execa's message: it quotes the whole command
 * line, and `init`'s -backend-config=KEY=VALUE arguments may hold credentials.
 */
function silentFailure(result, binary) {
    if (result.signal)
        return `it was stopped by ${result.signal}.`;
    const code = result.cause?.code;
    if (typeof code === 'string')
        return `${binary} could not be started (${code}).`;
    return 'it printed no error.';
}
/**
 * Starts a process with umask 077, so that what terraform creates is its owner's alone: a local
 * state (every secret of the cluster), its backup, init's record of the backend settings. Terraform
 * creates them 0666 less the umask (hashicorp/terraform#20410, #34949), 0644 under a runner's 022.
 * The child takes the umask when it is spawned, which execa does before returning.
 */
function ownerOnlyFiles(spawn) {
    const previous = process.umask(0o077);
    try {
        return spawn();
    }
    finally {
        process.umask(previous);
    }
}
function terraformCli(options) {
    // Automation mode drops the "run terraform apply next" hints that make no sense in a workflow.
    const env = { ...options.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
    let running;
    const execute = async (args, onLine) => {
        // Loaded lazily so that bad inputs fail before any of the process machinery is touched.
        const { execa } = await __webpack_require__.e(/* import() */ 993).then(__webpack_require__.bind(__webpack_require__, 6993));
        const subprocess = ownerOnlyFiles(() => execa(options.binary, [...args.slice(0, 1), '-no-color', ...args.slice(1)], {
            cwd: options.cwd,
            env,
            extendEnv: false,
            stdin: 'ignore',
            all: true,
            reject: false,
            maxBuffer: 256 * 1024 * 1024
        }));
        running = subprocess;
        try {
            if (onLine)
                for await (const line of subprocess.iterable({ from: 'all' }))
                    onLine(line);
            return await subprocess;
        }
        finally {
            running = undefined;
        }
    };
    const fail = (args, stderr, exitCode, fallback) => {
        const command = args[0] ?? '';
        const diagnostics = errorDiagnostics(stderr);
        const errors = diagnostics.map((diagnostic) => options.explain?.(diagnostic) ?? describeDiagnostic(diagnostic));
        for (const error of errors)
            options.log.command(errorAnnotation(error, `terraform ${command}`));
        const lastLine = stderr.trim().split('\n').pop()?.trim();
        const detail = diagnostics.length > 0
            ? `${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}, annotated above.`
            : lastLine || fallback;
        throw new TerraformCommandError(command, exitCode, detail, errors);
    };
    return {
        async stream(args, streamOptions = {}) {
            await options.log.group(`terraform ${args[0] ?? ''}`, async () => {
                const held = [];
                const result = await verbatim(options.log, () => execute(args, (line) => {
                    streamOptions.watch?.(line);
                    if (held.length === 0 && !streamOptions.holdFrom?.test(line))
                        options.log.info(line);
                    else
                        held.push(line);
                }));
                if (result.failed)
                    fail(args, String(result.stderr ?? ''), result.exitCode, silentFailure(result, options.binary));
                await streamOptions.release?.();
                if (held.length > 0)
                    await verbatim(options.log, async () => held.forEach((line) => options.log.info(line)));
            });
        },
        async interrupt(waitMs) {
            const child = running;
            if (!child)
                return false;
            child.kill('SIGINT');
            return (0,cancel/* settlesWithin */.o)(child, waitMs);
        },
        async capture(args) {
            const result = await execute(args);
            if (result.failed)
                fail(args, String(result.stderr ?? ''), result.exitCode, silentFailure(result, options.binary));
            return String(result.stdout ?? '');
        }
    };
}


/***/ })

};
