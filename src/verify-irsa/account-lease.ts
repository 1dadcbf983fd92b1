/**
 * The verify service account, shared between runs. A run that creates, takes over or joins the
 * account writes a lease on it (talos-irsa/lease.<run id> = when that run is over for sure), and the
 * run that leaves last deletes it. A lease whose time has passed is a killed run's: with only such
 * leases left, the next run takes the account over, so that it does not outlive its runs (left alone,
 * it would let any pod of the namespace take the role). Every write carries the resourceVersion it
 * was decided on, so two runs never act on the same state; one that lost the race decides again.
 * A server that failed or an answer that was lost is the Kubernetes client's to retry (the
 * precondition makes each write safe to send again: a repeat of one applied is a 409 or a 404,
 * decided again here); this module retries only to decide again, so retries do not multiply.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { statusOf } from '../kube/client.js';
import { kubeErrorText } from '../kube/error-text.js';
import type { AnnotationPatch, ClusterOps, ServiceAccountView } from './cluster.js';
import { parseInstant } from './cluster.js';
import { KEEP_ANNOTATION, MANAGED_BY, ROLE_ANNOTATION } from './verify-pod.js';

export const LEASE_PREFIX = 'talos-irsa/lease.';
/**
 * How long after its start a run is over for sure, beyond its timeout-seconds: room for the token
 * checks (STS's propagation retries, AWS calls with their own deadlines) and the cleanup. Token
 * mode can outlast it (each AWS call may take 45 s: src/aws/call-deadline.ts), so pod mode renews
 * the lease from its own start. It is read on the runner's clock, so a runner more than this far
 * behind the others' could lose its objects.
 */
export const LEASE_MARGIN_SECONDS = 300;
// The longest lease a run writes (timeout-seconds at most 3600), with a minute for clocks: a lease
// ending later than this was not written by a run, and holds nothing.
const LONGEST_LEASE_MS = (3600 + LEASE_MARGIN_SECONDS + 60) * 1000;
// A crowd of runs starting together each lose a few races before their write lands.
const CONFLICT_ATTEMPTS = 8;

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

function isLive(lease: Lease, now: Date): boolean {
  const until = lease.until?.getTime();
  return until !== undefined && until > now.getTime() && until <= now.getTime() + LONGEST_LEASE_MS;
}

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
  /** cleanup: false makes a kept account (no lease); it still leases one a run made, to keep it from being deleted meanwhile. */
  cleanup: boolean;
  /** ctx.redact: a refusal quoted in the note is redacted of every value the run masked before it is cut. */
  redact(text: string): string;
}

/**
 * Whether to read again and decide again after a failed write, after a pause: only when the account
 * moved on (409) or went away (404) since it was read. Any other failure has had the client's retries.
 */
async function again(error: unknown, tries: { conflicts: number }): Promise<boolean> {
  const status = statusOf(error);
  if (status !== 409 && status !== 404) return false;
  tries.conflicts += 1;
  if (tries.conflicts >= CONFLICT_ATTEMPTS) return false;
  await sleep(Math.random() * 100);
  return true;
}

function noteFor(
  origin: AccountOrigin,
  namespace: string,
  name: string,
  others: number,
  cleanup: boolean
): string | undefined {
  if (origin === 'shared')
    return `Joined ${namespace}/${name}, which ${others} other verify-irsa run(s) are using; the last run to finish deletes it.`;
  if (origin === 'adopted')
    return (
      `Adopted ${namespace}/${name}, which earlier verify-irsa runs created and did not remove (killed before ` +
      `their cleanup): ${cleanup ? 'this run deletes it when done' : 'this run keeps it (cleanup: false) for the next run to remove'}.`
    );
  return undefined;
}

