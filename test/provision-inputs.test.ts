// Bad inputs stop the action before terraform runs: one UserError naming the input.
import { afterAll, describe, expect, test } from '@jest/globals';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isUserError } from '../src/io/errors.js';
import { mapInputReader } from '../src/io/inputs.js';
import { bundledTerraformRoot } from '../src/provision/bundled-root.js';
import { BUNDLED_CLUSTER_NAME, backendCredentials, readPlainInputs } from '../src/provision/inputs.js';
import { backendFileCredentials, readProvisionInputs } from '../src/provision/module-checks.js';
import { loadYamlParser } from '../src/io/yaml.js';
import { fixtureInputs, runProvision, sandbox } from './fixtures/provision/harness.js';

const yaml = await loadYamlParser({ exactNumbers: true });
const repoRoot = join(import.meta.dirname, '..');

// Directories outside every sandbox (the harness removes those), removed once the tests are done.
const outsideDirs: string[] = [];
afterAll(() => {
  for (const dir of outsideDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function outsideDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  outsideDirs.push(dir);
  return dir;
}

/** A sandbox whose PATH starts with a fake terraform that only records that it was started. */
function guardedSandbox() {
  const box = sandbox();
  const bin = join(box.dir, 'bin');
  mkdirSync(bin);
  const started = join(box.dir, 'terraform-was-run');
  writeFileSync(join(bin, 'terraform'), `#!/bin/sh\necho "$@" >> '${started}'\nexit 1\n`);
  chmodSync(join(bin, 'terraform'), 0o755);
  box.env.PATH = `${bin}:${box.env.PATH ?? ''}`;
  return { box, started };
}

describe('bad inputs fail before terraform runs', () => {
  const cases: [string, Record<string, string>, string, RegExp][] = [
    [
      'an unknown command',
      { command: 'deploy' },
      'command',
      /'deploy' is not one of plan, apply, destroy, output/
    ],
    [
      'a missing working directory',
      { 'working-directory': 'no/such/dir' },
      'working-directory',
      /is not a directory/
    ],
    [
      'a cluster name that is no DNS label',
      { 'cluster-name': 'Prod_Cluster' },
      'cluster-name',
      /not a DNS label/
    ],
    [
      'a cluster name too long for a label',
      { 'cluster-name': 'a'.repeat(64) },
      'cluster-name',
      /not a DNS label/
    ],
    [
      'variables that do not parse',
      { variables: 'node_count: [1, 2' },
      'variables',
      /does not parse as YAML or JSON/
    ],
    ['variables that are a list, not a map', { variables: '- a\n- b' }, 'variables', /must be a map/],
    [
      'a variable YAML would read as another number (an account ID losing its leading zero)',
      { variables: 'account_id: 012345678901' },
      'variables',
      /^Input 'variables': a plain number that YAML reads without its leading zeros \(quote it to pass it as written\) at line 1, column 13\.$/
    ],
    [
      'variables that rename the cluster',
      { variables: 'cluster_name: other' },
      'variables',
      /differs from the cluster-name input/
    ],
    [
      'a var-file that does not exist',
      { 'var-files': 'missing.tfvars' },
      'var-files',
      /'missing.tfvars' is not a file/
    ],
    [
      'a backend-config line without =',
      { 'backend-config': 'bucket' },
      'backend-config',
      /^Input 'backend-config': a line without = is not a file: each line is key=value or the path of a backend configuration file/
    ],
    [
      'a terraform-version that is no release',
      { 'terraform-version': 'latest' },
      'terraform-version',
      /not a Terraform release version/
    ],
    [
      'a working directory that climbs out of the workspace',
      { 'working-directory': '../../etc' },
      'working-directory',
      /^Input 'working-directory': '\.\.\/\.\.\/etc' is outside the workspace \(\/.+\) and RUNNER_TEMP \(\/.+\): give a path inside them\.$/
    ],
    [
      'a working directory given as an absolute path elsewhere on the runner',
      { 'working-directory': '/etc' },
      'working-directory',
      /^Input 'working-directory': '\/etc' is outside the workspace/
    ],
    [
      'a var-file elsewhere on the runner',
      { 'var-files': '/etc/passwd' },
      'var-files',
      /^Input 'var-files': '\/etc\/passwd' is outside the workspace/
    ],
    [
      'a backend file elsewhere on the runner',
      { 'backend-config': '/etc/terraform/backend.hcl' },
      'backend-config',
      /^Input 'backend-config': '\/etc\/terraform\/backend.hcl' is outside the workspace/
    ],
    [
      'comment-on-pr that is no YAML 1.2 boolean',
      { 'comment-on-pr': 'yes' },
      'comment-on-pr',
      /not a boolean/
    ]
  ];

  test.each(cases)('%s', async (_name, override, input, message) => {
    const { box, started } = guardedSandbox();
    const run = await runProvision({ ...fixtureInputs(box, 'bad-input'), ...override }, box.env);
    expect(isUserError(run.error)).toBe(true);
    expect(run.error?.message).toMatch(new RegExp(`^Input '${input}': `));
    expect(run.error?.message).toMatch(message);
    expect(existsSync(started)).toBe(false);
    expect(run.log.lines).toEqual([]);
  });

  test('a working directory without .tf files is refused', async () => {
    const { box, started } = guardedSandbox();
    mkdirSync(join(box.dir, 'empty'));
    const run = await runProvision(
      { ...fixtureInputs(box, 'bad-input'), 'working-directory': 'empty' },
      box.env
    );
    expect(run.error?.message).toBe(
      "Input 'working-directory': 'empty' holds no .tf files: it is not a Terraform root module."
    );
    expect(existsSync(started)).toBe(false);
  });

  test('a missing cluster name is refused', async () => {
    const { box, started } = guardedSandbox();
    const run = await runProvision({ ...fixtureInputs(box, 'x'), 'cluster-name': '' }, box.env);
    expect(run.error?.message).toMatch(/^Input 'cluster-name': is required but is empty: not given, or /);
    expect(existsSync(started)).toBe(false);
  });

  test('a terraform-version other than the terraform on PATH is a warning on the input; the same one is not', async () => {
    const box = sandbox();
    const bin = join(box.dir, 'bin');
    mkdirSync(bin);
    // A terraform that says it is 1.5.7, then fails at init.
    writeFileSync(
      join(bin, 'terraform'),
      `#!/bin/sh\nif [ "$1" = version ]; then echo '{"terraform_version":"1.5.7"}'; exit 0; fi\nexit 1\n`
    );
    chmodSync(join(bin, 'terraform'), 0o755);
    box.env.PATH = `${bin}:${box.env.PATH ?? ''}`;
    const warnings = async (version: string) =>
      (
        await runProvision({ ...fixtureInputs(box, 'versions'), 'terraform-version': version }, box.env)
      ).log.lines.filter((line) => line.startsWith('::warning::'));
    expect(await warnings('1.11.4')).toEqual([
      `::warning::Input 'terraform-version': 1.11.4 was asked for, but the terraform on PATH (${join(bin, 'terraform')}) is 1.5.7, and that one is used: the input installs Terraform only when none is on PATH.`
    ]);
    expect(await warnings('1.5.7')).toEqual([]);
  });

  test("the terraform on PATH is asked its version without the step's inputs or the Actions runtime's token", async () => {
    const box = sandbox();
    const bin = join(box.dir, 'bin');
    mkdirSync(bin);
    const seen = join(box.dir, 'version-env');
    writeFileSync(
      join(bin, 'terraform'),
      `#!/bin/sh\nif [ "$1" = version ]; then env > '${seen}'; echo '{"terraform_version":"1.5.7"}'; exit 0; fi\nexit 1\n`
    );
    chmodSync(join(bin, 'terraform'), 0o755);
    box.env.PATH = `${bin}:${box.env.PATH ?? ''}`;
    box.env['INPUT_GITHUB-TOKEN'] = 'ghs_notforterraform';
    box.env.ACTIONS_RUNTIME_TOKEN = 'runtime-notforterraform';
    await runProvision({ ...fixtureInputs(box, 'versions'), 'terraform-version': '1.11.4' }, box.env);
    const env = readFileSync(seen, 'utf8');
    expect(env).toContain(`PATH=${bin}:`);
    expect(env).not.toMatch(/notforterraform/);
  });

  test('no terraform on PATH and no terraform-version asks for one', async () => {
    const box = sandbox();
    box.env.PATH = join(box.dir, 'nothing-here');
    const run = await runProvision(fixtureInputs(box, 'no-terraform'), box.env);
    expect(isUserError(run.error)).toBe(true);
    expect(run.error?.message).toMatch(/^Input 'terraform-version': is not set and no terraform is on PATH/);
  });

  test('a backend-config error does not quote the line, which may hold a credential', async () => {
    const { box } = guardedSandbox();
    const run = await runProvision(
      { ...fixtureInputs(box, 'x'), 'backend-config': 'bucket=b\nsecret_key wJalrXUtnFEMI' },
      box.env
    );
    expect(run.error?.message).not.toContain('wJalrXUtnFEMI');
  });
});

describe('inputs as parsed', () => {
  const box = sandbox();
  writeFileSync(join(box.dir, 'a.tfvars'), 'node_count = 1\n');
  const parse = (values: Record<string, string>) =>
    readProvisionInputs(mapInputReader(values), box.env, join(repoRoot, 'terraform'), yaml);

  test('defaults: plan, the bundled root, comment on pull requests', () => {
    const inputs = parse({ 'cluster-name': 'prod-1' });
    expect(inputs).toEqual({
      command: 'plan',
      clusterName: 'prod-1',
      workingDirectory: join(repoRoot, 'terraform'),
      variables: { cluster_name: 'prod-1' },
      varFiles: [],
      backendConfig: [],
      backendSecrets: [],
      variableSecrets: [],
      terraformVersion: undefined,
      commentOnPr: true,
      githubToken: undefined
    });
  });

  test('paths are relative to the workspace; variables take JSON or YAML; cluster_name merged in', () => {
    const inputs = parse({
      'cluster-name': 'prod-1',
      'working-directory': 'module',
      variables: '{"node_count": 2, "tags": {"team": "infra"}}',
      'var-files': 'a.tfvars\n\n',
      'backend-config': 'bucket = my-state\nkey=clusters/prod-1.tfstate\nuse_lockfile=true',
      'terraform-version': 'v1.11.4'
    });
    expect(inputs.workingDirectory).toBe(box.module);
    expect(inputs.variables).toEqual({ node_count: 2, tags: { team: 'infra' }, cluster_name: 'prod-1' });
    expect(inputs.varFiles).toEqual([join(box.dir, 'a.tfvars')]);
    expect(inputs.backendConfig).toEqual([
      'bucket=my-state',
      'key=clusters/prod-1.tfstate',
      'use_lockfile=true'
    ]);
    expect(inputs.terraformVersion).toBe('1.11.4');
    expect(parse({ 'cluster-name': 'c', variables: 'node_count: 2\ncluster_name: c' }).variables).toEqual({
      node_count: 2,
      cluster_name: 'c'
    });
  });

  test('a backend-config line without = is a backend file, relative to the workspace, and its credentials are found', () => {
    writeFileSync(
      join(box.dir, 'backend.hcl'),
      'bucket     = "state-bucket"\nsecret_key = "wJalr\\"XUtn" # from the vault\n'
    );
    const inputs = parse({ 'cluster-name': 'c', 'backend-config': 'backend.hcl\nkey=c.tfstate' });
    expect(inputs.backendConfig).toEqual([join(box.dir, 'backend.hcl'), 'key=c.tfstate']);
    expect(inputs.backendSecrets).toEqual(['wJalr"XUtn']);
    expect(() => parse({ 'cluster-name': 'c', 'backend-config': 'missing.hcl' })).toThrow(
      "Input 'backend-config': 'missing.hcl' is not a file: each line is key=value or the path of a backend configuration file (.hcl, .tfbackend, .tfbackend.json)."
    );
    expect(() => parse({ 'cluster-name': 'c', 'backend-config': 'missing.tfbackend.json' })).toThrow(
      "Input 'backend-config': 'missing.tfbackend.json' is not a file: each line is key=value or the path of a backend configuration file (.hcl, .tfbackend, .tfbackend.json)."
    );
    expect(() => parse({ 'cluster-name': 'c', 'backend-config': 'bad key=x' })).toThrow(
      "Input 'backend-config': each line must be key=value or the path of a backend configuration file (a line is neither)."
    );
  });

  test('a backend-config value in quotes is refused: terraform would keep the quotes as part of it', () => {
    for (const line of ['key = "clusters/c.tfstate"', "key='clusters/c.tfstate'"])
      expect(() => parse({ 'cluster-name': 'c', 'backend-config': `bucket=b\n${line}` })).toThrow(
        "Input 'backend-config': the value of key is in quotes, which terraform would keep as part of it: write key=VALUE without them (a key=value line is not HCL)."
      );
    // Not quoted, as the value may be a credential.
    expect(() => parse({ 'cluster-name': 'c', 'backend-config': 'secret_key="wJalrXUtnFEMI"' })).toThrow(
      /^Input 'backend-config': the value of secret_key is in quotes[^"]*$/
    );
    // Quotes inside a value, or an HCL object for a nested setting, are terraform's to read.
    expect(
      parse({ 'cluster-name': 'c', 'backend-config': 'assume_role={role_arn="arn:aws:iam::1:role/x"}' })
        .backendConfig
    ).toEqual(['assume_role={role_arn="arn:aws:iam::1:role/x"}']);
  });

  test("a backend file whose path holds '=' is refused, as terraform would read it as key=value", () => {
    expect(() =>
      readProvisionInputs(
        mapInputReader({ 'cluster-name': 'c', 'backend-config': 'backend.hcl' }),
        { ...box.env, GITHUB_WORKSPACE: '/tmp/ws=x' },
        join(repoRoot, 'terraform'),
        yaml
      )
    ).toThrow(
      "Input 'backend-config': the backend file's path /tmp/ws=x/backend.hcl holds '=', which terraform would read as key=value: move the file."
    );
  });

  test("with the bundled root, cluster-name follows that module's stricter rule, before terraform runs", () => {
    const bundled = join(repoRoot, 'terraform');
    const parseBundled = (name: string, dir?: string) =>
      readProvisionInputs(
        mapInputReader({ 'cluster-name': name, ...(dir ? { 'working-directory': dir } : {}) }),
        { ...box.env, GITHUB_WORKSPACE: repoRoot },
        bundled,
        yaml
      );
    const refusal = (name: string) =>
      `Input 'cluster-name': '${name}' does not suit the bundled terraform/ module: use 1 to 32 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen.`;
    // DNS labels, but too long or starting with a digit for the bundled module's names.
    expect(() => parseBundled('c'.repeat(33))).toThrow(refusal('c'.repeat(33)));
    expect(() => parseBundled('1prod')).toThrow(refusal('1prod'));
    // The same directory named by working-directory is the same module.
    expect(() => parseBundled('1prod', 'terraform')).toThrow(refusal('1prod'));
    expect(parseBundled('c'.repeat(32)).clusterName).toBe('c'.repeat(32));
    // Another root module keeps the DNS-label rule.
    expect(parse({ 'cluster-name': '1prod', 'working-directory': 'module' }).clusterName).toBe('1prod');
  });

  test("the bundled module's rule is the one its variables.tf declares", () => {
    const variables = readFileSync(join(repoRoot, 'terraform', 'variables.tf'), 'utf8');
    const declared = /variable "cluster_name"[\s\S]*?regex\("([^"]+)"/.exec(variables)?.[1];
    expect(declared).toBe(BUNDLED_CLUSTER_NAME.source);
  });

  test('variables: a number is passed only as written; values JSON cannot hold are refused', () => {
    const variables = (text: string) => parse({ 'cluster-name': 'c', variables: text }).variables;
    const refused = (text: string) => {
      try {
        variables(text);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    // Each of these reached the .tfvars.json as another value: 31, null, 123456789012345680000, {}.
    expect(refused('mask: 0x1F')).toMatch(
      /^Input 'variables': a plain number that YAML reads in base 16 or 8 \(0x, 0o\), not as written/
    );
    expect(refused('ratio: .inf')).toMatch(/^Input 'variables': a plain number that JSON cannot hold/);
    expect(refused('big: 1e400')).toMatch(/^Input 'variables': a plain number that JSON cannot hold/);
    expect(refused('id: 123456789012345678901')).toMatch(
      /^Input 'variables': a plain number with more digits than a number here keeps/
    );
    // Too small for a double: 0, and a subnormal keeps too few digits (4.9e-324 reads as 5e-324).
    expect(refused('tiny: 1e-400')).toMatch(
      /^Input 'variables': a plain number smaller than a number here keeps/
    );
    expect(refused('tiny: 4.9e-324')).toMatch(
      /^Input 'variables': a plain number smaller than a number here keeps/
    );
    expect(refused('a: {b: [1, !!set {x}]}')).toBe(
      "Input 'variables': a.b[1] holds a value JSON cannot carry to terraform (a !!binary, !!set or !!timestamp value, or an infinite number): write a string, number, bool, list or map."
    );
    expect(refused('key: !!binary aGVsbG8=')).toMatch(
      /^Input 'variables': key holds a value JSON cannot carry/
    );
    expect(refused('when: !!timestamp 2024-01-01')).toMatch(
      /^Input 'variables': when holds a value JSON cannot/
    );
    // Numbers that read as written, and quoted text, pass unchanged.
    expect(
      variables(
        'account_id: "012345678901"\nn: 3\nf: 0.25\ne: 1.5e3\nlong: 1234567890123456\nneg: -7\nz: 0\nsmall: 2.5e-300\nz2: 0.0e-400'
      )
    ).toEqual({
      account_id: '012345678901',
      n: 3,
      f: 0.25,
      e: 1500,
      long: 1234567890123456,
      neg: -7,
      z: 0,
      small: 2.5e-300,
      z2: 0,
      cluster_name: 'c'
    });
  });

  test('without a bundled root, working-directory must be given', () => {
    expect(() =>
      readProvisionInputs(mapInputReader({ 'cluster-name': 'c' }), box.env, undefined, yaml)
    ).toThrow(
      /^Input 'working-directory': is not set and the suite's bundled terraform\/ root was not found/
    );
  });
});

describe('path inputs', () => {
  /** A root module and a .tfvars file in a directory of their own, outside any sandbox. */
  function elsewhere(): string {
    const dir = outsideDir('provision-elsewhere-');
    writeFileSync(join(dir, 'main.tf'), 'variable "cluster_name" {}\n');
    writeFileSync(join(dir, 'x.tfvars'), 'node_count = 1\n');
    writeFileSync(join(dir, 'x.tfbackend'), 'path = "x.tfstate"\n');
    return dir;
  }
  const parse = (env: NodeJS.ProcessEnv, values: Record<string, string>) =>
    readProvisionInputs(mapInputReader({ 'cluster-name': 'c', ...values }), env, undefined, yaml);

  test('a link inside the workspace to a directory or file outside it is refused', () => {
    const box = sandbox();
    const outside = elsewhere();
    symlinkSync(outside, join(box.dir, 'linked-module'));
    symlinkSync(join(outside, 'x.tfvars'), join(box.dir, 'linked.tfvars'));
    symlinkSync(join(outside, 'x.tfbackend'), join(box.dir, 'linked.tfbackend'));
    expect(() => parse(box.env, { 'working-directory': 'linked-module' })).toThrow(
      `Input 'working-directory': 'linked-module' (which resolves to ${realpathSync(outside)}) is outside the workspace (${box.dir}) and RUNNER_TEMP (${box.runnerTemp}): give a path inside them.`
    );
    expect(() => parse(box.env, { 'working-directory': box.module, 'var-files': 'linked.tfvars' })).toThrow(
      /^Input 'var-files': 'linked.tfvars' \(which resolves to .+\/x\.tfvars\) is outside the workspace/
    );
    expect(() =>
      parse(box.env, { 'working-directory': box.module, 'backend-config': 'linked.tfbackend' })
    ).toThrow(
      /^Input 'backend-config': 'linked.tfbackend' \(which resolves to .+\/x\.tfbackend\) is outside/
    );
  });

  test("RUNNER_TEMP, where workflows write generated modules and .tfvars, is the job's too", () => {
    const box = sandbox();
    const runnerTemp = elsewhere();
    const inputs = parse(
      { ...box.env, RUNNER_TEMP: runnerTemp },
      {
        'working-directory': runnerTemp,
        'var-files': join(runnerTemp, 'x.tfvars'),
        'backend-config': join(runnerTemp, 'x.tfbackend')
      }
    );
    expect(inputs.workingDirectory).toBe(runnerTemp);
    expect(inputs.varFiles).toEqual([join(runnerTemp, 'x.tfvars')]);
    // Without it, the same directory is elsewhere on the runner.
    const { RUNNER_TEMP: _unset, ...withoutTemp } = box.env;
    expect(() => parse(withoutTemp, { 'working-directory': runnerTemp })).toThrow(
      `Input 'working-directory': '${runnerTemp}' is outside the workspace (${box.dir}): give a path inside it.`
    );
  });

  test('a workspace reached through a link holds what is in it', () => {
    const box = sandbox();
    const alias = join(outsideDir('provision-alias-'), 'ws');
    symlinkSync(box.dir, alias);
    const inputs = parse({ ...box.env, GITHUB_WORKSPACE: alias }, { 'working-directory': box.module });
    expect(inputs.workingDirectory).toBe(box.module);
  });
});

describe('backend credentials', () => {
  test('are masked before terraform runs; other settings are not', async () => {
    const { box, started } = guardedSandbox();
    const run = await runProvision(
      {
        ...fixtureInputs(box, 'creds'),
        'backend-config':
          'bucket=state-bucket\nkey=talos/creds.tfstate\nsecret_key=wJalrXUtnFEMIEXAMPLE\ntoken=FwoGZXIvYXdzEXAMPLE'
      },
      box.env
    );
    expect(existsSync(started)).toBe(true);
    expect(run.masks.map((mask) => mask.value)).toEqual(['wJalrXUtnFEMIEXAMPLE', 'FwoGZXIvYXdzEXAMPLE']);
    expect(run.masks.every((mask) => mask.logLength === 0)).toBe(true);
  });

  test("are found in every backend's credential settings, and the state's location is not", () => {
    const gcsKey = '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----x"}';
    const lines = [
      'bucket=state-bucket',
      'key=talos/creds.tfstate',
      'region=eu-west-1',
      `credentials=${gcsKey}`,
      'encryption_key=c2VjcmV0LWVuY3J5cHRpb24ta2V5',
      'sse_customer_key=c3NlLWN1c3RvbWVyLWtleQ==',
      'client_private_key_pem=-----BEGIN EC PRIVATE KEY-----y',
      'sas_token=sv=2024&sig=abc',
      'client_secret=azure-secret',
      'conn_str=postgres://u:p@db/state',
      'client_key=-----BEGIN RSA PRIVATE KEY-----k8s',
      'client_certificate=MIIKPAIBAzCCCfYGCSqGSIb3DQEHAaCC',
      'client_certificate_path=/etc/ssl/sp.pfx'
    ];
    expect(backendCredentials(lines)).toEqual([
      gcsKey,
      'c2VjcmV0LWVuY3J5cHRpb24ta2V5',
      'c3NlLWN1c3RvbWVyLWtleQ==',
      '-----BEGIN EC PRIVATE KEY-----y',
      'sv=2024&sig=abc',
      'azure-secret',
      'postgres://u:p@db/state',
      // kubernetes's PEM client key; azurerm's base64 PKCS#12 bundle, its private key included.
      '-----BEGIN RSA PRIVATE KEY-----k8s',
      'MIIKPAIBAzCCCfYGCSqGSIb3DQEHAaCC'
    ]);
  });
});

describe('backend files', () => {
  /** The credentials of backend files holding `texts`, named as the keys say. */
  function credentialsOf(texts: Record<string, string>): string[] {
    const dir = outsideDir('backend-files-');
    for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir, name), text);
    return backendFileCredentials([...Object.keys(texts).map((name) => join(dir, name)), 'key=x.tfstate']);
  }

  test('yield the values of credential attributes, nested ones too, and nothing else', () => {
    const text = [
      '# S3 state with static keys',
      'bucket         = "state-bucket"',
      'key            = "talos/prod.tfstate"',
      'region         = "eu-west-1"',
      'access_key     = "AKIAIOSFODNN7EXAMPLE"',
      'secret_key     = "wJalrXUtnFEMI/K7MDENG" // rotated monthly',
      'use_lockfile   = true',
      'assume_role = {',
      '  role_arn     = "arn:aws:iam::123456789012:role/state"',
      '  "session_token": "FwoGZXIvYXdzEXAMPLE",',
      '}',
      'password = "a\\u0041b"',
      'assume_role_with_web_identity = { role_arn = "arn:aws:iam::1:role/x", web_identity_token = "TOKEN1" }',
      'credentials = <<EOF',
      '{"type": "service_account",',
      ' "client_email": "x@y"}',
      'EOF',
      'sse_customer_key = "abc$${def"',
      'token=bare-secret-1 # from the vault'
    ].join('\n');
    expect(credentialsOf({ 'backend.hcl': text }).sort()).toEqual(
      [
        'AKIAIOSFODNN7EXAMPLE',
        'wJalrXUtnFEMI/K7MDENG',
        'FwoGZXIvYXdzEXAMPLE',
        'aAb',
        'TOKEN1',
        // The heredoc whole and line by line: the runner masks a multi-line value only whole.
        '{"type": "service_account",\n "client_email": "x@y"}',
        '{"type": "service_account",',
        '"client_email": "x@y"}',
        'abc${def',
        'bare-secret-1'
      ].sort()
    );
    expect(credentialsOf({ 'backend.tfbackend.json': '{"access_key":"AK","secret_key":"SK"}' })).toEqual([
      'AK',
      'SK'
    ]);
  });

  test('are read once for their credentials and their paths: a file terraform refuses, whose error would quote its lines, yields none and is refused before terraform starts', async () => {
    // Checked against terraform 1.11.4's init -backend-config=FILE: each of these is refused
    // (Attribute redefined, Unsupported block type, Invalid argument name), its line quoted.
    const unread = 'does not read as a file of name = value settings: terraform would refuse it too.';
    for (const [text, said] of [
      [
        'path = "a.tfstate"\nsecret_key = "first-s3cr3t-value"\nsecret_key = "second-s3cr3t-value"\n',
        'gives secret_key twice, which terraform refuses, quoting the line: give each setting once.'
      ],
      ['path = "a.tfstate"\nassume_role {\n  session_token = "block-s3cr3t-value"\n}\n', unread],
      ['path = "a.tfstate"\n"secret_key" = "quoted-s3cr3t-value"\n', unread]
    ] as const) {
      expect(credentialsOf({ 'backend.hcl': text })).toEqual([]);
      const { box, started } = guardedSandbox();
      writeFileSync(join(box.dir, 'backend.hcl'), text);
      const run = await runProvision(
        fixtureInputs(box, 'refused', { 'backend-config': 'backend.hcl' }),
        box.env
      );
      expect(run.error?.message).toBe(`Input 'backend-config': the backend file 'backend.hcl' ${said}`);
      expect(existsSync(started)).toBe(false);
    }
  });

  test('a file terraform takes has its credentials masked before terraform starts and its paths confined, from the one reading', async () => {
    const { box, started } = guardedSandbox();
    writeFileSync(
      join(box.dir, 'backend.hcl'),
      `path = "${join(box.dir, 'state.tfstate')}"\nsecret_key = "one-reading-s3cr3t"\n`
    );
    const run = await runProvision(
      fixtureInputs(box, 'one-reading', { 'backend-config': 'backend.hcl' }),
      box.env
    );
    expect(existsSync(started)).toBe(true);
    expect(run.masks.find((mask) => mask.value === 'one-reading-s3cr3t')?.logLength).toBe(0);
    writeFileSync(
      join(box.dir, 'backend.hcl'),
      'path = "/etc/x.tfstate"\nsecret_key = "one-reading-s3cr3t"\n'
    );
    const refused = await runProvision(
      fixtureInputs(box, 'one-reading', { 'backend-config': 'backend.hcl' }),
      box.env
    );
    expect(refused.error?.message).toMatch(
      /^Input 'backend-config': path '\/etc\/x.tfstate' \(in 'backend.hcl'\) is outside/
    );
  });
});

describe('the bundled terraform/ root', () => {
  test('is found from the sources and from the bundle alike', () => {
    const expected = join(repoRoot, 'terraform');
    for (const file of ['src/provision/action.ts', 'actions/provision/dist/index.js'])
      expect(bundledTerraformRoot(pathToFileURL(join(repoRoot, file)).href)).toBe(expected);
  });

  test('is not found from a checkout without the suite', () => {
    const box = sandbox();
    expect(bundledTerraformRoot(pathToFileURL(join(box.dir, 'a', 'b', 'index.js')).href)).toBeUndefined();
  });
});

describe('the variables input on disk', () => {
  test("is written for terraform to a file only the runner's user can read, in a directory only it can enter", async () => {
    const box = sandbox();
    const bin = join(box.dir, 'bin');
    mkdirSync(bin);
    const modes = join(box.dir, 'modes');
    // A terraform that records the generated file's mode and its directory's at plan, then fails.
    writeFileSync(
      join(bin, 'terraform'),
      [
        '#!/bin/sh',
        'for arg in "$@"; do case "$arg" in -var-file=*variables-input.tfvars.json)',
        `  file="\${arg#-var-file=}"; stat -c '%a' "$file" "$(dirname "$file")" > '${modes}';;`,
        'esac; done',
        'case "$1" in init) exit 0;; output) echo "{}"; exit 0;; esac',
        'exit 1',
        ''
      ].join('\n')
    );
    chmodSync(join(bin, 'terraform'), 0o755);
    box.env.PATH = `${bin}:${box.env.PATH ?? ''}`;
    const run = await runProvision(fixtureInputs(box, 'modes', { variables: 'node_label: x' }), box.env);
    expect(run.error?.message).toMatch(/^terraform plan failed/);
    expect(readFileSync(modes, 'utf8').split('\n')).toEqual(['600', '700', '']);
  });
});

describe('backend settings that name a file', () => {
  /** A sandbox whose module uses `backend`, and the inputs read against it. */
  function withBackend(backend: string) {
    const box = sandbox();
    writeFileSync(join(box.module, 'main.tf'), `terraform {\n  backend "${backend}" {}\n}\n`);
    const parse = (backendConfig: string) =>
      readProvisionInputs(
        mapInputReader({
          'cluster-name': 'c',
          'working-directory': box.module,
          'backend-config': backendConfig
        }),
        box.env,
        undefined,
        yaml
      );
    return { box, parse };
  }
  const outside = (box: ReturnType<typeof sandbox>) =>
    `is outside the workspace (${box.dir}) and RUNNER_TEMP (${box.runnerTemp}): give a path inside them.`;

  test("the local backend's state and workspaces must be in the workspace or RUNNER_TEMP, as terraform reads them", () => {
    const { box, parse } = withBackend('local');
    expect(() => parse('path=/etc/passwd')).toThrow(
      `Input 'backend-config': path '/etc/passwd' ${outside(box)}`
    );
    // Relative to the module's directory, where terraform runs.
    expect(() => parse('path=../../escaped.tfstate')).toThrow(
      `Input 'backend-config': path '../../escaped.tfstate' (relative to working-directory) ${outside(box)}`
    );
    expect(() => parse('workspace_dir=/var/tmp/workspaces')).toThrow(
      `Input 'backend-config': workspace_dir '/var/tmp/workspaces' ${outside(box)}`
    );
    expect(parse(`path=${box.statePath}\nworkspace_dir=../states.d`).backendConfig).toEqual([
      `path=${box.statePath}`,
      'workspace_dir=../states.d'
    ]);
    expect(parse(`path=${join(box.runnerTemp, 'a.tfstate')}`).backendConfig).toHaveLength(1);
  });

  test('a state file not written yet is judged by where its directory, or a dangling link, really is', () => {
    const { box, parse } = withBackend('local');
    const elsewhere = realpathSync(outsideDir('provision-state-elsewhere-'));
    symlinkSync(elsewhere, join(box.dir, 'states'));
    expect(() => parse('path=../states/new.tfstate')).toThrow(
      `Input 'backend-config': path '../states/new.tfstate' (relative to working-directory) (which resolves to ${join(elsewhere, 'new.tfstate')}) ${outside(box)}`
    );
    symlinkSync(join(elsewhere, 'missing', 'x.tfstate'), join(box.dir, 'dangling.tfstate'));
    expect(() => parse(`path=${join(box.dir, 'dangling.tfstate')}`)).toThrow(
      /^Input 'backend-config': path '.+\/dangling\.tfstate' \(which resolves to .+\/missing\/x\.tfstate\) is outside/
    );
  });

  test("credential files, CA bundles, kubeconfigs and keys of every backend are confined; a credential's path is not quoted", () => {
    const { box, parse } = withBackend('s3');
    const refusals: [string, string][] = [
      ['shared_credentials_file=/home/runner/.aws/credentials', 'the path shared_credentials_file names'],
      [
        'shared_credentials_files=["creds", "/home/runner/.aws/credentials"]',
        'the path shared_credentials_files names'
      ],
      ['shared_config_files=["/etc/aws/config"]', "shared_config_files '/etc/aws/config'"],
      ['custom_ca_bundle=/etc/ssl/certs/ca.pem', "custom_ca_bundle '/etc/ssl/certs/ca.pem'"],
      [
        'assume_role_with_web_identity={role_arn="arn:aws:iam::1:role/x", web_identity_token_file="/srv/oidc/token"}',
        "assume_role_with_web_identity '/srv/oidc/token'"
      ],
      ['config_path=/root/.kube/config', "config_path '/root/.kube/config'"],
      ['config_paths=["/root/.kube/config"]', "config_paths '/root/.kube/config'"],
      ['client_certificate_path=/etc/ssl/sp.pfx', "client_certificate_path '/etc/ssl/sp.pfx'"],
      ['client_secret_file_path=/etc/azure/secret', 'the path client_secret_file_path names'],
      ['oidc_token_file_path=/etc/azure/token', 'the path oidc_token_file_path names'],
      ['client_id_file_path=/etc/azure/id', "client_id_file_path '/etc/azure/id'"],
      ['ca_file=/etc/consul/ca.pem', "ca_file '/etc/consul/ca.pem'"],
      ['key_file=/etc/consul/key.pem', "key_file '/etc/consul/key.pem'"],
      ['shared_credentials_dir=/root/.tccli', 'the path shared_credentials_dir names'],
      ['private_key_path=/root/.oci/key.pem', 'the path private_key_path names'],
      // gcs reads credentials as a file when one is at that path.
      ['credentials=/etc/hostname', 'the path credentials names']
    ];
    for (const [line, shown] of refusals) {
      let message = '';
      try {
        parse(line);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toBe(`Input 'backend-config': ${shown} ${outside(box)}`);
    }
    // Inside the workspace, relative to the module, they pass as they are.
    expect(
      parse('shared_credentials_files=["../aws/credentials"]\ncustom_ca_bundle=ca.pem').backendConfig
    ).toEqual(['shared_credentials_files=["../aws/credentials"]', 'custom_ca_bundle=ca.pem']);
  });

  test("gcs's credentials given as the key's JSON is not a path", () => {
    const { parse } = withBackend('gcs');
    const key = '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----x"}';
    expect(parse(`credentials=${key}`).backendSecrets).toEqual([key]);
  });

  test('~ is refused, which most backends read as the home directory', () => {
    const { parse } = withBackend('kubernetes');
    expect(() => parse('config_path=~/.kube/config')).toThrow(
      "Input 'backend-config': config_path '~/.kube/config' (relative to working-directory) starts with ~, a home directory: give a path in the workspace or RUNNER_TEMP."
    );
    expect(() => parse('credentials=~/gcp.json')).toThrow(
      "Input 'backend-config': the path credentials names (relative to working-directory) starts with ~, a home directory: give a path in the workspace or RUNNER_TEMP."
    );
  });

  test("consul's path is a key in Consul, not a file; a backend_override.tf's backend is the one used", () => {
    const { box, parse } = withBackend('consul');
    expect(parse('path=/prod/cluster.tfstate').backendConfig).toEqual(['path=/prod/cluster.tfstate']);
    writeFileSync(join(box.module, 'backend_override.tf'), 'terraform {\n  backend "local" {}\n}\n');
    expect(() => parse('path=/prod/cluster.tfstate')).toThrow(
      /^Input 'backend-config': path '\/prod\/cluster\.tfstate' is outside/
    );
  });

  test('a list of paths holding a template sequence is refused, as terraform would evaluate it', () => {
    const { parse } = withBackend('s3');
    // %${ is a literal % and then an interpolation: only $${ and %%{ are escapes.
    for (const value of ['["${"/etc"}/aws"]', '["/tmp/%${"/etc"}"]', '["/tmp/$%{ if true }x%{ endif }"]'])
      expect(() => parse(`shared_config_files=${value}`)).toThrow(
        "Input 'backend-config': the value of shared_config_files holds a template sequence (${ or %{), which terraform would evaluate: write its paths plainly."
      );
  });
});

describe('backend files: their settings that name a file', () => {
  /** A sandbox whose module uses `backend`, with backend files written in the workspace. */
  function withBackendFiles(backend: string) {
    const box = sandbox();
    writeFileSync(join(box.module, 'main.tf'), `terraform {\n  backend "${backend}" {}\n}\n`);
    const parse = (name: string, text: string) => {
      writeFileSync(join(box.dir, name), text);
      return readProvisionInputs(
        mapInputReader({ 'cluster-name': 'c', 'working-directory': box.module, 'backend-config': name }),
        box.env,
        undefined,
        yaml
      );
    };
    const refusal = (name: string, text: string) => {
      try {
        parse(name, text);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    return { box, parse, refusal };
  }
  const outside = (box: ReturnType<typeof sandbox>) =>
    `is outside the workspace (${box.dir}) and RUNNER_TEMP (${box.runnerTemp}): give a path inside them.`;

  test('in backend.hcl, *.tfbackend and *.tfbackend.json are confined as a key=value line is, relative to the module', () => {
    const { box, parse, refusal } = withBackendFiles('local');
    expect(refusal('backend.hcl', 'path = "/etc/x.tfstate"\n')).toBe(
      `Input 'backend-config': path '/etc/x.tfstate' (in 'backend.hcl') ${outside(box)}`
    );
    // Relative to the module's directory, where terraform runs, not to the file's.
    expect(refusal('prod.tfbackend', '# state\nworkspace_dir = "../../states" // shared\n')).toBe(
      `Input 'backend-config': workspace_dir '../../states' (in 'prod.tfbackend', relative to working-directory) ${outside(box)}`
    );
    expect(refusal('prod.tfbackend.json', '{"path": "/var/tmp/x.tfstate"}')).toBe(
      `Input 'backend-config': path '/var/tmp/x.tfstate' (in 'prod.tfbackend.json') ${outside(box)}`
    );
    expect(
      parse('ok.tfbackend', 'path = "../states/a.tfstate"\nworkspace_dir = "ws.d"\n').backendConfig
    ).toEqual([join(box.dir, 'ok.tfbackend')]);
    expect(
      parse('ok.tfbackend.json', `{"path": "${join(box.runnerTemp, 'a.tfstate')}"}`).backendConfig
    ).toHaveLength(1);
  });

  test("lists, web identity objects and every backend's path settings; a credential's path is not quoted; ~ is refused", () => {
    const { box, refusal } = withBackendFiles('s3');
    const cases: [string, string, string][] = [
      [
        's3.tfbackend',
        'shared_credentials_file = "/home/runner/.aws/credentials"',
        'the path shared_credentials_file names'
      ],
      [
        's3.tfbackend',
        'bucket = "b"\nshared_config_files = [\n  "config",\n  "/etc/aws/config",\n]\n',
        "shared_config_files '/etc/aws/config'"
      ],
      [
        's3.hcl',
        'assume_role_with_web_identity = {\n  role_arn                = "arn:aws:iam::1:role/x"\n  duration                = "1h"\n  web_identity_token_file = "/srv/oidc/token"\n}\n',
        "assume_role_with_web_identity '/srv/oidc/token'"
      ],
      [
        's3.hcl',
        'assume_role_with_web_identity = { role_arn = "arn:aws:iam::1:role/x", "web_identity_token_file": "/srv/oidc/token" }',
        "assume_role_with_web_identity '/srv/oidc/token'"
      ],
      [
        'k8s.tfbackend.json',
        '{"config_paths": ["kubeconfig", "/root/.kube/config"]}',
        "config_paths '/root/.kube/config'"
      ],
      [
        's3.tfbackend.json',
        '{"assume_role_with_web_identity": {"web_identity_token_file": "/srv/oidc/token"}}',
        "assume_role_with_web_identity '/srv/oidc/token'"
      ],
      [
        'azure.hcl',
        'client_secret_file_path = "/etc/azure/secret"',
        'the path client_secret_file_path names'
      ],
      ['consul.hcl', 'ca_file = "/etc/consul/ca.pem"', "ca_file '/etc/consul/ca.pem'"],
      ['gcs.hcl', 'credentials = "/etc/hostname"', 'the path credentials names']
    ];
    cases.forEach(([name, text, shown], index) => {
      const file = name.replace('.', `-${index}.`);
      expect(refusal(file, text)).toBe(`Input 'backend-config': ${shown} (in '${file}') ${outside(box)}`);
    });
    expect(refusal('home.tfbackend', 'shared_credentials_file = "~/.aws/credentials"')).toBe(
      "Input 'backend-config': the path shared_credentials_file names (in 'home.tfbackend', relative to working-directory) starts with ~, a home directory: give a path in the workspace or RUNNER_TEMP."
    );
  });

  test("consul's path, gcs's key given as JSON, and settings that name no file pass, whatever their form", () => {
    const { box, parse } = withBackendFiles('consul');
    const text = [
      'path    = "/prod/cluster.tfstate"',
      'address = "consul.example.com:8500"',
      'scheme  = true ? "https" : "http"',
      'credentials = <<EOF',
      '{"type": "service_account"}',
      'EOF',
      'lock = true'
    ].join('\n');
    expect(parse('consul.hcl', text).backendConfig).toEqual([join(box.dir, 'consul.hcl')]);
    expect(parse('gcs.hcl', 'credentials = "{\\"type\\": \\"service_account\\"}"').backendSecrets).toEqual([
      '{"type": "service_account"}'
    ]);
  });

  test('a path setting written so that only evaluating it tells the path (a heredoc, an expression, a template) is refused', () => {
    const { refusal } = withBackendFiles('s3');
    const unreadable = (name: string, file: string) =>
      `Input 'backend-config': ${name} in '${file}' is not written plainly (it is a heredoc, an expression, or a string holding \${ or %{), so the files it names cannot be checked before terraform evaluates it: write each path as a quoted string.`;
    const cases: [string, string][] = [
      ['custom_ca_bundle', 'custom_ca_bundle = <<EOF\n/etc/ssl/ca.pem\nEOF\n'],
      ['custom_ca_bundle', 'custom_ca_bundle = true ? "/etc/ssl/ca.pem" : "ca.pem"'],
      ['custom_ca_bundle', 'custom_ca_bundle = "${"/etc"}/ssl/ca.pem"'],
      ['custom_ca_bundle', 'custom_ca_bundle = ("/etc/ssl/ca.pem")'],
      ['shared_config_files', 'shared_config_files = ["config", "%{if true}/etc/aws/config%{endif}"]'],
      ['shared_config_files', 'shared_config_files = concat(["/etc/aws/config"])'],
      [
        'assume_role_with_web_identity',
        'assume_role_with_web_identity = { web_identity_token_file = "/srv/${"x"}" }'
      ],
      ['credentials', 'credentials = upper("/etc/hostname")'],
      ['conn_str', 'conn_str = <<EOF\npostgres://db/state?sslrootcert=/etc/ca.pem\nEOF\n']
    ];
    cases.forEach(([name, text], index) =>
      expect(refusal(`e${index}.hcl`, text)).toBe(unreadable(name, `e${index}.hcl`))
    );
    expect(refusal('e.tfbackend.json', '{"custom_ca_bundle": "%{if true}/etc%{endif}/ca.pem"}')).toBe(
      unreadable('custom_ca_bundle', 'e.tfbackend.json')
    );
  });

  test('a backend file that does not read as settings is refused, as terraform would refuse it', () => {
    const { refusal } = withBackendFiles('local');
    expect(refusal('stray.hcl', 'path = "a.tfstate"\n}\npath = "/etc/x"\n')).toBe(
      "Input 'backend-config': the backend file 'stray.hcl' does not read as a file of name = value settings: terraform would refuse it too."
    );
    expect(refusal('bad.tfbackend.json', 'path = "a.tfstate"')).toBe(
      "Input 'backend-config': the backend file 'bad.tfbackend.json' does not read as a file of name = value settings (JSON, for its .json name): terraform would refuse it too."
    );
  });
});

describe("pg's conn_str", () => {
  function withPg() {
    const box = sandbox();
    writeFileSync(join(box.module, 'main.tf'), 'terraform {\n  backend "pg" {}\n}\n');
    const refusal = (backendConfig: string) => {
      try {
        readProvisionInputs(
          mapInputReader({
            'cluster-name': 'c',
            'working-directory': box.module,
            'backend-config': backendConfig
          }),
          box.env,
          undefined,
          yaml
        );
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    return { box, refusal };
  }
  const outside = (box: ReturnType<typeof sandbox>) =>
    `is outside the workspace (${box.dir}) and RUNNER_TEMP (${box.runnerTemp}): give a path inside them.`;

  test('names its sslcert, sslkey and sslrootcert files in the workspace or RUNNER_TEMP, never quoted, URL or key=value', () => {
    const { box, refusal } = withPg();
    const cases: [string, string][] = [
      [
        'conn_str=postgres://tf:pw-1@db/state?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem',
        'sslrootcert'
      ],
      // Query parameters are form-decoded; the first of a repeated one is the one lib/pq reads.
      ['conn_str=postgresql://db/state?sslcert=%2Fhome%2Frunner%2Fcert.pem&sslcert=cert.pem', 'sslcert'],
      [
        "conn_str=host=db user=tf password='p w' sslkey = '/home/runner/.postgresql/client key.pem'",
        'sslkey'
      ],
      ['conn_str=host=db sslkey=../../client\\ key.pem', 'sslkey']
    ];
    for (const [line, parameter] of cases) {
      const message = refusal(line);
      const relativeTo = line.includes('../../') ? ' (relative to working-directory)' : '';
      expect(message).toBe(
        `Input 'backend-config': the path conn_str's ${parameter} names${relativeTo} ${outside(box)}`
      );
      // conn_str is a credential: nothing of it is quoted, the path included.
      for (const part of ['pw-1', 'p w', 'db/state', 'ssl/', 'home/runner', 'client'])
        expect(message.includes(part)).toBe(false);
    }
    writeFileSync(
      join(box.dir, 'pg.tfbackend'),
      'conn_str = "postgres://db/state?sslkey=%7E%2F.pg%2Fkey.pem"\n'
    );
    expect(refusal('pg.tfbackend')).toBe(
      "Input 'backend-config': the path conn_str's sslkey names (in 'pg.tfbackend', relative to working-directory) starts with ~, a home directory: give a path in the workspace or RUNNER_TEMP."
    );
  });

  test('passes files in the workspace, inline PEM text (sslinline=true), the system store, and no files at all', () => {
    const { box, refusal } = withPg();
    for (const line of [
      'conn_str=postgres://tf:pw@db/state?sslmode=verify-full&sslrootcert=../certs/ca.pem&sslcert=cert.pem',
      `conn_str=host=db sslrootcert='${join(box.runnerTemp, 'ca.pem')}'`,
      'conn_str=postgres://db/state?sslinline=true&sslrootcert=-----BEGIN%20CERTIFICATE-----%2Fetc',
      'conn_str=host=db sslinline=true sslcert=/etc/x',
      'conn_str=postgres://db/state?sslrootcert=system',
      'conn_str=postgres://db/state?sslmode=disable',
      'conn_str=host=/var/run/postgresql dbname=state'
    ])
      expect(refusal(line)).toBe('accepted');
  });
});

describe('a number in variables that YAML would read as another', () => {
  test("is refused by its place, never quoted: it may be a sensitive variable's secret, not masked yet", async () => {
    const { box, started } = guardedSandbox();
    writeFileSync(join(box.module, 'secrets.tf'), 'variable "db" {\n  sensitive = true\n}\n');
    for (const [value, changed] of [
      ['0123456789', '123456789'],
      ['123456789012345678901', '123456789012345680000'],
      ['0x7A3F9C21', '2050988065']
    ] as const) {
      const run = await runProvision(
        fixtureInputs(box, 'numbers', { variables: `db:\n  pin: ${value}` }),
        box.env
      );
      expect(run.error?.message).toMatch(/^Input 'variables': a plain number .*\) at line 2, column 8\.$/);
      expect(run.error?.message).not.toContain(value);
      expect(run.error?.message).not.toContain(changed);
      expect(run.log.lines.filter((line) => line.includes(value) || line.includes(changed))).toEqual([]);
    }
    expect(existsSync(started)).toBe(false);
  });
});

describe('variables that YAML refuses or would read as other than written', () => {
  test('are refused by the place and the kind of problem, never quoting the text: an alias, a tag, a directive', () => {
    const box = sandbox();
    const refusal = (text: string): string => {
      try {
        readPlainInputs(
          mapInputReader({ 'cluster-name': 'c', 'working-directory': box.module, variables: text }),
          box.env,
          undefined,
          yaml
        );
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    // Each was a secret that starts with * or !, or a line with %: YAML read it as an alias (an
    // error quoting the name), a tag (the value read as "", the line printed to stderr as a
    // warning), or a directive.
    expect(refusal('db: {pin: *s3cr3t-alias}')).toBe(
      "Input 'variables': does not parse as YAML or JSON: Unresolved alias (the anchor must be set before the alias)."
    );
    expect(refusal('db:\n  pin: !s3cr3t-tag')).toBe(
      "Input 'variables': does not parse as YAML or JSON: Unresolved tag (a value that starts with ! is a YAML tag: quote it) at line 2, column 8."
    );
    expect(refusal('%s3cr3t-directive\n---\ndb: 1')).toBe(
      "Input 'variables': does not parse as YAML or JSON: Unknown directive at line 1, column 1."
    );
  });
});

describe('var-files values for sensitive variables', () => {
  test('are masked: literal strings and numbers, inside lists and maps too', () => {
    const box = sandbox();
    writeFileSync(
      join(box.module, 'main.tf'),
      [
        'variable "cluster_name" {}',
        'variable "token" {\n  sensitive = true\n}',
        'variable "pool" {\n  sensitive = true\n}',
        'variable "db" {\n  sensitive = true\n}',
        'variable "label" {}',
        ''
      ].join('\n')
    );
    writeFileSync(
      join(box.dir, 'a.tfvars'),
      [
        'token = "abcdef.0123\\u0034567890abcdef" # bootstrap',
        'label = "gpu-pool-b"',
        'pool = {',
        '  name  = "pool-secret-name"',
        '  sizes = [123456, "short"]',
        '  note  = "$${not-a-template}"',
        '}',
        ''
      ].join('\n')
    );
    writeFileSync(
      join(box.dir, 'b.tfvars.json'),
      JSON.stringify({ db: { password: 'hunter2-long', port: 5432 }, label: 'ordinary-label' })
    );
    const inputs = readProvisionInputs(
      mapInputReader({
        'cluster-name': 'c',
        'working-directory': box.module,
        'var-files': 'a.tfvars\nb.tfvars.json'
      }),
      box.env,
      undefined,
      yaml
    );
    expect(inputs.variableSecrets).toEqual([
      'abcdef.01234567890abcdef',
      // As written too: terraform's errors quote a .tfvars file's source line.
      'abcdef.0123\\u0034567890abcdef',
      'pool-secret-name',
      '123456',
      'short',
      '${not-a-template}',
      '$${not-a-template}',
      '{"password":"hunter2-long","port":5432}',
      'hunter2-long',
      '5432'
    ]);
  });

  /** The variableSecrets of a module declaring `names` sensitive, given `files` as var-files and `variables`. */
  function secretsOf(names: string[], files: Record<string, string>, variables = ''): string[] {
    const box = sandbox();
    writeFileSync(
      join(box.module, 'main.tf'),
      [
        'variable "cluster_name" {}',
        ...names.map((name) => `variable "${name}" {\n  sensitive = true\n}`),
        ''
      ].join('\n')
    );
    for (const [name, text] of Object.entries(files)) writeFileSync(join(box.dir, name), text);
    return readProvisionInputs(
      mapInputReader({
        'cluster-name': 'c',
        'working-directory': box.module,
        'var-files': Object.keys(files).join('\n'),
        variables
      }),
      box.env,
      undefined,
      yaml
    ).variableSecrets;
  }

  test('a heredoc is read as terraform reads it, <<- less its indentation, and each of its lines is masked too', () => {
    // Checked against terraform 1.11.4: `terraform console -var-file` of these, jsonencode(nonsensitive(var.x)).
    const secrets = secretsOf(['token', 'pem', 'db'], {
      'a.tfvars': [
        'token = <<EOT',
        '  first-secret-line',
        '\tsecond $${literal} %%{also} line \\n',
        'EOT',
        'pem = <<-PEM',
        '    -----BEGIN PRIVATE KEY-----',
        '',
        '\t\t MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
        '      indented-tail',
        '    PEM',
        'db = {',
        '  password = <<-PW',
        '      pw-line-one',
        '      pw-line-two',
        '    PW',
        '}',
        ''
      ].join('\n')
    });
    expect(secrets).toEqual([
      '  first-secret-line\n\tsecond ${literal} %{also} line \\n\n',
      'first-secret-line',
      'second ${literal} %{also} line \\n',
      // The least indented line is the tabbed one: two tabs and a space, three characters.
      ' -----BEGIN PRIVATE KEY-----\n\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n   indented-tail\n',
      '-----BEGIN PRIVATE KEY-----',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
      'indented-tail',
      'pw-line-one\npw-line-two\n',
      'pw-line-one',
      'pw-line-two'
    ]);
  });

  test('strings and numbers are masked as terraform reads them (escapes, $${, 1e3 as "1000") and as written', () => {
    const secrets = secretsOf(['token', 'pin', 'neg'], {
      'a.tfvars': 'token = "p@ss\\"w\\\\rd \\U0001F600 $${x} %%{y}"\npin = 00123.450e2\nneg = -123456.50\n'
    });
    expect(secrets).toEqual([
      'p@ss"w\\rd \u{1F600} ${x} %{y}',
      'p@ss\\"w\\\\rd \\U0001F600 $${x} %%{y}',
      '12345',
      '00123.450e2',
      '-123456.5',
      '-123456.50'
    ]);
  });

  test('a multi-line value and the numbers inside a structured one are masked from variables and .tfvars.json too', () => {
    const secrets = secretsOf(
      ['cert', 'db'],
      { 'a.tfvars.json': JSON.stringify({ cert: 'json-line-one\njson-line-two\n' }) },
      'db: {pin: 987654, note: "yaml-line-one\\nyaml-line-two"}'
    );
    expect(secrets).toEqual([
      '{"pin":987654,"note":"yaml-line-one\\nyaml-line-two"}',
      '987654',
      'yaml-line-one\nyaml-line-two',
      'yaml-line-one',
      'yaml-line-two',
      'json-line-one\njson-line-two\n',
      'json-line-one',
      'json-line-two'
    ]);
  });

  test('a string that reads as a number is masked as terraform prints that number too, from every source', () => {
    // Checked against terraform 1.11.4 (plan of nonsensitive(var.x) for a number variable, and of
    // var.x + 0 for a string one): 0x10, " 123456" and 1_000 are no numbers to it; p is a power of two.
    const box = sandbox();
    writeFileSync(
      join(box.module, 'main.tf'),
      ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `variable "${name}" {\n  sensitive = true\n}\n`).join('') +
        'variable "g" {\n  type      = list(number)\n  sensitive = true\n}\n'
    );
    writeFileSync(
      join(box.dir, 'a.tfvars'),
      'a = "1.2345600e5"\nb = ["0x1000000", " 3456789", "1_000_000"]\n'
    );
    writeFileSync(join(box.dir, 'c.tfvars.json'), JSON.stringify({ c: { pin: '+00987654.0' } }));
    const secrets = readProvisionInputs(
      mapInputReader({
        'cluster-name': 'c',
        'working-directory': box.module,
        'var-files': 'a.tfvars\nc.tfvars.json',
        variables: 'd: "111111p1"'
      }),
      { ...box.env, TF_VAR_e: '1.5p-1', TF_VAR_f: '.5e6', TF_VAR_g: '["2469120p-2", 7]' },
      undefined,
      yaml
    ).variableSecrets;
    expect(secrets).toEqual(
      expect.arrayContaining([
        '1.2345600e5',
        '123456',
        '+00987654.0',
        '987654',
        '111111p1',
        '222222',
        '0.75',
        '500000',
        '617280'
      ])
    );
    for (const refused of ['16777216', '3456789', '1000000']) expect(secrets).not.toContain(refused);
  });

  test('a .tfvars.json number with more digits than a double holds is masked as terraform reads it, as written', () => {
    // Checked against terraform 1.11.4: `terraform console -var-file` of this file gives
    // 12345678901234567890, "0.1000000000000000055511151231257827" and "25" (tostring).
    const secrets = secretsOf(['pin', 'db'], {
      'a.tfvars.json':
        '{"label": 98765432109876543210, "pin": 12345678901234567890, "db": {"n": [0.1000000000000000055511151231257827, 2.50e1], "s": "x:1"}}'
    });
    expect(secrets).toEqual(
      expect.arrayContaining(['12345678901234567890', '0.1000000000000000055511151231257827', '25', '2.50e1'])
    );
    // An ordinary variable's numbers are not masked.
    expect(secrets.filter((secret) => secret.includes('98765'))).toEqual([]);
  });

  test('a value only evaluation tells (an expression, a template in a string or heredoc) is refused, naming the file and variable', () => {
    const refusal = (text: string): string => {
      try {
        secretsOf(['token'], { 'secret.tfvars': `label = "\${"x"}"\n${text}\n` });
        return 'accepted';
      } catch (error) {
        if (!isUserError(error)) throw error;
        return error.message;
      }
    };
    // Each is evaluated by terraform 1.11.4 (a .tfvars file allows no variable or function, but
    // literals, operators and for expressions): masking the text as written would not mask it.
    for (const value of [
      '"${"a"}bcdefgh"',
      '"%${"a"}bcdefgh"',
      '"$%{ if true }abcdefgh%{ endif }"',
      '<<-EOT\n  abc${"d"}efgh\n  EOT',
      '"a" == "b" ? "abcdefgh" : "ijklmnop"',
      '[for s in ["abcdefgh"]: s][0]',
      '{ user = "admin", password = "abc${"d"}efgh" }',
      '["abcdefgh", 1 + 2]'
    ])
      expect(refusal(`token = ${value}`)).toBe(
        "Input 'var-files': 'secret.tfvars' gives the sensitive variable token a value that only terraform's evaluation tells (an expression, or a string or heredoc holding ${ or %{), so it cannot be masked before terraform runs: write it plainly, as a quoted string or a heredoc (with $${ for a literal ${), a number, or a list or map of those."
      );
    // Escaped, a template sequence is text; an ordinary variable (label) may hold any expression.
    for (const value of [
      '"$${a} %%{b} $$${c}"',
      '<<EOT\n$${abcdefgh}\nEOT',
      '{ a = -1.5, b = [true, null] }'
    ])
      expect(refusal(`token = ${value}`)).toBe('accepted');
  });

  test('a .tfvars that sets a name twice is refused naming it, as terraform refuses it (Attribute redefined)', () => {
    expect(() =>
      secretsOf(['token'], { 'a.tfvars': 'token = "first-value"\ntoken = "second-value"\n' })
    ).toThrow(
      "Input 'var-files': 'a.tfvars' sets token twice, which terraform refuses, quoting the line: give each name once."
    );
  });

  test('a refused value stops the run before terraform starts', async () => {
    const { box, started } = guardedSandbox();
    writeFileSync(join(box.module, 'secrets.tf'), 'variable "token" {\n  sensitive = true\n}\n');
    writeFileSync(join(box.dir, 'secret.tfvars'), 'token = "abc${"def"}ghijkl"\n');
    const run = await runProvision(fixtureInputs(box, 'refused', { 'var-files': 'secret.tfvars' }), box.env);
    expect(run.error?.message).toMatch(
      /^Input 'var-files': 'secret.tfvars' gives the sensitive variable token a value/
    );
    expect(existsSync(started)).toBe(false);
  });

  test('the files terraform loads from the working directory on its own are read too: terraform.tfvars, *.auto.tfvars, hidden ones too', () => {
    const box = sandbox();
    writeFileSync(
      join(box.module, 'main.tf'),
      ['a', 'b', 'c', 'd', 'e'].map((name) => `variable "${name}" {\n  sensitive = true\n}\n`).join('')
    );
    writeFileSync(join(box.module, 'terraform.tfvars'), 'a = <<EOT\nfrom-terraform-tfvars\nEOT\n');
    writeFileSync(
      join(box.module, 'terraform.tfvars.json'),
      JSON.stringify({ b: 'from-terraform-tfvars-json' })
    );
    writeFileSync(join(box.module, 'z.auto.tfvars.json'), JSON.stringify({ c: 'from-auto-json' }));
    writeFileSync(join(box.module, '.hidden.auto.tfvars'), 'd = "from-hidden-auto"\n');
    // Not loaded by terraform without -var-file, so not read.
    writeFileSync(join(box.module, 'other.tfvars'), 'e = "not-loaded-value"\n');
    const read = () =>
      readProvisionInputs(
        mapInputReader({ 'cluster-name': 'c', 'working-directory': box.module }),
        box.env,
        undefined,
        yaml
      );
    expect(read().variableSecrets).toEqual([
      'from-terraform-tfvars\n',
      'from-terraform-tfvars',
      'from-terraform-tfvars-json',
      'from-hidden-auto',
      'from-auto-json'
    ]);
    writeFileSync(join(box.module, 'terraform.tfvars'), 'a = "${"x"}yzabcdef"\n');
    expect(read).toThrow(
      "Input 'working-directory': terraform.tfvars, which terraform loads from it, gives the sensitive variable a a value that only terraform's evaluation tells"
    );
  });

  test('are masked before terraform starts', async () => {
    const { box, started } = guardedSandbox();
    writeFileSync(join(box.module, 'secrets.tf'), 'variable "token" {\n  sensitive = true\n}\n');
    writeFileSync(join(box.dir, 'secret.tfvars'), 'token = "abcdef.0123456789abcdef"\n');
    const run = await runProvision(fixtureInputs(box, 'masked', { 'var-files': 'secret.tfvars' }), box.env);
    expect(existsSync(started)).toBe(true);
    expect(run.masks.find((mask) => mask.value === 'abcdef.0123456789abcdef')?.logLength).toBe(0);
  });
});

describe('TF_VAR_ environment values for sensitive variables', () => {
  /** The variableSecrets of a module declaring `declarations`, run with `env` added. */
  function secretsOf(declarations: string[], env: Record<string, string>): string[] {
    const box = sandbox();
    writeFileSync(
      join(box.module, 'main.tf'),
      ['variable "cluster_name" {}', ...declarations, ''].join('\n')
    );
    return readProvisionInputs(
      mapInputReader({ 'cluster-name': 'c', 'working-directory': box.module }),
      { ...box.env, ...env },
      undefined,
      yaml
    ).variableSecrets;
  }

  test('a string or untyped value is masked as it stands, whole and line by line; an ordinary variable not', () => {
    const secrets = secretsOf(
      [
        'variable "token" {\n  type      = string\n  sensitive = true\n}',
        'variable "cert" {\n  sensitive = true\n}',
        'variable "label" {\n  type = string\n}'
      ],
      {
        // Taken literally: ${ is no template here, so it is not refused.
        TF_VAR_token: 'computed-s3cr3t-${not-a-template}',
        TF_VAR_cert: 'cert-line-one\ncert-line-two\n',
        TF_VAR_label: 'ordinary-label',
        TF_VAR_undeclared: 'not-declared'
      }
    );
    expect(secrets).toEqual([
      'computed-s3cr3t-${not-a-template}',
      'cert-line-one\ncert-line-two\n',
      'cert-line-one',
      'cert-line-two'
    ]);
  });

  test('TF_CLI_ARGS and TF_CLI_ARGS_plan may hold other flags; -var there is refused only when a variable is sensitive', () => {
    const sensitive = ['variable "token" {\n  sensitive = true\n}'];
    const refusal = (declarations: string[], env: Record<string, string>): string => {
      try {
        secretsOf(declarations, env);
        return 'accepted';
      } catch (error) {
        if (!isUserError(error)) throw error;
        return error.message;
      }
    };
    const accepted: Record<string, string>[] = [
      { TF_CLI_ARGS_plan: '-lock-timeout=5s -parallelism=4 -target=module.x-var' },
      { TF_CLI_ARGS_apply: '-var=token=x', TF_CLI_ARGS_init: '-var-file=x' },
      { TF_CLI_ARGS: '-compact-warnings' }
    ];
    for (const env of accepted) expect(refusal(sensitive, env)).toBe('accepted');
    expect(refusal([], { TF_CLI_ARGS_plan: '-var=label=x' })).toBe('accepted');
    for (const args of ['-var=token=x', '--var token=x', '-no-color "-var-file=a b.tfvars"', "'-var-file' x"])
      expect(refusal(sensitive, { TF_CLI_ARGS: args })).toMatch(
        /^The environment variable TF_CLI_ARGS gives terraform -var or -var-file/
      );
  });

  test('-backend-config in TF_CLI_ARGS or TF_CLI_ARGS_init is refused whatever the module declares; other init flags are not, nor is it elsewhere', () => {
    const sensitive = ['variable "token" {\n  sensitive = true\n}'];
    const refusal = (declarations: string[], env: Record<string, string>): string => {
      try {
        secretsOf(declarations, env);
        return 'accepted';
      } catch (error) {
        if (!isUserError(error)) throw error;
        return error.message;
      }
    };
    const accepted: Record<string, string>[] = [
      { TF_CLI_ARGS_init: '-upgrade -lockfile=readonly -target=x-backend-config' },
      // Only init reads -backend-config: plan refuses the flag, naming it and not its value.
      { TF_CLI_ARGS_plan: '-backend-config=password=x', TF_CLI_ARGS_apply: '-backend-config x' }
    ];
    for (const env of accepted) expect(refusal(sensitive, env)).toBe('accepted');
    for (const name of ['TF_CLI_ARGS_init', 'TF_CLI_ARGS'])
      for (const args of [
        '-backend-config=password=x',
        '--backend-config password=x',
        '-upgrade "-backend-config=a b.hcl"',
        "'-backend-config' x.tfbackend"
      ])
        for (const declarations of [[], sensitive])
          expect(refusal(declarations, { [name]: args })).toBe(
            `The environment variable ${name} gives terraform init -backend-config, whose settings the action can neither check nor mask (terraform's errors quote them, credentials too): give backend settings through the backend-config input.`
          );
    // The refusals that came before keep their place.
    expect(refusal(sensitive, { TF_CLI_ARGS: '-var=token=x -backend-config=password=x' })).toMatch(
      /^The environment variable TF_CLI_ARGS gives terraform -var or -var-file/
    );
  });

  test('a list, map or object value is read as terraform parses it, as a .tfvars value is, and masked whole too', () => {
    // Checked against terraform 1.11.4: `terraform console` of jsonencode(var.x) with these set.
    const db = '{ password = "p@ss\\"word", pins = [123456, 1e3] }';
    const secrets = secretsOf(
      [
        'variable "db" {\n  type      = object({ password = string, pins = list(number) })\n  sensitive = true\n}',
        'variable "keys" {\n  type      = any\n  sensitive = true\n}'
      ],
      { TF_VAR_db: db, TF_VAR_keys: '{"k1": "json-key-value"}' }
    );
    expect(secrets).toEqual([
      db,
      'p@ss"word',
      'p@ss\\"word',
      '123456',
      '1000',
      '1e3',
      '{"k1": "json-key-value"}',
      'json-key-value'
    ]);
  });

  test('a list, map or object value only evaluation tells is refused before terraform starts, naming the environment variable, never the value', async () => {
    const { box, started } = guardedSandbox();
    writeFileSync(
      join(box.module, 'secrets.tf'),
      'variable "db" {\n  type      = map(string)\n  sensitive = true\n}\n'
    );
    box.env.TF_VAR_db = '{ password = "abc${"def"}ghijkl" }';
    const run = await runProvision(fixtureInputs(box, 'refused'), box.env);
    expect(run.error?.message).toBe(
      "The environment variable TF_VAR_db gives the sensitive variable db a value that only terraform's evaluation tells (an expression, or a string or heredoc holding ${ or %{), so it cannot be masked before terraform runs: write it plainly, as a quoted string or a heredoc (with $${ for a literal ${), a number, or a list or map of those."
    );
    expect(existsSync(started)).toBe(false);
  });

  test('are masked before terraform starts', async () => {
    const { box, started } = guardedSandbox();
    writeFileSync(join(box.module, 'secrets.tf'), 'variable "token" {\n  sensitive = true\n}\n');
    box.env.TF_VAR_token = 'abcdef.0123456789abcdef';
    const run = await runProvision(fixtureInputs(box, 'masked'), box.env);
    expect(existsSync(started)).toBe(true);
    expect(run.masks.find((mask) => mask.value === 'abcdef.0123456789abcdef')?.logLength).toBe(0);
  });
});
