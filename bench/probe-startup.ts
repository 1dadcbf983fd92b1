// `npx tsx bench/probe-startup.ts [--runs N]`: where a bundle's start-up time goes. It bundles a few
// one-purpose entries with ncc, exactly as scripts/build.mjs bundles the actions, and times each from
// spawn to exit against a bare `node -e 0`, interleaved, on Node 24 and Node 20:
//   - @actions/core alone (what every entry imports first, through src/io/entry.ts);
//   - publish-oidc's input validation alone, reporting its error without @actions/core;
//   - @kubernetes/client-node's KubeConfig (what publish-oidc and verify-irsa load before their first
//     request, through src/kube/client.ts);
//   - the S3 and IAM SDK clients.
// Not part of `npm run bench`: building the probes takes a minute.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../test/harness/run-bundle.js';
import { timeToExit } from './cold-start.js';
import { formatBytes, formatMs, formatRatio, median, ratio } from './stats.js';

const PROBES: Record<string, string> = {
  'actions-core': `import * as core from '@actions/core';
core.setFailed("Input 'bucket': is required.");
`,
  'publish-oidc-inputs': `import { envInputReader } from '../../../src/io/inputs.js';
import { parsePublishInputs } from '../../../src/publish-oidc/inputs.js';
try {
  parsePublishInputs(envInputReader(process.env), process.env);
} catch (error) {
  process.stdout.write(\`::error::\${error instanceof Error ? error.message : String(error)}\\n\`);
  process.exitCode = 1;
}
`,
  'kube-client-node': `const { KubeConfig } = await import('@kubernetes/client-node');
new KubeConfig().loadFromString('apiVersion: v1\\nkind: Config\\nclusters: []\\nusers: []\\ncontexts: []\\n');
`,
  'aws-sdk-s3-iam': `const [{ S3Client }, { IAMClient }] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/client-iam')]);
new S3Client({ region: 'us-east-1' }).destroy();
new IAMClient({ region: 'us-east-1' }).destroy();
`
};

async function main(): Promise<void> {
  const at = process.argv.indexOf('--runs');
  const runs = at > 0 ? Number(process.argv[at + 1]) : 11;
  const dir = join(repoRoot, '.stack', 'probe-startup');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  const entries: Array<[string, string]> = [];
  for (const [name, source] of Object.entries(PROBES)) {
    writeFileSync(join(dir, 'src', `${name}.ts`), source);
    const out = join(dir, 'out', name);
    console.error(`[probe] bundling ${name}`);
    execFileSync(
      process.execPath,
      [
        join(repoRoot, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'),
        'build',
        join(dir, 'src', `${name}.ts`),
        '-o',
        out,
        '--target',
        'es2022',
        '--quiet'
      ],
      { cwd: repoRoot, stdio: 'inherit' }
    );
    entries.push([name, join(out, 'index.js')]);
  }
  writeFileSync(join(dir, 'empty.mjs'), 'export {};\n');
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'
  };
  const node24 = join(repoRoot, '.tools', 'node24', 'node_modules', '.bin', 'node');
  const nodes: Array<[string, string]> = [['Node 20', process.execPath]];
  if (existsSync(node24)) nodes.unshift(['Node 24', node24]);
  const targets: Array<[string, string[]]> = [
    ['bare node -e 0', ['-e', '0']],
    ['empty ES module', [join(dir, 'empty.mjs')]],
    ...entries.map(([name, path]): [string, string[]] => [name, [path]])
  ];
  for (const [label, node] of nodes) {
    const times = new Map<string, number[]>(targets.map(([name]) => [name, []]));
    for (let round = 0; round <= runs; round++)
      for (const [name, args] of targets) {
        const run = await timeToExit(node, args, env);
        if (round > 0) times.get(name)?.push(run.ms);
      }
    const bare = median(times.get('bare node -e 0') ?? []);
    console.log(`\n${label} (median of ${runs}, interleaved)`);
    for (const [name, args] of targets) {
      const ms = median(times.get(name) ?? []);
      const size = args.length === 1 && args[0] ? ` ${formatBytes(statSync(args[0]).size)}` : '';
      console.log(
        `  ${name.padEnd(22)} ${formatMs(ms).padStart(7)}  ${formatRatio(ratio(ms, bare)).padStart(6)}${size}`
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
