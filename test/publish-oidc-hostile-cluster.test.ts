// A hostile or broken cluster feeding publish-oidc: what the API server (or a proxy in front of it)
// answers for the OIDC documents is untrusted. The kube-apiserver double answers as such a cluster
// would (test/stack/kube-hostile-answers.ts); each case shows that the read is bounded in bytes and
// time, that nothing is followed elsewhere, and that what is published is what was checked.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { kubeJson, loadKubeClient, type KubeClient } from '../src/kube/client.js';
import { jwksDocument, parseJwks } from '../src/oidc/jwks.js';
import { readClusterDocuments } from '../src/publish-oidc/cluster-documents.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { createTestCa } from './stack/tls.js';

let double: KubeDouble;
let client: KubeClient;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-cluster-'));
  double = await startKubeDouble({
    ca: createTestCa(join(dir, 'ca')),
    issuer: 'https://hostile-issuer.example'
  });
  client = await loadKubeClient({ input: 'kubeconfig', value: double.kubeconfig() }, () => undefined);
});

afterEach(() => {
  double.answerOidcHostile('jwks', undefined);
  double.answerOidcHostile('discovery', undefined);
  double.overrideJwks(undefined);
});

afterAll(async () => {
  await double?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function readError(timeoutMs = 15000): Promise<Error> {
  const error = await readClusterDocuments(client, timeoutMs).catch((e: unknown) => e);
  if (!(error instanceof Error)) throw new Error('expected the read to fail');
  return error;
}

describe('publish-oidc reading a hostile cluster', () => {
  it('stops reading a 100 MB JWKS at 1 MiB, at once, with one line naming the document', async () => {
    const served = double.answerOidcHostile('jwks', { kind: 'stream', bytes: 100 * 1024 * 1024 });
    const started = Date.now();
    const error = await readError();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.message).toContain('/openid/v1/jwks');
    expect(error.message).toContain('more than 1 MiB');
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message.length).toBeLessThan(400);
    // The client hung up: what the double got out is the limit plus what the sockets buffer.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(served.abandoned).toBe(true);
    expect(served.bytes).toBeLessThan(16 * 1024 * 1024);
  });

  it('gives up on an endless trickle (slow loris) at the timeout', async () => {
    const served = double.answerOidcHostile('discovery', { kind: 'stream', chunkBytes: 16, intervalMs: 20 });
    const started = Date.now();
    const error = await readError(1000);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(error.message).toContain('/.well-known/openid-configuration within 1 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(served.abandoned).toBe(true);
  });

  it('follows no redirect to another host', async () => {
    double.answerOidcHostile('jwks', {
      kind: 'raw',
      status: 302,
      headers: { Location: 'https://attacker.example/jwks' },
      body: ''
    });
    expect((await readError()).message).toBe('GET /openid/v1/jwks answered HTTP 302: ');
  });

  it('does not inflate a gzip bomb it never asked for, and reads BOM or NaN as no JSON', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, ' '));
    for (const [headers, body] of [
      [{ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, bomb],
      [{ 'Content-Type': 'application/json' }, `\uFEFF${JSON.stringify(double.jwks())}`],
      [{ 'Content-Type': 'application/json' }, '{"keys":[{"kid":NaN}]}']
    ] as const) {
      double.answerOidcHostile('jwks', { kind: 'raw', headers, body });
      expect((await readError()).message).toBe("The cluster's /openid/v1/jwks is not JSON.");
    }
  });

  it('publishes what it checked when "keys" comes twice: the last one, re-serialized', async () => {
    const [served] = double.jwks().keys;
    const leaky = JSON.stringify([{ ...served, d: double.privateJwk().d }]);
    const honest = JSON.stringify([served]);
    double.overrideJwks(`{"keys":${leaky},"keys":${honest}}`);
    const { jwks } = await readClusterDocuments(client, 15000);
    expect(JSON.stringify(jwksDocument(parseJwks(jwks, 'JWKS')))).toBe(`{"keys":${honest}}`);
    double.overrideJwks(`{"keys":${honest},"keys":${leaky}}`);
    const { jwks: last } = await readClusterDocuments(client, 15000);
    expect(() => parseJwks(last, 'JWKS')).toThrow('private key material (d)');
  });
});

describe('every other call to a hostile cluster', () => {
  it('stops reading an answer past 16 MiB (irsa-role reads the discovery document this way)', async () => {
    const served = double.answerOidcHostile('discovery', { kind: 'stream', bytes: 100 * 1024 * 1024 });
    const error = await kubeJson(client, 'GET', '/.well-known/openid-configuration').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('more than 16 MiB');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(served.abandoned).toBe(true);
    expect(served.bytes).toBeLessThan(64 * 1024 * 1024);
  });
});
