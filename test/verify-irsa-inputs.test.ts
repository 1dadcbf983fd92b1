// verify-irsa's inputs: each bad value fails with one message naming its input, before the
// cluster is contacted (the kube double records every request it gets: there must be none).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUserError } from '../src/io/errors.js';
import { mapInputReader } from '../src/io/inputs.js';
import { verifyIrsaAction } from '../src/verify-irsa/action.js';
import { DEFAULT_IMAGE, parseVerifyInputs } from '../src/verify-irsa/inputs.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { createTestCa } from './stack/tls.js';
import { testContext } from './harness/context.js';

const ROLE = 'arn:aws:iam::123456789012:role/irsa/app-reader';
const env = { AWS_REGION: 'eu-west-1' };

let double: KubeDouble;
let caDir: string;
beforeAll(async () => {
  caDir = mkdtempSync(join(tmpdir(), 'verify-irsa-inputs-'));
  double = await startKubeDouble({ ca: createTestCa(caDir), issuer: 'https://issuer.example.com/cluster' });
});
afterAll(async () => {
  await double.stop();
  rmSync(caDir, { recursive: true, force: true });
});

async function failureOf(inputs: Record<string, string>): Promise<Error> {
  const { ctx } = testContext({
    inputs: { kubeconfig: double.kubeconfig(), 'role-arn': ROLE, ...inputs },
    env
  });
  try {
    await verifyIrsaAction(ctx);
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('verify-irsa accepted the inputs');
}

describe('verify-irsa inputs', () => {
  it('fills the defaults of action.yml', () => {
    const inputs = parseVerifyInputs(mapInputReader({ kubeconfig: 'x', 'role-arn': ROLE }), env);
    expect(inputs).toMatchObject({
      role: { arn: ROLE, partition: 'aws', accountId: '123456789012', name: 'app-reader' },
      namespace: 'default',
      serviceAccount: 'irsa-verify',
      createServiceAccount: true,
      audience: 'sts.amazonaws.com',
      mode: 'both',
      image: DEFAULT_IMAGE,
      timeoutSeconds: 300,
      region: 'eu-west-1',
      cleanup: true
    });
  });

  it.each([
    [
      'role-arn',
      { 'role-arn': 'arn:aws:iam::123456789012:user/alice' },
      /^Input 'role-arn': .* is not an IAM role ARN/
    ],
    ['role-arn', { 'role-arn': 'app-reader' }, /^Input 'role-arn': 'app-reader' is not an IAM role ARN/],
    [
      'role-arn',
      { 'role-arn': `arn:aws:iam::123456789012:role/${'p/'.repeat(256)}app` },
      /^Input 'role-arn': .* is not an IAM role ARN/
    ],
    [
      'role-arn',
      { 'role-arn': 'arn:aws:iam::123456789012:role/team 1/app' },
      /^Input 'role-arn': .* is not an IAM role ARN/
    ],
    ['mode', { mode: 'kubectl' }, /^Input 'mode': 'kubectl' is not one of token, pod, both\.$/],
    ['namespace', { namespace: 'Team_A' }, /^Input 'namespace': 'Team_A' is not a DNS label/],
    [
      'service-account',
      { 'service-account': 'my app' },
      /^Input 'service-account': 'my app' is not a DNS subdomain/
    ],
    [
      'timeout-seconds',
      { 'timeout-seconds': '0' },
      /^Input 'timeout-seconds': 0 is below the minimum of 1\.$/
    ],
    [
      'timeout-seconds',
      { 'timeout-seconds': '-5' },
      /^Input 'timeout-seconds': '-5' is not a positive whole number/
    ],
    [
      'timeout-seconds',
      { 'timeout-seconds': '5m' },
      /^Input 'timeout-seconds': '5m' is not a positive whole number/
    ],
    ['cleanup', { cleanup: 'yes' }, /^Input 'cleanup': 'yes' is not a boolean/],
    // The API server would store these; the kubelet refuses them (InvalidImageName) much later.
    ['image', { image: 'Amazon/AWS-CLI:2' }, /^Input 'image': 'Amazon\/AWS-CLI:2' is not an image reference/],
    ['image', { image: 'aws-cli:' }, /^Input 'image': 'aws-cli:' is not an image reference/],
    ['image', { image: 'aws-cli@sha256:abc' }, /^Input 'image': .* is not an image reference/],
    ['kubeconfig', { kubeconfig: '' }, /^Input 'kubeconfig': is required/],
    // IAM lists no client ID longer than 255 characters, and publish-oidc lists none with an
    // invisible character: such an audience could only fail the provider-audience check, after
    // the service account was written, with a fix naming a value that looks like the right one.
    [
      'audience',
      { audience: `sts.${'a'.repeat(252)}` },
      /^Input 'audience': 'sts\.a+…' is longer than 255 characters/
    ],
    [
      'audience',
      { audience: 'sts.amazonaws.com\u200b' },
      /^Input 'audience': 'sts\.amazonaws\.com\?' is not an audience: it holds a space or an invisible/
    ],
    ['audience', { audience: 'sts amazonaws' }, /^Input 'audience': 'sts amazonaws' is not an audience/]
  ])('refuses a bad %s before contacting the cluster', async (_input, inputs, message) => {
    const before = double.requests().length;
    const error = await failureOf(inputs);
    expect(isUserError(error)).toBe(true);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(double.requests().length).toBe(before);
    expect(double.serviceAccount('default', 'irsa-verify')).toBeUndefined();
  });

  it('accepts the image references a kubelet pulls', () => {
    for (const image of [
      DEFAULT_IMAGE,
      'amazon/aws-cli',
      'localhost:5000/tools/aws-cli:2.22.35',
      'Registry.Example.com/team/aws_cli__x/aws-cli',
      '[fd00::1]:5000/aws-cli:latest',
      `amazon/aws-cli:2@sha256:${'a'.repeat(64)}`
    ])
      expect(parseVerifyInputs(mapInputReader({ kubeconfig: 'x', 'role-arn': ROLE, image }), env).image).toBe(
        image
      );
  });

  it('accepts an audience of up to 255 characters, the most IAM lists', () => {
    const audience = `sts.${'a'.repeat(251)}`;
    expect(
      parseVerifyInputs(mapInputReader({ kubeconfig: 'x', 'role-arn': ROLE, audience }), env).audience
    ).toBe(audience);
  });

  it('accepts role ARNs with a path and in other partitions, with a region of that partition', () => {
    const read = mapInputReader({
      kubeconfig: 'x',
      'role-arn': 'arn:aws-cn:iam::210987654321:role/a/b/c-d',
      region: 'cn-northwest-1'
    });
    expect(parseVerifyInputs(read, env).role).toEqual({
      arn: 'arn:aws-cn:iam::210987654321:role/a/b/c-d',
      partition: 'aws-cn',
      accountId: '210987654321',
      name: 'c-d'
    });
    // IAM paths may hold any printable ASCII (irsa-role's role-path takes them), up to 512 characters.
    for (const [arn, name] of [
      ['arn:aws:iam::123456789012:role/team#1/ops:ci/app', 'app'],
      [`arn:aws:iam::123456789012:role/${'p/'.repeat(255)}app`, 'app']
    ])
      expect(parseVerifyInputs(mapInputReader({ kubeconfig: 'x', 'role-arn': arn }), env).role.name).toBe(
        name
      );
    const govRead = mapInputReader({
      kubeconfig: 'x',
      'role-arn': 'arn:aws-us-gov:iam::210987654321:role/r',
      region: 'us-gov-west-1'
    });
    expect(parseVerifyInputs(govRead, env).region).toBe('us-gov-west-1');
  });
});
