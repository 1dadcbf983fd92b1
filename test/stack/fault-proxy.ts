// A loopback HTTP proxy in front of moto that fails a chosen share of requests the way AWS does
// under load: IAM/STS answer 400 Throttling, S3 answers 503 SlowDown, any service may answer 500
// or drop the connection. It lets tests prove that the SDK's retry (and our code above it) copes,
// without waiting on real AWS limits. Decisions come from a seeded PRNG so a failing run can be
// replayed with the same seed.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
  type ServerResponse
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { xmlEscape } from './http-plumbing.js';

/**
 * throttle: 400 Throttling (IAM/STS) or 503 SlowDown (S3); server-error: 500; reset: the connection
 * drops before the request reaches the service; drop-response: the service applies the request, then
 * the connection drops before its answer arrives (so a retried write meets its own first attempt);
 * cut-body: the service's status, headers and half its body arrive, then the connection drops, as when
 * a connection breaks while an S3 object streams (the SDK returns before the body, so it cannot retry);
 * hang: the request is taken and never answered, as behind a stuck proxy or a half-open connection.
 * stall-body: the service's status, headers and half its body arrive, and then nothing more, the
 * connection left open: a half-open connection that breaks while an answer streams.
 * quota, access-denied, unknown-credentials: IAM's refusals of a request past a quota, of one the
 * credentials lack the permission for, and of credentials it does not know (as another partition's).
 * not-found: IAM's 404 NoSuchEntity, as its eventual consistency answers a read of an entity just
 * made (a role whose CreateRole has landed, not yet seen by GetRole); a test's `match` picks the read.
 */
export type Fault =
  | 'throttle'
  | 'server-error'
  | 'reset'
  | 'drop-response'
  | 'cut-body'
  | 'hang'
  | 'stall-body'
  | 'quota'
  | 'access-denied'
  | 'unknown-credentials'
  | 'not-found';

/** What a fault decision may look at: the AWS service (from the SigV4 scope) and the call. */
export interface ProxiedRequest {
  service: string;
  /** IAM/STS query actions (e.g. CreateRole); for S3 the HTTP method and path. */
  action: string;
  method: string;
  path: string;
}

export interface FaultProxyOptions {
  /** Where healthy requests go, e.g. moto's http://127.0.0.1:PORT. */
  target: string;
  /** Probability (0–1) that a matching request is failed. */
  rate?: number;
  seed?: number;
  /** Kinds to choose from, uniformly; default throttle, server-error and reset. */
  faults?: Fault[];
  /** Fail the first N matching requests whatever the rate, so a test is sure to see faults. */
  failFirst?: number;
  /** Only requests this accepts may be failed (e.g. only IAM writes). */
  match?: (request: ProxiedRequest) => boolean;
  /**
   * Awaited before each request is decided on and sent on, for another client's requests to land
   * first: another run creating what this one is about to.
   */
  before?: (request: ProxiedRequest) => Promise<void>;
  /**
   * Awaited once the service has answered a request sent on to it, before the answer is passed back:
   * a test can stop the client there, with the request applied and its answer never seen.
   */
  after?: (request: ProxiedRequest) => Promise<void>;
}

export interface InjectedFault extends ProxiedRequest {
  fault: Fault;
  /** Position of the failed request in `seen`, so a test can replay and compare decisions. */
  sequence: number;
}

export interface FaultProxy {
  url: string;
  /** Every request seen, in arrival order, and the faults injected into them. */
  readonly seen: ProxiedRequest[];
  readonly injected: InjectedFault[];
  setRate(rate: number): void;
  stop(): Promise<void>;
}

/** mulberry32: small, fast and good enough to spread faults evenly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The service a request was signed for: Credential=AKID/DATE/REGION/SERVICE/aws4_request. */
export function signedService(headers: IncomingMessage['headers'], url: string): string {
  const auth = String(headers.authorization ?? '');
  const fromHeader = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth);
  if (fromHeader?.[1]) return fromHeader[1];
  const query = new URL(url, 'http://proxy').searchParams.get('X-Amz-Credential') ?? '';
  return query.split('/')[3] ?? 'unknown';
}

function queryAction(body: Buffer, url: string): string | undefined {
  const fromBody = new URLSearchParams(body.toString('utf8')).get('Action');
  return fromBody ?? new URL(url, 'http://proxy').searchParams.get('Action') ?? undefined;
}

const requestId = (n: number): string => `fault-proxy-${n.toString(16).padStart(8, '0')}`;

function throttleResponse(service: string, id: string): { status: number; body: string } {
  if (service === 's3')
    return {
      status: 503,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>${id}</RequestId></Error>`
    };
  return {
    status: 400,
    body: `<ErrorResponse xmlns="https://${service}.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`
  };
}

/**
 * IAM's refusal at a quota (409 LimitExceeded), for the quotas moto does not keep, such as 10 managed
 * policies per role: a test's `match` decides when the quota is reached.
 */
function quotaResponse(service: string, id: string): { status: number; body: string } {
  return {
    status: 409,
    body: `<ErrorResponse xmlns="https://${service}.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>LimitExceeded</Code><Message>Cannot exceed quota for PoliciesPerRole: 10</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`
  };
}

/** IAM's 403 answers, as documented among the errors common to all its actions. */
function refusalResponse(
  fault: 'access-denied' | 'unknown-credentials',
  service: string,
  action: string,
  id: string
): { status: number; body: string } {
  const [code, message] =
    fault === 'access-denied'
      ? [
          'AccessDenied',
          `User: arn:aws:iam::123456789012:user/testing is not authorized to perform: ${service}:${action} on resource: *`
        ]
      : ['InvalidClientTokenId', 'The security token included in the request is invalid.'];
  return {
    status: 403,
    body: `<ErrorResponse xmlns="https://${service}.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`
  };
}

