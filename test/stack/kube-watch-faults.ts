// Faults the kube-apiserver double can put on a watch STREAM once it has begun (200 sent, events
// flowing), which the request faults of kube-faults.ts cannot: what real apiservers and the load
// balancers in front of them do to long-lived watches.
//   - 'close': the stream ends cleanly after `afterEvents` events (the server's watch timeout, an
//     LB's idle or connection timeout), as a chunked answer ends;
//   - 'reset': after `afterEvents` whole events, the next one is cut in half and the connection
//     reset (TCP RST) mid-line, as an LB or a restarting apiserver drops it;
//   - 'error': after `afterEvents` events, one ERROR event whose object is a Status (410 Expired
//     "too old resource version", as when etcd compacted past the watch; or 500 InternalError), then
//     the stream ends, as kube-apiserver does;
//   - 'stall': after `afterEvents` events nothing more is sent, not even the end at the watch's
//     timeoutSeconds, and the connection stays open until the client drops it (a wedged apiserver, a
//     half-dead connection through a NAT or LB);
//   - 'trickle': after `afterEvents` events the stream goes on one byte every `intervalMs` (100 ms),
//     a line that takes minutes to arrive;
//   - 'bookmarks': BOOKMARK events (the watched kind, nothing but metadata.resourceVersion) every
//     `intervalMs` (500 ms; the apiserver's own interval is about a minute), sent only when the
//     watch asked for them (allowWatchBookmarks=true), as the apiserver does;
//   - 'split': every byte sent as the server would, but in pieces cut at seeded random points,
//     across event boundaries, a few milliseconds apart (a proxy that re-chunks the stream).
// Scripted faults match a watch's path and are used up in order; a seeded random mode faults a share
// of all watches, the same ones in the same way for the same seed and the same watches.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ApiError } from './kube-api.js';
import { seededRandom } from './fault-proxy.js';

export type WatchFaultKind = 'close' | 'reset' | 'error' | 'stall' | 'trickle' | 'bookmarks' | 'split';

export interface WatchFault {
  kind: WatchFaultKind;
  /** Only watches whose path (without the query) starts with this string or matches this pattern. */
  path?: string | RegExp;
  /** Whole events sent before the fault strikes (default 0). */
  afterEvents?: number;
  /** For 'error': the Status code, 410 (default) or 500. */
  code?: 410 | 500;
  /** For 'trickle': the pause between bytes (100 ms); for 'bookmarks': between bookmarks (500 ms). */
  intervalMs?: number;
  /** How many matching watches it faults in a row (default 1). */
  times?: number;
}

export interface RandomWatchFaults {
  seed: number;
  /** The share of watches faulted, 0 to 1. */
  rate: number;
  kinds?: WatchFaultKind[];
}

const ALL_KINDS: WatchFaultKind[] = ['close', 'reset', 'error', 'stall', 'trickle', 'bookmarks', 'split'];

/** What the double tells a faulted stream about the watch it serves. */
export interface WatchContext {
  /** The watched kind's BOOKMARK object at the store's current resourceVersion. */
  bookmark: () => Record<string, unknown>;
  /** The store's current resourceVersion, for a 410's message. */
  resourceVersion: () => string;
  /** Told of each event handed to the stream (before any pacing), for the request log. */
  sent?: (event: { type: string; object: unknown }) => void;
}

export class WatchFaults {
  private scripted: Array<WatchFault & { left: number }> = [];
  private random: { rate: number; kinds: WatchFaultKind[]; next: () => number } | undefined;
  private readonly met = new Map<string, number>();
  private seed = 0;
  private served = 0;

  inject(faults: WatchFault[]): void {
    for (const fault of faults) this.scripted.push({ ...fault, left: fault.times ?? 1 });
  }

  randomly(options: RandomWatchFaults | undefined): void {
    this.random =
      options && options.rate > 0
        ? { rate: options.rate, kinds: options.kinds ?? ALL_KINDS, next: seededRandom(options.seed) }
        : undefined;
    this.seed = options?.seed ?? 0;
    this.served = 0;
  }

  clear(): void {
    this.scripted = [];
    this.random = undefined;
    this.met.clear();
    this.seed = 0;
    this.served = 0;
  }

  /** How often each fault struck a watch, as 'watch close', 'watch error 410'… */
  counts(): Record<string, number> {
    return Object.fromEntries(this.met);
  }

  /** The fault for this watch, if any, used up. */
  take(url: URL): WatchFault | undefined {
    const index = this.scripted.findIndex(
      (fault) =>
        fault.path === undefined ||
        (typeof fault.path === 'string' ? url.pathname.startsWith(fault.path) : fault.path.test(url.pathname))
    );
    const scripted = this.scripted[index];
    if (scripted) {
      scripted.left -= 1;
      if (scripted.left <= 0) this.scripted.splice(index, 1);
      return scripted;
    }
    if (!this.random || this.random.next() >= this.random.rate) return undefined;
    const kind = this.random.kinds[Math.floor(this.random.next() * this.random.kinds.length)] ?? 'close';
    return {
      kind,
      afterEvents: Math.floor(this.random.next() * 3),
      ...(kind === 'error' ? { code: this.random.next() < 0.5 ? 410 : 500 } : {})
    };
  }

  /**
   * The writer of one watch's stream: events go through it, and it puts the fault (if any) on them.
   * A 'split' stream's cut points follow the random mode's seed and how many watches came before.
   */
  stream(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    fault: WatchFault | undefined,
    context: WatchContext
  ): FaultedWatch {
    const count = (label: string): void => {
      this.met.set(label, (this.met.get(label) ?? 0) + 1);
    };
    this.served += 1;
    return new FaultedWatch(req, res, url, fault, context, count, this.seed * 7919 + this.served);
  }
}

