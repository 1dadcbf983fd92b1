export const id = 531;
export const ids = [531];
export const modules = {

/***/ 3531:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run),
  terraformCli: () => (/* reexport */ terraformCli)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/io/redact.ts
var redact = __webpack_require__(8075);
// EXTERNAL MODULE: ./src/io/summary.ts
var summary = __webpack_require__(2864);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/io/cancel.ts
var cancel = __webpack_require__(6736);
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
    let runningCommand = '';
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
        runningCommand = args[0] ?? '';
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
        async interrupt(waitMs, signal = 'SIGINT') {
            const child = running;
            if (!child)
                return undefined;
            const command = runningCommand;
            child.kill(signal);
            return { command, stopped: await (0,cancel/* settlesWithin */.od)(child, waitMs) };
        },
        async capture(args) {
            const result = await execute(args);
            if (result.failed)
                fail(args, String(result.stderr ?? ''), result.exitCode, silentFailure(result, options.binary));
            return String(result.stdout ?? '');
        }
    };
}

;// CONCATENATED MODULE: ./src/terraform/plan.ts
function planCounts(showJson) {
    if (typeof showJson !== 'object' || showJson === null || !('format_version' in showJson))
        throw new Error('terraform show -json did not return a plan document.');
    const plan = showJson;
    const counts = { add: 0, change: 0, destroy: 0, outputChanges: 0, stateOnly: 0 };
    for (const resource of plan.resource_changes ?? []) {
        // Data sources are read, not changed; only managed resources count, as in Terraform's own line.
        if (resource.mode === 'data')
            continue;
        const actions = resource.change?.actions ?? [];
        // A replacement is ["delete","create"] or ["create","delete"]: one add and one destroy.
        if (actions.includes('create'))
            counts.add += 1;
        if (actions.includes('update'))
            counts.change += 1;
        if (actions.includes('delete'))
            counts.destroy += 1;
        const counted = ['create', 'update', 'delete'].some((action) => actions.includes(action));
        const inStateOnly = actions.includes('forget') ||
            resource.previous_address !== undefined ||
            (resource.change?.importing !== undefined && resource.change.importing !== null);
        if (!counted && inStateOnly)
            counts.stateOnly += 1;
    }
    for (const output of Object.values(plan.output_changes ?? {})) {
        const actions = output.actions ?? [];
        if (actions.some((action) => action !== 'no-op'))
            counts.outputChanges += 1;
    }
    return counts;
}
function hasChanges(counts) {
    return counts.add + counts.change + counts.destroy + counts.outputChanges + counts.stateOnly > 0;
}
/** The `plan-summary` output: Terraform's own phrasing, from the counts. */
function planSummary(counts) {
    return `${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy`;
}
/** What Terraform's counts leave out, for the log and the report: '' when nothing. */
function stateOnlyText(counts) {
    if (counts.stateOnly === 0)
        return '';
    const resources = counts.stateOnly === 1 ? '1 resource' : `${counts.stateOnly} resources`;
    return `, and ${resources} to move, import or forget in the state`;
}
/**
 * The root module's declared variables, from the saved plan's configuration (`terraform show -json`);
 * undefined when the document has no configuration to say.
 */
function declaredVariables(showJson) {
    const root = showJson
        ?.configuration?.root_module;
    if (typeof root !== 'object' || root === null)
        return undefined;
    const variables = root.variables;
    return new Set(typeof variables === 'object' && variables !== null ? Object.keys(variables) : []);
}
/**
 * The root module's variables declared sensitive, from the saved plan's configuration: what the
 * action read of the module's files before terraform ran, as terraform read it.
 */
function sensitiveVariables(showJson) {
    const variables = showJson
        ?.configuration?.root_module?.variables;
    if (typeof variables !== 'object' || variables === null)
        return new Set();
    return new Set(Object.entries(variables)
        .filter(([, declaration]) => declaration?.sensitive === true)
        .map(([name]) => name));
}
/**
 * The values the plan's root module variables were given (`terraform show -json PLAN`'s variables,
 * sensitive ones in the clear), from wherever terraform took them: var-files, the files it loads on
 * its own, TF_VAR_ variables, the generated file of the variables input.
 */
function plannedVariables(showJson) {
    const variables = showJson?.variables;
    if (typeof variables !== 'object' || variables === null)
        return {};
    return Object.fromEntries(Object.entries(variables)
        .filter(([, entry]) => entry?.value !== undefined)
        .map(([name, entry]) => [name, entry?.value]));
}