/** IAM's 404 for an entity it does not (yet) see. */
function notFoundResponse(service: string, id: string): { status: number; body: string } {
  return {
    status: 404,
    body: `<ErrorResponse xmlns="https://${service}.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The entity cannot be found.</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`
  };
}

function serverErrorResponse(service: string, id: string): { status: number; body: string } {
  if (service === 's3')
    return {
      status: 500,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>${id}</RequestId></Error>`
    };
  return {
    status: 500,
    body: `<ErrorResponse xmlns="https://${service}.amazonaws.com/doc/2010-05-08/"><Error><Type>Receiver</Type><Code>ServiceFailure</Code><Message>An internal error occurred.</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`
  };
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The request as the client sent it, addressed to the target. */
export function upstreamOptions(target: URL, req: IncomingMessage): RequestOptions {
  return {
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port,
    method: req.method,
    path: req.url,
    headers: req.headers
  };
}

export interface UpstreamAnswer {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** Sends `req` (with its `body`, already read) on to `target` and reads the whole answer. */
export function askUpstream(target: URL, req: IncomingMessage, body: Buffer): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(upstreamOptions(target, req), (reply) => {
      const chunks: Buffer[] = [];
      reply.on('data', (chunk: Buffer) => chunks.push(chunk));
      reply.on('end', () =>
        resolve({ status: reply.statusCode ?? 502, headers: reply.headers, body: Buffer.concat(chunks) })
      );
      reply.on('error', reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function forward(target: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const upstream = httpRequest(upstreamOptions(target, req), (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`fault-proxy: upstream failed: ${error.message}`);
  });
  upstream.end(body);
}

/** Like forward, but the answer waits for `after` once the service has given it. */
async function forwardAfter(
  target: URL,
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  after: () => Promise<void>
): Promise<void> {
  const answer = await askUpstream(target, req, body);
  await after();
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

function forwardThenDrop(target: URL, req: IncomingMessage, body: Buffer): void {
  const upstream = httpRequest(upstreamOptions(target, req), (answer) => {
    answer.resume();
    answer.on('end', () => req.socket.resetAndDestroy());
  });
  upstream.on('error', () => req.socket.resetAndDestroy());
  upstream.end(body);
}

function forwardThenCutBody(
  target: URL,
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  then: 'reset' | 'stall'
): void {
  const upstream = httpRequest(upstreamOptions(target, req), (answer) => {
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      const whole = Buffer.concat(chunks);
      // The full length is announced, so the client knows the body stopped short.
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-length': String(whole.length) });
      res.write(whole.subarray(0, Math.floor(whole.length / 2)), () => {
        if (then === 'reset') req.socket.resetAndDestroy();
      });
    });
  });
  upstream.on('error', () => req.socket.resetAndDestroy());
  upstream.end(body);
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed ?? 1);
  const kinds: Fault[] = options.faults?.length ? options.faults : ['throttle', 'server-error', 'reset'];
  let rate = options.rate ?? 0;
  let forcedLeft = options.failFirst ?? 0;
  const seen: ProxiedRequest[] = [];
  const injected: InjectedFault[] = [];
  const sockets = new Set<Socket>();

  const decide = (request: ProxiedRequest): Fault | undefined => {
    if (options.match && !options.match(request)) return undefined;
    // Draw both numbers every time so the sequence depends on the seed and request order only.
    const roll = random();
    const pick = kinds[Math.floor(random() * kinds.length)] ?? 'throttle';
    if (forcedLeft > 0) {
      forcedLeft -= 1;
      return pick;
    }
    return roll < rate ? pick : undefined;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = req.url ?? '/';
      const service = signedService(req.headers, url);
      const request: ProxiedRequest = {
        service,
        action: queryAction(body, url) ?? `${req.method ?? 'GET'} ${url.split('?')[0] ?? ''}`,
        method: req.method ?? 'GET',
        path: url
      };
      seen.push(request);
      if (options.before) await options.before(request);
      const fault = decide(request);
      const { after } = options;
      if (!fault && after) return forwardAfter(target, req, body, res, () => after(request));
      if (!fault) return forward(target, req, body, res);
      injected.push({ ...request, fault, sequence: seen.length - 1 });
      if (fault === 'drop-response') {
        forwardThenDrop(target, req, body);
        return;
      }
      if (fault === 'hang') return;
      if (fault === 'cut-body' || fault === 'stall-body') {
        forwardThenCutBody(target, req, body, res, fault === 'cut-body' ? 'reset' : 'stall');
        return;
      }
      if (fault === 'reset') {
        // A TCP RST with no response, as a dropped connection looks to the SDK.
        req.socket.resetAndDestroy();
        return;
      }
      const id = requestId(seen.length);
      const answer =
        fault === 'throttle'
          ? throttleResponse(service, id)
          : fault === 'quota'
            ? quotaResponse(service, id)
            : fault === 'access-denied' || fault === 'unknown-credentials'
              ? refusalResponse(fault, service, request.action, id)
              : fault === 'not-found'
                ? notFoundResponse(service, id)
                : serverErrorResponse(service, id);
      res.writeHead(answer.status, {
        'content-type': service === 's3' ? 'application/xml' : 'text/xml',
        'x-amzn-requestid': id
      });
      res.end(answer.body);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(`fault-proxy: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    injected,
    setRate(next: number) {
      rate = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })
  };
}
