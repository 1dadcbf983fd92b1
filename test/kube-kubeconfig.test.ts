import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { kubeRequest, loadKubeClient } from '../src/kube/client.js';
import { parseKubeconfig } from '../src/kube/kubeconfig.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { createTestCa } from './stack/tls.js';

const base = (user: Record<string, unknown>, cluster: Record<string, unknown> = {}): unknown => ({
  apiVersion: 'v1',
  kind: 'Config',
  'current-context': 'admin@demo',
  contexts: [{ name: 'admin@demo', context: { cluster: 'demo', user: 'admin' } }],
  clusters: [{ name: 'demo', cluster: { server: 'https://api.example.com:6443/', ...cluster } }],
  users: [{ name: 'admin', user }]
});

describe('kubeconfig reader', () => {
  it('reads server, CA data, client certificate and token without client-node', () => {
    const parsed = parseKubeconfig(
      base(
        {
          token: 'abc',
          'client-certificate-data': Buffer.from('CERT').toString('base64'),
          'client-key-data': Buffer.from('KEY').toString('base64')
        },
        { 'certificate-authority-data': Buffer.from('CA').toString('base64') }
      ),
      'kubeconfig'
    );
    expect(parsed.server).toBe('https://api.example.com:6443');
    expect(parsed.connection?.token).toBe('abc');
    expect(parsed.connection?.ca?.toString()).toBe('CA');
    expect(parsed.connection?.cert?.toString()).toBe('CERT');
    expect(parsed.connection?.key?.toString()).toBe('KEY');
    expect(parsed.connection?.insecure).toBe(false);
  });

  it('reads the CA and token from files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-irsa-kc-'));
    writeFileSync(join(dir, 'ca.pem'), 'CA-FILE');
    writeFileSync(join(dir, 'token'), 'file-token\n');
    const parsed = parseKubeconfig(
      base({ tokenFile: join(dir, 'token') }, { 'certificate-authority': join(dir, 'ca.pem') }),
      'kubeconfig-path'
    );
    expect(parsed.connection?.ca?.toString()).toBe('CA-FILE');
    expect(parsed.connection?.token).toBe('file-token');
  });

  it.each(['exec', 'auth-provider', 'username'])('leaves %s users to client-node', (key) => {
    expect(parseKubeconfig(base({ [key]: { command: 'aws' } }), 'kubeconfig').connection).toBeUndefined();
  });

  it.each([
    ['a list', [], "Input 'kubeconfig': does not parse as a kubeconfig"],
    ['no current-context', { contexts: [] }, "Input 'kubeconfig': has no current-context."],
    [
      'an undefined context',
      { 'current-context': 'x', contexts: [] },
      "names current-context 'x', which it does not define."
    ],
    ['an ftp server', base({}, { server: 'ftp://x' }), "its server 'ftp://x' is not an http(s) URL."]
  ])('rejects a kubeconfig with %s, naming the input', (_what, document, message) => {
    expect(() => parseKubeconfig(document, 'kubeconfig')).toThrow(message);
  });

  it('names a CA file it cannot read', () => {
    expect(() =>
      parseKubeconfig(base({}, { 'certificate-authority': '/nonexistent/ca.pem' }), 'kubeconfig-path')
    ).toThrow(
      "Input 'kubeconfig-path': its certificate-authority file '/nonexistent/ca.pem' cannot be read."
    );
  });
});

describe('secrets that reach the client from outside the kubeconfig text', () => {
  let double: KubeDouble;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'talos-irsa-kc-mask-'));
    double = await startKubeDouble({
      ca: createTestCa(join(dir, 'ca')),
      issuer: 'https://issuer.example/kc-mask'
    });
  });
  afterAll(async () => {
    await double.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The double's kubeconfig with its user replaced. */
  function kubeconfigWithUser(user: Record<string, unknown>): string {
    const document = parseYaml(double.kubeconfig()) as { users: { user: unknown }[] };
    for (const entry of document.users) entry.user = user;
    return stringifyYaml(document);
  }

  it('masks a token read from a tokenFile and a key read from a client-key file', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${double.token}\n`, { mode: 0o600 });
    const keyFile = join(dir, 'client.key');
    const keyPem =
      '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIK3yq4a9mUa6t5Q0example0key0body0AoGCCqGSM49\n-----END EC PRIVATE KEY-----\n';
    writeFileSync(keyFile, keyPem, { mode: 0o600 });
    const masked: string[] = [];
    const client = await loadKubeClient(
      { input: 'kubeconfig', value: kubeconfigWithUser({ tokenFile, 'client-key': keyFile }) },
      (secret) => masked.push(secret)
    );
    expect(client.connection?.token).toBe(double.token);
    expect(masked).toContain(double.token);
    expect(masked).toContain('MHcCAQEEIK3yq4a9mUa6t5Q0example0key0body0AoGCCqGSM49');
  });

  it("masks an exec plugin's token when it is handed over, once however many requests use it", async () => {
    const plugin = join(dir, 'credential-plugin.sh');
    const credential = JSON.stringify({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { token: double.token }
    });
    writeFileSync(plugin, `#!/bin/sh\ncat <<'EOF'\n${credential}\nEOF\n`, { mode: 0o700 });
    const masked: string[] = [];
    const client = await loadKubeClient(
      {
        input: 'kubeconfig',
        value: kubeconfigWithUser({
          exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' }
        })
      },
      (secret) => masked.push(secret)
    );
    expect(client.connection).toBeUndefined();
    expect(masked).not.toContain(double.token);
    for (let i = 0; i < 2; i++)
      expect((await kubeRequest(client, 'GET', '/api/v1/namespaces/default')).status).toBe(200);
    expect(masked.filter((secret) => secret === double.token)).toHaveLength(1);
  });
});
