// verify-irsa's reading of trust policies: whether STS would let a token through, and a sentence
// naming the statement or condition that refuses it.
import { describe, expect, it } from '@jest/globals';
import { iamWildcard } from '../src/trust/iam-wildcard.js';
import { readToken } from '../src/verify-irsa/token-claims.js';
import {
  conditionFailure,
  evaluateCondition,
  evaluateTrust,
  parsePolicyDocument,
  type TrustContext
} from '../src/verify-irsa/trust-evaluation.js';

const HOST = 'oidc.example.com/cluster';
const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${HOST}`;

function unsignedToken(claims: Record<string, unknown>): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'k1' })}.${part(claims)}.c2ln`;
}

function contextFor(claims: Record<string, unknown>): TrustContext {
  const token = readToken(unsignedToken({ iss: `https://${HOST}`, ...claims }));
  if (!token) throw new Error('fixture token does not decode');
  return { providerArn: PROVIDER, issuerHostPath: HOST, token };
}

const appToken = contextFor({ sub: 'system:serviceaccount:apps:reader', aud: ['sts.amazonaws.com'] });

function policy(...statements: object[]): unknown {
  return { Version: '2012-10-17', Statement: statements };
}

function allow(condition?: object, principal: unknown = { Federated: PROVIDER }): object {
  return {
    Effect: 'Allow',
    Principal: principal,
    Action: 'sts:AssumeRoleWithWebIdentity',
    ...(condition ? { Condition: condition } : {})
  };
}

