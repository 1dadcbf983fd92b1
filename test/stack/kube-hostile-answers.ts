// Test behaviour, not kube-apiserver's: answers a hostile or broken cluster (or a proxy in front of
// it) may give for its OIDC documents, for tests that show what publish-oidc makes of them.
//   - 'stream': a JWKS that starts as JSON and never stops (or stops after `bytes`), written in
//     `chunkBytes` pieces every `intervalMs` with chunked transfer encoding: a 100 MB JWKS, an endless
//     stream, a slow-loris trickle. Writing stops when the client goes away.
//   - 'raw': any status, headers and body (a redirect to another host, a Content-Encoding gzip the
//     client never asked for, a Content-Type that lies).
import type { ServerResponse } from 'node:http';

export type HostileAnswer =
  | { kind: 'stream'; bytes?: number; chunkBytes?: number; intervalMs?: number }
  | { kind: 'raw'; status?: number; headers?: Record<string, string>; body: string | Buffer };

export interface HostileServed {
  /** Bytes of body written before the client went away or the answer ended. */
  bytes: number;
  /** Whether the client closed the connection before the whole answer was written. */
  abandoned: boolean;
}

export function answerHostile(res: ServerResponse, answer: HostileAnswer, served: HostileServed): void {
  if (answer.kind === 'raw') {
    res.writeHead(answer.status ?? 200, answer.headers ?? {});
    served.bytes = Buffer.byteLength(answer.body);
    res.end(answer.body);
    return;
  }
  const chunkBytes = answer.chunkBytes ?? 64 * 1024;
  const total = answer.bytes ?? Number.POSITIVE_INFINITY;
  res.writeHead(200, { 'Content-Type': 'application/jwk-set+json' });
  const opening = Buffer.from('{"keys":[{"kid":"');
  const filler = Buffer.alloc(chunkBytes, 'A');
  let stopped = false;
  res.on('close', () => {
    if (served.bytes < total) served.abandoned = true;
    stopped = true;
  });
  const writeMore = (): void => {
    while (!stopped) {
      if (served.bytes >= total) {
        res.end('"}]}');
        stopped = true;
        return;
      }
      const piece =
        served.bytes === 0 ? opening : filler.subarray(0, Math.min(chunkBytes, total - served.bytes));
      served.bytes += piece.length;
      const more = res.write(piece);
      if (answer.intervalMs) {
        setTimeout(writeMore, answer.intervalMs);
        return;
      }
      if (!more) {
        res.once('drain', writeMore);
        return;
      }
    }
  };
  writeMore();
}
