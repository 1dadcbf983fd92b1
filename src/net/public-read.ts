/**
 * What a public read's answer means to someone fixing it, and a second try for the answers a busy
 * host gives now and then (S3's 503 SlowDown, a 500, a dropped connection): an issuer that STS can
 * read is one that answers, not one that never stumbles.
 */

/** Error codes of a connection that broke, not of one refused for good (TLS, DNS, a wrong port). */
const BROKEN_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN']);

export const RETRY_DELAYS_MS = [1000, 2000];

function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function isBrokenConnection(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && BROKEN_CONNECTION.has(code);
}

/** `get`, asked again after a pause when it answers 429 or 5xx or its connection breaks. */
export function retryingTransient<T extends { status: number }>(
  get: (url: string) => Promise<T>,
  sleep: (ms: number) => Promise<void>,
  delaysMs: number[] = RETRY_DELAYS_MS
): (url: string) => Promise<T> {
  return async (url) => {
    for (let attempt = 0; ; attempt += 1) {
      const delay = delaysMs[attempt];
      try {
        const response = await get(url);
        if (delay === undefined || !isTransientStatus(response.status)) return response;
      } catch (error) {
        if (delay === undefined || !isBrokenConnection(error)) throw error;
      }
      await sleep(delay);
    }
  };
}

/**
 * "HTTP 503 (SlowDown)": the status with S3's error code when the body holds one; for a redirect,
 * where it leads and that STS will not follow it.
 */
export function statusText(status: number, body: string, location?: string): string {
  // Only a word is taken from the body: it is the server's text, and goes into logs and summaries.
  const code = /<Code>([A-Za-z][A-Za-z0-9.]{0,63})<\/Code>/.exec(body)?.[1];
  const base = `HTTP ${status}${code ? ` (${code})` : ''}`;
  if (status >= 300 && status < 400)
    return `${base}, a redirect${location ? ` to ${location.replace(/[\s<>`|[\]]/g, '')}` : ''}, which STS does not follow`;
  return base;
}
