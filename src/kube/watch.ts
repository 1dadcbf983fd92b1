/**
 * A Kubernetes watch over the kubeconfig's own TLS and credentials: one streaming GET whose answer
 * is one JSON event per line. Written on the REST request the suite already makes (client.ts)
 * rather than with client-node's Watch, whose request cannot be aborted before the server answers,
 * so a watch that hangs held the process open past its deadline.
 */
import { UserError } from '../io/errors.js';
import { firstLine, KubeApiError, requestOptionsFor, type KubeClient } from './client.js';
import { isRecord } from '../json/shape.js';

// One event is one object on one line; a pod's is a few kB, and etcd's default request limit keeps
// any object under 1.5 MiB. A line past this is a server or proxy that never ends one, not an event to wait for.
const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** A watch whose connection failed (not refused by the server): worth opening again. */
export class WatchConnectionError extends UserError {}

export interface WatchEvent<T> {
  type: string;
  object: T;
}

/** A watch event's shape: a type, and an object (a Status for an ERROR). */
function isEvent<T>(value: unknown): value is WatchEvent<T> {
  if (!isRecord(value)) return false;
  const { type, object } = value;
  return typeof type === 'string' && isRecord(object);
}

/** How a watch stopped: the server closed it, or the signal aborted it. */
export type WatchClose = 'closed' | 'aborted';

/**
 * Streams the events of `path` (a list path; `watch=true` is added) to `onEvent` until the server
 * closes the stream or `signal` aborts it. Rejects with a KubeApiError when the server refuses the
 * watch (401, 403, 404…), with a WatchConnectionError when the connection fails or breaks off
 * mid-stream, and with a UserError when the stream is not JSON events.
 */
export async function kubeWatch<T>(
  client: KubeClient,
  path: string,
  onEvent: (event: WatchEvent<T>) => void,
  signal: AbortSignal
): Promise<WatchClose> {
  const url = new URL(client.server + path);
  url.searchParams.set('watch', 'true');
  const options = await requestOptionsFor(client, 'GET');
  const transport = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  if (signal.aborted) return 'aborted';
  return new Promise<WatchClose>((resolve, reject) => {
    const fail = (error: Error): void => {
      request.destroy();
      reject(error);
    };
    const request = transport.request(url, options, (response) => {
      const status = response.statusCode ?? 0;
      response.setEncoding('utf8');
      if (status < 200 || status > 299) {
        let body = '';
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          reject(
            // Redacted as kubeCall's are: kubeErrorText quotes it, cut short.
            new KubeApiError('GET', `${url.pathname}${url.search}`, {
              status,
              body: client.redact(body),
              contentType: ''
            })
          )
        );
        return;
      }
      let pending = '';
      response.on('data', (chunk: string) => {
        // Only the new text can hold the line's end: the rest was searched when it came.
        const searchFrom = pending.length;
        pending += chunk;
        let newline = pending.indexOf('\n', searchFrom);
        if (newline < 0 && pending.length > MAX_LINE_CHARS)
          return fail(
            new UserError(
              `the cluster at ${client.server} answered a watch of ${url.pathname} with a line of over 16 MiB and no end: not a stream of events.`,
              client.source.input
            )
          );
        while (newline >= 0) {
          const line = pending.slice(0, newline).trim();
          pending = pending.slice(newline + 1);
          newline = pending.indexOf('\n');
          if (line === '') continue;
          let event: unknown;
          try {
            event = JSON.parse(line);
          } catch {
            event = undefined;
          }
          // A line of JSON that is not {type, object} is no event either: handed over, its missing
          // object would fail in the caller's handler, where nothing catches it.
          if (!isEvent<T>(event))
            return fail(
              new UserError(
                `the cluster at ${client.server} answered a watch of ${url.pathname} with something that is not JSON events.`,
                client.source.input
              )
            );
          onEvent(event);
          if (signal.aborted) return;
        }
      });
      response.on('end', () => resolve(signal.aborted ? 'aborted' : 'closed'));
      // Cut mid-stream (a reset, often mid-line), not ended by the server: a broken connection,
      // whichever of the request and the response hears of it first.
      response.on('error', broken);
    });
    function broken(error: Error): void {
      if (signal.aborted) return resolve('aborted');
      reject(
        new WatchConnectionError(
          `cannot keep a watch open on the cluster at ${client.server} (${firstLine(error)}).`,
          client.source.input
        )
      );
    }
    const abort = (): void => {
      request.destroy();
      resolve('aborted');
    };
    signal.addEventListener('abort', abort, { once: true });
    request.on('close', () => signal.removeEventListener('abort', abort));
    request.on('error', broken);
    request.end();
  });
}
