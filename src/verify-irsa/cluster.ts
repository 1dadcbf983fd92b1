/**
 * What verify-irsa asks of the cluster: service accounts, a TokenRequest, and one pod followed
 * with a watch.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  AuthenticationV1TokenRequest,
  CoreV1EventList,
  V1Pod,
  V1PodList,
  V1ServiceAccount
} from '@kubernetes/client-node';
import type { KubeClient } from '../kube/client.js';
import { KubeApiError, kubeCall, kubeJson, namespacedPath as inNamespace, statusOf } from '../kube/client.js';
import type { Repeat } from '../kube/retry.js';
import { EXPIRES_ANNOTATION, MANAGED_BY, podOutcome } from './verify-pod.js';
import { kubeWatch, WatchConnectionError } from '../kube/watch.js';

export interface ServiceAccountView {
  annotations: Record<string, string>;
  labels: Record<string, string>;
  /** What a write decided on this view sends as its precondition. */
  resourceVersion: string;
}

/** Annotation changes for a JSON merge patch: null removes the key. */
export type AnnotationPatch = Record<string, string | null>;

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
  { ended: 'done'; pod: V1Pod } | { ended: 'timeout'; pod: V1Pod } | { ended: 'deleted' };

export interface ClusterOps {
  readServiceAccount(namespace: string, name: string): Promise<ServiceAccountView | undefined>;
  createServiceAccount(
    namespace: string,
    name: string,
    metadata: { labels: Record<string, string>; annotations: Record<string, string> }
  ): Promise<ServiceAccountView>;
  /** Changes annotations only if the account is still at `resourceVersion` (409 otherwise). */
  patchServiceAccount(
    namespace: string,
    name: string,
    resourceVersion: string,
    annotations: AnnotationPatch
  ): Promise<ServiceAccountView>;
  /** Deletes the account; with a resourceVersion, only if it is still at it (409 otherwise). */
  deleteServiceAccount(namespace: string, name: string, resourceVersion?: string): Promise<void>;
  /** A bound token for the audience (TokenRequest); the caller masks it at once. */
  requestToken(namespace: string, name: string, audience: string): Promise<string>;
  createPod(pod: V1Pod): Promise<V1Pod>;
  /** Admits the pod as a server-side dry run (webhooks run, nothing is stored) and returns it. */
  dryRunPod(pod: V1Pod): Promise<V1Pod>;
  /** Follows the pod with a watch until it ends, disappears, or the deadline passes. */
  watchPod(namespace: string, name: string, deadline: number): Promise<WatchEnd>;
  podLogs(namespace: string, name: string): Promise<string>;
  podEvents(namespace: string, name: string): Promise<PodEvent[]>;
  /** False when there was no such pod (404): nothing was left to delete. */
  deletePod(namespace: string, name: string): Promise<boolean>;
  /** The pods verify-irsa runs made for this service account (by label and field selector). */
  listVerifyPods(namespace: string, serviceAccount: string): Promise<VerifyPodView[]>;
}

/**
 * A time as this action writes it (toISOString: 2026-11-29T12:00:00.000Z); undefined for anything
 * else, so that a hand-written or garbled value never reads as a time long past.
 */
export function parseInstant(text: string | undefined): Date | undefined {
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) return undefined;
  const date = new Date(text);
  return !Number.isNaN(date.getTime()) && date.toISOString() === text ? date : undefined;
}

const viewOf = (account: V1ServiceAccount): ServiceAccountView => ({
  annotations: account.metadata?.annotations ?? {},
  labels: account.metadata?.labels ?? {},
  resourceVersion: account.metadata?.resourceVersion ?? ''
});

// Below this the apiserver refuses a TokenRequest; it is also short enough to be harmless.
const TOKEN_SECONDS = 600;

const enc = encodeURIComponent;
// get-caller-identity prints a few hundred bytes; its errors, a few lines more.
const LOG_LIMIT_BYTES = 64 * 1024;

