/**
 * What verify-irsa asks of the cluster: service accounts, a TokenRequest, and one pod followed
 * with a watch.
 */
import type {
  AuthenticationV1TokenRequest,
  CoreV1EventList,
  V1Pod,
  V1ServiceAccount
} from '@kubernetes/client-node';
import type { KubeClient } from '../kube/client.js';
import { kubeCall, kubeJson, namespacedPath as inNamespace, statusOf } from '../kube/client.js';
import { MANAGED_BY, podOutcome, ROLE_ANNOTATION } from './verify-pod.js';

export interface ServiceAccountView {
  annotations: Record<string, string>;
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
  createServiceAccount(namespace: string, name: string, roleArn: string): Promise<void>;
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
}

// Below this the apiserver refuses a TokenRequest; it is also short enough to be harmless.
const TOKEN_SECONDS = 600;

const enc = encodeURIComponent;

/**
 * Every call but the watch is one plain REST request (src/kube/client.ts), so that a token-mode
 * run, whose first request is reading the service account, never loads @kubernetes/client-node
 * (a 16 MB chunk); the pod watch, which needs its streaming Watch, loads it on first use.
 */
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
        return { annotations: account.metadata?.annotations ?? {} };
      } catch (error) {
        ignoreNotFound(error);
        return undefined;
      }
    },
    async createServiceAccount(namespace, name, roleArn) {
      await json('POST', inNamespace(namespace, 'serviceaccounts'), {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: {
          name,
          namespace,
          labels: { ...MANAGED_BY },
          annotations: { [ROLE_ANNOTATION]: roleArn }
        }
      });
    },
    async deleteServiceAccount(namespace, name) {
      await json('DELETE', inNamespace(namespace, `serviceaccounts/${enc(name)}`)).catch(ignoreNotFound);
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
      const { Watch } = await import('@kubernetes/client-node');
      return watchPod(new Watch(await client.kubeConfig()), namespace, name, deadline);
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
    async deletePod(namespace, name) {
      await json('DELETE', inNamespace(namespace, `pods/${enc(name)}?gracePeriodSeconds=0`)).catch(
        ignoreNotFound
      );
    }
  };
}

type WatchLike = InstanceType<typeof import('@kubernetes/client-node').Watch>;

/**
 * One watch on the pod's name, re-opened if the server closes it early (watches have a server
 * timeout), until the pod ends or the deadline passes. Without a resourceVersion the watch opens
 * with the pod's current state, so a pod that finished before the watch began is still seen.
 */
async function watchPod(
  watch: WatchLike,
  namespace: string,
  name: string,
  deadline: number
): Promise<WatchEnd> {
  let last: V1Pod | undefined;
  while (Date.now() < deadline) {
    const opened = Date.now();
    const end = await new Promise<WatchEnd | 'closed'>((resolve) => {
      let settled = false;
      let controller: AbortController | undefined;
      const finish = (value: WatchEnd | 'closed'): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        controller?.abort();
        resolve(value);
      };
      const timer = setTimeout(
        () => finish({ ended: 'timeout', ...(last ? { pod: last } : {}) }),
        deadline - Date.now()
      );
      watch
        .watch(
          `/api/v1/namespaces/${namespace}/pods`,
          { fieldSelector: `metadata.name=${name}` },
          (type: string, object: V1Pod) => {
            if (type === 'DELETED') return finish({ ended: 'deleted' });
            if (type !== 'ADDED' && type !== 'MODIFIED') return;
            last = object;
            if (podOutcome(object).state !== 'running') finish({ ended: 'done', pod: object });
          },
          () => finish('closed')
        )
        .then((c) => {
          controller = c;
          if (settled) c.abort();
        })
        .catch(() => finish('closed'));
    });
    if (end !== 'closed') return end;
    // A watch the server drops at once (an error, not its timeout) is re-opened after a pause,
    // so that a misbehaving server does not turn this into a busy loop.
    if (Date.now() - opened < 1000)
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(1000, deadline - Date.now()))));
  }
  return { ended: 'timeout', ...(last ? { pod: last } : {}) };
}
