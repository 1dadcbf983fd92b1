// The STS gateway refuses what AWS STS refuses, with AWS's error codes, and otherwise lets
// moto mint credentials that GetCallerIdentity then attributes to the role.
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { generateKeyPair } from 'jose';
import {
  checkTrustPolicy,
  conditionContext,
  evaluateCondition,
  issuerHostPathOf
} from './stack/sts-gateway.js';
import {
  createOidcProvider,
  createRole,
  irsaTrustPolicy,
  publishIssuer,
  stackClients,
  uniqueName,
  type PublishedIssuer
} from './stack/oidc-fixture.js';

const SUBJECT = 'system:serviceaccount:ns:sa';

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

function stsClient(
  credentials: Credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
): STSClient {
  return new STSClient({
    region: process.env['AWS_REGION'] ?? 'us-east-1',
    endpoint: process.env['AWS_ENDPOINT_URL_STS'],
    credentials
  });
}

describe('STS gateway AssumeRoleWithWebIdentity', () => {
  let published: PublishedIssuer;
  let roleArn: string;
  let roleName: string;
  const sts = stsClient();

  const assume = (token: string, arn = roleArn) =>
    sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: arn,
        RoleSessionName: 'stack-test',
        WebIdentityToken: token
      })
    );

  beforeAll(async () => {
    published = await publishIssuer();
    roleName = uniqueName('irsa-role');
    const { iam } = stackClients();
    roleArn = await createRole(
      iam,
      roleName,
      irsaTrustPolicy(published.providerArn, published.hostPath, SUBJECT)
    );
  });

  test('a valid token yields credentials that GetCallerIdentity attributes to the role', async () => {
    const out = await assume(await published.sign({ sub: SUBJECT }));
    expect(out.AssumedRoleUser?.Arn).toMatch(new RegExp(`:assumed-role/${roleName}/stack-test$`));
    expect(out.SubjectFromWebIdentityToken).toBe(SUBJECT);
    expect(out.Audience).toBe('sts.amazonaws.com');
    expect(out.Provider).toBe(published.providerArn);

    const creds = out.Credentials;
    if (!creds?.AccessKeyId || !creds.SecretAccessKey) throw new Error('no credentials returned');
    const caller = await stsClient({
      accessKeyId: creds.AccessKeyId,
      secretAccessKey: creds.SecretAccessKey,
      sessionToken: creds.SessionToken
    }).send(new GetCallerIdentityCommand({}));
    expect(caller.Arn).toBe(`arn:aws:sts::123456789012:assumed-role/${roleName}/stack-test`);
  });

  test('a token whose kid is not in the JWKS is an InvalidIdentityToken', async () => {
    await expect(
      assume(await published.sign({ sub: SUBJECT }, { kid: 'some-other-kid' }))
    ).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException'
    });
  });

  test('a token signed by another key under the published kid is an InvalidIdentityToken', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await expect(assume(await published.sign({ sub: SUBJECT }, { key: privateKey }))).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: expect.stringContaining('signature')
    });
  });

  test('something that is not a JWT is an InvalidIdentityToken', async () => {
    await expect(assume('not-a-jwt')).rejects.toMatchObject({ name: 'InvalidIdentityTokenException' });
  });

  test('an audience the provider does not list is an InvalidIdentityToken', async () => {
    await expect(assume(await published.sign({ sub: SUBJECT, aud: 'someone-else' }))).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'Incorrect token audience'
    });
  });

  test('an expired token is an ExpiredTokenException', async () => {
    const token = await published.sign({ sub: SUBJECT }, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    await expect(assume(token)).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: expect.stringMatching(
        /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/
      )
    });
  });

  test('an issuer with no IAM OIDC provider is an InvalidIdentityToken', async () => {
    const iss = `${published.issuer}-unregistered`;
    await expect(assume(await published.sign({ sub: SUBJECT, iss }))).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: `No OpenIDConnect provider found in your account for ${iss}`
    });
  });

  test('an issuer differing from the provider URL only by a trailing slash finds no provider', async () => {
    const iss = `${published.issuer}/`;
    expect(issuerHostPathOf(iss)).toBe(`${published.hostPath}/`);
    await expect(assume(await published.sign({ sub: SUBJECT, iss }))).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: `No OpenIDConnect provider found in your account for ${iss}`
    });
  });

  test('a service account the trust policy does not name is AccessDenied', async () => {
    const err: unknown = await assume(await published.sign({ sub: 'system:serviceaccount:ns:other' })).catch(
      (e: unknown) => e
    );
    expect(err).toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      $metadata: { httpStatusCode: 403 }
    });
  });

  test('a role that does not exist is AccessDenied', async () => {
    const missing = roleArn.replace(roleName, `${roleName}-missing`);
    await expect(assume(await published.sign({ sub: SUBJECT }), missing)).rejects.toMatchObject({
      name: 'AccessDenied'
    });
  });

  test('DurationSeconds outside 900..43200 or above the role maximum is a ValidationError', async () => {
    const token = await published.sign({ sub: SUBJECT });
    const withDuration = (DurationSeconds: number) =>
      sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn,
          RoleSessionName: 'stack-test',
          WebIdentityToken: token,
          DurationSeconds
        })
      );
    await expect(withDuration(600)).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('greater than or equal to 900')
    });
    await expect(withDuration(43_201)).rejects.toMatchObject({ name: 'ValidationError' });
    // the role's MaxSessionDuration is the default hour
    await expect(withDuration(3_601)).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
    });
    await expect(withDuration(900)).resolves.toMatchObject({ Credentials: expect.anything() });
  });

  test('a provider whose discovery document is not published is an IDPCommunicationError', async () => {
    const { iam } = stackClients();
    const iss = `${process.env['TALOS_IRSA_S3_PUBLIC_URL']}/${uniqueName('irsa-unpublished')}`;
    const providerArn = await createOidcProvider(iam, iss);
    const hostPath = iss.replace(/^https:\/\//, '');
    const arn = await createRole(
      iam,
      uniqueName('irsa-role'),
      irsaTrustPolicy(providerArn, hostPath, SUBJECT)
    );
    await expect(assume(await published.sign({ sub: SUBJECT, iss }), arn)).rejects.toMatchObject({
      name: 'IDPCommunicationErrorException'
    });
  });
});

