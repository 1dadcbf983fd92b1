/**
 * When a Kubernetes API request is sent again, as client-go's rest.Request does (with_retry.go): an
 * answer of 429 (API Priority and Fairness, or max-requests-inflight, turning it away unread) or
 * 5xx, and a connection lost before the answer. What client-go retries only with a Retry-After
 * header this retries with or without one, but only for requests that are safe to repeat; and the
 * whole wait is kept to seconds, since a step that fails can be run again.
 */

/** Attempts in all, the first included. */
export const KUBE_ATTEMPTS = 4;
/** The longest pause a Retry-After header is honoured for; a longer one is cut to this. */
export const RETRY_AFTER_CAP_MS = 5000;
const FIRST_BACKOFF_MS = 250;

/**
 * Whether a request may be sent again after its fate is unknown. A GET always; a write only when the
 * caller says a repeat is harmless or detected (a merge patch of fixed values, a delete whose 404 is
 * taken as done, a TokenRequest, a dry run, a create whose 409 the caller takes for its own).
 */
export type Repeat = 'safe' | 'unsafe';

export function repeatOf(method: string, repeat: Repeat | undefined): Repeat {
  return repeat ?? (method === 'GET' ? 'safe' : 'unsafe');
}

/**
 * Whether an answer asks for the request again. A 429 is always worth it: the server turns the
 * request away before running it. A 5xx may come after the write was applied (a 504 names a
 * request that may still complete), so only a request safe to repeat is sent again. 501 and 505 say
 * the server never will.
 */
export function retriesStatus(status: number, repeat: Repeat): boolean {
  if (status === 429) return true;
  return repeat === 'safe' && status >= 500 && status !== 501 && status !== 505;
}

/**
 * Whether a connection error is worth the request again. Refused: nothing was sent (an API server
 * restarting), so any request. Reset, closed or broken off: it may have been applied, so only one
 * safe to repeat. A TLS or certificate failure, a DNS failure or a timeout would fail alike.
 */
export function retriesConnection(code: string | undefined, repeat: Repeat): boolean {
  if (code === 'ECONNREFUSED') return true;
  return repeat === 'safe' && code !== undefined && LOST.has(code);
}

const LOST = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * The pause before attempt `attempt + 1` (attempt counts from 1): the Retry-After seconds when the
 * server gave them, capped, else a doubling backoff with jitter.
 */
export function pauseMs(attempt: number, retryAfter: string | undefined): number {
  const seconds =
    retryAfter !== undefined && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
  if (seconds !== undefined) return Math.min(seconds * 1000, RETRY_AFTER_CAP_MS);
  const backoff = FIRST_BACKOFF_MS * 2 ** (attempt - 1);
  return backoff / 2 + Math.random() * (backoff / 2);
}
