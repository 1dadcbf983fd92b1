// terraform/modules/irsa-discovery planned, applied, re-planned and destroyed by the real terraform
// CLI against moto, with the result checked through the AWS SDK the way AWS would see it.
import {
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand
} from '@aws-sdk/client-iam';
import {
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  S3Client
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import {
  awsEndpoint,
  discoveryRoot,
  type AwsEndpoint,
  type DiscoveryOutputs,
  type DiscoveryRoot,
  TERRAFORM_TEST_TIMEOUT_MS
} from './fixtures/terraform/harness.js';

const REGION = 'us-east-1';
const BUCKET = `talos-irsa-tf-${randomBytes(4).toString('hex')}`;
const ISSUER = `https://${BUCKET}.s3.${REGION}.amazonaws.com`;

interface PlanMessage {
  type: string;
  change?: { action: string; resource: { addr: string } };
}

/** Addresses that `terraform plan -json` announces it will create. */
function plannedCreates(jsonLines: string): string[] {
  return jsonLines
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as PlanMessage)
    .filter((m) => m.type === 'planned_change' && m.change?.action === 'create')
    .map((m) => m.change?.resource.addr ?? '')
    .sort();
}

interface PolicyStatement {
  Effect: string;
  Principal: string | { AWS: string | string[] };
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}

const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

let aws: AwsEndpoint;
let root: DiscoveryRoot;
let s3: S3Client;
let iam: IAMClient;
let outputs: DiscoveryOutputs;
let destroyed = false;

beforeAll(async () => {
  aws = await awsEndpoint();
  const common = {
    region: REGION,
    endpoint: aws.endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  };
  s3 = new S3Client({ ...common, forcePathStyle: true });
  iam = new IAMClient(common);
  root = await discoveryRoot({ bucketName: BUCKET, endpoint: aws.endpoint, region: REGION });
}, TERRAFORM_TEST_TIMEOUT_MS);

afterAll(async () => {
  if (root && !destroyed) await root.destroy().catch(() => undefined);
  root?.remove();
  s3?.destroy();
  iam?.destroy();
  await aws?.stop();
}, TERRAFORM_TEST_TIMEOUT_MS);

test(
  'the plan creates the bucket, its guards, the two-object policy and the IAM OIDC provider',
  async () => {
    const plan = await root.must(['plan', '-out=tfplan', '-detailed-exitcode', '-input=false', '-json'], [2]);
    expect(plan.exitCode).toBe(2);
    expect(plannedCreates(plan.stdout)).toEqual([
      'module.discovery.aws_iam_openid_connect_provider.issuer[0]',
      'module.discovery.aws_s3_bucket.discovery',
      'module.discovery.aws_s3_bucket_ownership_controls.discovery',
      'module.discovery.aws_s3_bucket_policy.public_discovery_read',
      'module.discovery.aws_s3_bucket_public_access_block.discovery',
      'module.discovery.aws_s3_bucket_server_side_encryption_configuration.discovery'
    ]);
  },
  TERRAFORM_TEST_TIMEOUT_MS
);

test(
  'apply succeeds and the outputs name the S3 issuer and its JWKS',
  async () => {
    await root.must(['apply', '-input=false', '-no-color', 'tfplan']);
    outputs = await root.outputs();
    expect(outputs.issuer_url).toBe(ISSUER);
    expect(outputs.jwks_url).toBe(`${ISSUER}/openid/v1/jwks`);
    expect(outputs.discovery_url).toBe(`${ISSUER}/.well-known/openid-configuration`);
    expect(outputs.bucket).toBe(BUCKET);
    expect(outputs.oidc_provider_arn).toMatch(/^arn:aws:iam::\d{12}:oidc-provider\//);
  },
  TERRAFORM_TEST_TIMEOUT_MS
);

test('the bucket policy grants anonymous s3:GetObject on exactly the two discovery objects', async () => {
  const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket: BUCKET }));
  const statements = (JSON.parse(Policy ?? '{}') as { Statement: PolicyStatement[] }).Statement;
  expect(statements).toHaveLength(1);
  const [grant] = statements;
  expect(grant?.Effect).toBe('Allow');
  expect(grant?.Condition).toBeUndefined();
  const principal = grant?.Principal;
  expect(principal === '*' || (typeof principal === 'object' && list(principal.AWS).includes('*'))).toBe(
    true
  );
  expect(list(grant?.Action ?? [])).toEqual(['s3:GetObject']);
  expect(list(grant?.Resource ?? []).sort()).toEqual([
    `arn:aws:s3:::${BUCKET}/.well-known/openid-configuration`,
    `arn:aws:s3:::${BUCKET}/openid/v1/jwks`
  ]);
});

test('the public access block keeps ACLs blocked and relaxes only the policy checks', async () => {
  const { PublicAccessBlockConfiguration } = await s3.send(
    new GetPublicAccessBlockCommand({ Bucket: BUCKET })
  );
  expect(PublicAccessBlockConfiguration).toEqual({
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: false,
    RestrictPublicBuckets: false
  });
});

test('object ownership is BucketOwnerEnforced, so ACLs cannot make anything else public', async () => {
  const { OwnershipControls } = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: BUCKET }));
  expect(OwnershipControls?.Rules?.map((r) => r.ObjectOwnership)).toEqual(['BucketOwnerEnforced']);
});

test('the IAM OIDC provider is registered for the issuer with client ID sts.amazonaws.com', async () => {
  const provider = await iam.send(
    new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: outputs.oidc_provider_arn ?? '' })
  );
  expect(provider.ClientIDList).toEqual(['sts.amazonaws.com']);
  expect(provider.Url?.replace(/^https:\/\//, '')).toBe(`${BUCKET}.s3.${REGION}.amazonaws.com`);
});

test(
  'a second plan finds nothing to change',
  async () => {
    const plan = await root.terraform(['plan', '-detailed-exitcode', '-input=false', '-no-color']);
    expect({ exitCode: plan.exitCode, stderr: plan.stderr }).toEqual({ exitCode: 0, stderr: '' });
  },
  TERRAFORM_TEST_TIMEOUT_MS
);

test(
  'destroy removes the bucket and the OIDC provider',
  async () => {
    await root.destroy();
    destroyed = true;
    await expect(s3.send(new HeadBucketCommand({ Bucket: BUCKET }))).rejects.toThrow();
    const { OpenIDConnectProviderList } = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(OpenIDConnectProviderList?.map((p) => p.Arn)).not.toContain(outputs.oidc_provider_arn);
  },
  TERRAFORM_TEST_TIMEOUT_MS
);
