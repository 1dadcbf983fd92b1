/**
 * What verify-irsa asks of the cluster: service accounts, a TokenRequest, and one pod followed
 * with a watch.
 */
import type {
  AuthenticationV1TokenRequest,
  CoreV1EventList,
  V1Pod,
  V1PodList,
  V1ServiceAccount
} from '@kubernetes/client-node';
import type { KubeClient } from '../kube/client.js';
import { kubeCall, kubeJson, namespacedPath as inNamespace, statusOf } from '../kube/client.js';
import { EXPIRES_ANNOTATION, MANAGED_BY, podOutcome, ROLE_ANNOTATION } from './verify-pod.js';
import { kubeWatch, WatchConnectionError } from '../kube/watch.js';

export interface ServiceAccountView {
  annotations: Record<string, string>;
  labels: Record<string, string>;
}

/** A verify pod of an earlier run, as found by its label. */
export interface VerifyPodView {
  name: string;
  /** From its expires-at annotation; undefined when it has none or an unreadable one. */
  expiresAt: Date | undefined;
}

export interface PodEvent {
  type: string;
  reason: string;
  message: string;
}

export type WatchEnd =
  { ended: 'done'; pod: V1Pod } | { ended: 'timeout'; pod?: V1Pod } | { ended: 'deleted' };

export interface ClusterOps {
  readServiceAccount(namespace: string, name: string): Promise<ServiceAccountView | undefined>;
  createServiceAccount(namespace: string, name: string, roleArn: string, expiresAt: Date): Promise<void>;
  /** Takes over a service account an earlier run left: this run's role annotation and expiry. */
  adoptServiceAccount(namespace: string, name: string, roleArn: string, expiresAt: Date): Promise<void>;
  deleteServiceAccount(namespace: string, name: string): Promise<void>;
  /** A bound token for the audience (TokenRequest); the caller masks it at once. */
  requestToken(namespace: string, name: string, audience: string): Promise<string>;
  createPod(pod: V1Pod): Promise<V1Pod>;
  /** Admits the pod as a server-side dry run (webhooks run, nothing is stored) and returns it. */
  dryRunPod(pod: V1Pod): Promise<V1Pod>;
  /** Follows the pod with a watch until it ends, disappears, or the deadline passes. */
  watchPod(namespace: string, name: string, deadline: number): Promise<WatchEnd>;
  podLogs(namespace: string, name: string): Promise<string>;
  podEvents(namespace: string, name: string): Promise<PodEvent[]>;
  deletePod(namespace: string, name: string): Promise<void>;
  /** The pods verify-irsa runs made for this service account (by label and field selector). */
  listVerifyPods(namespace: string, serviceAccount: string): Promise<VerifyPodView[]>;
}

/** An expires-at annotation's time; undefined when it is missing or not a date. */
export function expiryOf(annotations: Record<string, string> | undefined): Date | undefined {
  const text = annotations?.[EXPIRES_ANNOTATION];
  if (text === undefined) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

// Below this the apiserver refuses a TokenRequest; it is also short enough to be harmless.
const TOKEN_SECONDS = 600;

const enc = encodeURIComponent;

/**
 * Every call is one plain REST request (src/kube/client.ts), the watch a streaming one
 * (src/kube/watch.ts), so that a run never loads @kubernetes/client-node (a 16 MB chunk) unless the
 * kubeconfig's user authenticates through an exec plugin or an auth provider.
 */
/**
 * A cleanup delete, sent a second time after a pause if the server failed (5xx, 429) or the answer
 * was lost: what is not deleted outlives the run.
 */
async function onceMore<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = statusOf(error);
    if (status !== undefined && status !== 429 && status < 500) throw error;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return call();
  }
}

