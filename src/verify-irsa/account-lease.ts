/**
 * The verify service account, shared between runs. A run that creates, takes over or joins the
 * account writes a lease on it (talos-irsa/lease.<run id> = when that run is over for sure), and the
 * run that leaves last deletes it. A lease whose time has passed is a killed run's: with only such
 * leases left, the next run takes the account over, so that it does not outlive its runs (left alone,
 * it would let any pod of the namespace take the role). Every write carries the resourceVersion it
 * was decided on, so two runs never act on the same state; one that lost the race decides again.
 */
import { kubeErrorText, statusOf } from '../kube/client.js';
import type { AnnotationPatch, ClusterOps, ServiceAccountView } from './cluster.js';
import { parseInstant } from './cluster.js';
import { KEEP_ANNOTATION, MANAGED_BY, ROLE_ANNOTATION } from './verify-pod.js';

export const LEASE_PREFIX = 'talos-irsa/lease.';
const ATTEMPTS = 3;

export const leaseKey = (runId: string): string => `${LEASE_PREFIX}${runId}`;

interface Lease {
  runId: string;
  /** Undefined for a value that is not a time this action writes: treated as ended. */
  until: Date | undefined;
}

export function leasesOf(annotations: Record<string, string>): Lease[] {
  return Object.entries(annotations)
    .filter(([key]) => key.startsWith(LEASE_PREFIX))
    .map(([key, value]) => ({ runId: key.slice(LEASE_PREFIX.length), until: parseInstant(value) }));
}

const isLive = (lease: Lease, now: Date): boolean =>
  lease.until !== undefined && lease.until.getTime() > now.getTime();

/** Made by a verify-irsa run that meant to remove it: labelled, and not kept on purpose. */
export function isRunManaged(account: ServiceAccountView): boolean {
  const labelled = Object.entries(MANAGED_BY).every(([key, value]) => account.labels[key] === value);
  return labelled && account.annotations[KEEP_ANNOTATION] !== 'true';
}

/** found: someone else's, used as it is; created, adopted (from ended runs) or shared: leased. */
export type AccountOrigin = 'found' | 'created' | 'adopted' | 'shared';

export interface HeldAccount {
  account: ServiceAccountView;
  origin: AccountOrigin;
  /** True when this run holds a lease and must release it. */
  holding: boolean;
  /** What the log should say about how the account was come by, if anything. */
  note?: string;
}

export interface LeaseRequest {
  namespace: string;
  name: string;
  roleArn: string;
  runId: string;
  until: Date;
  now: () => Date;
  /** create-service-account */
  create: boolean;
  /** cleanup: false makes a kept account and joins none. */
  cleanup: boolean;
}

const conflicted = (error: unknown, attempt: number): boolean =>
  statusOf(error) === 409 && attempt < ATTEMPTS;

/** The account to verify with this run's lease on it where it may hold one; undefined when missing and not to be created. */
export async function holdServiceAccount(
  cluster: ClusterOps,
  request: LeaseRequest
): Promise<HeldAccount | undefined> {
  const { namespace, name, runId } = request;
  const ours = leaseKey(runId);
  for (let attempt = 1; ; attempt += 1) {
    const account = await cluster.readServiceAccount(namespace, name);
    if (!account) {
      if (!request.create) return undefined;
      const annotations = {
        [ROLE_ANNOTATION]: request.roleArn,
        ...(request.cleanup ? { [ours]: request.until.toISOString() } : { [KEEP_ANNOTATION]: 'true' })
      };
      try {
        const created = await cluster.createServiceAccount(namespace, name, {
          labels: { ...MANAGED_BY },
          annotations
        });
        return { account: created, origin: 'created', holding: request.cleanup };
      } catch (error) {
        if (conflicted(error, attempt)) continue;
        throw error;
      }
    }
    if (!isRunManaged(account) || !request.create || !request.cleanup)
      return { account, origin: 'found', holding: false };

    const now = request.now();
    const leases = leasesOf(account.annotations);
    const live = leases.filter((lease) => isLive(lease, now));
    const patch: AnnotationPatch = { [ours]: request.until.toISOString() };
    for (const lease of leases) if (!isLive(lease, now)) patch[leaseKey(lease.runId)] = null;
    // Taken over whole when no run is left on it; a run still on it keeps the role it annotated.
    if (live.length === 0) patch[ROLE_ANNOTATION] = request.roleArn;
    try {
      const held = await cluster.patchServiceAccount(namespace, name, account.resourceVersion, patch);
      if (live.length > 0)
        return {
          account: held,
          origin: 'shared',
          holding: true,
          note: `Joined ${namespace}/${name}, which ${live.length} other verify-irsa run(s) are using; the last run to finish deletes it.`
        };
      return {
        account: held,
        origin: 'adopted',
        holding: true,
        note: `Adopted ${namespace}/${name}, which earlier verify-irsa runs created and did not remove (killed before their cleanup): this run deletes it when done.`
      };
    } catch (error) {
      if (conflicted(error, attempt)) continue;
      if (statusOf(error) === 403)
        return {
          account,
          origin: 'found',
          holding: false,
          note: `Could not write this run's lease on ${namespace}/${name} (${kubeErrorText(error)}): using it as found; another run may delete it meanwhile, and this run leaves it in place.`
        };
      throw error;
    }
  }
}

export type ReleaseOutcome = 'deleted' | 'released' | 'gone' | 'not held';

/**
 * Gives up this run's lease: deletes the account when no other live lease is on it, else removes
 * only this run's. Safe to call whether or not the lease was ever written.
 */
export async function releaseServiceAccount(
  cluster: ClusterOps,
  namespace: string,
  name: string,
  runId: string,
  now: () => Date
): Promise<ReleaseOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    const account = await cluster.readServiceAccount(namespace, name);
    if (!account) return 'gone';
    const leases = leasesOf(account.annotations);
    if (!leases.some((lease) => lease.runId === runId)) return 'not held';
    const others = leases.filter((lease) => lease.runId !== runId && isLive(lease, now()));
    try {
      if (others.length === 0) {
        await cluster.deleteServiceAccount(namespace, name, account.resourceVersion);
        return 'deleted';
      }
      await cluster.patchServiceAccount(namespace, name, account.resourceVersion, {
        [leaseKey(runId)]: null
      });
      return 'released';
    } catch (error) {
      if (conflicted(error, attempt)) continue;
      throw error;
    }
  }
}
