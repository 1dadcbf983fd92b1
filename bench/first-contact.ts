// A loopback listener that notes when a process under test first reaches out to the network. It
// answers nothing: the bench only needs the moment of the first request, and then ends the process.
// On the plain listener (AWS endpoints, a fake terraform) that is when the first bytes arrive, not
// the TCP accept, so that a connection opened early but used late would not count as a request; on
// the TLS listener (the Kubernetes API) it is the TCP accept, which the ClientHello follows at once. The clock is this
// process's performance.now(), the same one that timed the spawn, and its event loop sits idle while
// it waits, so the moment is accurate to well under a millisecond.
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

export interface FirstContactRecorder {
  /** http://127.0.0.1:PORT, for AWS endpoint variables and plain TCP connects. */
  plainUrl: string;
  plainPort: number;
  /** https://127.0.0.1:PORT with a certificate from the bench CA, for kubeconfigs. */
  tlsUrl: string;
  /** Resolves with performance.now() at the next first contact (bytes on the plain listener, a connection on the TLS one). */
  nextContact(): Promise<number>;
  stop(): Promise<void>;
}

export async function startFirstContactRecorder(cert: {
  certPem: string;
  keyPem: string;
}): Promise<FirstContactRecorder> {
  let waiting: ((at: number) => void) | undefined;
  const sockets = new Set<Socket>();
  const contact = (at: number): void => {
    const resolve = waiting;
    waiting = undefined;
    resolve?.(at);
  };
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const onConnection = (socket: Socket): void => {
    const at = performance.now();
    track(socket);
    contact(at);
  };
  const plain = createTcpServer((socket) => {
    track(socket);
    socket.once('data', () => contact(performance.now()));
  });
  // 'connection' is the raw TCP accept, before any TLS handshake work.
  const tls = createTlsServer({ cert: cert.certPem, key: cert.keyPem });
  tls.on('connection', onConnection);
  tls.on('tlsClientError', () => undefined);
  const listen = (server: Server): Promise<number> =>
    new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
    );
  const plainPort = await listen(plain);
  const tlsPort = await listen(tls);
  const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
  return {
    plainUrl: `http://127.0.0.1:${plainPort}`,
    plainPort,
    tlsUrl: `https://127.0.0.1:${tlsPort}`,
    nextContact: () =>
      new Promise<number>((resolve) => {
        waiting = resolve;
      }),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([close(plain), close(tls)]);
    }
  };
}
