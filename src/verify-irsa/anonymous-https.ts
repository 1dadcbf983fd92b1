/**
 * The anonymous https GET STS makes for the issuer's documents: no credentials of any kind,
 * no redirects followed, a bounded time and size.
 */
import { get } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { AnonymousGet, FetchedDocument } from './issuer-documents.js';

const MAX_BYTES = 1024 * 1024;

export interface AnonymousGetOptions {
  timeoutMs?: number;
  /**
   * Extra trusted CA (PEM), added to Node's public roots. Node reads NODE_EXTRA_CA_CERTS only
   * when a process starts, so an in-process caller that points it at a CA later (the demo, a
   * test runner) passes the PEM here instead.
   */
  extraCaPem?: string;
}

export function anonymousGet(options: AnonymousGetOptions = {}): AnonymousGet {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const ca = options.extraCaPem ? [...rootCertificates, options.extraCaPem] : undefined;
  return (url) =>
    new Promise<FetchedDocument>((resolve, reject) => {
      if (!url.startsWith('https://')) return reject(new Error('not an https URL'));
      const request = get(url, { timeout: timeoutMs, ...(ca ? { ca } : {}) }, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES) request.destroy(new Error(`the answer exceeds ${MAX_BYTES} bytes`));
          else chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
        );
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
      request.on('error', reject);
    });
}
