import { describe, expect, it } from '@jest/globals';
import {
  iamPathProblem,
  iamRoleNameProblem,
  kubeNameProblem,
  parseProviderArn,
  policyArnProblem
} from '../src/trust/names.js';
import {
  canonicalPolicy,
  decodeIamDocument,
  parsePolicyDocument,
  samePolicy
} from '../src/trust/policy-document.js';
import { issuerOfTag, issuerTagValue, sameIssuerTag } from '../src/trust/issuer-tag.js';
import { managedTags, parseTagLines, parseTagValue, tagsToWrite } from '../src/trust/tags.js';
import { conditionKeyPrefix, trustPolicyFor } from '../src/trust/trust-policy.js';
import { loadYamlParser } from '../src/io/yaml.js';

const yaml = await loadYamlParser({ exactNumbers: true });

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/irsa.example.com/cluster-a';

describe('trustPolicyFor', () => {
  it('pins sub and aud under StringEquals with the issuer host/path as the key prefix', () => {
    expect(
      trustPolicyFor({
        providerArn: PROVIDER,
        issuer: 'https://irsa.example.com/cluster-a',
        serviceAccounts: [{ namespace: 'apps', name: 'uploader' }],
        audience: 'sts.amazonaws.com'
      })
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'irsa.example.com/cluster-a:sub': 'system:serviceaccount:apps:uploader',
              'irsa.example.com/cluster-a:aud': 'sts.amazonaws.com'
            }
          }
        }
      ]
    });
  });

  it('lists every subject when several service accounts may assume the role', () => {
    const policy = trustPolicyFor({
      providerArn: PROVIDER,
      issuer: 'irsa.example.com/cluster-a',
      serviceAccounts: [
        { namespace: 'apps', name: 'a' },
        { namespace: 'apps', name: 'b' },
        { namespace: 'apps', name: 'a' }
      ],
      audience: 'sts.amazonaws.com'
    });
    const statement = (policy.Statement as Array<Record<string, unknown>>)[0];
    expect(statement?.Condition).toEqual({
      StringEquals: {
        'irsa.example.com/cluster-a:sub': ['system:serviceaccount:apps:a', 'system:serviceaccount:apps:b'],
        'irsa.example.com/cluster-a:aud': 'sts.amazonaws.com'
      }
    });
  });

  it('moves sub alone to StringLike when a pattern is used, keeping aud exact', () => {
    const policy = trustPolicyFor({
      providerArn: PROVIDER,
      issuer: 'https://irsa.example.com/cluster-a',
      serviceAccounts: [{ namespace: 'batch-*', name: 'worker' }],
      audience: 'my-aud'
    });
    const statement = (policy.Statement as Array<Record<string, unknown>>)[0];
    expect(statement?.Condition).toEqual({
      StringEquals: { 'irsa.example.com/cluster-a:aud': 'my-aud' },
      StringLike: { 'irsa.example.com/cluster-a:sub': 'system:serviceaccount:batch-*:worker' }
    });
  });

  it('never uses the provider ARN as the condition key', () => {
    const text = JSON.stringify(
      trustPolicyFor({
        providerArn: PROVIDER,
        issuer: 'https://irsa.example.com/cluster-a/',
        serviceAccounts: [{ namespace: 'a', name: 'b' }],
        audience: 'sts.amazonaws.com'
      }).Statement
    );
    expect(text).not.toContain('"arn:aws:iam::123456789012:oidc-provider/irsa.example.com/cluster-a:sub"');
    expect(conditionKeyPrefix('https://irsa.example.com/cluster-a/')).toBe('irsa.example.com/cluster-a');
  });
});

