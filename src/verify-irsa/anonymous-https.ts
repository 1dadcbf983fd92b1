/** verify-irsa's view of the shared anonymous GET: the issuer documents as text. */
import { rootCertificates } from 'node:tls';
import { anonymousGet as get } from '../net/anonymous-get.js';
import type { AnonymousGet } from './issuer-documents.js';

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
  const ca = options.extraCaPem ? [...rootCertificates, options.extraCaPem] : undefined;
  return async (url) => {
    const response = await get(url, {
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(ca ? { ca } : {})
    });
    return {
      status: response.status,
      body: response.body.toString('utf8'),
      ...(response.location ? { location: response.location } : {}),
      ...(response.contentType ? { contentType: response.contentType } : {})
    };
  };
}
