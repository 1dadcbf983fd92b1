/**
 * The pod that proves IRSA from inside the cluster: what it looks like, how to read its state
 * and logs, and whether a pod-identity webhook touched it. Pure: no client, no network.
 */
import type { V1Pod } from '@kubernetes/client-node';

export const TOKEN_DIR = '/var/run/secrets/eks.amazonaws.com/serviceaccount';
export const TOKEN_PATH = `${TOKEN_DIR}/token`;
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'talos-irsa-verify' };
export const ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';
/**
 * On a verify pod: when the run that made it is over for sure. A later run removes such a pod once
 * that time has passed (its run was killed), never before.
 */
export const EXPIRES_ANNOTATION = 'talos-irsa/expires-at';
/** On what a run with cleanup: false made: kept on purpose, never removed by a later run. */
export const KEEP_ANNOTATION = 'talos-irsa/keep';
const CONTAINER = 'aws';
export const POD_DEADLINE_MARGIN_SECONDS = 60;

export interface VerifyPodSpec {
  name: string;
  namespace: string;
  serviceAccount: string;
  image: string;
  roleArn: string;
  region: string;
  audience: string;
  timeoutSeconds: number;
  /** When the run is over for sure; undefined for a pod kept on purpose (cleanup: false). */
  expiresAt: Date | undefined;
}

/** Environment the pod needs for IRSA; set here so that no webhook is required. */
export function irsaEnv(spec: VerifyPodSpec): Array<{ name: string; value: string }> {
  return [
    { name: 'AWS_ROLE_ARN', value: spec.roleArn },
    { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: TOKEN_PATH },
    { name: 'AWS_REGION', value: spec.region },
    // AWS CLI v1 and older SDKs read only this one; a custom image may carry either.
    { name: 'AWS_DEFAULT_REGION', value: spec.region },
    { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' },
    { name: 'AWS_ROLE_SESSION_NAME', value: spec.name }
  ];
}

export function verifyPodManifest(spec: VerifyPodSpec): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: { ...MANAGED_BY },
      annotations: spec.expiresAt
        ? { [EXPIRES_ANNOTATION]: spec.expiresAt.toISOString() }
        : { [KEEP_ANNOTATION]: 'true' }
    },
    spec: {
      serviceAccountName: spec.serviceAccount,
      restartPolicy: 'Never',
      // A backstop for a runner killed mid-watch: the kubelet stops the pod a little after the
      // action's own timeout, so the action, not the kubelet, normally reports the timeout.
      activeDeadlineSeconds: spec.timeoutSeconds + POD_DEADLINE_MARGIN_SECONDS,
      // Only the projected IRSA token is needed; the API token would be one more secret in the pod.
      automountServiceAccountToken: false,
      containers: [
        {
          name: CONTAINER,
          image: spec.image,
          command: ['aws', 'sts', 'get-caller-identity'],
          env: irsaEnv(spec),
          volumeMounts: [{ name: 'aws-iam-token', mountPath: TOKEN_DIR, readOnly: true }]
        }
      ],
      volumes: [
        {
          name: 'aws-iam-token',
          projected: {
            sources: [
              { serviceAccountToken: { audience: spec.audience, expirationSeconds: 3600, path: 'token' } }
            ]
          }
        }
      ]
    }
  };
}

/**
 * The same pod as an application would write it: no IRSA settings of its own. Created as a
 * server-side dry run, it shows what a pod-identity webhook would add to the cluster's other pods
 * (the webhook skips pods that already set AWS_ROLE_ARN, so the verify pod itself cannot tell).
 */
