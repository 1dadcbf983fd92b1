/**
 * What a verify-irsa run has created (or adopted) in the cluster, so that none of it outlives the run: not when a
 * create's answer is lost (the object exists, the run saw an error), and not when the job is
 * cancelled (the runner sends SIGINT, then SIGTERM, then kills).
 */
import { statusOf } from '../kube/client.js';
import type { ClusterOps } from './cluster.js';

type Kind = 'pod' | 'service account';

interface Created {
  kind: Kind;
  namespace: string;
  name: string;
  how: 'created' | 'adopted';
}

const keyOf = (object: Omit<Created, 'how'>): string => `${object.kind}:${object.namespace}/${object.name}`;

export class CreatedObjects {
  private readonly objects = new Map<string, Created>();

  /** The cluster ops, noting each create before it is sent and forgetting each delete once done. */
  tracking(cluster: ClusterOps): ClusterOps {
    const note = async <T>(object: Created, create: () => Promise<T>): Promise<T> => {
      const key = keyOf(object);
      const noted = this.objects.has(key);
      this.objects.set(key, object);
      try {
        return await create();
      } catch (error) {
        // The server answered: it refused, so this call created nothing (a 409 names an object
        // that was there before it, which only an earlier create of this run may have made).
        if (statusOf(error) !== undefined && !noted) this.objects.delete(key);
        throw error;
      }
    };
    const forget = (kind: Kind, namespace: string, name: string): void => {
      this.objects.delete(keyOf({ kind, namespace, name }));
    };
    return {
      ...cluster,
      createServiceAccount: (namespace, name, roleArn, expiresAt) =>
        note({ kind: 'service account', namespace, name, how: 'created' }, () =>
          cluster.createServiceAccount(namespace, name, roleArn, expiresAt)
        ),
      // Adopted is as good as created: the run now owns it and removes it on the way out.
      adoptServiceAccount: (namespace, name, roleArn, expiresAt) =>
        note({ kind: 'service account', namespace, name, how: 'adopted' }, () =>
          cluster.adoptServiceAccount(namespace, name, roleArn, expiresAt)
        ),
      deleteServiceAccount: async (namespace, name) => {
        await cluster.deleteServiceAccount(namespace, name);
        forget('service account', namespace, name);
      },
      createPod: (pod) =>
        note(
          {
            kind: 'pod',
            namespace: pod.metadata?.namespace ?? 'default',
            name: pod.metadata?.name ?? '',
            how: 'created'
          },
          () => cluster.createPod(pod)
        ),
      deletePod: async (namespace, name) => {
        await cluster.deletePod(namespace, name);
        forget('pod', namespace, name);
      }
    };
  }

  /**
   * Deletes what is still noted (pods first: a service account is still in use by its pod) and
   * says what became of each; a delete that fails is reported, not thrown.
   */
  async removeLeftovers(cluster: ClusterOps): Promise<string[]> {
    const ordered = [...this.objects.values()].sort((a, b) =>
      a.kind === b.kind ? 0 : a.kind === 'pod' ? -1 : 1
    );
    const notes: string[] = [];
    for (const object of ordered) {
      const what = `the ${object.kind} ${object.namespace}/${object.name}`;
      try {
        if (object.kind === 'pod') await cluster.deletePod(object.namespace, object.name);
        else await cluster.deleteServiceAccount(object.namespace, object.name);
        this.objects.delete(keyOf(object));
        notes.push(`deleted ${what} this run ${object.how}`);
      } catch (error) {
        notes.push(
          `could not delete ${what} (${error instanceof Error ? error.message : String(error)}): delete it by hand`
        );
      }
    }
    return notes;
  }
}
