// verify-irsa's pod mode on the local stack: the kube double's kubelet runs the real aws CLI in
// the pod; a pod that fails or hangs is diagnosed from its events and logs, and always deleted.
import { describe, expect, it } from '@jest/globals';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { redactSecrets } from '../src/io/redact.js';
import { KubeApiError, loadKubeClient } from '../src/kube/client.js';
import { kubeClusterOps } from '../src/verify-irsa/cluster.js';
import { leaseKey } from '../src/verify-irsa/account-lease.js';
import { CreatedObjects } from '../src/verify-irsa/created-objects.js';
import { MANAGED_BY, MAX_LOG_LINE } from '../src/verify-irsa/verify-pod.js';
import type { VerifyDeps } from '../src/verify-irsa/run.js';
import { repoRoot, runBundle, type BundleRun } from './harness/run-bundle.js';
import {
  chainFor,
  check,
  destroyChainsAfterEach,
  expectCleanAndSilent,
  expectNotVerified,
  failedChecks,
  verify,
  verifyWith,
  type Verification
} from './fixtures/verify-irsa/harness.js';
import type { Chain } from './fixtures/verify-irsa/chain.js';
import { node24 } from './harness/node24.js';

destroyChainsAfterEach();

const LATER = new Date(Date.now() + 3_600_000);