describe('names', () => {
  it.each(['app', 'App_Role+=,.@-1', 'x'.repeat(64)])('accepts the IAM role name %s', (name) => {
    expect(iamRoleNameProblem(name)).toBeUndefined();
  });
  it.each([
    ['', 'empty'],
    ['x'.repeat(65), 'at most 64'],
    ['bad/name', 'may hold only'],
    ['has space', 'may hold only']
  ])('rejects the IAM role name %j', (name, reason) => {
    expect(iamRoleNameProblem(name)).toContain(reason);
  });

  it('checks namespaces as DNS-1123 labels and service accounts as subdomains', () => {
    expect(kubeNameProblem('namespace', 'team-a', false)).toBeUndefined();
    expect(kubeNameProblem('namespace', 'team.a', false)).toContain('DNS-1123 label');
    expect(kubeNameProblem('namespace', 'Team', false)).toContain('DNS-1123');
    expect(kubeNameProblem('namespace', 'a'.repeat(64), false)).toContain('longer than 63');
    expect(kubeNameProblem('service account', 'web.api', false)).toBeUndefined();
    expect(kubeNameProblem('service account', '-web', false)).toContain('DNS-1123 subdomain');
  });

  it('accepts a * only when wildcards are allowed', () => {
    expect(kubeNameProblem('service account', 'job-*', false)).toContain('allow-wildcards');
    expect(kubeNameProblem('service account', 'job-*', true)).toBeUndefined();
    expect(kubeNameProblem('namespace', 'Job-*', true)).toContain('may hold only');
  });

  it('recognises managed policy ARNs and IAM paths', () => {
    expect(policyArnProblem('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBeUndefined();
    expect(policyArnProblem('arn:aws:iam::123456789012:policy/team/app-read')).toBeUndefined();
    expect(policyArnProblem('arn:aws-us-gov:iam::123456789012:policy/x')).toBeUndefined();
    expect(policyArnProblem('ReadOnlyAccess')).toContain('not a managed policy ARN');
    expect(policyArnProblem('arn:aws:s3:::bucket')).toContain('not a managed policy ARN');
    expect(iamPathProblem('/')).toBeUndefined();
    expect(iamPathProblem('/irsa/team/')).toBeUndefined();
    expect(iamPathProblem('irsa')).toContain('start and end');
    expect(iamPathProblem('/irsa')).toContain('start and end');
    expect(iamPathProblem('/a/ünï/')).toContain('only printable ASCII characters, without spaces');
    expect(iamPathProblem('/a b/')).toContain('without spaces');
    expect(iamPathProblem(`/${'a'.repeat(600)}/`)).toContain('longer than 512 characters');
  });

  it('splits a provider ARN into partition, account and issuer host/path', () => {
    expect(parseProviderArn(PROVIDER)).toEqual({
      partition: 'aws',
      account: '123456789012',
      hostPath: 'irsa.example.com/cluster-a'
    });
    expect(parseProviderArn('arn:aws:iam::123456789012:role/x')).toBeUndefined();
  });
});

describe('policy documents', () => {
  const json =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

  it('parses JSON (tabs included) and YAML to the same document', () => {
    const yamlText =
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: "*"\n';
    const fromJson = parsePolicyDocument(json.replace('{"Version"', '{\n\t"Version"'), yaml);
    const fromYaml = parsePolicyDocument(yamlText, yaml);
    expect('document' in fromJson && 'document' in fromYaml).toBe(true);
    if ('document' in fromJson && 'document' in fromYaml)
      expect(fromYaml.document).toEqual(fromJson.document);
  });

  it.each([
    ['{"Version": ', 'does not parse'],
    ['- a\n- b', 'not a policy document'],
    ['{"Version":"2012-10-17"}', 'no Statement'],
    ['{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}', 'Effect'],
    ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}', 'Action'],
    ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}', 'Resource'],
    [
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject",1],"Resource":"*"}]}',
      'Action must be a string or a list of strings'
    ],
    [
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":[]}]}',
      'Resource must be a string or a list of strings'
    ],
    ['{"Version":"2012-10-17","Statment":[]}', "unknown top-level key 'Statment'"],
    ['{"Version":"2020-01-01","Statement":[]}', "Version '2020-01-01'"]
  ])('rejects %j', (text, reason) => {
    const result = parsePolicyDocument(text, yaml);
    expect('problem' in result && result.problem).toContain(reason);
  });

  it('decodes the URL-encoded documents IAM returns', () => {
    expect(decodeIamDocument(encodeURIComponent(json))).toEqual(JSON.parse(json));
    expect(decodeIamDocument(json)).toEqual(JSON.parse(json));
  });

  it('treats key order, one-element lists and list order as IAM does', () => {
    const current = encodeURIComponent(
      JSON.stringify({
        Statement: { Resource: ['*'], Action: ['s3:PutObject', 's3:GetObject'], Effect: 'Allow' },
        Version: '2012-10-17'
      })
    );
    const desired = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }]
    };
    expect(samePolicy(current, desired)).toBe(true);
    expect(
      samePolicy(current, { ...desired, Statement: [{ ...desired.Statement[0], Effect: 'Deny' }] })
    ).toBe(false);
    expect(canonicalPolicy({ b: [2, 1, 1], a: 'x' })).toEqual({ a: 'x', b: [1, 2] });
  });
});

