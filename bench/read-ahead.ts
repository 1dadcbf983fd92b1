// irsa-role's read-ahead (src/aws/read-ahead.ts) over a link as slow as a runner's to AWS: one role,
// a no-op run, with the environment's keys (the first IAM call sent while the SDK loads) against the
// same keys from a profile (AWS_PROFILE, with which the SDK's chain skips the environment, so nothing
// is sent early and the SDK sends the call itself). Same bundle, same role, rounds interleaved. The
// same pair on loopback shows what a profile costs by itself (reading the credentials file), which
// the slow link's difference also holds: the read-ahead's saving is the one difference less the other.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustSucceed, runBundleAt } from './bundle-run.js';
import type { IrsaRoleContext } from './irsa-role-vs-terraform.js';
import { startLatencyProxy } from './latency-proxy.js';
import type { Row } from './report.js';
import { formatMs, median } from './stats.js';

export const READ_AHEAD_ONE_WAY_MS = 15;
export const READ_AHEAD_ROUNDS = 9;

export interface ReadAheadFigures {
  environmentKeysMs: number[];
  profileMs: number[];
  /** The same runs with IAM on loopback. */
  loopbackEnvironmentKeysMs: number[];
  loopbackProfileMs: number[];
}

export async function benchReadAhead(ctx: IrsaRoleContext): Promise<ReadAheadFigures> {
  const iam = ctx.bundleEnv.AWS_ENDPOINT_URL_IAM ?? ctx.bundleEnv.AWS_ENDPOINT_URL;
  if (!iam) throw new Error('the bundle environment names no IAM endpoint');
  const proxy = await startLatencyProxy(iam, READ_AHEAD_ONE_WAY_MS);
  try {
    const credentials = join(ctx.dir, 'read-ahead-credentials');
    writeFileSync(
      credentials,
      `[bench]\naws_access_key_id = ${ctx.bundleEnv.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${ctx.bundleEnv.AWS_SECRET_ACCESS_KEY}\n`,
      { mode: 0o600 }
    );
    const direct: Record<string, string> = { ...ctx.bundleEnv };
    delete direct.AWS_PROFILE;
    const slow = { ...direct, AWS_ENDPOINT_URL_IAM: proxy.url };
    const profile = { AWS_PROFILE: 'bench', AWS_SHARED_CREDENTIALS_FILE: credentials };
    const variants: Record<keyof ReadAheadFigures, Record<string, string>> = {
      environmentKeysMs: slow,
      profileMs: { ...slow, ...profile },
      loopbackEnvironmentKeysMs: direct,
      loopbackProfileMs: { ...direct, ...profile }
    };
    const inputs = {
      'provider-arn': ctx.providerArn,
      'role-name': `bench-read-ahead-${process.pid}`,
      namespace: 'apps',
      'service-account': 'app'
    };
    const figures: ReadAheadFigures = {
      environmentKeysMs: [],
      profileMs: [],
      loopbackEnvironmentKeysMs: [],
      loopbackProfileMs: []
    };
    // The first run makes the role; the rounds after it are no-op runs of each variant in turn.
    mustSucceed('irsa-role (read-ahead role)', await runBundleAt(ctx.entry, inputs, slow, ctx.node));
    ctx.log(
      `irsa-role read-ahead over a ${2 * READ_AHEAD_ONE_WAY_MS} ms round trip: ${READ_AHEAD_ROUNDS} rounds`
    );
    for (let round = 0; round < READ_AHEAD_ROUNDS; round++)
      for (const [key, env] of Object.entries(variants) as Array<
        [keyof ReadAheadFigures, Record<string, string>]
      >) {
        const run = mustSucceed(`irsa-role (${key})`, await runBundleAt(ctx.entry, inputs, env, ctx.node));
        if (run.outputs.changed !== 'false')
          throw new Error(`irsa-role (${key}) changed the role on a no-op run`);
        figures[key].push(run.elapsedMs);
      }
    return figures;
  } finally {
    await proxy.stop();
  }
}

export function readAheadRows(f: ReadAheadFigures): Row[] {
  const [early, late] = [median(f.environmentKeysMs), median(f.profileMs)];
  const [loopEarly, loopLate] = [median(f.loopbackEnvironmentKeysMs), median(f.loopbackProfileMs)];
  const section = `irsa-role, one role, no-op run (median of ${f.environmentKeysMs.length})`;
  const figure = (link: string): string =>
    `${link}: environment keys (first call sent while the SDK loads) vs a profile (the SDK sends it)`;
  return [
    {
      section,
      figure: figure(`IAM at a ${2 * READ_AHEAD_ONE_WAY_MS} ms round trip`),
      measured: `${formatMs(early)} vs ${formatMs(late)} (${formatMs(late - early)} apart)`,
      target: '',
      verdict: ''
    },
    {
      section,
      figure: figure('IAM on loopback, what the profile costs by itself'),
      measured: `${formatMs(loopEarly)} vs ${formatMs(loopLate)} (${formatMs(loopLate - loopEarly)} apart)`,
      target: '',
      verdict: ''
    },
    {
      section,
      figure: 'read-ahead saving at that round trip (the first difference less the second)',
      measured: formatMs(late - early - (loopLate - loopEarly)),
      target: '',
      verdict: ''
    }
  ];
}