;// CONCATENATED MODULE: ./src/terraform/comment.ts


/** GitHub rejects issue comments longer than this many characters. */
const GITHUB_COMMENT_LIMIT = 65_536;
// Measured in UTF-8 bytes, which are never fewer than characters however GitHub counts them, and
// kept well below the limit so the header, note and markup always fit.
const DEFAULT_BUDGET = 60_000;
/** The hidden first line by which the action finds its own comment again on the next run. */
function commentMarker(clusterName) {
    return `<!-- talos-irsa:provision cluster=${clusterName} -->`;
}
const MARKER = /^(\s*)(-\/\+|\+\/-|<=|[-+~]) (.*)$/;
// GitHub's diff highlighting colours lines by their first character: + added, - removed, ! changed.
const DIFF_MARK = { '+': '+', '-': '-', '~': '!', '-/+': '!', '+/-': '!', '<=': '#' };
/** Terraform's plan text with each change marker moved to column 0, keeping the alignment. */
function planAsDiff(planText) {
    return planText
        .split(/\r?\n/)
        .map((line) => {
        const match = MARKER.exec(line);
        if (!match)
            return /^[-+!#@]/.test(line) ? ` ${line}` : line;
        const [, indent = '', marker = '', rest = ''] = match;
        return `${DIFF_MARK[marker] ?? ' '}${' '.repeat(indent.length + marker.length)}${rest}`;
    })
        .join('\n')
        .replace(/^\n+/, '')
        .trimEnd();
}
function outcome(report) {
    // A plan with nothing to do says so as apply does: 'Plan only' would leave the counts to tell it.
    if (!report.hasChanges)
        return `No changes: nothing to ${report.command === 'destroy' ? 'destroy' : 'apply'}.`;
    if (report.command === 'plan')
        return 'Plan only: nothing was applied.';
    return report.command === 'destroy' ? 'Destroyed.' : 'Applied.';
}
const bytes = (text) => Buffer.byteLength(text, 'utf8');
/** The longest prefix of `text` (whole lines where possible) that fits in `budget` UTF-8 bytes. */
function cutToBytes(text, budget) {
    if (bytes(text) <= budget)
        return text;
    let kept = '';
    for (const line of text.split('\n')) {
        const next = kept === '' ? line : `${kept}\n${line}`;
        if (bytes(next) > budget) {
            if (kept !== '')
                return kept;
            // A single line longer than the budget: cut at a code point's first byte, never inside a character.
            const encoded = Buffer.from(line, 'utf8');
            let end = Math.max(0, budget);
            while (end > 0 && ((encoded[end] ?? 0) & 0xc0) === 0x80)
                end -= 1;
            return encoded.subarray(0, end).toString('utf8');
        }
        kept = next;
    }
    return kept;
}
function fenceFor(text) {
    // A fence longer than any backtick run inside, so plan text can never close the block early.
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    return '`'.repeat(Math.max(3, longest + 1));
}
/**
 * The PR comment (and job summary): marker, counts, outcome, then the plan collapsed in a diff
 * block, cut at a line with a pointer to the log when it would not fit under GitHub's limit.
 */
function planReportMarkdown(report, options = {}) {
    const budget = Math.min(options.budget ?? DEFAULT_BUDGET, GITHUB_COMMENT_LIMIT);
    const header = [
        ...(options.marker === false ? [] : [commentMarker(report.clusterName)]),
        `### Terraform ${report.command} for cluster \`${report.clusterName}\``,
        '',
        `**${planSummary(report.counts)}${stateOnlyText(report.counts)}.** ${outcome(report)}`,
        ''
    ].join('\n');
    // Redacted before the cut: a secret cut in half would no longer match, and its first half would stay.
    const diff = planAsDiff((0,redact/* redactSecrets */.fp)(report.planText, options.secrets ?? []));
    const fence = fenceFor(diff);
    const where = report.logUrl ? `the [workflow log](${report.logUrl})` : "this step's log";
    const render = (body, note) => `${header}\n<details><summary>Show plan</summary>\n\n${fence}diff\n${body}\n${fence}\n\n</details>\n${note}`;
    const whole = render(diff, '');
    if (bytes(whole) <= budget)
        return whole;
    const totalLines = diff.split('\n').length;
    // The note's length depends on the kept line count; reserve room for its longest form.
    const longestNote = `\n> The plan was cut at line ${totalLines} of ${totalLines} to fit in a comment; the full plan is in ${where}.\n`;
    const room = budget - bytes(render('', longestNote));
    const kept = cutToBytes(diff, Math.max(0, room));
    const keptLines = kept === '' ? 0 : kept.split('\n').length;
    const note = `\n> The plan was cut at line ${keptLines} of ${totalLines} to fit in a comment; the full plan is in ${where}.\n`;
    return render(kept, note);
}
/**
 * The PR comment when terraform failed: it replaces the last plan, which no longer describes the
 * pull request, with the errors and a pointer to the log.
 */
function failureReportMarkdown(report, options = {}) {
    const budget = Math.min(options.budget ?? DEFAULT_BUDGET, GITHUB_COMMENT_LIMIT);
    const where = report.logUrl ? `the [workflow log](${report.logUrl})` : "this step's log";
    const header = [
        commentMarker(report.clusterName),
        `### Terraform ${report.command} for cluster \`${report.clusterName}\``,
        '',
        `**\`terraform ${report.failedStep}\` failed.** The details are in ${where}.`,
        ''
    ].join('\n');
    // In a code block: terraform's errors quote the pull request's code and Go values such as <nil>,
    // which as Markdown would open HTML tags (hiding text) or @-mention people.
    // A terraform stopped by a signal, or that could not start, printed none: no empty block then.
    if (report.errors.length === 0)
        return header;
    const errors = report.errors
        .map((error) => (0,redact/* redactSecrets */.fp)(error, options.secrets ?? []).replace(/\s+/g, ' '))
        .join('\n');
    const fence = fenceFor(errors);
    const room = budget - bytes(header) - bytes(`\n${fence}text\n\n${fence}\n`);
    return `${header}\n${fence}text\n${cutToBytes(errors, room)}\n${fence}\n`;
}

// EXTERNAL MODULE: ./src/terraform/outputs.ts
var terraform_outputs = __webpack_require__(4794);
;// CONCATENATED MODULE: ./src/provision/credential-files.ts


/**
 * `dir` as a directory of its own, 0700. RUNNER_TEMP is shared by every step of the job: a link (or a
 * file) an earlier step put there is removed, not followed, so that the credential cannot be sent into
 * a directory another step uploads or serves.
 */
async function ownDirectory(dir) {
    const found = await (0,promises_.lstat)(dir).catch((error) => {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    });
    if (found && !found.isDirectory())
        await (0,promises_.rm)(dir, { force: true });
    if (!found?.isDirectory())
        await (0,promises_.mkdir)(dir, { mode: 0o700 });
    await (0,promises_.chmod)(dir, 0o700);
}
/**
 * Writes a credential where later steps can read it and nobody else can: RUNNER_TEMP/talos-irsa/
 * CLUSTER/NAME, the directories 0700 and the file 0600. The file is made anew (an earlier run's is
 * removed first): writing into one that is there would keep its mode while the credential goes in, and
 * write through a link to wherever it points. O_EXCL ('wx') refuses a link or file made in between.
 */
async function writeCredentialFile(tempRoot, clusterName, name, content) {
    const base = (0,external_node_path_.join)(tempRoot, 'talos-irsa');
    const dir = (0,external_node_path_.join)(base, clusterName);
    await ownDirectory(base);
    await ownDirectory(dir);
    const path = (0,external_node_path_.join)(dir, name);
    await (0,promises_.rm)(path, { force: true });
    const file = await (0,promises_.open)(path, 'wx', 0o600);
    try {
        await file.writeFile(content);
    }
    finally {
        await file.close();
    }
    return path;
}

// EXTERNAL MODULE: ./src/provision/module-checks.ts + 1 modules
var module_checks = __webpack_require__(234);
// EXTERNAL MODULE: ./src/io/secrets.ts
var secrets = __webpack_require__(3965);
;// CONCATENATED MODULE: ./src/provision/secret-outputs.ts


/**
 * Masks secret outputs and remembers every fragment it masked, so that text bound for GitHub
 * (the PR comment, the job summary), where the runner's masking does not apply, can be redacted.
 */
class SecretOutputs {
    mask;
    fragments = new Set();
    constructor(mask) {
        this.mask = mask;
    }
    /**
     * Secrets that came in as inputs (the GitHub token, backend credentials): the action masked them
     * on arrival; remembered here so that the comment and the summary are redacted of them too.
     */
    rememberInputs(values) {
        for (const value of values)
            if (value)
                for (const fragment of (0,secrets/* secretFragments */.y)(value))
                    this.fragments.add(fragment);
    }
    maskAll(outputs) {
        // The whole value, and each string inside a structured one.
        for (const output of outputs.filter(terraform_outputs/* isSecretOutput */.yy))
            this.maskValues([(0,terraform_outputs/* outputText */.jO)(output.value), ...(0,terraform_outputs/* stringLeaves */.I7)(output.value)]);
    }
    /** Masks each value with its secret lines, and remembers them, unless already masked. */
    maskValues(values) {
        for (const text of values)
            for (const fragment of (0,secrets/* secretFragments */.y)(text)) {
                if (this.fragments.has(fragment))
                    continue;
                this.fragments.add(fragment);
                this.mask(fragment);
            }
    }
}

;// CONCATENATED MODULE: ./src/provision/undeclared.ts
/**
 * Values for variables the module does not declare: terraform goes on without them and only warns,
 * deep in the plan's log, naming the first few and folding the rest into "N other variable(s)
 * defined without being declared". Those of the `variables` input are found exactly from the saved
 * plan's declared variables; those of var-files (HCL, which is not parsed here) from the warnings,
 * the folded rest as a count.
 */
class UndeclaredVariables {
    /** The lines of the warning being read, until the blank line that ends it. */
    block;
    shown = [];
    folded = 0;
    /**
     * Sees each line of `terraform plan`. Terraform wraps a warning's text at spaces, wherever they
     * fall (between `in file` and the path, or `named` and the name), so each warning is read whole.
     */
    watch(line) {
        // Diagnostics may come boxed ("│ " before each line).
        const text = line.replace(/^\s*[│|]\s?/, '').trim();
        if (/^Warning: Values? for undeclared variables?$/.test(text)) {
            this.endBlock();
            this.block = [];
        }
        else if (this.block !== undefined) {
            if (text !== '')
                this.block.push(text);
            else if (this.block.length > 0)
                this.endBlock();
        }
    }
    endBlock() {
        if (this.block === undefined)
            return;
        const text = this.block.join(' ');
        this.block = undefined;
        const named = /declare a variable named "([^"]+)" but a value was found in file "([^"]+)"/.exec(text);
        if (named)
            this.shown.push({ name: named[1] ?? '', file: named[2] ?? '' });
        const more = /(\d+) other variable\(s\)/.exec(text);
        if (more)
            this.folded = Number(more[1]);
    }
    /**
     * A warning per value terraform ignored, naming its input. `declared` is the module's variables
     * from the saved plan (undefined when the plan does not say: then the warnings alone are read).
     */
    warnings(variables, varFiles, generated, declared) {
        this.endBlock();
        const fromInput = declared === undefined
            ? this.shown.filter((value) => value.file === generated).map((value) => value.name)
            : Object.keys(variables).filter((name) => !declared.has(name));
        const warnings = fromInput.map((name) => `Input 'variables': the module declares no variable '${name}', so terraform ignored its value.`);
        for (const { name, file } of this.shown.filter((value) => varFiles.includes(value.file)))
            warnings.push(`Input 'var-files': ${file} sets '${name}', which the module does not declare, so terraform ignored its value.`);
        // The folded rest less the input's values that terraform did not name.
        const inputShown = this.shown.filter((value) => value.file === generated).length;
        const rest = this.folded - (fromInput.length - inputShown);
        if (declared !== undefined && rest > 0)
            warnings.push(`Input 'var-files': ${rest} more value${rest === 1 ? '' : 's'} for variables the module does not declare, which terraform ignored (its log names only the first few; the count takes in the module's own terraform.tfvars and *.auto.tfvars too).`);
        return warnings;
    }
}

;// CONCATENATED MODULE: ./src/provision/run.ts












// For the entry: this module already holds cli.js, and a dynamic import of its own would make ncc
// bundle a second copy of it in a chunk apart.

async function run(inputs, deps) {
    const secrets = new SecretOutputs(deps.mask);
    secrets.rememberInputs([inputs.githubToken, ...inputs.backendSecrets, ...inputs.variableSecrets]);
    try {
        return await provision(inputs, deps, secrets, deps.scratch);
    }
    catch (error) {
        if (error instanceof TerraformCommandError && inputs.command !== 'output')
            await comment(deps, inputs.clusterName, failureReportMarkdown({
                clusterName: inputs.clusterName,
                command: inputs.command,
                failedStep: error.command,
                errors: error.errors,
                ...(deps.logUrl ? { logUrl: deps.logUrl } : {})
            }, { secrets: secrets.fragments }), secrets);
        throw error;
    }
}
async function provision(inputs, deps, secrets, scratch) {
    const { terraform, log } = deps;
    const readOutputs = async () => {
        const outputs = (0,terraform_outputs/* parseOutputs */.Q8)(await terraform.capture(['output', '-json']));
        secrets.maskAll(outputs);
        return outputs;
    };
    // -reconfigure: the backend is always what this step's inputs say, even when an earlier step in
    // the same job initialised this directory for another cluster's state.
    await terraform.stream([
        'init',
        '-input=false',
        '-reconfigure',
        ...inputs.backendConfig.map((kv) => `-backend-config=${kv}`)
    ]);
    await restrictBackendRecord(inputs, deps.dataDir);
    // Secrets already in the state are masked before any plan or apply text is printed.
    let outputs = await readOutputs();
    if (inputs.command === 'output') {
        if (outputs.length === 0)
            log.warning(`The state holds no outputs for cluster ${inputs.clusterName}: run provision with command: apply first, or check that backend-config names this cluster's state.`);
        return await finish(inputs, deps, secrets, outputs, undefined);
    }
    // Named for the input it comes from: Terraform's errors about a value quote this file name.
    const tfvars = (0,external_node_path_.join)(scratch, 'variables-input.tfvars.json');
    await (0,promises_.writeFile)(tfvars, JSON.stringify(inputs.variables, null, 2), { mode: 0o600 });
    const planFile = (0,external_node_path_.join)(scratch, 'tfplan');
    let planJson;
    const undeclared = new UndeclaredVariables();
    await terraform.stream([
        'plan',
        '-input=false',
        `-out=${planFile}`,
        // The generated file comes last so that the `variables` input wins over var-files.
        ...[...inputs.varFiles, tfvars].map((file) => `-var-file=${file}`),
        ...(inputs.command === 'destroy' ? ['-destroy'] : [])
    ], {
        // An output known at plan time is printed under "Changes to Outputs:", a credential among them
        // too when the module forgot to mark it sensitive: held back until the saved plan's are masked.
        holdFrom: /^Changes to Outputs:\s*$/,
        watch: (line) => undeclared.watch(line),
        release: async () => {
            planJson = JSON.parse(await terraform.capture(['show', '-json', planFile]));
            secrets.maskAll((0,terraform_outputs/* plannedOutputs */.hu)(planJson));
            // The sensitive variables' values as terraform took them, whichever file gave them: a value the
            // checks before terraform ran did not find (a declaration they did not read as sensitive) too.
            secrets.maskValues((0,module_checks.sensitiveValues)({ ...inputs.variables, ...plannedVariables(planJson) }, sensitiveVariables(planJson)));
        }
    });
    // Said once the plan's log group is closed, so that the annotations stand out.
    const ignored = undeclared.warnings(inputs.variables, inputs.varFiles, tfvars, declaredVariables(planJson));
    for (const warning of ignored)
        log.warning(warning);
    const counts = planCounts(planJson);
    const plan = {
        counts,
        changes: hasChanges(counts),
        planText: await terraform.capture(['show', planFile])
    };
    // One line either way: with no changes every count is 0, which 'No changes' already says.
    log.info(plan.changes
        ? `Plan: ${planSummary(counts)}${stateOnlyText(counts)}.`
        : `No changes: nothing to ${inputs.command === 'destroy' ? 'destroy' : 'apply'}.`);
    if (inputs.command === 'plan')
        outputs = [];
    else if (plan.changes)
        await terraform.stream(['apply', '-input=false', planFile], {
            // New secrets appear only now; apply prints the outputs last, after they are masked.
            holdFrom: /^Outputs:\s*$/,
            release: async () => {
                outputs = await readOutputs();
            }
        });
    if (inputs.command === 'destroy')
        outputs = [];
    return await finish(inputs, deps, secrets, outputs, plan);
}
/**
 * `terraform init` records the backend settings, -backend-config credentials included, in
 * .terraform/terraform.tfstate under the working directory, readable by all (0644): made the
 * owner's alone. It stays in the workspace, so a workflow must not upload the working directory.
 */
async function restrictBackendRecord(inputs, dataDir = '.terraform') {
    if (inputs.backendSecrets.length === 0)
        return;
    await (0,promises_.chmod)((0,external_node_path_.resolve)(inputs.workingDirectory, dataDir, 'terraform.tfstate'), 0o600).catch(() => undefined);
}
async function finish(inputs, deps, secrets, outputs, plan) {
    const byName = new Map(outputs.map((output) => [output.name, output]));
    const text = (name) => {
        const output = byName.get(name);
        return output === undefined || output.value === null ? '' : (0,terraform_outputs/* outputText */.jO)(output.value);
    };
    const files = {};
    for (const name of ['kubeconfig', 'talosconfig']) {
        const content = text(name);
        if (content !== '')
            files[name] = await writeCredentialFile(deps.tempRoot, inputs.clusterName, name, content);
    }
    const result = {
        kubeconfig: text('kubeconfig'),
        talosconfig: text('talosconfig'),
        'kubeconfig-path': files.kubeconfig ?? '',
        'talosconfig-path': files.talosconfig ?? '',
        'api-endpoint': text('api_endpoint'),
        'issuer-url': text('issuer_url'),
        'oidc-provider-arn': text('oidc_provider_arn'),
        'has-changes': String(plan?.changes ?? false),
        'plan-summary': plan ? planSummary(plan.counts) : '',
        'outputs-json': JSON.stringify((0,terraform_outputs/* publicOutputs */.SB)(outputs))
    };
    const sections = [];
    if (plan && inputs.command !== 'output') {
        const report = {
            clusterName: inputs.clusterName,
            command: inputs.command,
            counts: plan.counts,
            hasChanges: plan.changes,
            planText: plan.planText,
            ...(deps.logUrl ? { logUrl: deps.logUrl } : {})
        };
        await comment(deps, inputs.clusterName, planReportMarkdown(report, { secrets: secrets.fragments }), secrets);
        sections.push(planReportMarkdown(report, { marker: false, secrets: secrets.fragments }));
    }
    else {
        sections.push(`### Terraform outputs for cluster ${(0,summary/* code */.aY)(inputs.clusterName)}`);
    }
    const shown = Object.entries((0,terraform_outputs/* publicOutputs */.SB)(outputs)).map(([name, value]) => [
        name,
        (0,summary/* code */.aY)((0,terraform_outputs/* outputText */.jO)(value))
    ]);
    for (const [name, path] of Object.entries(files))
        shown.push([name, `written to ${(0,summary/* code */.aY)(path)} (0600)`]);
    if (shown.length > 0)
        sections.push((0,summary/* table */.tp)(['Output', 'Value'], shown));
    // Otherwise the output command's summary would be its title alone.
    else if (inputs.command === 'output')
        sections.push("No outputs: the state holds none (apply first, or check that backend-config names this cluster's state).");
    return {
        outputs: result,
        // kubeconfig and talosconfig are secrets on purpose; the rest come from terraform's non-sensitive
        // outputs (terraform refuses a sensitive value in one) and paths, where a masked piece of a
        // structured sensitive output (its cluster name, say) would only turn an issuer URL into ***.
        verbatimOutputs: Object.keys(result),
        summary: (0,redact/* redactSecrets */.fp)(sections.join('\n\n'), secrets.fragments)
    };
}
async function comment(deps, clusterName, markdown, secrets) {
    if (!deps.commenter)
        return;
    const number = deps.commenter.pullRequest.number;
    const body = (0,redact/* redactSecrets */.fp)(markdown, secrets.fragments);
    try {
        const outcome = await deps.commenter.upsert(commentMarker(clusterName), body);
        deps.log.info(outcome === 'unchanged'
            ? `The plan comment on pull request #${number} is up to date: nothing written.`
            : `Plan comment ${outcome} on pull request #${number}.`);
    }
    catch (error) {
        // A read-only token (a pull request from a fork) must not fail a plan that succeeded.
        const reason = error instanceof Error ? error.message : String(error);
        deps.log.warning(`Could not comment on pull request #${number} (${reason}); the report is in the job summary and this log.`);
    }
}


/***/ })

};
