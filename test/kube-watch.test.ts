// The pod watch when the API server misbehaves: it hangs before answering, refuses the watch, or
// streams something that is not events. A loopback HTTP server plays each part, since the
// kube-apiserver double behaves; the watch must end by its deadline and name what went wrong.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { kubeRequest, loadKubeClient, type KubeClient } from '../src/kube/client.js';
import { kubeWatch, type WatchEvent } from '../src/kube/watch.js';
import { kubeClusterOps, POD_WATCH_TIMING } from '../src/verify-irsa/cluster.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server;
let client: KubeClient;
let handler: Handler = () => undefined;
const sockets = new Set<Socket>();
const closedRequests: string[] = [];

beforeAll(async () => {
  // One close listener per socket, not per request: a kept-alive socket carries many requests.
  const requestsOn = new Map<Socket, string[]>();
  server = createServer((request, response) => {
    requestsOn.get(request.socket)?.push(request.url ?? '');
    handler(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    requestsOn.set(socket, []);
    socket.on('close', () => {
      sockets.delete(socket);
      closedRequests.push(...(requestsOn.get(socket) ?? []));
      requestsOn.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'current-context: c',
    'contexts: [{name: c, context: {cluster: c, user: u}}]',
    `clusters: [{name: c, cluster: {server: 'http://127.0.0.1:${port}'}}]`,
    'users: [{name: u, user: {token: watch-test-token}}]'
  ].join('\n');
  client = await loadKubeClient({ input: 'kubeconfig', value: kubeconfig }, () => undefined);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const pod = (phase: string): unknown => ({
  metadata: { name: 'p', namespace: 'default' },
  status: { phase, containerStatuses: [] }
});

describe('kubeWatch', () => {
  it('hands over events split across chunks, line by line', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const stream = `${JSON.stringify({ type: 'ADDED', object: { n: 1 } })}\n${JSON.stringify({ type: 'MODIFIED', object: { n: 2 } })}\n`;
      response.write(stream.slice(0, 17));
      setTimeout(() => response.end(stream.slice(17)), 20);
    };
    const events: WatchEvent<{ n: number }>[] = [];
    const close = await kubeWatch<{ n: number }>(
      client,
      '/api/v1/pods',
      (e) => events.push(e),
      new AbortController().signal
    );
    expect(close).toBe('closed');
    expect(events).toEqual([
      { type: 'ADDED', object: { n: 1 } },
      { type: 'MODIFIED', object: { n: 2 } }
    ]);
  });

  it('is aborted by its signal even when the server never answers, and drops the connection', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    await expect(
      kubeWatch(client, '/api/v1/namespaces/default/pods', () => undefined, controller.signal)
    ).resolves.toBe('aborted');
    expect(Date.now() - started).toBeLessThan(5000);
    // The server sees the close a moment after the client drops it: waited for, up to 5 s, rather
    // than a fixed pause a loaded machine can outrun.
    const closed = (): boolean =>
      closedRequests.some((url) => url.startsWith('/api/v1/namespaces/default/pods?watch=true'));
    for (const until = Date.now() + 5000; !closed() && Date.now() < until;)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed()).toBe(true);
  });

  it('rejects a refused watch with its status, and a stream that is not events', async () => {
    handler = (_request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ kind: 'Status', message: 'pods is forbidden: cannot watch', code: 403 }));
    };
    await expect(
      kubeWatch(client, '/api/v1/pods', () => undefined, new AbortController().signal)
    ).rejects.toMatchObject({
      code: 403
    });
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>proxy error</html>\n');
    };
    await expect(
      kubeWatch(client, '/api/v1/pods', () => undefined, new AbortController().signal)
    ).rejects.toThrow(/answered a watch of \/api\/v1\/pods with something that is not JSON events/);
  });

  it.each(['null', '[1]', '{"type":"ADDED"}', '{"object":{}}', '{"type":"MODIFIED","object":null}'])(
    'rejects a line that is JSON but not an event (%s) instead of handing it over',
    async (line) => {
      handler = (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(`${line}\n`);
      };
      const events: unknown[] = [];
      await expect(
        kubeWatch(client, '/api/v1/pods', (event) => events.push(event), new AbortController().signal)
      ).rejects.toThrow(/answered a watch of \/api\/v1\/pods with something that is not JSON events/);
      expect(events).toEqual([]);
    }
  );

  it('stops a stream that sends no line end before the line outgrows any event, instead of holding it all', async () => {
    let sent = 0;
    let stopped = false;
    handler = (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const block = 'x'.repeat(1024 * 1024);
      const send = (): void => {
        // 64 MiB at most, so that a run without the bound ends too.
        while (!stopped && sent < 64 && response.write(block)) sent += 1;
        if (!stopped && sent < 64) response.once('drain', send);
        else response.end();
      };
      request.socket.on('close', () => (stopped = true));
      send();
    };
    await expect(
      kubeWatch(client, '/api/v1/pods', () => undefined, new AbortController().signal)
    ).rejects.toThrow(/answered a watch of \/api\/v1\/pods with a line of over 16 MiB/);
    expect(sent).toBeLessThan(64);
  });
});

