// What the stack's HTTP(S) servers have in common: loopback-only listening, a clean stop, and
// escaping text for the XML error bodies AWS services answer with.
import type { Server } from 'node:net';

/** Listens on an ephemeral port of 127.0.0.1 only and returns that port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('server has no TCP address');
  return address.port;
}

/** Closes the server, dropping kept-alive connections that would otherwise hold it open. */
export async function closeServer(server: Server & { closeAllConnections(): void }): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