describe('trust policy evaluation', () => {
  const providerArn = 'arn:aws:iam::123456789012:oidc-provider/issuer.example/cluster';
  const hostPath = 'issuer.example/cluster';
  const claims = { sub: SUBJECT, aud: ['sts.amazonaws.com'] };
  const policyWith = (statement: Record<string, unknown>) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        ...statement
      }
    ]
  });

  test('StringEquals on sub and aud holds for the named service account', () => {
    const policy = policyWith({
      Condition: { StringEquals: { [`${hostPath}:sub`]: SUBJECT, [`${hostPath}:aud`]: 'sts.amazonaws.com' } }
    });
    expect(checkTrustPolicy(policy, claims, providerArn, hostPath)).toBe(true);
    expect(
      checkTrustPolicy(policy, { ...claims, sub: 'system:serviceaccount:ns:other' }, providerArn, hostPath)
    ).toBe(false);
  });

  test('a list of values matches any of them', () => {
    const policy = policyWith({ Condition: { StringEquals: { [`${hostPath}:sub`]: ['x', SUBJECT] } } });
    expect(checkTrustPolicy(policy, claims, providerArn, hostPath)).toBe(true);
  });

  test('StringLike understands * and ?', () => {
    const like = (pattern: string) =>
      checkTrustPolicy(
        policyWith({ Condition: { StringLike: { [`${hostPath}:sub`]: pattern } } }),
        claims,
        providerArn,
        hostPath
      );
    expect(like('system:serviceaccount:ns:*')).toBe(true);
    expect(like('system:serviceaccount:n?:s?')).toBe(true);
    expect(like('system:serviceaccount:other:*')).toBe(false);
  });

  test('condition keys are case-insensitive, values are not', () => {
    const upperKey = policyWith({
      Condition: { StringEquals: { [`${hostPath.toUpperCase()}:SUB`]: SUBJECT } }
    });
    const upperValue = policyWith({
      Condition: { StringEquals: { [`${hostPath}:sub`]: SUBJECT.toUpperCase() } }
    });
    expect(checkTrustPolicy(upperKey, claims, providerArn, hostPath)).toBe(true);
    expect(checkTrustPolicy(upperValue, claims, providerArn, hostPath)).toBe(false);
  });

  test('a condition on another issuer does not hold', () => {
    const policy = policyWith({ Condition: { StringEquals: { 'other.example/cluster:sub': SUBJECT } } });
    expect(checkTrustPolicy(policy, claims, providerArn, hostPath)).toBe(false);
  });

  test('another provider or action is not trusted', () => {
    expect(
      checkTrustPolicy(
        policyWith({ Principal: { Federated: `${providerArn}x` } }),
        claims,
        providerArn,
        hostPath
      )
    ).toBe(false);
    expect(checkTrustPolicy(policyWith({ Action: 'sts:AssumeRole' }), claims, providerArn, hostPath)).toBe(
      false
    );
    expect(
      checkTrustPolicy(
        policyWith({ Action: ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'] }),
        claims,
        providerArn,
        hostPath
      )
    ).toBe(true);
  });

  test('a matching Deny statement wins', () => {
    const policy = policyWith({});
    policy.Statement.push({ ...policy.Statement[0]!, Effect: 'Deny' });
    expect(checkTrustPolicy(policy, claims, providerArn, hostPath)).toBe(false);
  });

  test('a Deny applies through Principal "*", NotPrincipal and NotAction too', () => {
    const allow = policyWith({});
    const deny = (fields: Record<string, unknown>) => ({
      ...allow,
      Statement: [...allow.Statement, { Effect: 'Deny', Action: 'sts:*', ...fields }]
    });
    expect(checkTrustPolicy(deny({ Principal: '*' }), claims, providerArn, hostPath)).toBe(false);
    expect(checkTrustPolicy(deny({ Principal: { AWS: '*' } }), claims, providerArn, hostPath)).toBe(false);
    const notOther = deny({ NotPrincipal: { Federated: `${providerArn}-other` } });
    expect(checkTrustPolicy(notOther, claims, providerArn, hostPath)).toBe(false);
    const notThis = deny({ NotPrincipal: { Federated: providerArn } });
    expect(checkTrustPolicy(notThis, claims, providerArn, hostPath)).toBe(true);
    const notAction = {
      ...allow,
      Statement: [...allow.Statement, { Effect: 'Deny', Principal: '*', NotAction: 'sts:AssumeRole' }]
    };
    expect(checkTrustPolicy(notAction, claims, providerArn, hostPath)).toBe(false);
  });

  test('a Deny the gateway cannot decide is applied; an Allow it cannot decide does not grant', () => {
    const allow = policyWith({});
    const denyUnless = (condition: Record<string, unknown>) => ({
      ...allow,
      Statement: [
        ...allow.Statement,
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }
      ]
    });
    // aws:SourceIp is not modelled, and NumericLessThan is not an operator the gateway knows
    const sourceIp = denyUnless({ NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } });
    expect(checkTrustPolicy(sourceIp, claims, providerArn, hostPath)).toBe(false);
    const unknownKey = denyUnless({ StringNotEquals: { 'aws:PrincipalTag/team': 'x' } });
    expect(checkTrustPolicy(unknownKey, claims, providerArn, hostPath)).toBe(false);
    // a Deny whose decidable condition does not hold still does not apply
    const otherSub = denyUnless({ StringEquals: { [`${hostPath}:sub`]: 'system:serviceaccount:ns:other' } });
    expect(checkTrustPolicy(otherSub, claims, providerArn, hostPath)).toBe(true);
    const allowOnIp = policyWith({ Condition: { StringNotEquals: { 'aws:SourceIp': '192.0.2.1' } } });
    expect(checkTrustPolicy(allowOnIp, claims, providerArn, hostPath)).toBe(false);
  });

  test('sts:RoleSessionName is in the context', () => {
    const allowSession = policyWith({ Condition: { StringLike: { 'sts:RoleSessionName': 'stack-*' } } });
    expect(checkTrustPolicy(allowSession, claims, providerArn, hostPath, 'stack-test')).toBe(true);
    expect(checkTrustPolicy(allowSession, claims, providerArn, hostPath, 'other')).toBe(false);
    const allow = policyWith({});
    const denySession = {
      ...allow,
      Statement: [
        ...allow.Statement,
        {
          Effect: 'Deny',
          Principal: { Federated: providerArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'sts:RoleSessionName': 'stack-test' } }
        }
      ]
    };
    expect(checkTrustPolicy(denySession, claims, providerArn, hostPath, 'stack-test')).toBe(false);
    expect(checkTrustPolicy(denySession, claims, providerArn, hostPath, 'other')).toBe(true);
  });

  test('an unknown operator never holds', () => {
    const policy = policyWith({ Condition: { NumericEquals: { [`${hostPath}:sub`]: '1' } } });
    expect(checkTrustPolicy(policy, claims, providerArn, hostPath)).toBe(false);
  });

  test('absent keys follow IAM: negated, IfExists and ForAllValues hold, the rest do not', () => {
    const context = conditionContext({ sub: SUBJECT }, hostPath);
    const amr = `${hostPath}:amr`;
    expect(evaluateCondition('StringEquals', amr, 'x', context)).toBe(false);
    expect(evaluateCondition('StringNotEquals', amr, 'x', context)).toBe(true);
    expect(evaluateCondition('StringEqualsIfExists', amr, 'x', context)).toBe(true);
    expect(evaluateCondition('ForAllValues:StringEquals', amr, 'x', context)).toBe(true);
    expect(evaluateCondition('ForAnyValue:StringEquals', amr, 'x', context)).toBe(false);
  });

  test('multi-valued claims: ForAnyValue needs one match, ForAllValues needs all', () => {
    const context = conditionContext({ amr: ['authenticated', 'mfa'] }, hostPath);
    const amr = `${hostPath}:amr`;
    expect(evaluateCondition('ForAnyValue:StringEquals', amr, 'mfa', context)).toBe(true);
    expect(evaluateCondition('ForAnyValue:StringLike', amr, 'auth*', context)).toBe(true);
    expect(evaluateCondition('ForAllValues:StringEquals', amr, 'mfa', context)).toBe(false);
    expect(evaluateCondition('ForAllValues:StringEquals', amr, ['mfa', 'authenticated'], context)).toBe(true);
    expect(evaluateCondition('StringNotEquals', `${hostPath}:amr`, 'mfa', context)).toBe(false);
  });
});