describe("verify-irsa's pod watch", () => {
  it('keeps its production timings unless a test passes others: a 10 s window, 2 s of grace, a 1 s pause', async () => {
    // Tests shorten these (kube-watch-faults.test.ts); every run uses the defaults.
    expect(POD_WATCH_TIMING).toEqual({ windowSeconds: 10, graceMs: 2000, reopenMs: 1000 });
    expect(Object.isFrozen(POD_WATCH_TIMING)).toBe(true);
    const watches: string[] = [];
    const openedAt: number[] = [];
    handler = (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // Every watch is ended at once, as by a failing server: the next opens after the pause.
      if (request.url?.includes('watch=true')) {
        watches.push(request.url);
        openedAt.push(Date.now());
        response.end();
      } else if (request.url?.includes('fieldSelector'))
        response.end(
          JSON.stringify({ kind: 'PodList', metadata: { resourceVersion: '5' }, items: [pod('Running')] })
        );
      else response.end(JSON.stringify(pod('Running')));
    };
    const end = await kubeClusterOps(client).watchPod('default', 'p', Date.now() + 2600);
    expect(end).toMatchObject({ ended: 'timeout' });
    // Opened at once, then again after each 1 s pause (three times on an idle machine; a loaded
    // one may fit two). The gaps, not the count, pin the pause: a shorter pause gives gaps under
    // 1 s, a 2 s pause gaps of 2 s. The timer may fire a millisecond early, hence 990.
    expect(watches.length).toBeGreaterThanOrEqual(2);
    expect(watches.length).toBeLessThanOrEqual(3);
    const gaps = openedAt.slice(1).map((at, i) => at - (openedAt[i] ?? at));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(990);
      expect(gap).toBeLessThan(1900);
    }
    for (const url of watches) expect(url).toContain('&timeoutSeconds=10');
  });

  it('ends at its deadline when the watch hangs, and reads the pod once more to report how it ended', async () => {
    handler = (request, response) => {
      if (request.url?.includes('watch=true')) return; // never answers
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(pod('Succeeded')));
    };
    const started = Date.now();
    const end = await kubeClusterOps(client).watchPod('default', 'p', Date.now() + 300);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(end).toMatchObject({ ended: 'done', pod: { status: { phase: 'Succeeded' } } });
  });

  it('opens no watch after the one its deadline cut, though Date.now() has not reached the deadline yet', async () => {
    // Node's timers can fire before Date.now() reaches the time asked for (a millisecond or so): the
    // abort at the deadline then leaves Date.now() < deadline. Here Date.now() lags by 50 ms once the
    // watch is open, so that the loop meets it every time; without that, 1 run in some tens would.
    const requests: string[] = [];
    const realNow = Date.now.bind(Date);
    let lag = 0;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => realNow() - lag);
    handler = (request, response) => {
      if (request.url?.includes('watch=true')) {
        requests.push('watch');
        lag = 50;
        return; // never answers
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      if (request.url?.includes('fieldSelector')) {
        requests.push('list');
        response.end(
          JSON.stringify({ kind: 'PodList', metadata: { resourceVersion: '5' }, items: [pod('Running')] })
        );
      } else {
        requests.push('get');
        response.end(JSON.stringify(pod('Running')));
      }
    };
    try {
      // Longer than the 1 s pause, so the watch cut by the deadline is not one the pause follows.
      const end = await kubeClusterOps(client).watchPod('default', 'p', Date.now() + 1300);
      expect(end).toMatchObject({ ended: 'timeout' });
    } finally {
      now.mockRestore();
    }
    expect(requests).toEqual(['list', 'watch', 'get']);
  });

  it("takes no other pod's events for its own pod's", async () => {
    const other = (type: string): string =>
      JSON.stringify({
        type,
        object: {
          metadata: { name: 'other', namespace: 'default', resourceVersion: '7' },
          status: { phase: 'Failed', containerStatuses: [] }
        }
      });
    handler = (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // A server or proxy that does not apply the field selector to its watch.
      if (request.url?.includes('watch=true')) response.end(`${other('MODIFIED')}\n${other('DELETED')}\n`);
      else if (request.url?.includes('fieldSelector'))
        response.end(
          JSON.stringify({ kind: 'PodList', metadata: { resourceVersion: '5' }, items: [pod('Running')] })
        );
      else response.end(JSON.stringify(pod('Running')));
    };
    const end = await kubeClusterOps(client).watchPod('default', 'p', Date.now() + 1500);
    expect(end).toMatchObject({ ended: 'timeout', pod: { status: { phase: 'Running' } } });
  });

  it('reads the pod afresh when the watch itself is answered 410 Gone, instead of failing', async () => {
    const reads: string[] = [];
    handler = (request, response) => {
      const watch = request.url?.includes('watch=true') === true;
      reads.push(watch ? 'watch' : 'list');
      if (watch) {
        response.writeHead(410, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            kind: 'Status',
            status: 'Failure',
            reason: 'Expired',
            message: 'too old resource version: 5 (9)',
            code: 410
          })
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      // The second read finds the pod ended.
      const phase = reads.filter((read) => read === 'list').length > 1 ? 'Succeeded' : 'Running';
      response.end(
        JSON.stringify({ kind: 'PodList', metadata: { resourceVersion: '9' }, items: [pod(phase)] })
      );
    };
    const end = await kubeClusterOps(client).watchPod('default', 'p', Date.now() + 5000);
    expect(end).toMatchObject({ ended: 'done', pod: { status: { phase: 'Succeeded' } } });
    expect(reads).toEqual(['list', 'watch', 'list']);
  });

  it('names a refused watch at once instead of waiting out the timeout', async () => {
    handler = (_request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ kind: 'Status', message: 'pods is forbidden: cannot watch', code: 403 }));
    };
    const started = Date.now();
    await expect(kubeClusterOps(client).watchPod('default', 'p', Date.now() + 10_000)).rejects.toMatchObject({
      code: 403
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('a plain request', () => {
  it('is cut at its timeout when the answer trickles in for ever, not only when it stops', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(drip));
    };
    const started = Date.now();
    await expect(
      kubeRequest(client, 'GET', '/api/v1/namespaces/default', { timeoutMs: 400 })
    ).rejects.toThrow(/did not answer GET \/api\/v1\/namespaces\/default within 0\.4 s\.$/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("verify-irsa's cleanup", () => {
  it('sends a delete once more when the server fails it, but not when it refuses it', async () => {
    const deletes: string[] = [];
    let failures = 1;
    handler = (request, response) => {
      deletes.push(request.method ?? '');
      const status = failures-- > 0 ? 500 : 200;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(status === 200 ? { kind: 'Status', status: 'Success' } : { kind: 'Status', code: 500 })
      );
    };
    await kubeClusterOps(client).deletePod('default', 'p');
    expect(deletes).toEqual(['DELETE', 'DELETE']);

    deletes.length = 0;
    handler = (request, response) => {
      deletes.push(request.method ?? '');
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ kind: 'Status', message: 'forbidden', code: 403 }));
    };
    await expect(kubeClusterOps(client).deleteServiceAccount('default', 'sa')).rejects.toMatchObject({
      code: 403
    });
    expect(deletes).toEqual(['DELETE']);
  });
});
