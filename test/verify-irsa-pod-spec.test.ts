// The pure parts of pod mode and of the report: the pod verify-irsa creates, how its state and
// log are read, webhook detection, the STS answers, and the summary.
import { describe, expect, it } from '@jest/globals';
import type { V1Pod } from '@kubernetes/client-node';
import { chainDiagram, verifySummary } from '../src/verify-irsa/chain-summary.js';
import type { Check } from '../src/verify-irsa/diagnosis.js';
import { failed, linkStates, passed } from '../src/verify-irsa/diagnosis.js';
import { parseVerifyInputs } from '../src/verify-irsa/inputs.js';
import { mapInputReader } from '../src/io/inputs.js';
import { redactJwts } from '../src/verify-irsa/run.js';
import { assumedRoleProblem, isAssumedRoleArn, sessionProblem } from '../src/verify-irsa/assumed-role.js';
import type { STSClient } from '@aws-sdk/client-sts';
import { assumeRole, fixForStsError, sessionName } from '../src/verify-irsa/sts-checks.js';
import {
  callerArnFromLogs,
  lastLines,
  MAX_LOG_LINE,
  podOutcome,
  TOKEN_PATH,
  verifyPodManifest,
  webhookInjections,
  webhookTokenAudience
} from '../src/verify-irsa/verify-pod.js';

const ROLE = 'arn:aws:iam::123456789012:role/app-reader';
const spec = {
  name: 'irsa-verify-abc123',
  namespace: 'apps',
  serviceAccount: 'reader',
  image: 'public.ecr.aws/aws-cli/aws-cli:2.22.35',
  roleArn: ROLE,
  region: 'eu-west-1',
  audience: 'sts.amazonaws.com',
  timeoutSeconds: 120,
  expiresAt: new Date('2026-11-29T12:07:00.000Z')
};

function inputsFor(mode: string): ReturnType<typeof parseVerifyInputs> {
  return parseVerifyInputs(
    mapInputReader({
      kubeconfig: 'x',
      'role-arn': ROLE,
      namespace: 'apps',
      'service-account': 'reader',
      mode
    }),
    { AWS_REGION: 'eu-west-1' }
  );
}

describe('verifyPodManifest', () => {
  const pod = verifyPodManifest(spec);
  const container = pod.spec?.containers[0];

  it('runs aws sts get-caller-identity under the service account, once, with a deadline past the timeout', () => {
    expect(pod.spec).toMatchObject({
      serviceAccountName: 'reader',
      restartPolicy: 'Never',
      activeDeadlineSeconds: 180,
      automountServiceAccountToken: false
    });
    expect(container?.command).toEqual(['aws', 'sts', 'get-caller-identity']);
    expect(pod.metadata?.labels).toEqual({ 'app.kubernetes.io/managed-by': 'talos-irsa-verify' });
  });

  it('projects a token for the audience where AWS_WEB_IDENTITY_TOKEN_FILE points', () => {
    const env = Object.fromEntries((container?.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toEqual({
      AWS_ROLE_ARN: ROLE,
      AWS_WEB_IDENTITY_TOKEN_FILE: TOKEN_PATH,
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_STS_REGIONAL_ENDPOINTS: 'regional',
      AWS_ROLE_SESSION_NAME: 'irsa-verify-abc123'
    });
    const mount = container?.volumeMounts?.[0];
    const volume = pod.spec?.volumes?.find((v) => v.name === mount?.name);
    expect(`${mount?.mountPath}/${volume?.projected?.sources?.[0]?.serviceAccountToken?.path}`).toBe(
      TOKEN_PATH
    );
    expect(volume?.projected?.sources?.[0]?.serviceAccountToken?.audience).toBe('sts.amazonaws.com');
  });
});

describe('podOutcome', () => {
  const withStatus = (status: V1Pod['status']): V1Pod => ({ status });

  it('reads success, failure with exit code, and stuck containers', () => {
    expect(podOutcome(withStatus({ phase: 'Succeeded' }))).toEqual({ state: 'succeeded' });
    expect(podOutcome(withStatus({ phase: 'Running' }))).toEqual({ state: 'running' });
    expect(
      podOutcome(
        withStatus({
          phase: 'Failed',
          containerStatuses: [
            {
              name: 'aws',
              image: 'i',
              imageID: '',
              ready: false,
              restartCount: 0,
              state: { terminated: { exitCode: 254, reason: 'Error' } }
            }
          ]
        })
      )
    ).toEqual({ state: 'failed', reason: 'container exited with code 254 (Error)' });
    expect(
      podOutcome(
        withStatus({
          phase: 'Pending',
          containerStatuses: [
            {
              name: 'aws',
              image: 'i',
              imageID: '',
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: 'InvalidImageName', message: 'bad ref' } }
            }
          ]
        })
      )
    ).toEqual({ state: 'failed', reason: 'InvalidImageName: bad ref' });
    expect(podOutcome(withStatus({ phase: 'Failed', reason: 'DeadlineExceeded' }))).toEqual({
      state: 'failed',
      reason: 'DeadlineExceeded'
    });
  });
});