describe('verify-irsa pod mode on the local stack', () => {
  it("reports what a pod-identity webhook injects into the service account's pods", async () => {
    const chain = await chainFor();
    // The double runs no admission webhooks; this dry-run answer is the one the EKS pod identity
    // webhook would produce for an annotated service account's pod.
    const v = await verifyWith(chain, { mode: 'pod' }, (deps) => ({
      ...deps,
      cluster: {
        ...deps.cluster,
        dryRunPod: async (pod) => {
          const admitted = await deps.cluster.dryRunPod(pod);
          const container = admitted.spec?.containers[0];
          if (!admitted.spec || !container) throw new Error('the dry run returned no pod spec');
          container.env = [
            ...(container.env ?? []),
            { name: 'AWS_ROLE_ARN', value: chain.roleArn },
            {
              name: 'AWS_WEB_IDENTITY_TOKEN_FILE',
              value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token'
            }
          ];
          admitted.spec.volumes = [
            ...(admitted.spec.volumes ?? []),
            { name: 'aws-iam-token', projected: { sources: [] } }
          ];
          return admitted;
        }
      }
    }));
    expect(v.result.outputs.verified).toBe('true');
    expect(check(v, 'webhook').detail).toBe(
      'the service account carries eks.amazonaws.com/role-arn and a webhook injects AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE, volume aws-iam-token into its pods'
    );
    expectCleanAndSilent(chain, v);
  });

  it("fails when the webhook gives the service account's pods tokens of another audience than the one verified", async () => {
    const chain = await chainFor();
    // The EKS pod identity webhook takes the audience from its flag or eks.amazonaws.com/audience:
    // the service account's workloads then present that audience, not the one this run checked.
    // The webhooks as they admit a pod: the IRSA one (env, mount, token volume), and a mesh's
    // sidecar injector, whose token of its own audience is no business of STS.
    const injectAudience =
      (audience: string) =>
      (deps: VerifyDeps): VerifyDeps => ({
        ...deps,
        cluster: {
          ...deps.cluster,
          dryRunPod: async (pod) => {
            const admitted = await deps.cluster.dryRunPod(pod);
            const container = admitted.spec?.containers[0];
            if (!admitted.spec || !container) throw new Error('the dry run returned no pod spec');
            container.env = [
              ...(container.env ?? []),
              { name: 'AWS_ROLE_ARN', value: chain.roleArn },
              {
                name: 'AWS_WEB_IDENTITY_TOKEN_FILE',
                value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token'
              }
            ];
            container.volumeMounts = [
              ...(container.volumeMounts ?? []),
              { name: 'istio-token', mountPath: '/var/run/secrets/tokens' },
              {
                name: 'aws-iam-token',
                mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount',
                readOnly: true
              }
            ];
            const tokenVolume = (name: string, aud: string, path: string) => ({
              name,
              projected: {
                sources: [{ serviceAccountToken: { audience: aud, expirationSeconds: 86400, path } }]
              }
            });
            admitted.spec.volumes = [
              ...(admitted.spec.volumes ?? []),
              tokenVolume('istio-token', 'istio-ca', 'istio-token'),
              tokenVolume('aws-iam-token', audience, 'token')
            ];
            return admitted;
          }
        }
      });
    const other = await verifyWith(chain, { mode: 'pod' }, injectAudience('internal.example.com'));
    expectNotVerified(other);
    expect(check(other, 'webhook')).toMatchObject({
      ok: false,
      detail:
        'a webhook gives the pods of the service account tokens for the audience internal.example.com, but this run verified sts.amazonaws.com',
      fix: "set audience to internal.example.com, so that the run checks the token the service account's pods present"
    });
    expectCleanAndSilent(chain, other);

    const same = await verifyWith(chain, { mode: 'pod' }, injectAudience('sts.amazonaws.com'));
    expect(same.result.outputs.verified).toBe('true');
    expect(check(same, 'webhook').detail).toContain('volume aws-iam-token');
  });

  it("fails when the webhook has the service account's pods assume another role than the one verified", async () => {
    const chain = await chainFor();
    // The service account names another role (an older binding, say): the webhook hands its pods
    // that role, though this run's pod, which sets AWS_ROLE_ARN itself, assumes role-arn.
    const other = chain.roleArn.replace(/:role\/.*$/, ':role/older-binding');
    const v = await verifyWith(chain, { mode: 'pod' }, (deps) => ({
      ...deps,
      cluster: {
        ...deps.cluster,
        dryRunPod: async (pod) => {
          const admitted = await deps.cluster.dryRunPod(pod);
          const container = admitted.spec?.containers[0];
          if (!container) throw new Error('the dry run returned no container');
          container.env = [...(container.env ?? []), { name: 'AWS_ROLE_ARN', value: other }];
          return admitted;
        }
      }
    }));
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['webhook']);
    expect(check(v, 'webhook')).toMatchObject({
      detail: `a webhook gives the pods of the service account the role ${other} (AWS_ROLE_ARN), but this run verified ${chain.roleArn}`,
      fix: `annotate the service account with eks.amazonaws.com/role-arn=${chain.roleArn} (irsa-role's annotate-service-account), or set role-arn to ${other}`
    });
    expect(check(v, 'pod').ok).toBe(true);
    expectCleanAndSilent(chain, v);
  });

  it('verifies from a pod alone, with no webhook in the cluster', async () => {
    const chain = await chainFor();
    const v = await verify(chain, { mode: 'pod' });
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v.checks.map((c) => c.check)).toEqual(['service-account', 'webhook', 'pod']);
    expect(v.result.outputs.verified).toBe('true');
    expect(v.result.outputs['assumed-role-arn']).toMatch(
      new RegExp(`^arn:aws:sts::\\d{12}:assumed-role/${chain.roleName}/irsa-verify-[0-9a-f]{8}$`)
    );
    expect(check(v, 'webhook').detail).toContain('no webhook injected IRSA variables');
    expect(v.result.summary).toContain('sa --> pod --> identity');
    expect(v.result.summary).not.toContain('token --> docs');
    expectCleanAndSilent(chain, v);
  });

  it('reports the ARN the pod assumed when it names another role, and does not verify', async () => {
    const chain = await chainFor();
    const other = chain.roleArn.replace(/:role\/.*$/, ':role/some-other-role');
    const otherSession = `arn:aws:sts::${other.split(':')[4]}:assumed-role/some-other-role/irsa-verify-abc123`;
    const v = await verifyWith(chain, { mode: 'pod' }, (deps) => ({
      ...deps,
      cluster: {
        ...deps.cluster,
        podLogs: async () => JSON.stringify({ UserId: 'AROAEXAMPLE:irsa-verify-abc123', Arn: otherSession })
      }
    }));
    expect(v.result.outputs.verified).toBe('false');
    expect(v.result.outputs['assumed-role-arn']).toBe(otherSession);
    expect(check(v, 'pod').ok).toBe(false);
    expect(check(v, 'pod').detail).toContain(otherSession);
    expect(v.result.summary).toContain(
      `Assumed identity: \`${otherSession}\`, **not the verified role** \`${chain.roleArn}\``
    );
  });

  it("does not take the verified role's ARN for this run's when its session is not this run's pod's", async () => {
    const chain = await chainFor();
    // The right role, but another session: an earlier run's answer, or a line the image made up.
    const stale = `arn:aws:sts::${chain.roleArn.split(':')[4]}:assumed-role/${chain.roleName}/irsa-verify-abc123`;
    const v = await verifyWith(chain, { mode: 'pod' }, (deps) => ({
      ...deps,
      cluster: {
        ...deps.cluster,
        podLogs: async () => JSON.stringify({ UserId: 'AROAEXAMPLE:irsa-verify-abc123', Arn: stale })
      }
    }));
    expectNotVerified(v);
    expect(v.result.outputs['assumed-role-arn']).toBe('');
    expect(v.result.summary).not.toContain('Assumed identity');
    const pod = check(v, 'pod');
    expect(pod.detail.startsWith(`the pod succeeded but ${stale} is the session irsa-verify-abc123, `)).toBe(
      true
    );
    expect(pod.detail).toMatch(/, not this run's pod's irsa-verify-[0-9a-f]{8}: /);
    expect(pod.fix).toMatch(/^use an image whose aws CLI names its session from AWS_ROLE_SESSION_NAME/);
    expectCleanAndSilent(chain, v);
  });

  it("names the pod's other role in the summary beside token mode's identity, with both modes", async () => {
    const chain = await chainFor();
    const otherSession = `arn:aws:sts::${chain.roleArn.split(':')[4]}:assumed-role/some-other-role/irsa-verify-abc123`;
    const v = await verifyWith(chain, { mode: 'both' }, (deps) => ({
      ...deps,
      cluster: {
        ...deps.cluster,
        podLogs: async () => JSON.stringify({ UserId: 'AROAEXAMPLE:irsa-verify-abc123', Arn: otherSession })
      }
    }));
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['pod']);
    const tokenArn = v.result.outputs['assumed-role-arn'] ?? '';
    expect(tokenArn).toMatch(new RegExp(`:assumed-role/${chain.roleName}/`));
    expect(v.result.summary).toContain(`Assumed identity: \`${tokenArn}\`\n`);
    expect(v.result.summary).toContain(
      `The pod's identity: \`${otherSession}\`, **not the verified role** \`${chain.roleArn}\``
    );
    expectCleanAndSilent(chain, v);
  });

  it.each([
    ['no ARN at all', 'hello\n::set-output name=x::y'],
    ["an IAM user's ARN", 'arn:aws:iam::123456789012:user/alice'],
    ['an assumed-role ARN with a slash in its session', 'arn:aws:sts::123456789012:assumed-role/r/s/t'],
    ['a runaway string', 'x'.repeat(100_000)]
  ])("does not output the JSON Arn of the pod's log when it is %s", async (_what, arn) => {
    const chain = await chainFor();
    const v = await verifyWith(chain, { mode: 'pod' }, (deps) => ({
      ...deps,
      cluster: { ...deps.cluster, podLogs: async () => JSON.stringify({ UserId: 'AIDAEXAMPLE', Arn: arn }) }
    }));
    expectNotVerified(v);
    expect(v.result.outputs['assumed-role-arn']).toBe('');
    expect(v.result.summary).not.toContain('Assumed identity');
    const pod = check(v, 'pod');
    expect(pod.detail).toMatch(/^the pod succeeded but ".*" is no assumed-role ARN: /);
    expect(pod.detail.split('\n')).toHaveLength(1);
    expect(pod.detail.length).toBeLessThan(2_000);
    expect(pod.fix).toMatch(/^use an image whose aws CLI takes the role from AWS_ROLE_ARN/);
    expectCleanAndSilent(chain, v);
  });

  it("holds the pod's last log lines, not its Normal events, when its container fails", async () => {
    const chain = await chainFor({ trustedSubject: 'system:serviceaccount:default:someone-else' });
    const v = await verify(chain, { mode: 'pod' });
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['pod']);
    const pod = check(v, 'pod');
    expect(pod.detail).toMatch(/failed: container exited with code \d+/);
    // The container ran: its Normal events (Scheduled … Started) would only say so, at length.
    expect(pod.detail).not.toContain('events:');
    expect(pod.detail).not.toContain('Normal');
    expect(pod.detail).toMatch(/last log lines: .*AccessDenied/);
    expect(pod.fix).toContain('run irsa-role');
    expectCleanAndSilent(chain, v);
  });

  it('quotes a runaway log line cut short, and asks the API server for a bounded log', async () => {
    const chain = await chainFor({ trustedSubject: 'system:serviceaccount:default:someone-else' });
    // A proxy's HTML page inside an error, say: megabytes on one line, before the CLI's own error.
    const v = await verifyWith(chain, { mode: 'pod' }, (deps) => ({
      ...deps,
      cluster: {
        ...deps.cluster,
        podLogs: async (namespace, name) =>
          `${'<html>'.repeat(400_000)}\n${await deps.cluster.podLogs(namespace, name)}`
      }
    }));
    expectNotVerified(v);
    const pod = check(v, 'pod');
    expect(pod.detail).toMatch(/last log lines: <html>[^\n]*… \/ .*AccessDenied/);
    expect(pod.detail.length).toBeLessThan(10_000);
    expect(v.result.summary.length).toBeLessThan(50_000);
    const logReads = chain.double
      .requests()
      .filter((r) => /\/pods\/irsa-verify-[0-9a-f]+\/log\?/.test(r.path));
    expect(logReads.length).toBeGreaterThan(0);
    for (const read of logReads) expect(read.path).toMatch(/[?&]limitBytes=\d+/);
    expectCleanAndSilent(chain, v);
  });

  it("quotes only the pod's last events, each on one line cut short", async () => {
    const chain = await chainFor({ trustedSubject: 'system:serviceaccount:default:someone-else' });
    // A pod refused over and over (an admission webhook's HTML error page in each message, say).
    const events = Array.from({ length: 500 }, (_, i) => ({
      type: 'Warning',
      reason: `Refused${i}`,
      message: `line one\nline two ${'<html>'.repeat(20_000)}`
    }));
    const v = await verifyWith(chain, { mode: 'pod' }, (deps) => ({
      ...deps,
      cluster: { ...deps.cluster, podEvents: async () => events }
    }));
    expectNotVerified(v);
    const pod = check(v, 'pod');
    const quoted = /events: (.*)\n/.exec(pod.detail)?.[1] ?? '';
    expect(quoted).toMatch(/^\(490 earlier left out\); Warning Refused490: line one line two <html>/);
    expect(quoted).toContain('Warning Refused499: ');
    expect(quoted).not.toContain('Refused489:');
    expect(pod.detail.length).toBeLessThan(10_000);
    expect(v.result.summary.length).toBeLessThan(50_000);
    expectCleanAndSilent(chain, v);
  });

  describe('a masked value the pod quotes across the cut', () => {
    // The runner masks a value only whole: a cut inside the kubeconfig's token would quote its first
    // part, which neither the runner nor the entry's redaction then recognises.
    const HEAD = 8;
    const expectNoPart = (c: Chain, v: Verification, secret: string): void => {
      // As the entry writes them: redacted of every value the run masked.
      const published = redactSecrets(
        [v.result.summary, JSON.stringify(v.result.outputs), v.result.failure ?? ''].join('\n'),
        v.masked
      );
      expect(published).not.toContain(secret.slice(0, HEAD));
      expect(published).toContain('***');
      expectCleanAndSilent(c, v);
    };

    it("in the failed pod's log and events", async () => {
      const c = await chainFor({ trustedSubject: 'system:serviceaccount:default:someone-else' });
      const token = c.double.token;
      const logLine = `${'x'.repeat(MAX_LOG_LINE - HEAD)}${token}!`;
      // An event's line starts "Warning Leaky: ", which the cut counts too.
      const message = `${'y'.repeat(MAX_LOG_LINE - 'Warning Leaky: '.length - HEAD)}${token}!`;
      const v = await verifyWith(c, { mode: 'pod' }, (deps) => ({
        ...deps,
        cluster: {
          ...deps.cluster,
          podLogs: async (namespace, name) => `${logLine}\n${await deps.cluster.podLogs(namespace, name)}`,
          podEvents: async () => [{ type: 'Warning', reason: 'Leaky', message }]
        }
      }));
      expectNotVerified(v);
      expectNoPart(c, v, token);
      const pod = check(v, 'pod');
      expect(pod.detail).toMatch(/events: Warning Leaky: y+\*\*\*!/);
      expect(pod.detail).toMatch(/last log lines: x+\*\*\*! \/ .*AccessDenied/);
    });

    it("in the Arn of a succeeded pod's log", async () => {
      const c = await chainFor();
      const token = c.double.token;
      // quoted() cuts a non-ARN at 200 characters.
      const arn = `${'z'.repeat(200 - HEAD)}${token}`;
      const v = await verifyWith(c, { mode: 'pod' }, (deps) => ({
        ...deps,
        cluster: { ...deps.cluster, podLogs: async () => JSON.stringify({ UserId: 'AIDAEXAMPLE', Arn: arn }) }
      }));
      expectNotVerified(v);
      expectNoPart(c, v, token);
      expect(check(v, 'pod').detail).toMatch(/^the pod succeeded but "z+\*\*\*" is no assumed-role ARN: /);
    });
  });

  it('deletes the pod when it does not finish in time', async () => {
    const chain = await chainFor();
    chain.double.holdPods('running');
    const v = await verify(chain, { mode: 'pod', 'timeout-seconds': '2' });
    expectNotVerified(v);
    expect(check(v, 'pod').detail).toMatch(/did not finish within 2 s \(phase Running\)/);
    // The action's own pod watch keeps production's window (tests may shorten it; a run may not).
    const watches = chain.double
      .requests()
      .filter((r) => r.method === 'GET' && r.path.includes('/pods?') && r.path.includes('watch=true'));
    expect(watches.length).toBeGreaterThan(0);
    for (const r of watches) expect(r.path).toContain('&timeoutSeconds=10');
    // How far it got is the clue here: every event is kept.
    expect(check(v, 'pod').detail).toMatch(/\nevents: Normal /);
    expectCleanAndSilent(chain, v);
  });

  it('sets the outputs and still deletes the pod when the cluster fails mid-way', async () => {
    const chain = await chainFor();
    const v = await verifyWith(chain, { mode: 'pod' }, (deps) => ({
      ...deps,
      cluster: {
        ...deps.cluster,
        podLogs: async () => {
          throw new Error('the connection was reset');
        }
      }
    }));
    expectNotVerified(v);
    expect(check(v, 'pod').detail).toBe(
      'pod mode stopped on an unexpected error: Error: the connection was reset'
    );
    expect(JSON.parse(v.result.outputs.diagnosis ?? '[]')).toContainEqual(
      expect.objectContaining({ check: 'pod', ok: false })
    );
    expectCleanAndSilent(chain, v);
  });

  it('says the pod was deleted, not that the run met an unexpected error, when it goes before its log is read', async () => {
    const chain = await chainFor();
    const v = await verifyWith(chain, { mode: 'pod' }, (deps) => ({
      ...deps,
      cluster: {
        ...deps.cluster,
        // Someone else deletes the pod once it has succeeded, before the run reads its log.
        watchPod: async (namespace, name, deadline) => {
          const end = await deps.cluster.watchPod(namespace, name, deadline);
          await deps.cluster.deletePod(namespace, name);
          return end;
        }
      }
    }));
    expectNotVerified(v);
    expect(check(v, 'pod')).toMatchObject({
      detail: expect.stringMatching(
        new RegExp(
          `^the pod ${chain.namespace}/irsa-verify-[0-9a-f]+ succeeded but was deleted before its log was read$`
        )
      ),
      fix: 'something else removed the pod: run again'
    });
    expectCleanAndSilent(chain, v);
  });

  it.each([
    [
      'a Pod Security level',
      'pods "{name}" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "aws" must set securityContext.allowPrivilegeEscalation=false)',
      /Pod Security level/
    ],
    [
      'a resource quota',
      'pods "{name}" is forbidden: failed quota: compute: must specify limits.cpu for: aws; limits.memory for: aws',
      /resource quota/
    ],
    [
      'RBAC',
      'pods is forbidden: User "ci" cannot create resource "pods" in API group "" in the namespace "{ns}"',
      /^let the kubeconfig's user create pods/
    ]
  ])('tells %s refusing the pod from the others (all answer 403)', async (_what, message, fix) => {
    const chain = await chainFor();
    const v = await verifyWith(chain, { mode: 'pod' }, (deps) => ({
      ...deps,
      cluster: {
        ...deps.cluster,
        createPod: async (pod) => {
          const name = pod.metadata?.name ?? '';
          const text = message.replace('{name}', name).replace('{ns}', chain.namespace);
          throw new KubeApiError('POST', `/api/v1/namespaces/${chain.namespace}/pods`, {
            status: 403,
            body: JSON.stringify({
              kind: 'Status',
              status: 'Failure',
              message: text,
              reason: 'Forbidden',
              code: 403
            }),
            contentType: 'application/json'
          });
        }
      }
    }));
    expectNotVerified(v);
    expect(check(v, 'pod').detail).toMatch(/^cannot create the pod .*: pods.* is forbidden: /);
    expect(check(v, 'pod').fix).toMatch(fix);
    expectCleanAndSilent(chain, v);
  });

  it('reports a service account it could not remove instead of claiming a clean run', async () => {
    const chain = await chainFor();
    const v = await verifyWith(chain, { mode: 'token' }, (deps) => ({
      ...deps,
      cluster: {
        ...deps.cluster,
        deleteServiceAccount: async () => {
          throw new Error('etcd is read-only');
        }
      }
    }));
    expectNotVerified(v);
    expect(failedChecks(v)).toEqual(['service-account']);
    expect(v.checks.at(-1)?.fix).toMatch(
      new RegExp(
        `^remove this run's lease by hand: kubectl -n default annotate serviceaccount ${chain.serviceAccount} talos-irsa/lease\\.[0-9a-f]{8}-$`
      )
    );
  });

  // Held: on Node 24 (the runner's), with a threadpool request that never completes in the process
  // (test/harness/hold-loop.mjs), as a DNS lookup the resolver does not answer would be.
  it.each([['', undefined], [', with a threadpool request that never completes left', node24] as const])(
    'removes its pod and the service account it created when the job is cancelled (SIGINT)%s',
    async (_held, node) => {
      const chain = await chainFor();
      const account = `irsa-verify-cancelled${node ? '-held' : ''}`;
      let fifo = '';
      if (node) {
        fifo = join(mkdtempSync(join(tmpdir(), 'talos-irsa-hold-')), 'never-written');
        execFileSync('mkfifo', [fifo]);
      }
      const held = node
        ? {
            node,
            env: {
              NODE_OPTIONS: `--import=${pathToFileURL(join(repoRoot, 'test', 'harness', 'hold-loop.mjs')).href}`,
              TALOS_IRSA_HOLD_FIFO: fifo
            }
          }
        : {};
      chain.double.holdPods('running');
      const cancel = new AbortController();
      const running = runBundle(
        'verify-irsa',
        {
          kubeconfig: chain.double.kubeconfig(),
          'role-arn': chain.roleArn,
          namespace: chain.namespace,
          'service-account': account,
          mode: 'pod',
          'timeout-seconds': '120'
        },
        { signal: cancel.signal, killSignal: 'SIGINT', timeoutMs: 30_000, ...held }
      );
      const ourPods = () =>
        chain.double.pods(chain.namespace).filter((p) => p.metadata.name.startsWith('irsa-verify-'));
      while (ourPods().length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(chain.double.serviceAccount(chain.namespace, account)).toBeDefined();
      cancel.abort();
      const cancelled = performance.now();
      const run = await running;
      if (fifo) rmSync(dirname(fifo), { recursive: true, force: true });
      // Before the runner's SIGTERM, 7.5 s after its SIGINT.
      expect(performance.now() - cancelled).toBeLessThan(7500);
      expect(run.status).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(
        new RegExp(
          `^verify-irsa was cancelled \\(SIGINT\\) during pod mode: aws sts get-caller-identity in a pod; deleted the pod ${chain.namespace}/irsa-verify-[0-9a-f]+ this run created; deleted the service account ${chain.namespace}/${account} this run created\\.$`
        )
      );
      expect(ourPods()).toEqual([]);
      expect(chain.double.serviceAccount(chain.namespace, account)).toBeUndefined();
      // The summary says so too, once: the step it was at, and each cleanup it did.
      expect(run.summary.split('### verify-irsa: cancelled')).toHaveLength(2);
      expect(run.summary).toContain(
        'Cancelled by SIGINT during `pod mode: aws sts get-caller-identity in a pod`, after the step had begun to write.'
      );
      expect(run.summary).toMatch(
        new RegExp(`\\n- deleted the pod ${chain.namespace}/irsa-verify-[0-9a-f]+ this run created\\n`)
      );
      expect(run.summary).toContain(
        `\n- deleted the service account ${chain.namespace}/${account} this run created\n`
      );
      for (const secret of run.masks) expect(run.summary).not.toContain(secret);
    },
    90_000
  );

  it('on a second signal while its removal is slow, says at once what it removed and what is left, and exits', async () => {
    // The runner sends SIGINT, then SIGTERM 7.5 s later, and kills 2.5 s after that. Here the
    // cluster is slow to answer the service account's delete (5 s, then a 503, each time), and the
    // SIGTERM comes once the pod is gone, long before the entry's 7 s bound.
    const chain = await chainFor();
    const account = 'irsa-verify-second-signal';
    chain.double.holdPods('running');
    let child: ChildProcess | undefined;
    const running = runBundle(
      'verify-irsa',
      {
        kubeconfig: chain.double.kubeconfig(),
        'role-arn': chain.roleArn,
        namespace: chain.namespace,
        'service-account': account,
        mode: 'pod',
        'timeout-seconds': '120'
      },
      { timeoutMs: 30_000, onSpawn: (spawned) => (child = spawned) }
    );
    const ourPods = () =>
      chain.double.pods(chain.namespace).filter((p) => p.metadata.name.startsWith('irsa-verify-'));
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    while (ourPods().length === 0) await pause(50);
    const pod = ourPods()[0]?.metadata.name ?? '';
    chain.double.injectFaults([
      {
        kind: 'status',
        method: 'DELETE',
        path: `/api/v1/namespaces/${chain.namespace}/serviceaccounts/`,
        delayMs: 5000,
        times: 10
      }
    ]);
    let second = 0;
    let run: BundleRun;
    try {
      child?.kill('SIGINT');
      for (let i = 0; i < 100 && ourPods().length > 0; i += 1) await pause(50);
      expect(ourPods()).toEqual([]);
      await pause(300);
      second = performance.now();
      child?.kill('SIGTERM');
      run = await running;
    } finally {
      // Not left for the next test's requests.
      chain.double.clearFaults();
    }
    // Well before the runner's kill, 2.5 s after its SIGTERM.
    expect(performance.now() - second).toBeLessThan(1500);
    expect(run.status).toBe(1);
    expect(run.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^verify-irsa was cancelled \\(SIGINT\\) during pod mode: aws sts get-caller-identity in a pod; deleted the pod ${chain.namespace}/${pod} this run created; the step ended before this run had given up the service account ${chain.namespace}/${account} .*; a second signal \\(SIGTERM\\) came \\d+\\.\\d s after the first, while its cleanup was still running`
        )
      )
    ]);
    // What it claims is so: the pod is gone, and the account, whose delete never got through, is there.
    expect(run.summary.split('### verify-irsa: cancelled')).toHaveLength(2);
    expect(run.summary).toContain(`\n- deleted the pod ${chain.namespace}/${pod} this run created\n`);
    expect(run.summary).toMatch(
      new RegExp(
        `\\n- the step ended before this run had given up the service account ${chain.namespace}/${account} \\(a write may have been under way\\): check for its lease and remove it by hand \\(kubectl -n ${chain.namespace} annotate serviceaccount ${account} talos-irsa/lease\\.[0-9a-f]{8}-\\)\\n`
      )
    );
    expect(run.summary).not.toContain(`deleted the service account`);
    expect(chain.double.pod(chain.namespace, pod)).toBeUndefined();
    expect(chain.double.serviceAccount(chain.namespace, account)).toBeDefined();
    for (const secret of run.masks) expect(run.summary).not.toContain(secret);
  }, 60_000);

  it('deletes what a create left behind when its answer was lost, but not what a refused create names', async () => {
    const chain = await chainFor();
    const cluster = kubeClusterOps(
      await loadKubeClient({ input: 'kubeconfig', value: chain.double.kubeconfig() }, () => undefined)
    );
    const created = new CreatedObjects();
    const leased = {
      labels: { ...MANAGED_BY },
      annotations: { [leaseKey('abc123')]: LATER.toISOString() }
    };
    // The server creates the account, and the connection drops before its answer arrives.
    const lossy = created.tracking({
      ...cluster,
      createServiceAccount: async (namespace, name, metadata) => {
        await cluster.createServiceAccount(namespace, name, metadata);
        throw new Error('socket hang up');
      }
    });
    await expect(lossy.createServiceAccount(chain.namespace, 'lost-answer', leased)).rejects.toThrow(
      'socket hang up'
    );
    // A second create of the same name is refused (409): the account is not this call's to delete.
    const tracked = created.tracking(cluster);
    await expect(tracked.createServiceAccount(chain.namespace, 'lost-answer', leased)).rejects.toMatchObject({
      code: 409
    });
    expect(chain.double.serviceAccount(chain.namespace, 'lost-answer')).toBeDefined();
    // An account someone else made: a refused create of it leaves it alone.
    await cluster.createServiceAccount(chain.namespace, 'someone-elses', { labels: {}, annotations: {} });
    await expect(
      tracked.createServiceAccount(chain.namespace, 'someone-elses', leased)
    ).rejects.toMatchObject({
      code: 409
    });
    expect(await created.removeLeftovers(cluster, { cleanup: true, redact: (text) => text })).toEqual([
      `deleted the service account ${chain.namespace}/lost-answer this run created`
    ]);
    expect(chain.double.serviceAccount(chain.namespace, 'lost-answer')).toBeUndefined();
    expect(chain.double.serviceAccount(chain.namespace, 'someone-elses')).toBeDefined();
    await cluster.deleteServiceAccount(chain.namespace, 'someone-elses');
  });
});