export function bareWorkloadPod(spec: VerifyPodSpec): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${spec.name}-probe`, namespace: spec.namespace, labels: { ...MANAGED_BY } },
    spec: {
      serviceAccountName: spec.serviceAccount,
      restartPolicy: 'Never',
      containers: [{ name: CONTAINER, image: spec.image, command: ['aws', 'sts', 'get-caller-identity'] }]
    }
  };
}

/**
 * The fix for a refused pod create. The API server answers 403 Forbidden both for RBAC and for
 * admission (Pod Security, a resource quota), and only RBAC is a matter of the kubeconfig's rights:
 * the verify pod sets no securityContext and no resource limits, which a namespace
 * enforcing restricted Pod Security or a quota on limits refuses whatever the rights.
 */
export function podRefusalFix(message: string): string {
  if (/violates PodSecurity/i.test(message))
    return "the namespace's Pod Security level refuses the verify pod (it sets no securityContext): run pod mode in a namespace enforcing baseline (Talos's default) or privileged, or use mode: token";
  if (/\bquota\b/i.test(message))
    return 'a resource quota of the namespace refuses the verify pod (it sets no resource requests or limits): give the namespace a LimitRange with defaults, or run pod mode in another namespace';
  return "let the kubeconfig's user create pods in the namespace";
}

export type PodOutcome = { state: 'running' } | { state: 'succeeded' } | { state: 'failed'; reason: string };

// Waiting reasons from which a pod does not recover by itself.
const STUCK_REASONS = ['InvalidImageName', 'CreateContainerConfigError', 'ErrImageNeverPull'];

export function podOutcome(pod: V1Pod): PodOutcome {
  const phase = pod.status?.phase;
  const container = pod.status?.containerStatuses?.[0];
  const terminated = container?.state?.terminated;
  if (phase === 'Succeeded') return { state: 'succeeded' };
  if (phase === 'Failed') {
    const why = terminated
      ? `container exited with code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ''}`
      : (pod.status?.reason ?? 'pod failed');
    return { state: 'failed', reason: `${why}${pod.status?.message ? `: ${pod.status.message}` : ''}` };
  }
  const waiting = container?.state?.waiting;
  if (waiting?.reason && STUCK_REASONS.includes(waiting.reason))
    return { state: 'failed', reason: `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}` };
  return { state: 'running' };
}

/** The ARN from `aws sts get-caller-identity`'s JSON (or text/table output, as a fallback). */
export function callerArnFromLogs(logs: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(logs.trim());
    if (typeof parsed === 'object' && parsed !== null && 'Arn' in parsed) {
      const arn = (parsed as { Arn: unknown }).Arn;
      if (typeof arn === 'string') return arn;
    }
  } catch {
    // Not JSON alone (a warning may precede it): fall through to a search.
  }
  return /arn:[\w-]+:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+/.exec(logs)?.[0];
}

/**
 * The longest log line the diagnosis quotes. A pod's lines go into the diagnosis output, the summary
 * and the step's error: one runaway line (a proxy's HTML page inside an error) would push them past
 * GitHub's limits (1 MB of outputs per job, 1 MiB of summary per step), which drop them whole.
 */
export const MAX_LOG_LINE = 500;

/** The last `count` non-blank lines, each cut to MAX_LOG_LINE characters; redact before, not after. */
export function lastLines(text: string, count: number): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-count)
    .map((line) => (line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE)}…` : line));
}

/** The most events of its pod a failed pod check quotes: the latest, as with its log lines. */
export const MAX_EVENTS = 10;

/**
 * The pod's last `count` events, each on one line cut to MAX_LOG_LINE characters, as lastLines does
 * for its log (redact before, not after): an event's message (a webhook's refusal, an image pull's
 * error) is as unbounded as a log line, and a pod that crash-loops or is refused again and again has many.
 */
export function eventLines(
  events: ReadonlyArray<{ type: string; reason: string; message: string }>,
  count: number
): string[] {
  const left = events.length - count;
  const lines = events.slice(-count).map((event) => {
    const line = `${event.type} ${event.reason}: ${event.message}`.replace(/\s+/g, ' ').trim();
    return line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE)}…` : line;
  });
  return left > 0 ? [`(${left} earlier left out)`, ...lines] : lines;
}

/**
 * Whether a mutating webhook (the EKS pod identity webhook or a copy) added IRSA settings that
 * this action did not put into the pod: an env var, a volume, or a changed value.
 */
export function webhookInjections(sent: V1Pod, stored: V1Pod): string[] {
  const injected: string[] = [];
  const sentEnv = new Map((sent.spec?.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
  for (const entry of stored.spec?.containers[0]?.env ?? []) {
    if (!entry.name.startsWith('AWS_')) continue;
    if (!sentEnv.has(entry.name)) injected.push(entry.name);
    else if (sentEnv.get(entry.name) !== entry.value) injected.push(`${entry.name} (changed)`);
  }
  const sentVolumes = new Set((sent.spec?.volumes ?? []).map((v) => v.name));
  for (const volume of stored.spec?.volumes ?? [])
    // kube-api-access-* is the API token volume the apiserver itself adds, not a webhook's.
    if (volume.projected && !sentVolumes.has(volume.name) && !volume.name.startsWith('kube-api-access-'))
      injected.push(`volume ${volume.name}`);
  return injected;
}

/** The role a webhook has the service account's pods assume (the AWS_ROLE_ARN it set), if any. */
export function webhookRoleArn(stored: V1Pod): string | undefined {
  return stored.spec?.containers[0]?.env?.find((entry) => entry.name === 'AWS_ROLE_ARN')?.value;
}

/**
 * The audience of the token a webhook gives the service account's pods for IRSA: the projected
 * service-account token that AWS_WEB_IDENTITY_TOKEN_FILE points at. Other projected tokens (a
 * mesh sidecar's, say) are for other consumers and say nothing about STS. Undefined when no
 * webhook set the file or its token names no audience (then the API server's default applies).
 */
export function webhookTokenAudience(stored: V1Pod): string | undefined {
  const container = stored.spec?.containers[0];
  const file = container?.env?.find((entry) => entry.name === 'AWS_WEB_IDENTITY_TOKEN_FILE')?.value;
  if (!container || !file) return undefined;
  const mount = (container.volumeMounts ?? [])
    .map((m) => ({ name: m.name, dir: m.mountPath.replace(/\/+$/, '') }))
    .filter((m) => file.startsWith(`${m.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  if (!mount) return undefined;
  const path = file.slice(mount.dir.length + 1);
  const volume = stored.spec?.volumes?.find((v) => v.name === mount.name);
  const token = volume?.projected?.sources?.find((source) => source.serviceAccountToken?.path === path);
  return token?.serviceAccountToken?.audience;
}