/**
 * Every call is one plain REST request (src/kube/client.ts), the watch a streaming one
 * (src/kube/watch.ts), so that a run never loads @kubernetes/client-node (a 16 MB chunk) unless the
 * kubeconfig's user authenticates through an exec plugin or an auth provider.
 */
export function kubeClusterOps(
  client: KubeClient,
  podWatch: Readonly<PodWatchTiming> = POD_WATCH_TIMING
): ClusterOps {
  const json = <T>(method: string, path: string, body?: unknown, repeat?: Repeat): Promise<T> =>
    kubeJson<T>(client, method, path, body, repeat);
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
        return viewOf(account);
      } catch (error) {
        ignoreNotFound(error);
        return undefined;
      }
    },
    async createServiceAccount(namespace, name, metadata) {
      // Sent again after a lost answer or a 5xx: a repeat of a create that was applied is a 409,
      // which the lease (account-lease.ts) reads again and finds its own.
      return viewOf(
        await json<V1ServiceAccount>(
          'POST',
          inNamespace(namespace, 'serviceaccounts'),
          { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, ...metadata } },
          'safe'
        )
      );
    },
    async patchServiceAccount(namespace, name, resourceVersion, annotations) {
      // A merge patch that names a resourceVersion is refused (409) once the object has moved on,
      // so a repeat of one that was applied is refused too, and decided again on a fresh read.
      return viewOf(
        await json<V1ServiceAccount>(
          'PATCH',
          inNamespace(namespace, `serviceaccounts/${enc(name)}`),
          { metadata: { resourceVersion, annotations } },
          'safe'
        )
      );
    },
    async deleteServiceAccount(namespace, name, resourceVersion) {
      const options =
        resourceVersion === undefined
          ? undefined
          : { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { resourceVersion } };
      // Sent again after a lost answer: what is not deleted outlives the run, and a repeat of a
      // delete that was applied is a 404, taken as done.
      await json('DELETE', inNamespace(namespace, `serviceaccounts/${enc(name)}`), options, 'safe').catch(
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
        },
        // A TokenRequest stores nothing: a repeat mints another short-lived token, and the lost one
        // expires unused.
        'safe'
      );
      const token = answer.status?.token;
      if (!token) throw new Error('the TokenRequest answer holds no token');
      return token;
    },
    async createPod(pod) {
      const namespace = pod.metadata?.namespace ?? 'default';
      try {
        return await json<V1Pod>('POST', inNamespace(namespace, 'pods'), pod, 'safe');
      } catch (error) {
        // Sent again after a lost answer, and refused as existing: the pod's name is this run's
        // own (its random id), so it is the first attempt's pod.
        if (!(error instanceof KubeApiError && error.code === 409 && error.attempts > 1)) throw error;
        return json<V1Pod>('GET', inNamespace(namespace, `pods/${enc(pod.metadata?.name ?? '')}`));
      }
    },
    // A dry run stores nothing.
    dryRunPod: (pod) =>
      json<V1Pod>('POST', inNamespace(pod.metadata?.namespace ?? 'default', 'pods?dryRun=All'), pod, 'safe'),
    async watchPod(namespace, name, deadline) {
      return watchPod(client, namespace, name, deadline, podWatch);
    },
    async podLogs(namespace, name) {
      // limitBytes: the answer is held in memory whole, and a pod may print without end.
      const query = `tailLines=50&limitBytes=${LOG_LIMIT_BYTES}`;
      return (await kubeCall(client, 'GET', inNamespace(namespace, `pods/${enc(name)}/log?${query}`))).body;
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
        expiresAt: parseInstant(pod.metadata?.annotations?.[EXPIRES_ANNOTATION])
      }));
    },
    async deletePod(namespace, name) {
      try {
        await json(
          'DELETE',
          inNamespace(namespace, `pods/${enc(name)}?gracePeriodSeconds=0`),
          undefined,
          'safe'
        );
        return true;
      } catch (error) {
        ignoreNotFound(error);
        return false;
      }
    }
  };
}

