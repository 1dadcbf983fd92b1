// How irsa-role reads its inputs: the two binding forms, what the top-level inputs give every
// binding, and the pure pieces run() builds on (desired role, bounded pool, summary).
import { describe, expect, it } from '@jest/globals';
import { mapInputReader } from '../src/io/inputs.js';
import { UserError } from '../src/io/errors.js';
import { readIrsaRoleInputs } from '../src/irsa-role/inputs.js';
import { loadYamlParser } from '../src/io/yaml.js';
import { mapBounded, settleBounded } from '../src/irsa-role/pool.js';
import { roleDescription } from '../src/irsa-role/description.js';
import { desiredRoleFor } from '../src/irsa-role/run.js';
import { irsaRoleSummary } from '../src/irsa-role/summary.js';
import { parsePolicyDocument } from '../src/trust/policy-document.js';
import { trustPolicyFor, trustPolicySize } from '../src/trust/trust-policy.js';

const yaml = await loadYamlParser({ exactNumbers: true });
const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/oidc.example.com/c1';
const RO = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const S3 = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

function read(values: Record<string, string>) {
  return readIrsaRoleInputs(mapInputReader({ 'provider-arn': PROVIDER, ...values }), yaml);
}

function problemOf(values: Record<string, string>): UserError {
  try {
    read(values);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('readIrsaRoleInputs', () => {
  it('reads the single form with the documented defaults', () => {
    const inputs = read({ 'role-name': 'app', namespace: 'apps', 'service-account': 'web' });
    expect(inputs).toMatchObject({
      provider: { input: 'provider-arn', arn: PROVIDER },
      single: true,
      audience: 'sts.amazonaws.com',
      maxSessionDuration: 3600,
      rolePath: '/',
      prune: false,
      allowWildcards: false,
      annotate: false,
      kubeconfig: undefined
    });
    expect(inputs.bindings).toEqual([
      expect.objectContaining({
        roleName: 'app',
        serviceAccounts: [{ namespace: 'apps', name: 'web' }],
        policyArns: [],
        inlinePolicy: undefined,
        permissionsBoundary: undefined,
        tags: {}
      })
    ]);
  });

  it('gives every binding the top-level policies, boundary and tags; an item adds to or overrides them', () => {
    const inputs = read({
      'policy-arns': `${RO}\n${RO}`,
      'permissions-boundary': RO,
      tags: 'team=platform\ntier=1',
      'inline-policy':
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}',
      bindings: [
        '- role-name: a',
        '  namespace: ns',
        '  service-account: [x, y, x]',
        `  policy-arns: ${S3}`,
        `  permissions-boundary: ${S3}`,
        '  tags: {tier: "2", Team: core}',
        '  inline-policy: {Version: "2012-10-17", Statement: {Effect: Deny, Action: "s3:*", Resource: "*"}}',
        '- {role-name: b, namespace: ns, service-account: z}'
      ].join('\n')
    });
    const [a, b] = inputs.bindings;
    expect(inputs.single).toBe(false);
    expect(a?.serviceAccounts).toEqual([
      { namespace: 'ns', name: 'x' },
      { namespace: 'ns', name: 'y' }
    ]);
    expect(a?.policyArns).toEqual([RO, S3]);
    expect(a?.permissionsBoundary).toBe(S3);
    // IAM sees Team and team as one key: the item's replaces the shared one.
    expect(a?.tags).toEqual({ tier: '2', Team: 'core' });
    expect(a?.inlinePolicy).toEqual({
      Version: '2012-10-17',
      Statement: { Effect: 'Deny', Action: 's3:*', Resource: '*' }
    });
    expect(a?.origins.permissionsBoundary).toEqual({ input: 'bindings', where: "item 1 (role 'a')" });
    expect(b?.policyArns).toEqual([RO]);
    expect(b?.permissionsBoundary).toBe(RO);
    expect(b?.tags).toEqual({ team: 'platform', tier: '1' });
    expect(b?.inlinePolicy).toMatchObject({ Statement: [{ Action: 's3:ListBucket' }] });
    expect(b?.origins.policyArns).toEqual({ input: 'policy-arns', where: '' });
  });

  it('names the bindings item that is wrong', () => {
    const error = problemOf({
      bindings:
        '- {role-name: ok, namespace: a, service-account: b}\n- {role-name: two, namespace: a, service-account: B}'
    });
    expect(error.message).toBe(
      "Input 'bindings': item 2 (role 'two'): service account 'B' is not a DNS-1123 subdomain (lower-case letters, digits and '-', starting and ending with a letter or digit)."
    );
  });

  it('refuses a role listed twice, and says a role trusts one namespace', () => {
    const error = problemOf({
      bindings:
        '- {role-name: app, namespace: a, service-account: api}\n- {role-name: app, namespace: b, service-account: api}'
    });
    expect(error.message).toBe(
      "Input 'bindings': role 'app' appears more than once; merge its entries (a role trusts the service accounts of one namespace: give each namespace a role of its own)."
    );
  });

  it("leaves how many managed policies a role may have to the account's quota, read by the run", () => {
    const arns = (count: number, prefix = 'P'): string[] =>
      Array.from({ length: count }, (_, i) => `arn:aws:iam::123456789012:policy/${prefix}${i}`);
    const single = { 'role-name': 'r', namespace: 'a', 'service-account': 's' };
    // Past the documented ceiling of 20, since an account's summary may say more.
    expect(read({ ...single, 'policy-arns': arns(25).join('\n') }).bindings[0]?.policyArns).toHaveLength(25);
    // The same ARN twice is one attachment.
    expect(
      read({ ...single, 'policy-arns': [...arns(20), ...arns(5)].join('\n') }).bindings[0]?.policyArns
    ).toHaveLength(20);
    const merged = read({
      'policy-arns': arns(15).join('\n'),
      bindings: `- role-name: big\n  namespace: a\n  service-account: s\n  policy-arns: [${arns(6, 'Q').join(', ')}]`
    });
    expect(merged.bindings[0]?.policyArns).toHaveLength(21);
  });

  it('refuses one service account annotated with two roles', () => {
    const error = problemOf({
      'annotate-service-account': 'true',
      kubeconfig: 'x',
      bindings:
        '- {role-name: a, namespace: n, service-account: s}\n- {role-name: b, namespace: n, service-account: s}'
    });
    expect(error.input).toBe('annotate-service-account');
    expect(error.message).toContain("bound to both 'a' and 'b'");
  });

  it('requires kubeconfig or kubeconfig-path only when annotating', () => {
    expect(read({ 'role-name': 'a', namespace: 'n', 'service-account': 's' }).kubeconfig).toBeUndefined();
    const inputs = read({
      'role-name': 'a',
      namespace: 'n',
      'service-account': 's',
      'annotate-service-account': 'true',
      'kubeconfig-path': '/tmp/kc'
    });
    expect(inputs.kubeconfig).toEqual({ input: 'kubeconfig-path', value: '/tmp/kc' });
  });

  it("refuses an audience with a '$', which IAM would read as a policy variable in the trust policy", () => {
    const single = { 'role-name': 'a', namespace: 'n', 'service-account': 's' };
    for (const audience of ['${oidc.example.com/c1:aud}', 'my$aud']) {
      const error = problemOf({ ...single, audience });
      expect(error.input).toBe('audience');
      expect(error.message).toContain('policy variable');
    }
    expect(read({ ...single, audience: 'api://my-app*' }).audience).toBe('api://my-app*');
  });

  it('rejects an inline policy IAM would refuse, before any write', () => {
    const policy = (statement: string): string => `{"Version":"2012-10-17","Statement":[${statement}]}`;
    expect(
      problemOf({
        'role-name': 'a',
        namespace: 'n',
        'service-account': 's',
        'inline-policy': policy('{"Effect":"Allow","Action":"s3GetObject","Resource":"*"}')
      }).message
    ).toContain("Action 's3GetObject', which is not service:action");
    expect(
      problemOf({
        'role-name': 'a',
        namespace: 'n',
        'service-account': 's',
        'inline-policy': policy('{"Effect":"Allow","Action":"s3:GetObject","Resource":"my-bucket"}')
      }).message
    ).toContain("Resource 'my-bucket', which is neither '*' nor an ARN");
    const huge = Array.from({ length: 500 }, (_, i) => `"s3:GetObjectVersion${i}"`).join(',');
    expect(
      problemOf({
        'role-name': 'a',
        namespace: 'n',
        'service-account': 's',
        'inline-policy': policy(`{"Effect":"Allow","Action":[${huge}],"Resource":"*"}`)
      }).message
    ).toMatch(/IAM allows 10240 per role/);
  });
});

describe('policy statements', () => {
  it('accepts wildcards in actions and ARNs in resources, and checks Condition blocks', () => {
    const ok = parsePolicyDocument(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","sqs:*"],"Resource":["arn:aws:s3:::b/*","*"],"Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}',
      yaml
    );
    expect('document' in ok).toBe(true);
    const bad = parsePolicyDocument(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":"true"}}]}',
      yaml
    );
    expect('problem' in bad && bad.problem).toContain('Condition must map operators');
  });
});

// Written in YAML, an account ID left unquoted reads as another number (012345678901 as 12345678901):
// a policy condition would name another account than the one the same value names written as JSON
// text. Refused, naming the input and the place (a tag, which is text, is taken as written: below).
describe('numbers YAML would read as others', () => {
  it('refuses one in the inline policy, rather than put a condition on another account', () => {
    const problem = problemOf({
      'role-name': 'app',
      namespace: 'apps',
      'service-account': 'web',
      'inline-policy':
        'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: "*"\n' +
        '    Condition: {StringEquals: {aws:ResourceAccount: 012345678901}}\n'
    });
    expect(problem.input).toBe('inline-policy');
    expect(problem.reason).toMatch(
      /reads without its leading zeros \(quote it to pass it as written\) at line 6/
    );
    expect(problem.reason).not.toContain('12345678901');
  });

  it('refuses one in a bindings entry outside its tags, as in an inline policy written as a mapping', () => {
    const problem = problemOf({
      bindings: [
        '- role-name: app',
        '  namespace: apps',
        '  service-account: web',
        '  inline-policy:',
        '    Version: "2012-10-17"',
        '    Statement:',
        '      - {Effect: Allow, Action: s3:GetObject, Resource: "*", Condition: {StringEquals: {aws:ResourceAccount: 012345678901}}}'
      ].join('\n')
    });
    expect(problem.input).toBe('bindings');
    expect(problem.reason).toMatch(
      /reads without its leading zeros \(quote it to pass it as written\) at line 7/
    );
  });
});

// An IAM tag is text: a tag written in a bindings mapping is the text written, not the number or
// boolean YAML would read it as (1.10 was tagged 1.1, 1e3 1000, True true, 012345678901 refused).
describe('tags in bindings, as written', () => {
  const tagsOf = (tags: string): Record<string, string> | undefined =>
    read({ bindings: `- role-name: app\n  namespace: apps\n  service-account: web\n  tags: ${tags}` })
      .bindings[0]?.tags;

  it('takes a plain value YAML reads as a number or boolean as written', () => {
    expect(
      tagsOf(
        '{version: 1.10, scale: 1e3, half: .5, sign: +1, hex: 0x1F, octal: 0o17, account: 012345678901, ' +
          'big: 123456789012345678901, limit: .inf, on: True, off: false, grouped: 1_000}'
      )
    ).toEqual({
      version: '1.10',
      scale: '1e3',
      half: '.5',
      sign: '+1',
      hex: '0x1F',
      octal: '0o17',
      account: '012345678901',
      big: '123456789012345678901',
      limit: '.inf',
      on: 'True',
      off: 'false',
      grouped: '1_000'
    });
  });

  it('takes a key YAML reads as a number as written, in block form too', () => {
    expect(tagsOf('\n    2024: q1\n    1.10: x\n    0x1F: y')).toEqual({
      '2024': 'q1',
      '1.10': 'x',
      '0x1F': 'y'
    });
  });

  it('takes an empty value, ~ or null as the empty tag value, as before', () => {
    expect(tagsOf('{a: , b: ~, c: null, d: ""}')).toEqual({ a: '', b: '', c: '', d: '' });
  });

  it('takes an alias to a plain number as the anchor written, and an explicit tag as YAML reads it', () => {
    expect(tagsOf('{a: &v 1.10, b: *v, c: !!float 1.10, d: !!str 1.10}')).toEqual({
      a: '1.10',
      b: '1.10',
      c: '1.1',
      d: '1.10'
    });
  });

  it('refuses two keys that are one tag as written, and keeps two that YAML reads as one number', () => {
    const bindings = `- role-name: app\n  namespace: apps\n  service-account: web\n  tags: {1.10: a, "1.10": b}`;
    const problem = problemOf({ bindings });
    expect(problem.input).toBe('bindings');
    expect(problem.reason).toMatch(/Map keys must be unique at line 4, column 19/);
    expect(tagsOf('{1.10: a, 1.1: b, 1.0: c, 1: d}')).toEqual({
      '1.10': 'a',
      '1.1': 'b',
      '1.0': 'c',
      '1': 'd'
    });
  });

  it('takes tags given as an alias to a mapping of the inline policy as written, and leaves the policy as it was', () => {
    const [binding] = read({
      bindings: [
        '- role-name: app',
        '  namespace: apps',
        '  service-account: web',
        '  inline-policy:',
        '    Version: "2012-10-17"',
        '    Statement:',
        '      - {Effect: Allow, Action: s3:ListBucket, Resource: "*", Condition: {StringEquals: &t {s3:prefix: 1.10}}}',
        '  tags: *t'
      ].join('\n')
    }).bindings;
    expect(binding?.tags).toEqual({ 's3:prefix': '1.10' });
    expect(JSON.stringify(binding?.inlinePolicy)).toContain('{"StringEquals":{"s3:prefix":1.1}}');
  });

  it('leaves quoted values and the other forms as they were', () => {
    expect(tagsOf("{account: '012345678901', team: x}")).toEqual({ account: '012345678901', team: 'x' });
    expect(tagsOf('[version=1.10, tier=2]')).toEqual({ version: '1.10', tier: '2' });
    expect(
      read({ 'role-name': 'a', namespace: 'b', 'service-account': 'c', tags: 'version=1.10' }).bindings[0]
        ?.tags
    ).toEqual({
      version: '1.10'
    });
  });

  it('takes tags reached through an alias or a !!merge as written', () => {
    const policy = (condition: string): string[] => [
      '  inline-policy:',
      '    Version: "2012-10-17"',
      `    Statement: [{Effect: Allow, Action: s3:ListBucket, Resource: "*", Condition: {StringEquals: ${condition}}}]`
    ];
    const tagsOfAll = (lines: string[]): (Record<string, string> | undefined)[] =>
      read({ bindings: lines.join('\n') }).bindings.map((binding) => binding.tags);
    // Merged into the tags from a mapping anchored in the inline policy, or written in the merge.
    expect(
      tagsOfAll([
        '- role-name: a',
        '  namespace: apps',
        '  service-account: web',
        ...policy('&t {s3:prefix: 1.10, on: True, n: &n 1e3, m: *n}'),
        '  tags: {!!merge <<: *t, tier: 2}',
        '- role-name: b',
        '  namespace: apps',
        '  service-account: web',
        '  tags: {!!merge <<: [{version: 1.10}, *t]}',
        '- role-name: c',
        '  namespace: apps',
        '  service-account: web',
        '  tags: *t'
      ])
    ).toEqual([
      { 's3:prefix': '1.10', on: 'True', n: '1e3', m: '1e3', tier: '2' },
      { version: '1.10', 's3:prefix': '1.10', on: 'True', n: '1e3', m: '1e3' },
      { 's3:prefix': '1.10', on: 'True', n: '1e3', m: '1e3' }
    ]);
    // A whole item merged: one anchored as an item, one written in the merge, one merged in turn.
    expect(
      tagsOfAll([
        '- &base',
        '  role-name: a',
        '  namespace: apps',
        '  service-account: web',
        '  tags: {version: 1.10}',
        '- !!merge <<: *base',
        '  role-name: b',
        '- !!merge <<: &shared {namespace: apps, service-account: web, tags: {version: 1.10, scale: 1e3}}',
        '  role-name: c',
        '- !!merge <<: *shared',
        '  role-name: d'
      ])
    ).toEqual([
      { version: '1.10' },
      { version: '1.10' },
      { version: '1.10', scale: '1e3' },
      { version: '1.10', scale: '1e3' }
    ]);
  });

  it('reads hundreds of roles sharing anchored inline policies: aliases where no tags can be are not looked through', () => {
    // Three policies of 80 statements (about 9 kB each, under IAM's 10,240), each named by 99 more
    // roles: looked through for tags, they counted past the limit and the list was refused as a blow-up.
    const statements = Array.from(
      { length: 80 },
      (_, i) =>
        `{Effect: Allow, Action: [s3:ListBucket], Resource: ["arn:aws:s3:::b${i}"], Condition: {StringLike: {s3:prefix: [p/*]}}}`
    ).join(', ');
    const lines: string[] = [];
    for (let policy = 0; policy < 3; policy++) {
      lines.push(
        `- {role-name: p${policy}, namespace: apps, service-account: web, inline-policy: &p${policy} {Version: "2012-10-17", Statement: [${statements}]}}`
      );
      for (let role = 0; role < 99; role++)
        lines.push(
          `- {role-name: r${policy}-${role}, namespace: apps, service-account: web, inline-policy: *p${policy}, tags: {v: 1.10}}`
        );
    }
    const { bindings } = read({ bindings: lines.join('\n') });
    expect(bindings).toHaveLength(300);
    expect(bindings[299]?.tags).toEqual({ v: '1.10' });
    expect(bindings[299]?.inlinePolicy?.Statement).toHaveLength(80);
    // Each item's policy is checked on its own (about 3 s for the 300 here): not the parse's time.
  }, 30_000);

  it("refuses a merge key written as a value in an item's inline policy, which dropped the condition it was in", () => {
    const policy = (value: string): string =>
      `{Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:*", Resource: "*", Condition: {StringEquals: {aws:PrincipalTag/team: ${value}}}}]}`;
    // toJS gave the value Symbol(<<), which JSON.stringify left out: StringEquals became {}.
    for (const [bindings, column] of [
      [`- {role-name: r, namespace: n, service-account: s, inline-policy: ${policy('!!merge <<')}}`, 208],
      [
        `- {role-name: r, namespace: n, service-account: s, tags: {? &k !!merge << : {a: b}}, inline-policy: ${policy('*k')}}`,
        234
      ]
    ] as const)
      expect(problemOf({ bindings }).reason).toMatch(
        new RegExp(
          `^does not parse as a YAML list \\(A merge key \\(!!merge <<\\) is only a key, not a value at line 1, column ${column}:\\)\\.$`
        )
      );
  });

  it('still refuses an account ID that would lose its zero, however it is reached', () => {
    const at = (bindings: string[]): string => problemOf({ bindings: bindings.join('\n') }).reason;
    const zero = /reads without its leading zeros \(quote it to pass it as written\) at line 4, column 158/;
    const item = [
      '- &base',
      '  role-name: a',
      '  namespace: apps',
      '  inline-policy: {Version: "2012-10-17", Statement: {Effect: Allow, Action: s3:ListBucket, Resource: "*", ' +
        'Condition: {StringEquals: &c {aws:ResourceAccount: 012345678901}}}}',
      '  service-account: web'
    ];
    expect(at([...item, '- !!merge <<: *base', '  role-name: b'])).toMatch(zero);
    expect(
      at([...item, '- {role-name: b, namespace: apps, service-account: web, tags: {!!merge <<: *c}}'])
    ).toMatch(zero);
    expect(at([...item, '- {role-name: b, namespace: apps, service-account: web, tags: *c}'])).toMatch(zero);
  });

  it('refuses a plain << (YAML 1.2 has no merge key: a key of that name), saying how to merge', () => {
    const merged = '- &b {role-name: a, namespace: apps, service-account: web}\n- <<: *b\n  role-name: b';
    expect(problemOf({ bindings: merged }).reason).toMatch(
      /item 2: unknown key '<<' \(YAML 1\.2 has no merge key: write !!merge <<: \*anchor to merge a mapping in\)\.$/
    );
    const tags = '- {role-name: a, namespace: apps, service-account: web, tags: {<<: {version: x}}}';
    expect(problemOf({ bindings: tags }).reason).toMatch(
      /item 1 \(role 'a'\): tag '<<' must have a scalar value \(YAML 1\.2 has no merge key: write !!merge <<: \*anchor to merge a mapping in\)\.$/
    );
  });
});

describe('desired role', () => {
  const inputs = read({
    bindings: '- {role-name: r, namespace: ns, service-account: [a, b], tags: {team: x}}',
    'max-session-duration': '7200',
    'role-path': '/irsa/',
    audience: 'my-aud'
  });
  const provider = { arn: PROVIDER, hostPath: 'oidc.example.com/c1', clientIds: ['my-aud'] };

  it('joins the binding, the shared settings and the provider', () => {
    const desired = desiredRoleFor(inputs.bindings[0]!, inputs, provider);
    expect(desired).toMatchObject({
      roleName: 'r',
      path: '/irsa/',
      maxSessionDuration: 7200,
      description:
        'IRSA role for system:serviceaccount:ns:a, system:serviceaccount:ns:b (managed by talos-irsa)',
      tags: { team: 'x', 'managed-by': 'talos-irsa', 'talos-irsa/issuer': 'https://oidc.example.com/c1' },
      inlinePolicyOrigin: { input: 'inline-policy', where: '' }
    });
    expect(desired.trust).toEqual(
      trustPolicyFor({
        providerArn: PROVIDER,
        issuer: 'oidc.example.com/c1',
        serviceAccounts: inputs.bindings[0]!.serviceAccounts,
        audience: 'my-aud'
      })
    );
  });

  it('keeps descriptions within IAM’s 1000 characters', () => {
    const many = read({
      bindings: `- {role-name: r, namespace: ns, service-account: [${Array.from({ length: 60 }, (_, i) => `account-${i}`).join(', ')}]}`
    });
    const description = roleDescription(many.bindings[0]!.serviceAccounts);
    expect(description.length).toBe(1000);
    expect(description.endsWith('...')).toBe(true);
    expect(description).toMatch(/^[\t\n\r\x20-\x7e\xa1-\xff]*$/);
    const trust = desiredRoleFor(many.bindings[0]!, many, provider).trust;
    expect(trustPolicySize(trust)).toBeGreaterThan(2048);
  });
});

describe('bounded pool', () => {
  it('never runs more than the limit at once and keeps input order', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapBounded([5, 1, 4, 2, 3, 0, 6, 7, 8, 9], 3, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      return n * 10;
    });
    expect(peak).toBe(3);
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60, 70, 80, 90]);
  });

  it('lets every item settle when some fail', async () => {
    const settled = await settleBounded(['a', 'bad', 'c'], 2, async (item) => {
      if (item === 'bad') throw new Error('no');
      return item.toUpperCase();
    });
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await expect(mapBounded(['bad'], 2, async () => Promise.reject(new Error('first')))).rejects.toThrow(
      'first'
    );
  });
});

describe('summary', () => {
  it('shows each role (its ARN, or its name when it has none), who may assume it, its policies and what changed, and counts failures', () => {
    const inputs = read({
      bindings:
        '- {role-name: a, namespace: n, service-account: s}\n- {role-name: b, namespace: n, service-account: t}'
    });
    const summary = irsaRoleSummary({
      providerArn: PROVIDER,
      audience: 'sts.amazonaws.com',
      bindings: inputs.bindings,
      outcomes: [
        {
          report: {
            roleName: 'a',
            arn: 'arn:aws:iam::123456789012:role/a',
            created: true,
            changes: ['created the role', `attached ${RO}`],
            policyArns: [RO],
            inlinePolicies: ['talos-irsa'],
            unlisted: [],
            warnings: []
          },
          annotations: ['created service account n/s'],
          error: undefined
        },
        { report: undefined, annotations: [], error: 'AccessDenied' }
      ]
    });
    expect(summary).toContain(
      `| \`arn:aws:iam::123456789012:role/a\` | \`n/s\` | \`${RO}\`<br>\`talos-irsa\` (inline) | created the role<br>attached ${RO}<br>created service account n/s |`
    );
    expect(summary).toContain('| `b` | `n/t` |  | **failed:** AccessDenied |');
    expect(summary).toContain('2 roles: 1 changed, 0 unchanged, 1 failed.');
    expect(summary).toContain('| Role | Assumable by (namespace/service account) | Policies | This run |');
  });
});
