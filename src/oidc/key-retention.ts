import { MAX_KEYS, type PublicJwk } from './jwks.js';

/**
 * When each published key that the cluster no longer serves was first seen missing (epoch
 * seconds). A run only sees the cluster at its own time, so this is an upper bound of the moment
 * the key disappeared: retention counted from it is never shorter than asked.
 */
export type RetiredSince = ReadonlyMap<string, number>;

export interface RetentionInput {
  served: readonly PublicJwk[];
  previouslyPublished: readonly PublicJwk[];
  retiredSince: RetiredSince;
  now: Date;
  retentionHours: number;
}

export interface RetainedKey {
  key: PublicJwk;
  retiredSince: number;
  /** Epoch seconds after which the key is dropped. */
  until: number;
}

export interface RetentionPlan {
  /** Served keys first, in the cluster's order, then retained keys in their published order. */
  published: PublicJwk[];
  newKids: string[];
  currentKids: string[];
  retained: RetainedKey[];
  droppedKids: string[];
  retiredSince: Map<string, number>;
}

export function planKeyRetention(input: RetentionInput): RetentionPlan {
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const retentionSeconds = input.retentionHours * 3600;
  const servedKids = new Set(input.served.map((key) => key.kid));
  const publishedKids = new Set(input.previouslyPublished.map((key) => key.kid));

  const candidates: RetainedKey[] = [];
  const droppedKids: string[] = [];
  for (const key of input.previouslyPublished) {
    if (servedKids.has(key.kid)) continue;
    const retiredSince = Math.min(input.retiredSince.get(key.kid) ?? nowSeconds, nowSeconds);
    const until = retiredSince + retentionSeconds;
    if (nowSeconds < until) candidates.push({ key, retiredSince, until });
    else droppedKids.push(key.kid);
  }
  // STS reads at most MAX_KEYS keys: when a burst of rotations overflows, the longest-retired go first.
  const room = Math.max(0, MAX_KEYS - input.served.length);
  const byAge = [...candidates].sort((a, b) => b.retiredSince - a.retiredSince);
  const kept = new Set(byAge.slice(0, room).map((entry) => entry.key.kid));
  const retained = candidates.filter((entry) => kept.has(entry.key.kid));
  for (const entry of candidates) if (!kept.has(entry.key.kid)) droppedKids.push(entry.key.kid);

  return {
    published: [...input.served, ...retained.map((entry) => entry.key)],
    newKids: input.served.filter((key) => !publishedKids.has(key.kid)).map((key) => key.kid),
    currentKids: input.served.filter((key) => publishedKids.has(key.kid)).map((key) => key.kid),
    retained,
    droppedKids,
    retiredSince: new Map(retained.map((entry) => [entry.key.kid, entry.retiredSince]))
  };
}