describe('reading the pod log', () => {
  it('parses the ARN from JSON output, and from a log with a warning before it', () => {
    const arn = 'arn:aws:sts::123456789012:assumed-role/app-reader/irsa-verify-abc123';
    const output = JSON.stringify({ UserId: 'AROA:irsa', Account: '123456789012', Arn: arn }, null, 4);
    expect(callerArnFromLogs(output)).toBe(arn);
    expect(callerArnFromLogs(`warning: something\n${output}`)).toBe(arn);
    expect(callerArnFromLogs('An error occurred (AccessDenied)')).toBeUndefined();
    expect(lastLines('a\n\nb\nc\n', 2)).toEqual(['b', 'c']);
    expect(lastLines(`${'x'.repeat(MAX_LOG_LINE + 1)}\nshort`, 2)).toEqual([
      `${'x'.repeat(MAX_LOG_LINE)}…`,
      'short'
    ]);
  });

  it('redacts anything shaped like a service-account token', () => {
    expect(redactJwts('token eyJhbGciOi.eyJpc3Mi.c2lnbmF0dXJl here')).toBe('token *** here');
  });
});

describe("an STS refusal's text", () => {
  const role = {
    arn: 'arn:aws:iam::123456789012:role/app',
    partition: 'aws',
    accountId: '123456789012',
    name: 'app'
  };
  /** The assume-role check of a refusal whose message is `message`, for `token`. */
  async function refusalDetail(token: string, message: string): Promise<string | undefined> {
    const refusing = {
      send: async () => {
        throw Object.assign(new Error(message), { name: 'InvalidIdentityToken' });
      }
    } as unknown as STSClient;
    const deps = {
      sts: refusing,
      stsWithCredentials: () => refusing,
      mask: () => undefined,
      sleep: async () => undefined
    };
    const { checks } = await assumeRole(token, role, new Date(0), deps);
    return checks[0]?.detail;
  }

  it('has every occurrence of the token replaced with ***, and is kept as is without one', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    expect(await refusalDetail(token, `token ${token} is not valid; ${token}`)).toBe(
      'STS refused AssumeRoleWithWebIdentity: InvalidIdentityToken: token *** is not valid; ***'
    );
    expect(await refusalDetail('', 'no token ***x here')).toBe(
      'STS refused AssumeRoleWithWebIdentity: InvalidIdentityToken: no token ***x here'
    );
  });
});

describe('webhookInjections', () => {
  it('names env vars and projected volumes a webhook added, ignoring the API token volume', () => {
    const sent = verifyPodManifest(spec);
    const stored = structuredClone(sent);
    expect(webhookInjections(sent, stored)).toEqual([]);
    stored.spec?.containers[0]?.env?.push({ name: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: 'http://x' });
    stored.spec?.volumes?.push(
      { name: 'eks-pod-identity-token', projected: { sources: [] } },
      { name: 'kube-api-access-x7k2p', projected: { sources: [] } }
    );
    expect(webhookInjections(sent, stored)).toEqual([
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'volume eks-pod-identity-token'
    ]);
  });
});