/** The account to verify with this run's lease on it where it may hold one; undefined when missing and not to be created. */
export async function holdServiceAccount(
  cluster: ClusterOps,
  request: LeaseRequest
): Promise<HeldAccount | undefined> {
  const { namespace, name, runId } = request;
  const ours = leaseKey(runId);
  const tries = { conflicts: 0 };
  // What this run last wrote: after a lost answer, finding its lease on the account means it landed.
  let sent: { origin: AccountOrigin; others: number } | undefined;
  for (;;) {
    const account = await cluster.readServiceAccount(namespace, name);
    if (account && sent && account.annotations[ours] !== undefined) {
      const note = noteFor(sent.origin, namespace, name, sent.others, request.cleanup);
      return { account, origin: sent.origin, holding: true, ...(note ? { note } : {}) };
    }
    if (!account) {
      if (!request.create) return undefined;
      const annotations = {
        [ROLE_ANNOTATION]: request.roleArn,
        ...(request.cleanup ? { [ours]: request.until.toISOString() } : { [KEEP_ANNOTATION]: 'true' })
      };
      sent = request.cleanup ? { origin: 'created', others: 0 } : undefined;
      try {
        const created = await cluster.createServiceAccount(namespace, name, {
          labels: { ...MANAGED_BY },
          annotations
        });
        return { account: created, origin: 'created', holding: request.cleanup };
      } catch (error) {
        if (await again(error, tries)) continue;
        throw error;
      }
    }
    if (!isRunManaged(account)) return { account, origin: 'found', holding: false };

    const now = request.now();
    const leases = leasesOf(account.annotations);
    const others = leases.filter((lease) => lease.runId !== runId && isLive(lease, now));
    const patch: AnnotationPatch = {};
    for (const lease of leases) if (!isLive(lease, now)) patch[leaseKey(lease.runId)] = null;
    // Set last, so that an ended lease that happens to carry this run's id does not remove it.
    patch[ours] = request.until.toISOString();
    // Taken over whole when no run is left on it; a run still on it keeps the role it annotated.
    if (others.length === 0) patch[ROLE_ANNOTATION] = request.roleArn;
    sent = { origin: others.length === 0 ? 'adopted' : 'shared', others: others.length };
    try {
      const held = await cluster.patchServiceAccount(namespace, name, account.resourceVersion, patch);
      const note = noteFor(sent.origin, namespace, name, sent.others, request.cleanup);
      return { account: held, origin: sent.origin, holding: true, ...(note ? { note } : {}) };
    } catch (error) {
      if (await again(error, tries)) continue;
      if (statusOf(error) === 403)
        return {
          account,
          origin: 'found',
          holding: false,
          note: `Could not write this run's lease on ${namespace}/${name} (${kubeErrorText(error, request.redact)}): using it as found; another run may delete it meanwhile, and this run leaves it in place.`
        };
      throw error;
    }
  }
}

/**
 * Moves this run's lease on to `until`, for a stretch of the run (pod mode) that must fall inside
 * it. 'lost' when the lease is no longer on the account: the run outlasted it (AWS calls hanging
 * through all their retries) and another run took the account over, or deleted it.
 */
export async function renewLease(
  cluster: ClusterOps,
  namespace: string,
  name: string,
  runId: string,
  until: Date
): Promise<'renewed' | 'lost'> {
  const ours = leaseKey(runId);
  const tries = { conflicts: 0 };
  for (;;) {
    const account = await cluster.readServiceAccount(namespace, name);
    if (!account || account.annotations[ours] === undefined) return 'lost';
    // Already so: an earlier attempt landed and its answer was lost.
    if (account.annotations[ours] === until.toISOString()) return 'renewed';
    try {
      await cluster.patchServiceAccount(namespace, name, account.resourceVersion, {
        [ours]: until.toISOString()
      });
      return 'renewed';
    } catch (error) {
      if (await again(error, tries)) continue;
      throw error;
    }
  }
}

export type ReleaseOutcome = 'deleted' | 'released' | 'gone' | 'not held';

/**
 * Gives up this run's lease: deletes the account when `mayDelete`, no other live lease is on it and
 * it is still a run's to remove (labelled, not kept), else removes only this run's lease. Safe to
 * call whether or not the lease was ever written.
 */
export async function releaseServiceAccount(
  cluster: ClusterOps,
  namespace: string,
  name: string,
  runId: string,
  now: () => Date,
  mayDelete = true
): Promise<ReleaseOutcome> {
  const tries = { conflicts: 0 };
  for (;;) {
    const account = await cluster.readServiceAccount(namespace, name);
    if (!account) return 'gone';
    if (account.annotations[leaseKey(runId)] === undefined) return 'not held';
    const others = leasesOf(account.annotations).filter(
      (lease) => lease.runId !== runId && isLive(lease, now())
    );
    try {
      if (mayDelete && others.length === 0 && isRunManaged(account)) {
        await cluster.deleteServiceAccount(namespace, name, account.resourceVersion);
        return 'deleted';
      }
      await cluster.patchServiceAccount(namespace, name, account.resourceVersion, {
        [leaseKey(runId)]: null
      });
      return 'released';
    } catch (error) {
      if (await again(error, tries)) continue;
      throw error;
    }
  }
}