/** A watch refusal worth trying again (the server busy or failing), not one of the caller's setup. */
function isPassing(error: unknown): boolean {
  const status = statusOf(error);
  return status === 429 || (status !== undefined && status >= 500);
}

/** The pod watch's timings. */
export interface PodWatchTiming {
  /**
   * How long one watch of the pod may last: the server is asked to end it then (timeoutSeconds), and
   * it is dropped graceMs later if the server has not, so that a stream that stalls or trickles (a
   * wedged apiserver, a connection a load balancer or NAT dropped without a word) costs one window,
   * not the whole timeout-seconds. A quiet pod costs one watch request per window.
   */
  windowSeconds: number;
  graceMs: number;
  /**
   * A watch that ended sooner than this after it was opened (the server dropped it: an error, not
   * its timeout) is re-opened after a pause this long, so that a misbehaving server does not turn
   * the watch into a busy loop.
   */
  reopenMs: number;
}

/**
 * What every run uses. Only tests pass others (kubeClusterOps's second argument), to shorten what
 * they wait on: no input or environment variable reaches them.
 */
export const POD_WATCH_TIMING: Readonly<PodWatchTiming> = Object.freeze({
  windowSeconds: 10,
  graceMs: 2000,
  reopenMs: 1000
});

/** What a fresh read of the pod found: how it ended, or where to watch it from (undefined: the present). */
type FreshRead = { end: WatchEnd } | { resourceVersion: string | undefined };

/**
 * The pod read afresh, as a list of one by its name: the list's resourceVersion is the store's at
 * the read, where a watch can start (an object's own may be older than the server's watch history).
 * A read that fails, whatever the reason (a failing server, or no right to list pods, which pod mode
 * can do without), leaves the watch to start from the present; a refused watch names its own refusal.
 */
async function readPodAfresh(client: KubeClient, pods: string, name: string): Promise<FreshRead> {
  let list: V1PodList;
  try {
    list = await kubeJson<V1PodList>(client, 'GET', pods);
  } catch {
    return { resourceVersion: undefined };
  }
  if (!Array.isArray(list.items)) return { resourceVersion: undefined };
  const pod = list.items.find((item) => item.metadata?.name === name);
  if (!pod) return { end: { ended: 'deleted' } };
  if (podOutcome(pod).state !== 'running') return { end: { ended: 'done', pod } };
  return { resourceVersion: list.metadata?.resourceVersion || undefined };
}

/**
 * One watch on the pod's name, re-opened when the server closes it, the connection breaks or its
 * window ends, until the pod ends or the deadline passes; the deadline aborts a watch however it
 * hangs. Each watch resumes from the last resourceVersion the watches were sent, an event's or a
 * BOOKMARK's (asked for: the apiserver sends one 2 s before a watch's timeoutSeconds), so that it is
 * sent what came after, each change once: a change made while no watch was open (a deletion,
 * which a watch from the present never shows) is not lost. The first watch starts from a fresh read
 * of the pod, so a pod that finished or went before the watch began is still seen, and so does one
 * after a 410 (that resourceVersion is older than the server's history), as the Kubernetes API
 * concepts say a client must. A refused watch (401, 403, 404) is an error at once; a failing
 * server is tried again until the deadline. At the deadline the pod is read once more and that read
 * decides, so that a watch that saw nothing, or stalled on an old state, does not report a finished
 * pod as still running; a read that fails is the error.
 */
