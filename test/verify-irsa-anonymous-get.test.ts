// The GET verify-irsa makes for the issuer documents must look like STS's: no credentials, no
// redirects followed, a certificate the public (or given) roots trust, a bounded answer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anonymousGet } from '../src/verify-irsa/anonymous-https.js';
import { createTestCa, type TestCa } from './stack/tls.js';

let dir: string;
let ca: TestCa;
let server: Server;
let base: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verify-irsa-get-'));
  ca = createTestCa(dir);
  const cert = ca.issue('issuer');
  server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    seen.push(req.headers);
    if (req.url === '/redirect') {
      res.writeHead(302, { location: '/doc' });
      res.end();
    } else if (req.url === '/trickle') {
      // A byte every 200 ms: never silent long enough for a socket timeout, never done.
      res.writeHead(200, { 'content-length': '100000' });
      const drip = setInterval(() => res.write(' '), 200);
      res.on('close', () => clearInterval(drip));
    } else if (req.url === '/huge') {
      res.writeHead(200);
      res.end(Buffer.alloc(2 * 1024 * 1024, 'x'));
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"issuer":"x"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('anonymousGet', () => {
  it('fetches with no credentials of any kind', async () => {
    const get = anonymousGet({ extraCaPem: ca.caPem });
    // The Content-Type rides along: STS ignores it, but verify-irsa warns of one OIDC clients refuse.
    expect(await get(`${base}/doc`)).toEqual({
      status: 200,
      body: '{"issuer":"x"}',
      contentType: 'application/json'
    });
    const headers = seen.at(-1) ?? {};
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(Object.keys(headers).filter((name) => name.startsWith('x-amz'))).toEqual([]);
  });

  it('gives up on an answer that trickles in, within its time', async () => {
    const get = anonymousGet({ extraCaPem: ca.caPem, timeoutMs: 1500 });
    const started = Date.now();
    await expect(get(`${base}/trickle`)).rejects.toThrow('no whole answer within 1.5 s');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports a redirect as such instead of following it', async () => {
    const get = anonymousGet({ extraCaPem: ca.caPem });
    expect((await get(`${base}/redirect`)).status).toBe(302);
  });

  it('refuses a certificate no trusted root signed', async () => {
    await expect(anonymousGet()(`${base}/doc`)).rejects.toThrow(/certificate/i);
  });

  it('refuses plain http and answers over 1 MiB', async () => {
    const get = anonymousGet({ extraCaPem: ca.caPem });
    await expect(get('http://127.0.0.1/doc')).rejects.toThrow('not an https URL');
    await expect(get(`${base}/huge`)).rejects.toThrow('exceeds');
  });
});
