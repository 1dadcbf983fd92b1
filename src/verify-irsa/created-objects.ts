/**
 * What a verify-irsa run has made or holds in the cluster, so that none of it outlives the run: not
 * when a write's answer is lost (the object exists, the run saw an error), and not when the job is
 * cancelled (the runner sends SIGINT, then SIGTERM, then kills). Its pod is deleted; its lease on the
 * service account is released, which deletes the account when no other run holds one
 * (src/verify-irsa/account-lease.ts).
 */
import { settlesWithin } from '../io/cancel.js';
import { KubeApiError, statusOf } from '../kube/client.js';
import { kubeErrorText } from '../kube/error-text.js';
import { LEASE_PREFIX, leaseKey, releaseServiceAccount } from './account-lease.js';
import type { AnnotationPatch, ClusterOps } from './cluster.js';
import { ROLE_ANNOTATION } from './verify-pod.js';

type Held =
  | {
      kind: 'pod';
      namespace: string;
      name: string;
      /**
       * No answer confirmed its create (a dropped connection, a timeout, a 5xx after a resend): it may
       * never have been made.
       */
      unconfirmed?: true;
    }
  | {
      kind: 'service account';
      namespace: string;
      name: string;
      runId: string;
      how: 'created' | 'adopted' | 'shared';
    };

const keyOf = (object: { kind: Held['kind']; namespace: string; name: string }): string =>
  `${object.kind}:${object.namespace}/${object.name}`;

/** The run id of the lease these annotations set (a non-null value), if any. */
function leaseSet(annotations: AnnotationPatch): string | undefined {
  const entry = Object.entries(annotations).find(
    ([key, value]) => key.startsWith(LEASE_PREFIX) && value !== null
  );
  return entry?.[0].slice(LEASE_PREFIX.length);
}

// A cancelled run waits this long at most for writes it has sent to land, before it undoes them.
const PENDING_WRITES_MS = 5000;

export class CreatedObjects {
  private readonly objects = new Map<string, Held>();
  private readonly pending = new Set<Promise<unknown>>();

  /** The cluster ops, noting each write before it is sent and forgetting what is removed once done. */
  tracking(cluster: ClusterOps): ClusterOps {
    const note = async <T>(object: Held, write: () => Promise<T>): Promise<T> => {
      const key = keyOf(object);
      const noted = this.objects.has(key);
      this.objects.set(key, object);
      const sent = write();
      this.pending.add(sent);
      try {
        return await sent;
      } catch (error) {
        // The server answered a request sent once: it refused, so this call wrote nothing (a 409
        // names an object that was there before it, or one that moved on since it was read). Sent
        // more than once, an earlier attempt may have been applied.
        const sentOnce = !(error instanceof KubeApiError) || error.attempts === 1;
        if (statusOf(error) !== undefined && sentOnce && !noted) this.objects.delete(key);
        else if (object.kind === 'pod' && !noted) this.objects.set(key, { ...object, unconfirmed: true });
        throw error;
      } finally {
        this.pending.delete(sent);
      }
    };
    const forget = (kind: Held['kind'], namespace: string, name: string): void => {
      this.objects.delete(keyOf({ kind, namespace, name }));
    };
    return {
      ...cluster,
      createServiceAccount: (namespace, name, metadata) => {
        const runId = leaseSet(metadata.annotations);
        // Without a lease the account is kept on purpose (cleanup: false): nothing to undo.
        if (runId === undefined) return cluster.createServiceAccount(namespace, name, metadata);
        return note({ kind: 'service account', namespace, name, runId, how: 'created' }, () =>
          cluster.createServiceAccount(namespace, name, metadata)
        );
      },
      patchServiceAccount: async (namespace, name, resourceVersion, annotations) => {
        const runId = leaseSet(annotations);
        if (runId === undefined) {
          const patched = await cluster.patchServiceAccount(namespace, name, resourceVersion, annotations);
          // A patch that removes a lease this run noted is its release.
          const held = this.objects.get(keyOf({ kind: 'service account', namespace, name }));
          if (held?.kind === 'service account' && annotations[`${LEASE_PREFIX}${held.runId}`] === null)
            forget('service account', namespace, name);
          return patched;
        }
        // A renewal of a lease this run already holds keeps how the run came by the account.
        const held = this.objects.get(keyOf({ kind: 'service account', namespace, name }));
        const how =
          held?.kind === 'service account' && held.runId === runId
            ? held.how
            : ROLE_ANNOTATION in annotations
              ? 'adopted'
              : 'shared';
        return note({ kind: 'service account', namespace, name, runId, how }, () =>
          cluster.patchServiceAccount(namespace, name, resourceVersion, annotations)
        );
      },
      deleteServiceAccount: async (namespace, name, resourceVersion) => {
        await cluster.deleteServiceAccount(namespace, name, resourceVersion);
        forget('service account', namespace, name);
      },
      createPod: (pod) =>
        note(
          { kind: 'pod', namespace: pod.metadata?.namespace ?? 'default', name: pod.metadata?.name ?? '' },
          () => cluster.createPod(pod)
        ),
      deletePod: async (namespace, name) => {
        const deleted = await cluster.deletePod(namespace, name);
        forget('pod', namespace, name);
        return deleted;
      }
    };
  }