async function watchPod(
  client: KubeClient,
  namespace: string,
  name: string,
  deadline: number,
  timing: Readonly<PodWatchTiming>
): Promise<WatchEnd> {
  const pods = `${inNamespace(namespace, 'pods')}?fieldSelector=${enc(`metadata.name=${name}`)}`;
  // Undefined at first, after a 410, and while no fresh read has succeeded: each watch then starts
  // from a fresh read (or, when that fails, from the present).
  let resourceVersion: string | undefined;
  while (Date.now() < deadline) {
    const opened = Date.now();
    if (resourceVersion === undefined) {
      const read = await readPodAfresh(client, pods, name);
      if ('end' in read) return read.end;
      resourceVersion = read.resourceVersion;
    }
    // From the present (its fresh read failed), a watch opens with the pod as it is: one that shows
    // none had no pod to show, and what it is sent after (a BOOKMARK) says nothing of the pod.
    const fromPresent = resourceVersion === undefined;
    let shown = false;
    const from = resourceVersion === undefined ? '' : `&resourceVersion=${enc(resourceVersion)}`;
    const path = `${pods}${from}&allowWatchBookmarks=true&timeoutSeconds=${timing.windowSeconds}`;
    const controller = new AbortController();
    const windowMs = timing.windowSeconds * 1000 + timing.graceMs;
    // Whether this watch's abort is the deadline's, not its window's end: one reading of the clock.
    const untilDeadline = deadline - Date.now();
    const cutByDeadline = untilDeadline <= windowMs;
    const timer = setTimeout(() => controller.abort(), Math.max(0, Math.min(windowMs, untilDeadline)));
    let end: WatchEnd | undefined;
    try {
      await kubeWatch<V1Pod>(
        client,
        path,
        (event) => {
          if (event.type === 'ERROR') {
            // 410 Gone: the history after that resourceVersion is compacted away.
            if (statusOf(event.object) === 410) resourceVersion = undefined;
            return;
          }
          const seen = event.object.metadata?.resourceVersion;
          if (seen) resourceVersion = seen;
          // The field selector is the server's to apply; another pod's end is not this one's.
          if (event.type !== 'BOOKMARK' && event.object.metadata?.name !== name) return;
          if (event.type !== 'BOOKMARK') shown = true;
          if (event.type === 'DELETED') end = { ended: 'deleted' };
          else if (
            (event.type === 'ADDED' || event.type === 'MODIFIED') &&
            podOutcome(event.object).state !== 'running'
          )
            end = { ended: 'done', pod: event.object };
          if (end) controller.abort();
        },
        controller.signal
      );
    } catch (error) {
      if (statusOf(error) === 410) resourceVersion = undefined;
      else if (!isPassing(error) && !(error instanceof WatchConnectionError)) throw error;
    } finally {
      clearTimeout(timer);
    }
    if (end) return end;
    // The deadline's abort ends the watching, as a pause that runs to it does (below): the timer can
    // fire before Date.now() reaches the deadline, and a watch opened then would be cut at once.
    if (cutByDeadline && controller.signal.aborted) break;
    if (fromPresent && !shown) resourceVersion = undefined;
    // A watch the server drops at once (an error, not its timeout) is re-opened after a pause,
    // so that a misbehaving server does not turn this into a busy loop.
    if (Date.now() - opened < timing.reopenMs) {
      const left = deadline - Date.now();
      await sleep(Math.max(0, Math.min(timing.reopenMs, left)));
      // A pause that runs to the deadline ends the watching: Node's timers can fire a millisecond
      // before Date.now() reaches the time asked for, and a watch opened in that millisecond
      // would see nothing the final read does not.
      if (left <= timing.reopenMs) break;
    }
  }
  let pod: V1Pod;
  try {
    pod = await kubeJson<V1Pod>(client, 'GET', inNamespace(namespace, `pods/${enc(name)}`));
  } catch (error) {
    if (statusOf(error) === 404) return { ended: 'deleted' };
    // What a watch saw last may be long past (a stream that stalled or broke): the pod is not
    // reported as unfinished on its word. The read's failure is what the run can say.
    throw error;
  }
  return podOutcome(pod).state !== 'running' ? { ended: 'done', pod } : { ended: 'timeout', pod };
}
