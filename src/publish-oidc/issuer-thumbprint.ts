import { isIP } from 'node:net';
import tls, { type DetailedPeerCertificate } from 'node:tls';
import { UserError } from '../io/errors.js';

/**
 * The last certificate of a peer chain: Node links each certificate to its issuer, and a
 * self-signed root links to itself.
 */
export function lastCertificate(leaf: DetailedPeerCertificate): DetailedPeerCertificate {
  let cert = leaf;
  const seen = new Set<DetailedPeerCertificate>();
  while (cert.issuerCertificate && cert.issuerCertificate !== cert && !seen.has(cert.issuerCertificate)) {
    seen.add(cert);
    cert = cert.issuerCertificate;
  }
  return cert;
}

/** IAM wants the SHA-1 fingerprint as 40 hex digits, without the colons Node puts in. */
export function thumbprintOf(cert: { fingerprint: string }): string {
  return cert.fingerprint.replace(/:/g, '').toLowerCase();
}

export interface ThumbprintOptions {
  timeoutMs?: number;
  /** Trust roots instead of Node's; tests pass the local stack's CA. */
  ca?: string[];
}

/**
 * The SHA-1 thumbprint of the last certificate in the chain the issuer's host serves, which is
 * what IAM asks for when a provider is created. The connection verifies the chain: a host STS
 * could not trust must not be registered.
 */
export async function issuerThumbprint(issuerUrl: string, options: ThumbprintOptions = {}): Promise<string> {
  const url = new URL(issuerUrl);
  const port = url.port === '' ? 443 : Number(url.port);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const timeoutMs = options.timeoutMs ?? 10000;
  return new Promise<string>((resolve, reject) => {
    const socket = tls.connect({
      host,
      port,
      // SNI carries host names only.
      ...(isIP(host) ? {} : { servername: host }),
      ...(options.ca ? { ca: options.ca } : {}),
      timeout: timeoutMs
    });
    const fail = (reason: string): void => {
      socket.destroy();
      reject(
        new UserError(
          `cannot read the TLS certificate chain of ${url.host} (${reason}), so the IAM OIDC provider's ` +
            'thumbprint cannot be computed.',
          'issuer-url'
        )
      );
    };
    socket.once('secureConnect', () => {
      const leaf = socket.getPeerCertificate(true);
      socket.end();
      if (!leaf || !leaf.fingerprint) return fail('the host sent no certificate');
      resolve(thumbprintOf(lastCertificate(leaf)));
    });
    socket.once('timeout', () => fail(`no answer within ${timeoutMs / 1000} s`));
    socket.once('error', (error) => fail(error.message));
  });
}