describe('evaluateTrust', () => {
  it('allows a token whose sub and aud match the StringEquals conditions', () => {
    const verdict = evaluateTrust(
      policy(
        allow({
          StringEquals: {
            [`${HOST}:sub`]: 'system:serviceaccount:apps:reader',
            [`${HOST}:aud`]: 'sts.amazonaws.com'
          }
        })
      ),
      appToken
    );
    expect(verdict).toEqual({
      allowed: true,
      reason: `the trust policy allows system:serviceaccount:apps:reader through ${PROVIDER}`
    });
  });

  it('names the sub condition when the role trusts another service account', () => {
    const verdict = evaluateTrust(
      policy(allow({ StringEquals: { [`${HOST}:sub`]: 'system:serviceaccount:apps:writer' } })),
      appToken
    );
    expect(verdict).toEqual({
      allowed: false,
      reason: `the condition StringEquals ${HOST}:sub = system:serviceaccount:apps:writer does not hold for the token's system:serviceaccount:apps:reader`,
      trustedSubjects: ['system:serviceaccount:apps:writer']
    });
  });

  it('names the subjects the role trusts only when the sub alone refuses the token', () => {
    const subjects = (condition: object): string[] | undefined =>
      evaluateTrust(
        policy(allow(condition), allow({ StringLike: { [`${HOST}:sub`]: 'system:serviceaccount:ops:*' } })),
        appToken
      ).trustedSubjects;
    expect(subjects({ StringEquals: { [`${HOST}:SUB`]: ['system:serviceaccount:apps:writer'] } })).toEqual([
      'system:serviceaccount:apps:writer',
      'system:serviceaccount:ops:*'
    ]);
    // The audience refuses it too: another service account's name would not be the whole answer.
    expect(
      subjects({
        StringEquals: { [`${HOST}:sub`]: 'system:serviceaccount:apps:writer', [`${HOST}:aud`]: 'other' }
      })
    ).toBeUndefined();
  });

  it('names the Federated principal when the role trusts another provider', () => {
    const other = 'arn:aws:iam::123456789012:oidc-provider/other.example.com';
    const verdict = evaluateTrust(policy(allow(undefined, { Federated: other })), appToken);
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toBe(
      `the trust policy's Federated principal is ${other}, not the provider ${PROVIDER}`
    );
  });

  it('refuses a policy with no web-identity statement', () => {
    const verdict = evaluateTrust(
      policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      appToken
    );
    expect(verdict.reason).toBe(
      'no statement of the trust policy allows sts:AssumeRoleWithWebIdentity for a Federated principal'
    );
  });

  it('allows a policy whose working conditions include Null, as STS does', () => {
    const verdict = evaluateTrust(
      policy(
        allow({
          StringEquals: { [`${HOST}:sub`]: 'system:serviceaccount:apps:reader' },
          Null: { [`${HOST}:sub`]: 'false' }
        })
      ),
      appToken
    );
    expect(verdict.allowed).toBe(true);
  });

  it('leaves the verdict to STS when only a condition on the request decides it, and says so', () => {
    const sub = { [`${HOST}:sub`]: 'system:serviceaccount:apps:reader' };
    const fromOffice = allow({ StringEquals: sub, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } });
    expect(evaluateTrust(policy(fromOffice), appToken)).toEqual({
      allowed: 'unknown',
      reason: `whether the trust policy allows system:serviceaccount:apps:reader depends on a condition not evaluated here (the condition IpAddress aws:SourceIp reads the request, not the token, and is not evaluated here): STS's answer decides`
    });
    const denyAtNight = {
      ...allow({ DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T20:00:00Z' } }),
      Effect: 'Deny'
    };
    expect(evaluateTrust(policy(allow({ StringEquals: sub }), denyAtNight), appToken).allowed).toBe(
      'unknown'
    );
    // A condition that fails on the token still refuses, whatever else is undecided.
    const otherSub = allow({
      StringEquals: { [`${HOST}:sub`]: 'system:serviceaccount:apps:writer' },
      IpAddress: { 'aws:SourceIp': '203.0.113.0/24' }
    });
    expect(evaluateTrust(policy(otherSub), appToken).allowed).toBe(false);
  });

  it('lets a matching Deny win over an Allow', () => {
    const verdict = evaluateTrust(policy(allow(), { ...allow(), Effect: 'Deny', Action: 'sts:*' }), appToken);
    expect(verdict).toEqual({
      allowed: false,
      reason: 'a Deny statement of the trust policy matches this token'
    });
  });

  it('matches StringLike wildcards against the subject', () => {
    const like = (pattern: string): boolean | 'unknown' =>
      evaluateTrust(policy(allow({ StringLike: { [`${HOST}:sub`]: pattern } })), appToken).allowed;
    expect(like('system:serviceaccount:apps:*')).toBe(true);
    expect(like('system:serviceaccount:apps:read?r')).toBe(true);
    expect(like('system:serviceaccount:other:*')).toBe(false);
  });

  it('refuses a condition keyed on another issuer, saying which prefix the token has', () => {
    const verdict = evaluateTrust(
      policy(allow({ StringEquals: { 'old.example.com/cluster:sub': 'system:serviceaccount:apps:reader' } })),
      appToken
    );
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain(`its keys start with ${HOST}:`);
  });

  it('reads URL-encoded documents as IAM returns them', () => {
    const document = encodeURIComponent(JSON.stringify(policy(allow())));
    expect(evaluateTrust(parsePolicyDocument(document), appToken).allowed).toBe(true);
    expect(parsePolicyDocument('%7Bnot json')).toBeUndefined();
  });
});

describe('conditionFailure', () => {
  it('applies IAM rules for absent keys', () => {
    const noAmr = contextFor({ sub: 's', aud: 'a' });
    expect(conditionFailure('StringEqualsIfExists', `${HOST}:amr`, 'x', noAmr)).toBeUndefined();
    expect(conditionFailure('StringNotEquals', `${HOST}:amr`, 'x', noAmr)).toBeUndefined();
    expect(conditionFailure('StringEquals', `${HOST}:amr`, 'x', noAmr)).toMatch(/does not carry/);
  });

  it('holds ForAnyValue over a multi-valued aud and ForAllValues only when all match', () => {
    const twoAudiences = contextFor({ sub: 's', aud: ['sts.amazonaws.com', 'vault'] });
    expect(
      conditionFailure('ForAnyValue:StringEquals', `${HOST}:aud`, 'vault', twoAudiences)
    ).toBeUndefined();
    expect(conditionFailure('ForAllValues:StringEquals', `${HOST}:aud`, 'vault', twoAudiences)).toMatch(
      /does not hold/
    );
  });

  it('leaves an operator it does not evaluate, and a key of the request, to STS instead of guessing', () => {
    expect(evaluateCondition('NumericEquals', `${HOST}:sub`, '1', appToken)).toEqual({
      holds: 'unknown',
      reason: `the condition operator NumericEquals on ${HOST}:sub is not evaluated here`
    });
    expect(evaluateCondition('IpAddress', 'aws:SourceIp', '203.0.113.0/24', appToken).holds).toBe('unknown');
    expect(evaluateCondition('StringEquals', 'sts:RoleSessionName', 'x', appToken).holds).toBe('unknown');
  });

  it('applies Null as IAM does: true for an absent claim, false for a present one', () => {
    expect(conditionFailure('Null', `${HOST}:sub`, 'false', appToken)).toBeUndefined();
    expect(conditionFailure('Null', `${HOST}:amr`, 'true', appToken)).toBeUndefined();
    expect(conditionFailure('Null', `${HOST}:amr`, 'false', appToken)).toMatch(/does not carry/);
    expect(conditionFailure('Null', `${HOST}:sub`, 'true', appToken)).toMatch(
      /needs the token to carry no such claim, but it carries system:serviceaccount:apps:reader/
    );
  });

  it('matches condition keys case-insensitively, as IAM does', () => {
    expect(
      conditionFailure(
        'StringEquals',
        `${HOST.toUpperCase()}:SUB`,
        'system:serviceaccount:apps:reader',
        appToken
      )
    ).toBeUndefined();
  });
});

describe('iamWildcard', () => {
  it('treats only * and ? as special', () => {
    expect(iamWildcard('a.b*', 'a.bcd')).toBe(true);
    expect(iamWildcard('a.b*', 'axbcd')).toBe(false);
    expect(iamWildcard('sts:Assume*', 'sts:assumerolewithwebidentity', true)).toBe(true);
  });
});
