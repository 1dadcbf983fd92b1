// The AWS half of the local stack: moto for S3/IAM/STS, the public HTTPS face of S3, and the
// strict STS gateway, all on loopback, plus the environment that points SDKs and the aws CLI
// at them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMoto } from './moto.js';
import { startS3BucketDefaults } from './s3-bucket-defaults.js';
import { startS3Front } from './s3-front.js';
import { startStsGateway } from './sts-gateway.js';
import { createTestCa, type TestCa } from './tls.js';
import { writeCliConfig } from './terraform-cli-config.js';

export const STACK_REGION = 'us-east-1';

export interface AwsStack {
  env: Record<string, string>;
  ca: TestCa;
  /** Process ids of helper processes, each leading its own group, for a last-resort reap. */
  pids: number[];
  stop(): Promise<void>;
}

const SYSTEM_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/cert.pem'
];

// The machine points AWS_CA_BUNDLE at the system bundle, which replaces (not extends) botocore's
// trust store; the aws CLI must trust both public CAs and the stack's CA.
function writeCaBundle(dir: string, ca: TestCa): string {
  const inherited = process.env['AWS_CA_BUNDLE'];
  const system = [inherited, ...SYSTEM_BUNDLES].find((p): p is string => !!p && existsSync(p));
  const path = join(dir, 'ca-bundle.pem');
  const systemPem = system && system !== path ? readFileSync(system, 'utf8') : '';
  writeFileSync(path, `${systemPem.trimEnd()}\n${ca.caPem}`);
  return path;
}

export async function startAwsStack({ dir }: { dir: string }): Promise<AwsStack> {
  const ca = createTestCa(dir);
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const moto = await startMoto();
    stops.push(moto.stop);
    // SDKs reach moto through this, so new buckets get S3's own Block Public Access configuration;
    // the front can then read a bucket with none as S3 does (one whose configuration was deleted).
    const api = await startS3BucketDefaults({ motoEndpoint: moto.endpoint, region: STACK_REGION });
    stops.push(api.stop);
    const front = await startS3Front({
      motoEndpoint: moto.endpoint,
      cert: ca.issue('s3-front'),
      region: STACK_REGION,
      blockByDefault: false
    });
    stops.push(front.stop);
    const sts = await startStsGateway({ motoEndpoint: moto.endpoint, caPem: ca.caPem, region: STACK_REGION });
    stops.push(sts.stop);

    const env: Record<string, string> = {
      AWS_ENDPOINT_URL: api.url,
      AWS_ENDPOINT_URL_STS: sts.endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: STACK_REGION,
      AWS_DEFAULT_REGION: STACK_REGION,
      AWS_CA_BUNDLE: writeCaBundle(dir, ca),
      NODE_EXTRA_CA_CERTS: ca.caPath,
      TALOS_IRSA_S3_PUBLIC_URL: front.url,
      TALOS_IRSA_TEST_CA: ca.caPath,
      TALOS_IRSA_STACK_DIR: dir,
      // The SDK warns on Node 20 that its 2027 releases need Node 22; users run on node24, so the
      // warning is noise in local logs only.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'
    };
    // Terraform is optional for the stack: without a provider mirror the AWS side still works.
    const terraformConfig = await writeCliConfig(dir).catch(() => undefined);
    if (terraformConfig) env.TF_CLI_CONFIG_FILE = terraformConfig;
    return { env, ca, pids: [moto.pid], stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
