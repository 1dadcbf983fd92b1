// The contract between terraform/modules/irsa-discovery and the publish-oidc action
// (src/oidc/document-locations.ts): the bucket policy makes public exactly the keys terraform
// names, and the action writes the documents to the keys its own rules derive. Where the two
// disagree, the wrong object is public and STS finds no JWKS. These tests hold terraform's
// defaults and its jwks_object_key validation to the action's exports.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_JWKS_PATH,
  DISCOVERY_PATH,
  defaultIssuerUrl,
  documentLocations
} from '../src/oidc/document-locations.js';
import {
  awsEndpoint,
  MODULES_DIR,
  MOTO_CREDENTIALS,
  motoProviderBlock,
  TERRAFORM_DIR,
  TERRAFORM_TEST_TIMEOUT_MS,
  workspace,
  type AwsEndpoint,
  type Workspace
} from './fixtures/terraform/harness.js';
import { blocks, loadModule, obj, type Json } from './fixtures/terraform/hcl.js';
import { resolveRegion } from '../src/aws/clients.js';
import { UserError } from '../src/io/errors.js';

const DISCOVERY_MODULE = join(MODULES_DIR, 'irsa-discovery');
const BUCKET = 'demo-oidc-123456789012';

/** What the action does with a jwks_uri of `<issuer>/<key>`: the key it writes, and whether it kept the URI. */
function actionPublishes(key: string, region = 'us-east-1'): { jwksKey: string; rewritten: boolean } {
  const issuer = defaultIssuerUrl(BUCKET, region);
  const loc = documentLocations(issuer, BUCKET, `${issuer}/${key}`);
  return { jwksKey: loc.jwksKey, rewritten: loc.jwksUriRewritten };
}

/** Every string of length 1..maxLength over `alphabet`. */
function allStrings(alphabet: string[], maxLength: number): string[] {
  const out: string[] = [];
  let level = [''];
  for (let n = 1; n <= maxLength; n++) {
    level = level.flatMap((prefix) => alphabet.map((c) => prefix + c));
    out.push(...level);
  }
  return out;
}

describe('jwks_object_key: terraform accepts only keys the action publishes unchanged', () => {
  let condition: string;

  beforeAll(async () => {
    const discovery = await loadModule(DISCOVERY_MODULE);
    const validations = blocks(discovery.variables['jwks_object_key']?.['validation']);
    expect(validations).toHaveLength(1);
    condition = String(validations[0]?.['condition']);
  });

  test(
    "the module's own condition, run by terraform over every key of up to 5 characters from a . / - %",
    async () => {
      const expression = /^\$\{([\s\S]*)\}$/.exec(condition)?.[1];
      if (!expression) throw new Error(`not an interpolation: ${condition}`);
      const candidates = allStrings(['a', '.', '/', '-', '%'], 5);
      const ws = await workspace('tf-jwks-keys');
      try {
        writeFileSync(
          join(ws.dir, 'main.tf'),
          `variable "keys" {\n  type = list(string)\n}\n\noutput "accepted" {\n  value = [for key in var.keys : key if ${expression.replaceAll('var.jwks_object_key', 'key')}]\n}\n`
        );
        writeFileSync(join(ws.dir, 'keys.auto.tfvars.json'), JSON.stringify({ keys: candidates }));
        await ws.must(['init', '-backend=false', '-input=false', '-no-color']);
        await ws.must(['apply', '-auto-approve', '-input=false', '-no-color']);
        const accepted = (
          JSON.parse((await ws.must(['output', '-json', 'accepted'])).stdout) as string[]
        ).sort();
        // Some keys pass (so the expression really ran), and every one that passes is published
        // by the action under that same key, with the cluster's jwks_uri left as it is.
        expect(accepted).toEqual(expect.arrayContaining(['a', 'a/a', 'a.a/a', 'a-/a']));
        const misplaced = accepted.filter((key) => {
          const published = actionPublishes(key);
          return published.rewritten || published.jwksKey !== key;
        });
        expect(misplaced).toEqual([]);
        for (const refused of ['a/../a', 'a/./a', 'a/', 'a//a', '/a', '.a', '..', '.', 'a%a']) {
          expect([refused, accepted.includes(refused)]).toEqual([refused, false]);
        }
      } finally {
        ws.remove();
      }
    },
    TERRAFORM_TEST_TIMEOUT_MS
  );

  describe('the variable validation itself (variables.tf alone, planned)', () => {
    let vars: Workspace;
    const plan = async (key: string): Promise<{ exitCode: number; said: string }> => {
      const r = await vars.terraform([
        'plan',
        '-lock=false',
        '-input=false',
        '-no-color',
        `-var=bucket_name=${BUCKET}`,
        '-var=region=us-east-1',
        `-var=jwks_object_key=${key}`
      ]);
      return { exitCode: r.exitCode, said: r.stderr.replace(/[\s│]+/g, ' ') };
    };

    beforeAll(async () => {
      vars = await workspace('tf-discovery-vars');
      cpSync(join(DISCOVERY_MODULE, 'variables.tf'), join(vars.dir, 'variables.tf'));
      await vars.must(['init', '-backend=false', '-input=false', '-no-color']);
    });

    afterAll(() => vars?.remove());

    test.each(['openid/v1/jwks', 'keys.json', 'jwks/v2.1/keys', 'A1/b_2/c-3'])(
      '%s is accepted',
      async (key) => {
        expect(actionPublishes(key)).toEqual({ jwksKey: key, rewritten: false });
        expect(await plan(key)).toEqual({ exitCode: 0, said: '' });
      }
    );

    // Each of these the action would not publish where the bucket policy opens it.
    test.each([
      'a/../b',
      'keys/',
      'a//b',
      './jwks',
      'a/./b',
      '/openid/v1/jwks',
      '.well-known/openid-configuration',
      'open id/jwks',
      'a%2Fb',
      'jwks?x=1'
    ])('%s is refused', async (key) => {
      const verdict = await plan(key);
      expect(verdict.exitCode).toBe(1);
      expect(verdict.said).toContain('jwks_object_key must be a relative object key');
    });
  });
});