describe('tags', () => {
  it('reads key=value lines, keeping = inside values', () => {
    expect(parseTagLines('team=platform\n\n  cost-center = a=b  \n')).toEqual({
      tags: { team: 'platform', 'cost-center': 'a=b' }
    });
  });

  it.each([
    ['novalue', 'not key=value'],
    ['a=1\na=2', 'twice'],
    ['aws:thing=1', 'reserved prefix'],
    ['managed-by=me', 'set by the action'],
    ['bad#key=1', 'may hold only']
  ])('rejects %j', (text, reason) => {
    const result = parseTagLines(text);
    expect('problem' in result && result.problem).toContain(reason);
  });

  it('accepts a YAML mapping in bindings', () => {
    expect(parseTagValue({ team: 'x', tier: 3 })).toEqual({ tags: { team: 'x', tier: '3' } });
    expect(parseTagValue({ team: { nested: 1 } })).toEqual({
      problem: "tag 'team' must have a scalar value."
    });
  });

  it('accepts a list of key=value strings in bindings, and no list with anything else in it', () => {
    expect(parseTagValue(['team=x', 'tier=3'])).toEqual({ tags: { team: 'x', tier: '3' } });
    expect(parseTagValue(['team=x', 3])).toEqual({ problem: 'tags must be key=value strings or a mapping.' });
    expect(parseTagValue(['team=x', ['tier=3']])).toEqual({
      problem: 'tags must be key=value strings or a mapping.'
    });
  });

  it("names an empty tag key as empty (a mapping's ~ or null key reads as one), not as ''", () => {
    const empty =
      "a tag's key is empty; IAM needs 1–128 characters (in YAML a key written ~ or null is empty too: quote it).";
    expect(parseTagValue({ '': 'x' })).toEqual({ problem: empty });
  });

  it("keeps a tag named __proto__ (a key IAM takes) as a tag, not as the object's prototype", () => {
    const own = (result: { tags: Record<string, string> } | { problem: string }): [string, string][] =>
      'tags' in result ? Object.entries(result.tags) : [];
    expect(own(parseTagLines('__proto__=x\nteam=a'))).toEqual([
      ['__proto__', 'x'],
      ['team', 'a']
    ]);
    const fromYaml = parseTagValue(JSON.parse('{"__proto__": "x"}') as unknown);
    expect(own(fromYaml)).toEqual([['__proto__', 'x']]);
    const desired = 'tags' in fromYaml ? fromYaml.tags : {};
    expect(Object.entries(tagsToWrite({}, desired))).toEqual([['__proto__', 'x']]);
    expect(Object.entries(tagsToWrite({ ['__proto__']: 'x' }, desired))).toEqual([]);
  });

  it('writes only tags that differ and leaves foreign tags alone', () => {
    expect(tagsToWrite({ team: 'a', other: 'keep' }, { team: 'b', 'managed-by': 'talos-irsa' })).toEqual({
      team: 'b',
      'managed-by': 'talos-irsa'
    });
    expect(tagsToWrite({ team: 'a' }, { team: 'a' })).toEqual({});
    // IAM's one key: a role tagged Team=a already carries team=a, and a rerun must not rewrite it.
    expect(tagsToWrite({ Team: 'a' }, { team: 'a' })).toEqual({});
    expect(tagsToWrite({ Team: 'a' }, { team: 'b' })).toEqual({ team: 'b' });
    expect(managedTags('https://i.example/x')).toEqual({
      'managed-by': 'talos-irsa',
      'talos-irsa/issuer': 'https://i.example/x'
    });
  });

  it('writes the issuer tag in the characters and length IAM takes, and reads it back', () => {
    expect(issuerTagValue('https://oidc.example.com/c1')).toBe('https://oidc.example.com/c1');
    expect(issuerTagValue('https://h.example/~a/b=c%2A!')).toBe('https://h.example/=7Ea/b=3Dc=252A=21');
    expect(issuerOfTag('https://h.example/=7Ea/b=3Dc=252A=21')).toBe('https://h.example/~a/b=c%2A!');
    // Letters of any script are IAM's; other characters escape per UTF-8 byte.
    expect(issuerTagValue('https://h.example/grüße/€')).toBe('https://h.example/grüße/=E2=82=AC');
    expect(issuerOfTag('https://h.example/grüße/=E2=82=AC')).toBe('https://h.example/grüße/€');
    // Cut at 256 without splitting an escape, with a digest of the whole, so issuers still differ.
    const long = (last: string): string => `https://h.example/${'~'.repeat(100)}${last}`;
    const [a, b] = [issuerTagValue(long('a')), issuerTagValue(long('b'))];
    expect(a).toHaveLength(256);
    expect(a).toMatch(/^https:\/\/h\.example\/(=7E)+\.\.\.[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
    expect(issuerTagValue(long('a'))).toBe(a);
    // A tag written before escaping, holding an '=' as it was, still names the same issuer.
    expect(sameIssuerTag('https://h.example/a=b', issuerTagValue('https://h.example/a=b'))).toBe(true);
    expect(sameIssuerTag('https://h.example/a', issuerTagValue('https://h.example/b'))).toBe(false);
  });
});
