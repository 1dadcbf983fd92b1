import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startLatencyProxy, type LatencyProxy } from '../latency-proxy.js';

describe('startLatencyProxy', () => {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => res.end(`echo:${body}`));
  });
  let proxy: LatencyProxy;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = await startLatencyProxy(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 40);
  });
  after(async () => {
    await proxy.stop();
    server.close();
  });

  it('passes a request and its answer through unchanged, a round trip and a handshake later', async () => {
    const began = performance.now();
    const answer = await fetch(proxy.url, { method: 'POST', body: 'ping' });
    const elapsed = performance.now() - began;
    assert.equal(await answer.text(), 'echo:ping');
    // Handshake delay, then one delay each way: at least 3 × 40 ms.
    assert.ok(elapsed >= 115, `${elapsed} ms`);
  });
});