describe("terraform's defaults are the action's", () => {
  let aws: AwsEndpoint;
  let ws: Workspace;
  const regions = ['us-east-1', 'eu-central-1', 'cn-north-1', 'us-gov-west-1'];
  let outputs: Record<string, { issuer_url: string; jwks_url: string; discovery_url: string }>;

  beforeAll(async () => {
    aws = await awsEndpoint();
    ws = await workspace('tf-discovery-urls', MOTO_CREDENTIALS);
    const source = join(MODULES_DIR, 'irsa-discovery');
    const parts = regions.map((region, i) => {
      const alias = `r${i}`;
      return `${motoProviderBlock(aws.endpoint, region, ['s3', 'iam', 'sts'], `  alias = "${alias}"`)}
module "${alias}" {
  source      = ${JSON.stringify(source)}
  providers   = { aws = aws.${alias} }
  bucket_name = ${JSON.stringify(BUCKET)}
  region      = ${JSON.stringify(region)}
}

output "${alias}" {
  value = {
    issuer_url    = module.${alias}.issuer_url
    jwks_url      = module.${alias}.jwks_url
    discovery_url = module.${alias}.discovery_url
  }
}
`;
    });
    writeFileSync(
      join(ws.dir, 'main.tf'),
      `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n\n${parts.join('\n')}`
    );
    await ws.must(['init', '-backend=false', '-input=false', '-no-color']);
    await ws.must(['plan', '-lock=false', '-input=false', '-no-color', '-out=tfplan']);
    const shown = JSON.parse((await ws.must(['show', '-json', 'tfplan'])).stdout) as {
      planned_values: { outputs: Record<string, { value: Json }> };
    };
    outputs = Object.fromEntries(
      regions.map((region, i) => {
        const value = obj(shown.planned_values.outputs[`r${i}`]?.value, region);
        return [
          region,
          {
            issuer_url: String(value['issuer_url']),
            jwks_url: String(value['jwks_url']),
            discovery_url: String(value['discovery_url'])
          }
        ];
      })
    );
  }, TERRAFORM_TEST_TIMEOUT_MS);

  afterAll(async () => {
    ws?.remove();
    await aws?.stop();
  });

  test('the JWKS key defaults to DEFAULT_JWKS_PATH in the root and in the module', async () => {
    const root = await loadModule(TERRAFORM_DIR);
    const discovery = await loadModule(DISCOVERY_MODULE);
    expect(root.variables['jwks_object_key']?.['default']).toBe(DEFAULT_JWKS_PATH);
    expect(discovery.variables['jwks_object_key']?.['default']).toBe(DEFAULT_JWKS_PATH);
    expect(root.modules['irsa_discovery']?.['jwks_object_key']).toBe('${var.jwks_object_key}');
  });

  test('the discovery document key is DISCOVERY_PATH', async () => {
    const discovery = await loadModule(DISCOVERY_MODULE);
    expect(discovery.locals['discovery_object_key']).toBe(DISCOVERY_PATH);
    // The README tells operators the same two keys.
    const readme = readFileSync(join(TERRAFORM_DIR, 'README.md'), 'utf8');
    expect(readme).toContain(`\`${DISCOVERY_PATH}\``);
    expect(readme).toContain(`\`${DEFAULT_JWKS_PATH}\``);
  });

  test.each(regions)(
    'in %s the issuer, JWKS and discovery URLs are the ones the action derives',
    (region) => {
      const issuer = defaultIssuerUrl(BUCKET, region);
      expect(outputs[region]).toEqual({
        issuer_url: issuer,
        jwks_url: `${issuer}/${DEFAULT_JWKS_PATH}`,
        discovery_url: `${issuer}/${DISCOVERY_PATH}`
      });
      const loc = documentLocations(issuer, BUCKET, outputs[region]?.jwks_url ?? '');
      expect([loc.discoveryKey, loc.jwksKey, loc.jwksUriRewritten]).toEqual([
        DISCOVERY_PATH,
        DEFAULT_JWKS_PATH,
        false
      ]);
    }
  );
});

