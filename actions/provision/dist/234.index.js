export const id = 234;
export const ids = [234];
export const modules = {

/***/ 234:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkAgainstModule: () => (/* binding */ checkAgainstModule),
  confineBackendPaths: () => (/* binding */ confineBackendPaths),
  readProvisionInputs: () => (/* binding */ readProvisionInputs),
  sensitiveValues: () => (/* binding */ sensitiveValues)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/terraform/outputs.ts
var outputs = __webpack_require__(4794);
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
                tokens.push({ kind: 'other' });
                i += 2;
                continue;
            }
            const close = new RegExp(`\\n[ \\t]*${heredoc[1]}[ \\t]*(\\r?\\n|$)`).exec(text.slice(i));
            tokens.push({ kind: 'other' });
            i = close ? i + close.index + close[0].length - (close[1] ? close[1].length : 0) : text.length;
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
            const ident = /^[A-Za-z_][\w-]*/.exec(text.slice(i))?.[0];
            tokens.push(ident ? { kind: 'ident', text: ident } : { kind: 'other' });
            i += ident ? ident.length : 1;
        }
    }
    return tokens;
}
/** A block's body from `start` (just past its `{`) to its `}`: attributes and nested blocks. */
function parseBody(tokens, start) {
    const block = { attributes: new Map(), blocks: [] };
    let i = start;
    while (i < tokens.length) {
        const token = tokens[i];
        if (token?.kind === 'close')
            return { block, next: i + 1 };
        if (token?.kind !== 'ident') {
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
            i = j + 1;
        }
    }
    return { block, next: i };
}
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
        const value = block.attributes.get('sensitive') ?? [];
        return value.length === 1 && value[0]?.kind === 'ident' && value[0].text === 'true';
    })
        .map((block) => block.labels[0]);
    return { backend, sensitive };
}
/** JSON syntax allows an object, or an array of objects, wherever native syntax has blocks. */
function objects(value) {
    const list = Array.isArray(value) ? value : [value];
    return list.filter((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
}
function jsonFacts(text) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return { backend: undefined, sensitive: [] };
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
                if (objects(declaration).some((body) => body.sensitive === true))
                    sensitive.push(name);
    }
    return { backend, sensitive };
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
    const facts = { backend: undefined, sensitiveVariables: new Set() };
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
/** The paths a backend-config key=value line names, as terraform reads them (relative to the module). */
function settingPaths(name, value, backend, moduleDir) {
    if (name === 'path' && backend === 'consul')
        return [];
    if (PATH_SETTINGS.has(name))
        return [value];
    // gcs reads credentials as a file when one is at that path (~ expanded first), else as the JSON key.
    if (name === 'credentials')
        return value.startsWith('~') || (0,external_node_fs_.existsSync)((0,external_node_path_.resolve)(moduleDir, value)) ? [value] : [];
    const quoted = PATH_LIST_SETTINGS.has(name)
        ? [...value.matchAll(QUOTED_STRING)]
        : name === 'assume_role_with_web_identity'
            ? [...value.matchAll(WEB_IDENTITY)]
            : [];
    if (quoted.length > 0 && /(?<![$%])[$%]\{/.test(value))
        throw new errors/* UserError */.yo(`the value of ${name} holds a template sequence (\${ or %{), which terraform would evaluate: write its paths plainly.`, 'backend-config');
    return quoted.map((match) => (0,inputs/* hclString */.ZK)(match[1] ?? ''));
}
/**
 * Refuses a backend setting that names a file or directory outside the workspace and RUNNER_TEMP,
 * as for the path inputs: terraform would read it (a credentials file, a kubeconfig, a key) or, for
 * the local backend, write the state there. `~` is refused: the s3, gcs, kubernetes, oss and cos
 * backends read it as the home directory, the local backend as a directory named ~.
 */
function confineBackendPaths(backendConfig, env, moduleDir, backend) {
    for (const line of backendConfig) {
        const match = /^([^=]+)=(.*)$/.exec(line);
        if (!match || match[2] === '')
            continue;
        const name = match[1] ?? '';
        // A credential's value is never quoted back, nor is a path that might be one (gcs's credentials).
        const secret = inputs/* CREDENTIAL_SETTING */.TE.test(name);
        for (const path of settingPaths(name, match[2] ?? '', backend, moduleDir)) {
            const relativeTo = (0,external_node_path_.isAbsolute)(path) ? '' : ' (relative to working-directory)';
            const shown = `${secret ? `the path ${name} names` : `${name} '${path}'`}${relativeTo}`;
            if (path.startsWith('~'))
                throw new errors/* UserError */.yo(`${shown} starts with ~, a home directory: give a path in the workspace or RUNNER_TEMP.`, 'backend-config');
            (0,input_paths/* confineToJob */.h)(env, (0,external_node_path_.resolve)(moduleDir, path), 'backend-config', shown);
        }
    }
}
/**
 * The values of `variables` for variables declared `sensitive = true`, whole and each string inside
 * a structured one: terraform hides them in its plan, but not where a function's error quotes one
 * (cidrsubnet: "invalid CIDR address: VALUE"), nor where the module passes one to nonsensitive().
 */
function sensitiveValues(variables, sensitive) {
    const values = Object.entries(variables)
        .filter(([name, value]) => sensitive.has(name) && value !== null)
        .flatMap(([, value]) => [(0,outputs/* outputText */.jO)(value), ...(0,outputs/* stringLeaves */.I7)(value)]);
    return [...new Set(values)];
}
/** The plain inputs, checked against the root module they name. */
function checkAgainstModule(inputs, env) {
    const module = readRootModule(inputs.workingDirectory);
    confineBackendPaths(inputs.backendConfig, env, inputs.workingDirectory, module.backend);
    return { ...inputs, variableSecrets: sensitiveValues(inputs.variables, module.sensitiveVariables) };
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
function parseOutputs(json) {
    let parsed;
    try {
        parsed = JSON.parse(json);
    }
    catch {
        throw new Error('terraform output -json did not print JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
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
    if (typeof value === 'object' && value !== null)
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