describe('webhookTokenAudience', () => {
  const pod = (file: string | undefined, audience: string | undefined): V1Pod => ({
    spec: {
      containers: [
        {
          name: 'aws',
          ...(file ? { env: [{ name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: file }] } : {}),
          volumeMounts: [
            { name: 'secrets', mountPath: '/var/run/secrets' },
            { name: 'aws-iam-token', mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount/' }
          ]
        }
      ],
      volumes: [
        {
          name: 'secrets',
          projected: { sources: [{ serviceAccountToken: { audience: 'vault', path: 'x' } }] }
        },
        {
          name: 'aws-iam-token',
          projected: {
            sources: [
              { serviceAccountToken: { audience: 'other', path: 'other-token' } },
              { serviceAccountToken: { ...(audience ? { audience } : {}), path: 'token' } }
            ]
          }
        }
      ]
    }
  });

  it('reads the audience of the token AWS_WEB_IDENTITY_TOKEN_FILE names, through its deepest mount', () => {
    expect(webhookTokenAudience(pod(TOKEN_PATH, 'sts.example.com'))).toBe('sts.example.com');
  });

  it('knows none without the file, or when the token names no audience', () => {
    expect(webhookTokenAudience(pod(undefined, 'sts.example.com'))).toBeUndefined();
    expect(webhookTokenAudience(pod(TOKEN_PATH, undefined))).toBeUndefined();
    expect(webhookTokenAudience(pod('/elsewhere/token', 'sts.example.com'))).toBeUndefined();
  });
});

describe('STS answers', () => {
  const role = { arn: ROLE, partition: 'aws', accountId: '123456789012', name: 'app-reader' };

  it("accepts the pod's answer only for the pod's own session", () => {
    const arn = 'arn:aws:sts::123456789012:assumed-role/app-reader/irsa-verify-0a1b2c3d';
    expect(sessionProblem(arn, 'irsa-verify-0a1b2c3d')).toBeUndefined();
    expect(sessionProblem(arn, 'irsa-verify-ffffffff')).toBe(
      `${arn} is the session irsa-verify-0a1b2c3d, not this run's pod's irsa-verify-ffffffff`
    );
    expect(sessionProblem('arn:aws:iam::123456789012:user/alice', 'irsa-verify-ffffffff')).toMatch(
      /no assumed-role ARN$/
    );
  });

  it('accepts only an assumed-role ARN of the role in its account', () => {
    expect(assumedRoleProblem('arn:aws:sts::123456789012:assumed-role/app-reader/s1', role)).toBeUndefined();
    expect(assumedRoleProblem('arn:aws:sts::123456789012:assumed-role/other/s1', role)).toBe(
      'arn:aws:sts::123456789012:assumed-role/other/s1 names the role other, not app-reader'
    );
    expect(assumedRoleProblem('arn:aws:sts::999999999999:assumed-role/app-reader/s1', role)).toMatch(
      /in account 999999999999/
    );
    expect(assumedRoleProblem('arn:aws:iam::123456789012:user/alice', role)).toMatch(/no assumed-role ARN/);
    expect(assumedRoleProblem('arn:aws-cn:sts::123456789012:assumed-role/app-reader/s1', role)).toMatch(
      /in the partition aws-cn, not aws$/
    );
    expect(assumedRoleProblem('a\nb', role)).toBe('"a\\nb" is no assumed-role ARN');
  });

  it('takes for an assumed-role ARN only what STS writes', () => {
    expect(isAssumedRoleArn('arn:aws:sts::123456789012:assumed-role/app-reader/irsa-verify-abc123')).toBe(
      true
    );
    expect(isAssumedRoleArn('arn:aws-us-gov:sts::123456789012:assumed-role/a+=,.@_-b/s1')).toBe(true);
    for (const text of [
      '',
      'hello',
      'arn:aws:iam::123456789012:role/app-reader',
      'arn:aws:sts::123456789012:assumed-role/app-reader/s',
      'arn:aws:sts::123456789012:assumed-role/app-reader/s1/extra',
      'arn:aws:sts::123456789012:assumed-role/app-reader/s1\n::set-output name=x::y',
      `arn:aws:sts::123456789012:assumed-role/${'r'.repeat(65)}/s1`,
      'arn:aws:sts::12345678901:assumed-role/app-reader/s1'
    ])
      expect(isAssumedRoleArn(text)).toBe(false);
  });

  it("maps STS's opaque refusals to the link they point at", () => {
    expect(
      fixForStsError('InvalidIdentityToken', 'No OpenIDConnect provider found in your account for https://x')
    ).toMatch(/create the IAM OIDC provider/);
    expect(fixForStsError('IDPCommunicationError', "Couldn't retrieve verification key")).toMatch(
      /run publish-oidc/
    );
    expect(fixForStsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity')).toMatch(
      /run irsa-role/
    );
    expect(fixForStsError('InvalidIdentityToken', 'Incorrect token audience')).toMatch(/client IDs/);
    // The SDK's exception names and the CLI's wire codes lead to the same fix.
    expect(fixForStsError('ExpiredTokenException', 'Token expired')).toBe('use a fresh token');
    expect(
      fixForStsError(
        'InvalidIdentityTokenException',
        'The web identity token signature could not be verified'
      )
    ).toBe(fixForStsError('InvalidIdentityToken', 'The web identity token signature could not be verified'));
  });

  it('names the earlier failed check a refusal follows from, instead of repeating its fix', () => {
    const denied = ['AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'] as const;
    const trust = failed('role-trust', 'trusts another subject', 'let the role trust it: run irsa-role');
    expect(fixForStsError(...denied, [passed('role', 'exists'), trust])).toBe(
      "STS refused for the reason the role-trust check gives: apply that check's fix"
    );
    // A check that failed with the very fix the refusal would give, on another link, is named too.
    const assumed = failed('assume-role', 'AccessDenied', fixForStsError(...denied));
    expect(fixForStsError(...denied, [assumed])).toBe(
      "STS refused for the reason the assume-role check gives: apply that check's fix"
    );
    // A refusal that points elsewhere than the earlier failures keeps its own fix, as does one after passes.
    const audience = failed(
      'provider-audience',
      'not listed',
      "add the audience to the provider's client IDs"
    );
    expect(fixForStsError(...denied, [audience])).toBe(fixForStsError(...denied));
    expect(fixForStsError(...denied, [passed('role-trust', 'trusts it')])).toMatch(/run irsa-role$/);
    expect(fixForStsError('InvalidIdentityToken', 'Incorrect token audience', [audience])).toBe(
      "STS refused for the reason the provider-audience check gives: apply that check's fix"
    );
  });

  it('names sessions within the characters STS accepts', () => {
    expect(sessionName(new Date(1700000000000))).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});

describe('the summary', () => {
  const checks: Check[] = [
    passed('service-account', 'found apps/reader'),
    passed('token', 'issued'),
    failed('jwks', 'the cluster signs with kid a but the published JWKS holds only b', 'run publish-oidc'),
    failed('assume-role', 'STS refused', 'run publish-oidc')
  ];

  it('marks each link of the chain passed, failed or not checked', () => {
    expect(linkStates(checks)).toMatchObject({
      'service-account': 'passed',
      token: 'passed',
      'issuer-documents': 'failed',
      'iam-provider': 'not checked',
      'assumed-identity': 'failed'
    });
    const diagram = chainDiagram(inputsFor('token'), checks);
    expect(diagram).toContain('docs["issuer documents<br/>discovery + JWKS<br/>❌ failed"]');
    expect(diagram).toContain('class provider skipped');
    expect(diagram).toContain('sa --> token --> docs --> provider --> role --> identity');
    expect(diagram).not.toContain('pod');
  });

  it('leads with the first broken link and its fix, then the diagnosis table', () => {
    const summary = verifySummary(inputsFor('both'), { verified: false, assumedRoleArn: undefined, checks });
    expect(summary.split('\n')[0]).toBe('### ❌ IRSA not verified: the jwks check failed');
    expect(summary).toContain('**Fix:** run publish-oidc');
    expect(summary).toContain('sa --> pod --> identity');
    expect(summary).toContain(
      '| jwks | ❌ | the cluster signs with kid a but the published JWKS holds only b | run publish-oidc |'
    );
  });

  it('shows angle brackets from the cluster or AWS as text, in the fix line and in the table', () => {
    const fromPod = [
      failed('pod', 'the pod logged <Error><Code>AccessDenied</Code></Error>', 'grant <role> to the pod')
    ];
    const summary = verifySummary(inputsFor('pod'), {
      verified: false,
      assumedRoleArn: undefined,
      checks: fromPod
    });
    expect(summary).toContain('**Fix:** grant &lt;role&gt; to the pod');
    expect(summary).toContain(
      '| pod | ❌ | the pod logged &lt;Error&gt;&lt;Code&gt;AccessDenied&lt;/Code&gt;&lt;/Error&gt; | grant &lt;role&gt; to the pod |'
    );
  });
});
