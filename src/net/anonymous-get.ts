/**
 * The anonymous https GET that STS makes for an issuer's documents: no credentials of any kind, no
 * connection reuse, no redirects followed, a bounded time and size. publish-oidc reads its published
 * copies back this way; verify-irsa checks the issuer this way.
 */
import { get } from 'node:https';

export interface AnonymousResponse {
  status: number;
  body: Buffer;
  /** A redirect's Location header. */
  location?: string;
  /** The Content-Type header, as sent. */
  contentType?: string;
}

export interface AnonymousGetOptions {
  timeoutMs?: number;
  /** Trusted CAs (PEM) in place of Node's defaults. */
  ca?: string[];
  maxBytes?: number;
}

export function anonymousGet(url: string, options: AnonymousGetOptions = {}): Promise<AnonymousResponse> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  return new Promise<AnonymousResponse>((resolve, reject) => {
    if (!url.startsWith('https://')) return reject(new Error('not an https URL'));
    const tooSlow = (): Error => new Error(`no whole answer within ${timeoutMs / 1000} s`);
    // The socket timeout catches silence; this catches an answer that trickles in for ever.
    const deadline = setTimeout(() => request.destroy(tooSlow()), timeoutMs);
    const settle =
      <T>(done: (value: T) => void) =>
      (value: T): void => {
        clearTimeout(deadline);
        done(value);
      };
    const request = get(
      url,
      { timeout: timeoutMs, agent: false, ...(options.ca ? { ca: options.ca } : {}) },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) request.destroy(new Error(`the answer exceeds ${maxBytes} bytes`));
          else chunks.push(chunk);
        });
        response.on('end', () =>
          settle(resolve)({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks),
            ...(response.headers.location ? { location: response.headers.location } : {}),
            ...(response.headers['content-type'] ? { contentType: response.headers['content-type'] } : {})
          })
        );
        response.on('error', settle(reject));
      }
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on('error', settle(reject));
  });
}
