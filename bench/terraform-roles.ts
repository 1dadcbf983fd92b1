// The way most teams write IRSA roles today: hand-written Terraform with the hashicorp/aws provider.
// The configuration is generated from the roles irsa-role made, read back from IAM, so both sides
// converge exactly the same names, paths, descriptions, tags, trust policies and attachments.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopOnInterrupt } from './cleanup.js';
import { cliConfig } from '../test/stack/terraform-cli-config.js';

export { cliConfig };

export const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';
export const DEFAULT_MIRROR = '/opt/tf-plugins';

export interface RoleSpec {
  name: string;
  path: string;
  description: string;
  maxSessionDuration: number;
  /** The trust policy document, already parsed. */
  trust: unknown;
  tags: Record<string, string>;
  policyArns: string[];
}

/** main.tf: the provider pointed at one endpoint for IAM and STS, the roles and attachments by for_each. */
export function mainTf(endpoint: string, region: string): string {
  return `terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region                      = ${JSON.stringify(region)}
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    iam = ${JSON.stringify(endpoint)}
    sts = ${JSON.stringify(endpoint)}
  }
}

variable "roles" {
  type = map(object({
    path                 = string
    description          = string
    max_session_duration = number
    trust                = string
    tags                 = map(string)
    policy_arns          = list(string)
  }))
}

resource "aws_iam_role" "irsa" {
  for_each             = var.roles
  name                 = each.key
  path                 = each.value.path
  description          = each.value.description
  max_session_duration = each.value.max_session_duration
  assume_role_policy   = each.value.trust
  tags                 = each.value.tags
}

locals {
  attachments = merge([
    for name, role in var.roles : { for arn in role.policy_arns : "\${name} \${arn}" => { role = name, arn = arn } }
  ]...)
}

resource "aws_iam_role_policy_attachment" "irsa" {
  for_each   = local.attachments
  role       = aws_iam_role.irsa[each.value.role].name
  policy_arn = each.value.arn
}
`;
}

/** terraform.tfvars.json: the roles, keyed by name. */
export function rolesTfvars(roles: readonly RoleSpec[]): string {
  const map = Object.fromEntries(
    roles.map((role) => [
      role.name,
      {
        path: role.path,
        description: role.description,
        max_session_duration: role.maxSessionDuration,
        trust: JSON.stringify(role.trust),
        tags: role.tags,
        policy_arns: role.policyArns
      }
    ])
  );
  return `${JSON.stringify({ roles: map }, null, 2)}\n`;
}

export interface TerraformRun {
  ms: number;
  stdout: string;
}

export interface TerraformWorkspace {
  dir: string;
  run(args: string[]): Promise<TerraformRun>;
}

export function terraformWorkspace(
  dir: string,
  roles: readonly RoleSpec[],
  endpoint: string,
  mirror = DEFAULT_MIRROR
): TerraformWorkspace {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'terraformrc'), cliConfig(mirror));
  writeFileSync(join(dir, 'main.tf'), mainTf(endpoint, 'us-east-1'));
  writeFileSync(join(dir, 'terraform.tfvars.json'), rolesTfvars(roles));
  // Nothing of the bench's own AWS or Terraform settings leaks in: the provider block says it all.
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && !/^(TF_|AWS_|CHECKPOINT_)/.test(key)) env[key] = value;
  Object.assign(env, {
    TF_CLI_CONFIG_FILE: join(dir, 'terraformrc'),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1'
  });
  return {
    dir,
    run: (args) =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        // Its own process group, so an interrupted bench can stop terraform and its provider plugin
        // together; the plugin would otherwise outlive both.
        const child = spawn('terraform', [...args], {
          cwd: dir,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true
        });
        const stopGroup = stopOnInterrupt(async () => {
          if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => {
          const ms = performance.now() - started;
          void stopGroup();
          if (code === 0) resolve({ ms, stdout });
          else
            reject(
              new Error(
                `terraform ${args.join(' ')} exited ${code}:\n${stdout.slice(-1500)}\n${stderr.slice(-1500)}`
              )
            );
        });
      })
  };
}