describe('region: terraform accepts the regions the actions accept', () => {
  // One region of every partition the actions know (src/aws/partitions.ts), and names that are not regions.
  const candidates = [
    'us-east-1',
    'ap-southeast-7',
    'mx-central-1',
    'cn-north-1',
    'us-gov-west-1',
    'us-iso-east-1',
    'us-isob-east-1',
    'eu-isoe-west-1',
    'us-isof-south-1',
    'eusc-de-east-1',
    'US-EAST-1',
    'us-east',
    'useast1',
    'eusc-de-east',
    'e-west-1',
    'abcde-west-1',
    'us-east-1a'
  ];
  const actionAccepts = (region: string): boolean => {
    try {
      resolveRegion(region, {});
      return true;
    } catch (error) {
      if (error instanceof UserError) return false;
      throw error;
    }
  };

  test.each([
    ['the bundled root', TERRAFORM_DIR],
    ['irsa-discovery', DISCOVERY_MODULE]
  ])(
    "%s's own region condition, run by terraform over each candidate, agrees with the actions' region check",
    async (_name, dir) => {
      const module = await loadModule(dir);
      const conditions = blocks(module.variables['region']?.['validation']).map((v) =>
        String(v['condition'])
      );
      expect(conditions).toHaveLength(1);
      const expression = /^\$\{([\s\S]*)\}$/.exec(conditions[0] ?? '')?.[1];
      if (!expression) throw new Error(`not an interpolation: ${conditions[0]}`);
      const ws = await workspace('tf-region-check');
      try {
        writeFileSync(
          join(ws.dir, 'main.tf'),
          `variable "regions" {\n  type = list(string)\n}\n\noutput "accepted" {\n  value = [for region in var.regions : region if ${expression.replaceAll('var.region', 'region')}]\n}\n`
        );
        writeFileSync(join(ws.dir, 'regions.auto.tfvars.json'), JSON.stringify({ regions: candidates }));
        await ws.must(['init', '-backend=false', '-input=false', '-no-color']);
        await ws.must(['apply', '-auto-approve', '-input=false', '-no-color']);
        const accepted = JSON.parse((await ws.must(['output', '-json', 'accepted'])).stdout) as string[];
        expect(accepted).toEqual(candidates.filter(actionAccepts));
        expect(accepted).toContain('eusc-de-east-1');
      } finally {
        ws.remove();
      }
    },
    TERRAFORM_TEST_TIMEOUT_MS
  );
});
