import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKubeconfig } from '../src/kube/kubeconfig.js';

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
