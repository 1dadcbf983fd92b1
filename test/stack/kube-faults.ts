// Faults the kube-apiserver double can put on its own requests, inside TLS where the fault proxy
// cannot reach: what a cluster under load or restarting does to a client.
//   - 'throttle': API Priority and Fairness turning a request away unread, 429 TooManyRequests with
//     Retry-After (APF's default is 1 s) and X-Kubernetes-PF-FlowSchema-UID;
//   - 'status': any other answer instead of the request's own (500, 503, and the permanent 401,
//     403, 404, 422 a client must not retry), nothing applied;
//   - 'reset-before': the connection dropped before the request is read (nothing applied);
//   - 'reset-after': the request applied, then the connection dropped instead of the answer (an
//     API server that restarts mid-request).
// Scripted faults match a method and a path and are used up in order; a seeded random mode faults a
// share of all requests (watches only when asked: `watches`), the same ones for the same seed and the
// same requests. On a watch a fault strikes before its stream begins (its faults once begun are
// kube-watch-faults.ts's); 'reset-after' drops it once read, since a watch applies nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { seededRandom } from './fault-proxy.js';

export type KubeFaultKind = 'throttle' | 'status' | 'reset-before' | 'reset-after';

export interface KubeFault {
  kind: KubeFaultKind;
  /** Only requests with this method; any when absent. */
  method?: string;
  /** Only requests whose path (without the query) starts with this string or matches this pattern. */
  path?: string | RegExp;
  /** For 'status': the HTTP code (default 503). */
  code?: number;
  /** Retry-After seconds: 'throttle' defaults to 1; 'status' sends none unless given. */
  retryAfter?: number;
  /** How many matching requests it faults in a row (default 1). */
  times?: number;
  /** For 'throttle' and 'status': how long the answer is held back, as a server that is slow to fail. */
  delayMs?: number;
}

export interface RandomFaults {
  seed: number;
  /** The share of requests faulted, 0 to 1. */
  rate: number;
  kinds?: Array<'throttle' | 'unavailable' | 'internal' | 'reset-before' | 'reset-after'>;
  /**
   * Watch requests are faulted too. Off unless asked: the seeded tests chose their seeds for the
   * requests they fault, and each watch counted in would move every later draw.
   */
  watches?: boolean;
}

const REASONS: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout'
};

const isWatch = (url: URL): boolean => url.searchParams.get('watch') === 'true';

export class KubeFaults {
  private scripted: Array<KubeFault & { left: number }> = [];
  private random:
    | { rate: number; kinds: NonNullable<RandomFaults['kinds']>; watches: boolean; next: () => number }
    | undefined;
  private readonly met = new Map<string, number>();

  inject(faults: KubeFault[]): void {
    for (const fault of faults) this.scripted.push({ ...fault, left: fault.times ?? 1 });
  }

  randomly(options: RandomFaults | undefined): void {
    this.random =
      options && options.rate > 0
        ? {
            rate: options.rate,
            kinds: options.kinds ?? ['throttle', 'unavailable', 'internal', 'reset-before', 'reset-after'],
            watches: options.watches ?? false,
            next: seededRandom(options.seed)
          }
        : undefined;
  }

  /** Drops what is left and forgets what was met. */
  clear(): void {
    this.scripted = [];
    this.random = undefined;
    this.met.clear();
  }

  /** How often each fault was put on a request, by kind ('status' as 'status 503'). */
  counts(): Record<string, number> {
    return Object.fromEntries(this.met);
  }

  /** The fault for this request, if any, used up. */
  take(method: string, url: URL): KubeFault | undefined {
    const index = this.scripted.findIndex(
      (fault) =>
        (fault.method === undefined || fault.method === method) &&
        (fault.path === undefined ||
          (typeof fault.path === 'string'
            ? url.pathname.startsWith(fault.path)
            : fault.path.test(url.pathname)))
    );
    const scripted = this.scripted[index];
    if (scripted) {
      scripted.left -= 1;
      if (scripted.left <= 0) this.scripted.splice(index, 1);
      return scripted;
    }
    if (!this.random || (!this.random.watches && isWatch(url))) return undefined;
    if (this.random.next() >= this.random.rate) return undefined;
    const kind = this.random.kinds[Math.floor(this.random.next() * this.random.kinds.length)];
    switch (kind) {
      case 'throttle':
        return { kind: 'throttle' };
      case 'unavailable':
        return { kind: 'status', code: 503 };
      case 'internal':
        return { kind: 'status', code: 500 };
      case 'reset-before':
      case 'reset-after':
        return { kind };
      default:
        return undefined;
    }
  }

  /**
   * Puts the fault on the exchange. True when the request is answered (or dropped) here; false when
   * the double is to handle it, with its answer to be swallowed ('reset-after').
   */
  apply(fault: KubeFault, req: IncomingMessage, res: ServerResponse): boolean {
    const label = fault.kind === 'status' ? `status ${fault.code ?? 503}` : fault.kind;
    this.met.set(label, (this.met.get(label) ?? 0) + 1);
    if (fault.kind === 'reset-before') {
      req.socket.destroy();
      return true;
    }
    if (fault.kind === 'reset-after' && isWatch(new URL(req.url ?? '/', 'https://127.0.0.1'))) {
      // Nothing to apply: the watch is read, then dropped before its stream would begin.
      req.resume();
      req.on('end', () => req.socket.destroy());
      return true;
    }
    if (fault.kind === 'reset-after') {
      // The double handles the request as ever; what it answers never leaves, and the connection
      // drops once the answer is complete, so the write is applied and its answer lost.
      Object.assign(res, {
        writeHead: () => res,
        setHeader: () => res,
        write: () => true,
        end: () => {
          req.socket.destroy();
          return res;
        }
      });
      return false;
    }
    const code = fault.kind === 'throttle' ? 429 : (fault.code ?? 503);
    const retryAfter = fault.kind === 'throttle' ? (fault.retryAfter ?? 1) : fault.retryAfter;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private'
    };
    if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
    if (code === 429) headers['X-Kubernetes-PF-FlowSchema-UID'] = 'double-global-default';
    const message =
      code === 429 ? 'Too many requests, please try again later.' : `the double's injected HTTP ${code}`;
    const answer = (): void => {
      // A client that gave up meanwhile closed the connection: nothing left to answer.
      if (res.destroyed || req.socket.destroyed) return;
      res.writeHead(code, headers);
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message,
          reason: REASONS[code] ?? 'Unknown',
          ...(retryAfter !== undefined ? { details: { retryAfterSeconds: retryAfter } } : {}),
          code
        }) + '\n'
      );
    };
    if (fault.delayMs) {
      const timer = setTimeout(answer, fault.delayMs);
      // A client gone meanwhile (a process that exited) gets no answer: no timer is left to hold the test.
      res.on('close', () => clearTimeout(timer));
    } else answer();
    // The request's body is not read: drained, so the connection stays usable.
    req.resume();
    return true;
  }
}
