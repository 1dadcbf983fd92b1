// A TCP proxy on loopback that delays every chunk by `oneWayMs` each way, and the start of each
// connection by as much: a link with a round trip of twice that, as a runner has to AWS. On loopback
// an AWS call answers in a few milliseconds, so what overlapping a call with the SDK's loading saves
// shows only over such a link.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface LatencyProxy {
  url: string;
  stop(): Promise<void>;
}

export async function startLatencyProxy(target: string, oneWayMs: number): Promise<LatencyProxy> {
  const upstreamUrl = new URL(target);
  const sockets = new Set<Socket>();
  const later = (fn: () => void): void => void setTimeout(fn, oneWayMs);
  const server = createServer((client) => {
    const upstream = connect(Number(upstreamUrl.port), upstreamUrl.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    // The handshake's round trip: nothing flows before one more delay has passed.
    client.pause();
    later(() => client.resume());
    client.on('data', (chunk: Buffer) => later(() => upstream.write(chunk)));
    upstream.on('data', (chunk: Buffer) => later(() => client.write(chunk)));
    client.on('end', () => later(() => upstream.end()));
    upstream.on('end', () => later(() => client.end()));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}
