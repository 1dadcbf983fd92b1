import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parse } from '@cdktf/hcl2json';
import { cliConfig, mainTf, rolesTfvars, type RoleSpec } from '../terraform-roles.js';

const role = (name: string, policyArns: string[]): RoleSpec => ({
  name,
  path: '/',
  description: `IRSA role for ns/${name}`,
  maxSessionDuration: 3600,
  trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity' }] },
  tags: { 'managed-by': 'talos-irsa' },
  policyArns
});

type Blocks = Record<string, Record<string, Array<Record<string, unknown>>>>;

describe('generated terraform', () => {
  it('points the aws provider at the given endpoint for IAM and STS, skipping every real-AWS check', async () => {
    const parsed = (await parse('main.tf', mainTf('http://127.0.0.1:5000', 'us-east-1'))) as {
      provider: { aws: Array<Record<string, unknown>> };
    };
    const provider = parsed.provider.aws[0] ?? {};
    assert.deepEqual(provider.endpoints, [{ iam: 'http://127.0.0.1:5000', sts: 'http://127.0.0.1:5000' }]);
    for (const skip of [
      'skip_credentials_validation',
      'skip_requesting_account_id',
      'skip_metadata_api_check'
    ])
      assert.equal(provider[skip], true, skip);
  });

  it('declares the roles and their attachments with for_each', async () => {
    const parsed = (await parse('main.tf', mainTf('http://x', 'us-east-1'))) as { resource: Blocks };
    assert.equal(parsed.resource.aws_iam_role?.irsa?.[0]?.for_each, '${var.roles}');
    assert.equal(parsed.resource.aws_iam_role_policy_attachment?.irsa?.[0]?.for_each, '${local.attachments}');
  });

  it('writes each role keyed by name, its trust policy as a JSON string', () => {
    const vars = JSON.parse(rolesTfvars([role('a', ['arn:p1']), role('b', ['arn:p1', 'arn:p2'])])) as {
      roles: Record<string, { trust: string; policy_arns: string[]; tags: Record<string, string> }>;
    };
    assert.deepEqual(Object.keys(vars.roles), ['a', 'b']);
    assert.deepEqual(JSON.parse(vars.roles.a?.trust ?? ''), role('a', []).trust);
    assert.deepEqual(vars.roles.b?.policy_arns, ['arn:p1', 'arn:p2']);
    assert.deepEqual(vars.roles.a?.tags, { 'managed-by': 'talos-irsa' });
  });

  it('installs hashicorp/aws only from the mirror', () => {
    const config = cliConfig('/opt/tf-plugins');
    assert.match(
      config,
      /filesystem_mirror \{\n\s+path\s+= "\/opt\/tf-plugins"\n\s+include = \["registry.terraform.io\/hashicorp\/aws"\]/
    );
    assert.match(config, /direct \{\n\s+exclude = \["registry.terraform.io\/hashicorp\/aws"\]/);
  });
});
