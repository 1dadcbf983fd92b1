// The local stack's Kubernetes part: a kube-apiserver double whose issuer lives under the stack's
// public HTTPS front (where publish-oidc puts the documents), with a kubeconfig file for it.
// test/stack/cli.ts imports this module when it exists.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startKubeDouble, type KubeDouble } from './kube-double.js';
import type { TestCa } from './tls.js';

/** The bucket (first path segment) the demo issuer lives in. */
export const STACK_ISSUER_BUCKET = 'talos-irsa-demo';

// Credentials and credential sources never reach a pod: botocore's chain prefers static keys,
// a profile or a config file to the web identity token, so passing the stack's moto keys would
// make `aws sts get-caller-identity` succeed without IRSA and prove nothing.
const CREDENTIAL_VARS = new Set([
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN'
]);

/** What a simulated pod gets from the stack: AWS endpoints, region, retry and CA settings. */
export function podEnvFromStack(env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if ((k.startsWith('AWS_') && !CREDENTIAL_VARS.has(k)) || k === 'NODE_EXTRA_CA_CERTS') out[k] = v;
  }
  return out;
}

export interface KubeStackPart {
  env: Record<string, string>;
  double: KubeDouble;
  stop(): Promise<void>;
}

export async function startKubeForStack(ca: TestCa, env: Record<string, string>): Promise<KubeStackPart> {
  const publicUrl = env.TALOS_IRSA_S3_PUBLIC_URL;
  const dir = env.TALOS_IRSA_STACK_DIR;
  if (!publicUrl) throw new Error('startKubeForStack: TALOS_IRSA_S3_PUBLIC_URL is not in the stack env');
  if (!dir) throw new Error('startKubeForStack: TALOS_IRSA_STACK_DIR is not in the stack env');
  const double = await startKubeDouble({
    ca,
    issuer: `${publicUrl.replace(/\/+$/, '')}/${STACK_ISSUER_BUCKET}`,
    podEnv: podEnvFromStack(env)
  });
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, double.kubeconfig(), { mode: 0o600 });
  chmodSync(path, 0o600);
  return { env: { KUBECONFIG_PATH_DOUBLE: path }, double, stop: () => double.stop() };
}
