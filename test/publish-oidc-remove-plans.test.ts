// remove: true's pure parts: which bucket-policy statement is this issuer's to remove, which roles trust a
// provider, which provider is this suite's, and its inputs.
import { describe, expect, it } from '@jest/globals';
import { UserError } from '../src/io/errors.js';
import { mapInputReader } from '../src/io/inputs.js';
import {
  planStatementRemoval,
  publicReadStatement,
  STATEMENT_SID,
  statementSid
} from '../src/publish-oidc/bucket-policy.js';
import { parseInputs } from '../src/publish-oidc/inputs.js';
import { isOwnProvider, providerTags } from '../src/publish-oidc/provider-tags.js';
import { issuerMark } from '../src/publish-oidc/published-objects.js';
import { trustsProvider } from '../src/publish-oidc/trusting-roles.js';

const keysOf = (prefix: string): string[] => [
  `${prefix}.well-known/openid-configuration`,
  `${prefix}openid/v1/jwks`
];
const ours = publicReadStatement('aws', 'shared', keysOf('prod-2/'), 'prod-2/');
const theirs = publicReadStatement('aws', 'shared', keysOf('prod-1/'), 'prod-1/');
const users = {
  Sid: 'Logos',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::shared/logos/*'
};

describe("issuerMark (the JWKS metadata that proves a JWKS without a discovery document this issuer's)", () => {
  it('is the issuer itself for a plain URL, ASCII for any (S3 sends metadata as headers)', () => {
    expect(issuerMark('https://oidc.example.com/prod-2')).toBe('https://oidc.example.com/prod-2');
    expect(issuerMark('https://bücher.example/prod')).toBe('https://b%C3%BCcher.example/prod');
    // Two issuers never share a mark.
    expect(issuerMark('https://b%C3%BCcher.example/prod')).not.toBe(
      issuerMark('https://bücher.example/prod')
    );
  });

  it("is none past 255 characters (IAM's limit for a provider URL), nor for an unencodable URL", () => {
    const long = `https://oidc.example.com/${'a'.repeat(230)}`;
    expect(issuerMark(long)).toBe(long);
    expect(issuerMark(`${long}b`)).toBeUndefined();
    expect(issuerMark('https://oidc.example.com/\ud800')).toBeUndefined();
  });
});

describe('planStatementRemoval', () => {
  it('removes only this issuer’s statement, keeping the Version, Id and the others in order', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Id: 'mine', Statement: [theirs, ours, users] });
    const plan = planStatementRemoval(policy, ours);
    expect(plan.found).toBe(true);
    expect(plan.keptStatements).toBe(2);
    expect(JSON.parse(plan.policy ?? '')).toEqual({
      Version: '2012-10-17',
      Id: 'mine',
      Statement: [theirs, users]
    });
  });

  it('asks for the policy to be deleted when it held this issuer’s statement alone (a single object too)', () => {
    expect(planStatementRemoval(JSON.stringify({ Version: '2012-10-17', Statement: ours }), ours)).toEqual({
      found: true,
      policy: undefined,
      keptStatements: 0
    });
  });

  it('finds nothing in no policy, an unreadable one, or one without this issuer’s Sid', () => {
    expect(planStatementRemoval(undefined, ours).found).toBe(false);
    expect(planStatementRemoval('{not json', ours).found).toBe(false);
    // A statement of the user's granting the same objects under another Sid is theirs, not removed.
    const same = { ...ours, Sid: 'TerraformsOwn' };
    expect(planStatementRemoval(JSON.stringify({ Statement: [theirs, same] }), ours)).toEqual({
      found: false,
      policy: undefined,
      keptStatements: 2
    });
  });

  it('removes a plain-Sid statement an earlier version wrote for this issuer, never one naming another issuer', () => {
    expect(statementSid('prod-2/')).not.toBe(STATEMENT_SID);
    const legacyOurs = { ...ours, Sid: STATEMENT_SID };
    const legacyTheirs = { ...theirs, Sid: STATEMENT_SID };
    const plan = planStatementRemoval(JSON.stringify({ Statement: [legacyTheirs, legacyOurs] }), ours);
    expect(plan.found).toBe(true);
    expect(JSON.parse(plan.policy ?? '').Statement).toEqual([legacyTheirs]);
  });
});

describe('trustsProvider', () => {
  const arn = 'arn:aws:iam::123456789012:oidc-provider/shared.s3.eu-west-1.amazonaws.com/prod-2';
  const trust = (principal: unknown): string =>
    encodeURIComponent(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRoleWithWebIdentity' }]
      })
    );

  it('reads the URL-encoded document IAM returns, with Federated as a string or a list', () => {
    expect(trustsProvider(trust({ Federated: arn }), arn)).toBe(true);
    expect(
      trustsProvider(trust({ Federated: ['arn:aws:iam::123456789012:oidc-provider/other', arn] }), arn)
    ).toBe(true);
  });

  it('does not count another provider, an AWS principal, or an unreadable document', () => {
    expect(trustsProvider(trust({ Federated: `${arn}-old` }), arn)).toBe(false);
    expect(trustsProvider(trust({ AWS: arn }), arn)).toBe(false);
    expect(trustsProvider('%E0%A4%A', arn)).toBe(false);
    expect(trustsProvider(undefined, arn)).toBe(false);
  });
});

describe('isOwnProvider', () => {
  const issuer = 'https://shared.s3.eu-west-1.amazonaws.com/prod-2';
  const tagsOf = (list: { Key: string; Value: string }[]): Record<string, string> =>
    Object.fromEntries(list.map((tag) => [tag.Key, tag.Value]));

  it('is true for the tags publish-oidc puts on, for this issuer only', () => {
    expect(isOwnProvider(tagsOf(providerTags(issuer)), issuer)).toBe(true);
    expect(isOwnProvider(tagsOf(providerTags(`${issuer}-other`)), issuer)).toBe(false);
    expect(isOwnProvider({ 'managed-by': 'terraform', 'talos-irsa/issuer': issuer }, issuer)).toBe(false);
    expect(isOwnProvider({}, issuer)).toBe(false);
  });

  it('compares keys without case, as IAM does', () => {
    expect(isOwnProvider({ 'Managed-By': 'talos-irsa', 'Talos-Irsa/Issuer': issuer }, issuer)).toBe(true);
  });
});

describe('parseInputs with remove: true', () => {
  const ENV = { AWS_REGION: 'eu-west-1' };
  const error = (values: Record<string, string>): UserError => {
    try {
      parseInputs(mapInputReader(values), ENV);
    } catch (caught) {
      if (caught instanceof UserError) return caught;
      throw caught;
    }
    throw new Error('expected a UserError');
  };

  it('needs no kubeconfig, and reads the issuer, bucket and switches', () => {
    const parsed = parseInputs(
      mapInputReader({
        remove: 'true',
        bucket: 'shared',
        'issuer-url': 'https://oidc.example.com/prod-2',
        'manage-bucket': 'true'
      }),
      ENV
    );
    expect(parsed).toEqual({
      remove: true,
      inputs: {
        bucket: 'shared',
        bucketOwner: undefined,
        region: 'eu-west-1',
        issuerUrl: 'https://oidc.example.com/prod-2',
        manageBucket: true,
        createProvider: true,
        dryRun: false
      }
    });
  });

  it('refuses a missing issuer-url, a kubeconfig, and an issuer of another bucket, each naming its input', () => {
    expect(error({ remove: 'true', bucket: 'shared' }).input).toBe('issuer-url');
    const issuer = 'https://oidc.example.com/prod-2';
    expect(error({ remove: 'true', bucket: 'shared', 'issuer-url': issuer, kubeconfig: 'x' }).input).toBe(
      'kubeconfig'
    );
    expect(
      error({ remove: 'true', bucket: 'shared', 'issuer-url': issuer, 'kubeconfig-path': 'k' }).input
    ).toBe('kubeconfig-path');
    expect(
      error({ remove: 'true', bucket: 'shared', 'issuer-url': 'https://other.s3.eu-west-1.amazonaws.com' })
        .input
    ).toBe('issuer-url');
    expect(error({ remove: 'on', bucket: 'shared' }).input).toBe('remove');
  });

  it('leaves publishing as it was when remove is false or absent', () => {
    const parsed = parseInputs(mapInputReader({ bucket: 'shared', kubeconfig: 'apiVersion: v1' }), ENV);
    expect(parsed.remove).toBe(false);
  });
});