/** Sends a watch's events, with the fault put on them when it strikes. */
export class FaultedWatch {
  private sent = 0;
  private struck = false;
  /** Nothing more leaves: the stream ended, was reset, or stalls. */
  private done = false;
  private queue = Buffer.alloc(0);
  private pump: NodeJS.Timeout | undefined;
  private ending = false;
  private bookmarks: NodeJS.Timeout | undefined;
  private readonly cut: () => number;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly url: URL,
    private readonly fault: WatchFault | undefined,
    private readonly context: WatchContext,
    private readonly count: (label: string) => void,
    seed: number
  ) {
    this.cut = seededRandom(seed);
    res.on('close', () => this.stop());
    res.on('finish', () => this.stop());
  }

  /** After the initial events: a fault due before any live event strikes now. */
  begun(): void {
    this.strikeIfDue();
    if (this.fault?.kind === 'bookmarks' && this.url.searchParams.get('allowWatchBookmarks') === 'true') {
      this.count('watch bookmarks');
      this.bookmarks = setInterval(() => this.bookmark(), this.fault.intervalMs ?? 500);
    }
  }

  /** A BOOKMARK at the store's current resourceVersion, unless the stream ended, was cut or stalls. */
  bookmark(): void {
    if (!this.done) this.send({ type: 'BOOKMARK', object: this.context.bookmark() });
  }

  private send(event: { type: string; object: unknown }): void {
    this.context.sent?.(event);
    this.write(JSON.stringify(event) + '\n');
  }

  event(event: { type: string; object: unknown }): void {
    // A fault due after the events already sent strikes before this one: a split or trickle
    // paces it, a stall or a close keeps it back.
    this.strikeIfDue();
    if (this.done) return;
    const line = JSON.stringify(event) + '\n';
    if (this.fault?.kind === 'reset' && this.sent >= (this.fault.afterEvents ?? 0)) {
      this.context.sent?.(event);
      this.strike('watch reset');
      this.done = true;
      const bytes = Buffer.from(line);
      // Half the line goes out, then the RST: the client holds half a JSON line when the connection dies.
      this.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => this.reset());
      return;
    }
    this.context.sent?.(event);
    this.write(line);
    this.sent += 1;
    this.strikeIfDue();
  }

  private strikeIfDue(): void {
    const fault = this.fault;
    if (!fault || this.struck || this.done || this.sent < (fault.afterEvents ?? 0)) return;
    switch (fault.kind) {
      case 'close':
        this.strike('watch close');
        this.end();
        return;
      case 'error': {
        const code = fault.code ?? 410;
        this.strike(`watch error ${code}`);
        const rv = Number(this.context.resourceVersion());
        const status =
          code === 410
            ? new ApiError(410, 'Expired', `too old resource version: ${rv - 1} (${rv})`)
            : new ApiError(500, 'InternalError', 'Internal error occurred: etcdserver: request timed out');
        this.send({ type: 'ERROR', object: status.toStatus() });
        this.end();
        return;
      }
      case 'stall':
        this.strike('watch stall');
        this.done = true;
        return;
      case 'trickle':
        this.strike('watch trickle');
        return;
      case 'split':
        this.strike('watch split');
        return;
      default:
        return;
    }
  }

  private strike(label: string): void {
    this.struck = true;
    this.count(label);
  }

  /** Through the queue when the fault re-paces the stream (split, trickle), else at once. */
  private write(text: string): void {
    const paced = this.struck && (this.fault?.kind === 'split' || this.fault?.kind === 'trickle');
    if (this.closed()) return;
    if (!paced && this.queue.length === 0) {
      this.res.write(text);
      return;
    }
    this.queue = Buffer.concat([this.queue, Buffer.from(text)]);
    this.schedule();
  }

  private schedule(): void {
    if (this.pump || this.closed()) return;
    const trickle = this.fault?.kind === 'trickle';
    const pause = trickle ? (this.fault?.intervalMs ?? 100) : Math.floor(this.cut() * 4);
    this.pump = setTimeout(() => {
      this.pump = undefined;
      if (this.closed()) return;
      const size = trickle ? 1 : 1 + Math.floor(this.cut() * Math.min(this.queue.length, 400));
      const piece = this.queue.subarray(0, size);
      this.queue = this.queue.subarray(size);
      this.res.write(piece);
      if (this.queue.length > 0) this.schedule();
      else if (this.ending) this.res.end();
    }, pause);
  }

  /** Ended or dropped (the double's stop() ends every stream): nothing may be written. */
  private closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** Ends the stream cleanly once what is queued has left; a stalled one never ends. */
  end(): void {
    if (this.struck && this.fault?.kind === 'stall') return;
    this.done = true;
    if (this.closed()) return;
    if (this.queue.length > 0 || this.pump) this.ending = true;
    else this.res.end();
  }

  /** A TCP RST under the TLS connection, not a close_notify or FIN. */
  private reset(): void {
    const socket = this.req.socket as Socket & { _parent?: Socket };
    const tcp = socket._parent ?? socket;
    if (typeof tcp.resetAndDestroy === 'function' && !tcp.destroyed) tcp.resetAndDestroy();
    socket.destroy();
  }

  private stop(): void {
    this.done = true;
    if (this.pump) clearTimeout(this.pump);
    if (this.bookmarks) clearInterval(this.bookmarks);
    this.pump = undefined;
    this.bookmarks = undefined;
  }
}