  /** The service account's undo note, when this run still holds a lease it has not given up. */
  heldAccount(): string | undefined {
    const held = [...this.objects.values()].find((object) => object.kind === 'service account');
    return held ? `the service account ${held.namespace}/${held.name}` : undefined;
  }

  /**
   * Removes what is still noted (pods first: a service account is still in use by its pod) and says
   * what became of each; a removal that fails is reported, not thrown. Writes still in flight (a
   * cancel that lands mid-create) are waited for first, or the undo would read too early and miss
   * them. Without `cleanup`, pods stay and the service account loses only this run's lease. `redact`
   * (ctx.redact) hides every value the run masked from a failure's text before it is cut to be quoted.
   */
  async removeLeftovers(
    cluster: ClusterOps,
    options: {
      cleanup: boolean;
      redact: (text: string) => string;
      now?: () => Date;
      progress?: (clause: string) => void;
    }
  ): Promise<string[]> {
    const now = options.now ?? ((): Date => new Date());
    if (this.pending.size > 0) await settlesWithin(Promise.allSettled([...this.pending]), PENDING_WRITES_MS);
    const ordered = [...this.objects.values()].sort((a, b) =>
      a.kind === b.kind ? 0 : a.kind === 'pod' ? -1 : 1
    );
    const said: string[] = [];
    // Each clause is heard as soon as it is done, as well as returned at the end.
    const notes = {
      push: (clause: string): void => {
        said.push(clause);
        options.progress?.(clause);
      }
    };
    for (const object of ordered) {
      const what = `the ${object.kind} ${object.namespace}/${object.name}`;
      try {
        if (object.kind === 'pod') {
          if (!options.cleanup) continue;
          // Not there (404): never made, or already gone; either way nothing is left to say.
          if (await cluster.deletePod(object.namespace, object.name))
            notes.push(`deleted ${what} this run created`);
        } else {
          const outcome = await releaseServiceAccount(
            cluster,
            object.namespace,
            object.name,
            object.runId,
            now,
            options.cleanup
          );
          if (outcome === 'deleted')
            notes.push(
              object.how === 'shared'
                ? `deleted ${what}, which this run was the last to use`
                : `deleted ${what} this run ${object.how}`
            );
          if (outcome === 'released')
            notes.push(
              options.cleanup
                ? `left ${what} to the other runs using it`
                : `removed this run's lease from ${what}`
            );
        }
        this.objects.delete(keyOf(object));
      } catch (error) {
        // The API server's own message, as the checks quote it, rather than the request it answered.
        const why = kubeErrorText(error, options.redact);
        // Not a delete for the account: another run may be using it, and without this run's lease
        // the next run takes it over (as run() says when its own release fails).
        notes.push(
          object.kind === 'pod'
            ? object.unconfirmed
              ? `could not delete ${what} (${why}), which may not exist (no answer confirmed its create): if it does, delete it by hand`
              : `could not delete ${what} (${why}): delete it by hand`
            : `could not give up ${what} (${why}): remove this run's lease by hand (kubectl -n ${object.namespace} annotate serviceaccount ${object.name} ${leaseKey(object.runId)}-)`
        );
      }
    }
    return said;
  }

  /**
   * What is still noted, as a removal cut short leaves it (the step ended on a second signal): a clause
   * each, with how to finish by hand. A delete may have been under way: the object may be gone.
   */
  notRemoved(cleanup: boolean): string[] {
    return [...this.objects.values()].flatMap((object) => {
      const what = `the ${object.kind} ${object.namespace}/${object.name}`;
      if (object.kind === 'pod')
        return cleanup
          ? [
              `the step ended before ${what} was deleted (a delete may have been under way): check for it and delete it by hand (kubectl -n ${object.namespace} delete pod ${object.name})`
            ]
          : [];
      return [
        `the step ended before this run had given up ${what} (a write may have been under way): check for its lease and remove it by hand (kubectl -n ${object.namespace} annotate serviceaccount ${object.name} ${leaseKey(object.runId)}-)`
      ];
    });
  }
}
