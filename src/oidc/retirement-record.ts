import type { RetiredSince } from './key-retention.js';

/**
 * The retirement times travel with the published JWKS as one S3 metadata value, so that the
 * public document stays a plain JWKS and no third object is needed. S3 allows 2 KB of user
 * metadata in all; entries that do not fit are left out, which only restarts their clock on the
 * next run (a longer retention, never a shorter one).
 */
export const RECORD_LIMIT_BYTES = 1500;

// Metadata values must be ASCII; percent-encoding keeps any kid intact and frees ',' and '='.
export function encodeRetiredSince(record: RetiredSince): string {
  const entries = [...record.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .map(([kid, since]) => `${encodeURIComponent(kid)}=${since}`);
  let value = '';
  for (const entry of entries) {
    const next = value === '' ? entry : `${value},${entry}`;
    if (next.length > RECORD_LIMIT_BYTES) break;
    value = next;
  }
  return value;
}

/** Tolerant: a hand-edited or foreign value loses its unreadable entries, not the run. */
export function decodeRetiredSince(value: string | undefined): Map<string, number> {
  const record = new Map<string, number>();
  for (const entry of (value ?? '').split(',')) {
    const match = /^([^=]+)=(\d{1,12})$/.exec(entry.trim());
    if (!match) continue;
    try {
      record.set(decodeURIComponent(match[1] ?? ''), Number(match[2]));
    } catch {
      // A malformed escape: skip the entry.
    }
  }
  return record;
}