export function kubeClusterOps(client: KubeClient): ClusterOps {
  const json = <T>(method: string, path: string, body?: unknown): Promise<T> =>
    kubeJson<T>(client, method, path, body);
  const ignoreNotFound = (error: unknown): void => {
    if (statusOf(error) !== 404) throw error;
  };

  return {
    async readServiceAccount(namespace, name) {
      try {
        const account = await json<V1ServiceAccount>(
          'GET',
          inNamespace(namespace, `serviceaccounts/${enc(name)}`)
        );
        return {
          annotations: account.metadata?.annotations ?? {},
          labels: account.metadata?.labels ?? {}
        };
      } catch (error) {
        ignoreNotFound(error);
        return undefined;
      }
    },
    async createServiceAccount(namespace, name, roleArn, expiresAt) {
      await json('POST', inNamespace(namespace, 'serviceaccounts'), {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: {
          name,
          namespace,
          labels: { ...MANAGED_BY },
          annotations: { [ROLE_ANNOTATION]: roleArn, [EXPIRES_ANNOTATION]: expiresAt.toISOString() }
        }
      });
    },
    async adoptServiceAccount(namespace, name, roleArn, expiresAt) {
      await json('PATCH', inNamespace(namespace, `serviceaccounts/${enc(name)}`), {
        metadata: {
          annotations: { [ROLE_ANNOTATION]: roleArn, [EXPIRES_ANNOTATION]: expiresAt.toISOString() }
        }
      });
    },
    async deleteServiceAccount(namespace, name) {
      await onceMore(() => json('DELETE', inNamespace(namespace, `serviceaccounts/${enc(name)}`))).catch(
        ignoreNotFound
      );
    },
    async requestToken(namespace, name, audience) {
      const answer = await json<AuthenticationV1TokenRequest>(
        'POST',
        inNamespace(namespace, `serviceaccounts/${enc(name)}/token`),
        {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          spec: { audiences: [audience], expirationSeconds: TOKEN_SECONDS }
        }
      );
      const token = answer.status?.token;
      if (!token) throw new Error('the TokenRequest answer holds no token');
      return token;
    },
    createPod: (pod) => json<V1Pod>('POST', inNamespace(pod.metadata?.namespace ?? 'default', 'pods'), pod),
    dryRunPod: (pod) =>
      json<V1Pod>('POST', inNamespace(pod.metadata?.namespace ?? 'default', 'pods?dryRun=All'), pod),
    async watchPod(namespace, name, deadline) {
      return watchPod(client, namespace, name, deadline);
    },
    async podLogs(namespace, name) {
      return (await kubeCall(client, 'GET', inNamespace(namespace, `pods/${enc(name)}/log?tailLines=50`)))
        .body;
    },
    async podEvents(namespace, name) {
      // Selected by the server: a busy namespace can hold thousands of events.
      const selector = enc(`involvedObject.kind=Pod,involvedObject.name=${name}`);
      const list = await json<CoreV1EventList>(
        'GET',
        inNamespace(namespace, `events?fieldSelector=${selector}`)
      );
      return list.items.map((event) => ({
        type: event.type ?? '',
        reason: event.reason ?? '',
        message: event.message ?? ''
      }));
    },
    async listVerifyPods(namespace, serviceAccount) {
      const labels = enc(
        Object.entries(MANAGED_BY)
          .map(([key, value]) => `${key}=${value}`)
          .join(',')
      );
      const fields = enc(`spec.serviceAccountName=${serviceAccount}`);
      const list = await json<V1PodList>(
        'GET',
        inNamespace(namespace, `pods?labelSelector=${labels}&fieldSelector=${fields}`)
      );
      return list.items.map((pod) => ({
        name: pod.metadata?.name ?? '',
        expiresAt: expiryOf(pod.metadata?.annotations)
      }));
    },
    async deletePod(namespace, name) {
      await onceMore(() =>
        json('DELETE', inNamespace(namespace, `pods/${enc(name)}?gracePeriodSeconds=0`))
      ).catch(ignoreNotFound);
    }
  };
}

/** A watch refusal worth trying again (the server busy or failing), not one of the caller's setup. */
function isPassing(error: unknown): boolean {
  const status = statusOf(error);
  return status === 429 || (status !== undefined && status >= 500);
}

/**
 * One watch on the pod's name, re-opened if the server closes it early (watches have a server
 * timeout), until the pod ends or the deadline passes; the deadline aborts a watch however it
 * hangs. Without a resourceVersion the watch opens with the pod's current state, so a pod that
 * finished before the watch began is still seen. A refused watch (401, 403, 404) is an error at
 * once; a failing server is tried again until the deadline, and at the deadline the pod is read
 * once more, so that a watch that saw nothing does not report a finished pod as still running.
 */
async function watchPod(
  client: KubeClient,
  namespace: string,
  name: string,
  deadline: number
): Promise<WatchEnd> {
  const path = `${inNamespace(namespace, 'pods')}?fieldSelector=${enc(`metadata.name=${name}`)}`;
  let last: V1Pod | undefined;
  let lastProblem: unknown;
  while (Date.now() < deadline) {
    const opened = Date.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(0, deadline - Date.now()));
    let end: WatchEnd | undefined;
    try {
      await kubeWatch<V1Pod>(
        client,
        path,
        (event) => {
          if (event.type === 'DELETED') end = { ended: 'deleted' };
          else if (event.type === 'ADDED' || event.type === 'MODIFIED') {
            last = event.object;
            if (podOutcome(event.object).state !== 'running') end = { ended: 'done', pod: event.object };
          }
          if (end) controller.abort();
        },
        controller.signal
      );
    } catch (error) {
      if (!isPassing(error) && !(error instanceof WatchConnectionError)) throw error;
      lastProblem = error;
    } finally {
      clearTimeout(timer);
    }
    if (end) return end;
    // A watch the server drops at once (an error, not its timeout) is re-opened after a pause,
    // so that a misbehaving server does not turn this into a busy loop.
    if (Date.now() - opened < 1000)
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(1000, deadline - Date.now()))));
  }
  try {
    const pod = await kubeJson<V1Pod>(client, 'GET', inNamespace(namespace, `pods/${enc(name)}`));
    if (podOutcome(pod).state !== 'running') return { ended: 'done', pod };
    last = pod;
  } catch (error) {
    if (statusOf(error) === 404) return { ended: 'deleted' };
    if (!last && lastProblem) throw lastProblem;
  }
  return { ended: 'timeout', ...(last ? { pod: last } : {}) };
}
