// `npm run demo`: the suite's main job on the local stack. It starts the stack (moto, the HTTPS S3
// front, the strict STS gateway, the kube-apiserver double), then runs the committed bundles in the
// order a workflow does — publish-oidc (managing the bucket), irsa-role, verify-irsa in both modes —
// and prints each step's summary. A second publish-oidc run shows the no-change resync.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startAwsStack } from '../test/stack/aws-stack.js';
import { startKubeForStack, STACK_ISSUER_BUCKET } from '../test/stack/kube-stack.js';
import { repoRoot, runBundle, type BundleRun } from '../test/harness/run-bundle.js';

function show(title: string, run: BundleRun): void {
  const bar = '='.repeat(Math.max(10, 100 - title.length));
  console.log(`\n=== ${title} ${bar}`);
  console.log(run.summary.trim() || '(no summary)');
  const outputs = Object.entries(run.outputs).map(
    ([name, value]) => `${name}=${value.length > 120 ? `${value.slice(0, 117)}...` : value}`
  );
  console.log(`--- exit ${run.status}; outputs: ${outputs.join(' ')}`);
  for (const error of run.errors) console.log(`::error:: ${error}`);
}

function must(title: string, run: BundleRun): BundleRun {
  show(title, run);
  if (run.status !== 0) {
    console.error(run.stdout.split('\n').slice(-20).join('\n'));
    throw new Error(`${title} failed (exit ${run.status})`);
  }
  return run;
}

async function main(): Promise<void> {
  const dir = join(repoRoot, '.stack', 'demo');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  console.log(
    'Starting the local stack (moto, HTTPS S3 front, strict STS gateway, kube-apiserver double)...'
  );
  const aws = await startAwsStack({ dir });
  const kube = await startKubeForStack(aws.ca, aws.env);
  const env = { ...aws.env, ...kube.env };
  const kubeconfigPath = kube.env.KUBECONFIG_PATH_DOUBLE as string;
  const issuer = kube.double.issuer;
  const run = (action: string, inputs: Record<string, string>): Promise<BundleRun> =>
    runBundle(action, inputs, { env });
  try {
    const publishInputs = {
      'kubeconfig-path': kubeconfigPath,
      bucket: STACK_ISSUER_BUCKET,
      'issuer-url': issuer,
      'manage-bucket': 'true'
    };
    const published = must('publish-oidc', await run('publish-oidc', publishInputs));
    must('publish-oidc (second run: nothing to change)', await run('publish-oidc', publishInputs));
    const role = must(
      'irsa-role',
      await run('irsa-role', {
        'provider-arn': published.outputs['provider-arn'] ?? '',
        'role-name': 'demo-app-reader',
        namespace: 'default',
        'service-account': 'app',
        'policy-arns': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        'annotate-service-account': 'true',
        'kubeconfig-path': kubeconfigPath
      })
    );
    must(
      'verify-irsa (token and pod)',
      await run('verify-irsa', {
        'kubeconfig-path': kubeconfigPath,
        'role-arn': role.outputs['role-arn'] ?? '',
        namespace: 'default',
        'service-account': 'app',
        mode: 'both',
        'timeout-seconds': '60'
      })
    );
    console.log(
      '\nDemo complete: the service account default/app assumed its role through the published issuer.'
    );
  } finally {
    await kube.stop();
    await aws.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
