import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
    try {
      writeFileSync(join(dir, 'ca.pem'), 'CA-FILE');
      writeFileSync(join(dir, 'token'), 'file-token\n');
      const parsed = parseKubeconfig(
        base({ tokenFile: join(dir, 'token') }, { 'certificate-authority': join(dir, 'ca.pem') }),
        'kubeconfig-path'
      );
      expect(parsed.connection?.ca?.toString()).toBe('CA-FILE');
      expect(parsed.connection?.token).toBe('file-token');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

  it('suggests kubeconfig-path when the kubeconfig input holds what looks like a path', () => {
    expect(() => parseKubeconfig('/home/runner/.kube/config', 'kubeconfig')).toThrow(
      "Input 'kubeconfig': does not parse as a kubeconfig (not a YAML map). If that is the path of a file, give it as kubeconfig-path."
    );
    expect(() => parseKubeconfig('not a kubeconfig at all', 'kubeconfig')).toThrow(/not a YAML map\)\.$/);
    expect(() => parseKubeconfig('[]', 'kubeconfig-path')).toThrow(/not a YAML map\)\.$/);
  });

  it('names a CA file it cannot read', () => {
    expect(() =>
      parseKubeconfig(base({}, { 'certificate-authority': '/nonexistent/ca.pem' }), 'kubeconfig-path')
    ).toThrow(
      "Input 'kubeconfig-path': its certificate-authority file '/nonexistent/ca.pem' cannot be read."
    );
  });
});

describe('a kubeconfig-path that names no file', () => {
  it.each([
    'no/such/kubeconfig',
    // Base64's characters alone, but it decodes to no kubeconfig.
    'clusters/prod/kubeconfig',
    'abcdef.yaml',
    'kubeconfig-0123456789abcdef.yaml',
    'clusters/abcdef.0123456789abcdef/kubeconfig'
  ])('is quoted back when it reads as a path: %s', async (path) => {
    await expect(loadKubeClient({ input: 'kubeconfig-path', value: path }, () => undefined)).rejects.toThrow(
      `Input 'kubeconfig-path': cannot read '${path}' (ENOENT).`
    );
  });

  // The runner masks no path input: a token pasted there would show in the error and the summary.
  it.each([
    ['a service account JWT', 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl'],
    ['an opaque token', 'Zm9vYmFyYmF6cXV1eGNvcmdlZ3JhdWx0Z2FycGx5'],
    // Kubernetes' own example of the form (Authenticating with Bootstrap Tokens).
    ['a bootstrap token', '07401b.f395accd246ae52d']
  ])('is masked and not quoted when it reads as a token: %s', async (_kind, token) => {
    const masked: string[] = [];
    const error = await loadKubeClient({ input: 'kubeconfig-path', value: token }, (secret) =>
      masked.push(secret)
    ).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^Input 'kubeconfig-path': names no file that can be read \((ENOENT|ENAMETOOLONG)\)/
    );
    expect((error as Error).message).not.toContain(token);
    expect(masked).toContain(token);
  });

  // As a secret often holds one. ASCII text's base64 has a '/' only for a '?' at every third byte (as
  // in this comment), other text's anywhere.
  const plain = stringifyYaml(base({ token: 'a-bearer-token-of-the-admin' }));
  const annotated = `# is this prod? yes\n${plain}`;
  it.each([
    ['without a slash', Buffer.from(plain).toString('base64')],
    ['with a slash', Buffer.from(annotated).toString('base64')],
    ['URL-safe, unpadded', Buffer.from(annotated).toString('base64url')]
  ])('masks a kubeconfig base64-encoded on one line (%s) and never quotes it', async (_how, encoded) => {
    expect(encoded.includes('/')).toBe(_how === 'with a slash');
    const masked: string[] = [];
    const error = await loadKubeClient({ input: 'kubeconfig-path', value: encoded }, (secret) =>
      masked.push(secret)
    ).catch((thrown: unknown) => thrown);
    expect((error as Error).message).toBe(
      "Input 'kubeconfig-path': holds a kubeconfig base64-encoded, not a path to one; decode it and pass the content as kubeconfig instead."
    );
    expect(masked).toContain(encoded);
    expect(masked).toContain('a-bearer-token-of-the-admin');
  });

  it('masks a whole kubeconfig pasted there without reading it as a path', async () => {
    const pasted = stringifyYaml(base({ token: 'a-bearer-token-of-the-admin' }));
    const masked: string[] = [];
    await expect(
      loadKubeClient({ input: 'kubeconfig-path', value: pasted }, (secret) => masked.push(secret))
    ).rejects.toThrow(
      "Input 'kubeconfig-path': holds a kubeconfig's content, not a path to one; pass the content as kubeconfig instead."
    );
    expect(masked).toContain(pasted.trim());
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

describe('relative paths in a kubeconfig', () => {
  let double: KubeDouble;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'talos-irsa-kc-rel-'));
    double = await startKubeDouble({
      ca: createTestCa(join(dir, 'pki')),
      issuer: 'https://issuer.example/kc-rel'
    });
  });
  afterAll(async () => {
    await double.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A directory holding ca.pem, certs/client.crt, certs/client.key and token, each naming `tag`. */
  function filesIn(name: string, tag: string): string {
    const at = join(dir, name);
    mkdirSync(join(at, 'certs'), { recursive: true });
    writeFileSync(join(at, 'ca.pem'), `CA ${tag}`);
    writeFileSync(join(at, 'certs', 'client.crt'), `CERT ${tag}`);
    writeFileSync(join(at, 'certs', 'client.key'), `KEY ${tag}`);
    writeFileSync(join(at, 'token'), `token-${tag}\n`);
    return at;
  }

  const relative = (): unknown =>
    base(
      { 'client-certificate': 'certs/client.crt', 'client-key': './certs/client.key', tokenFile: 'token' },
      { 'certificate-authority': 'ca.pem' }
    );

  it("reads them from the kubeconfig file's directory, as kubectl --kubeconfig does", async () => {
    const kubeDir = filesIn('from-file', 'beside-the-file');
    // The workspace holds the same names: the reader must not take them from there, nor from the cwd.
    const workspaceDir = filesIn('workspace-a', 'in-the-workspace');
    const path = join(kubeDir, 'kubeconfig');
    writeFileSync(path, stringifyYaml(relative()));
    const client = await loadKubeClient({ input: 'kubeconfig-path', value: path }, () => undefined, {
      GITHUB_WORKSPACE: workspaceDir
    });
    expect(client.connection?.ca?.toString()).toBe('CA beside-the-file');
    expect(client.connection?.cert?.toString()).toBe('CERT beside-the-file');
    expect(client.connection?.key?.toString()).toBe('KEY beside-the-file');
    expect(client.connection?.token).toBe('token-beside-the-file');
  });

  it('reads those of an inline kubeconfig from the workspace', async () => {
    const workspaceDir = filesIn('workspace-b', 'in-the-workspace');
    const client = await loadKubeClient(
      { input: 'kubeconfig', value: stringifyYaml(relative()) },
      () => undefined,
      { GITHUB_WORKSPACE: workspaceDir }
    );
    expect(client.connection?.ca?.toString()).toBe('CA in-the-workspace');
    expect(client.connection?.token).toBe('token-in-the-workspace');
  });

  it("takes a relative kubeconfig-path from the workspace and its paths from the file's directory", async () => {
    const workspaceDir = filesIn('workspace-c', 'in-the-workspace');
    const kubeDir = filesIn(join('workspace-c', 'cluster'), 'beside-the-file');
    writeFileSync(join(kubeDir, 'kubeconfig'), stringifyYaml(relative()));
    const client = await loadKubeClient(
      { input: 'kubeconfig-path', value: 'cluster/kubeconfig' },
      () => undefined,
      { GITHUB_WORKSPACE: workspaceDir }
    );
    expect(client.connection?.ca?.toString()).toBe('CA beside-the-file');
  });

  it('names the file it looked for when a relative one is missing', async () => {
    const kubeDir = join(dir, 'missing');
    mkdirSync(kubeDir);
    const path = join(kubeDir, 'kubeconfig');
    writeFileSync(path, stringifyYaml(base({}, { 'certificate-authority': 'ca.pem' })));
    await expect(
      loadKubeClient({ input: 'kubeconfig-path', value: path }, () => undefined, {})
    ).rejects.toThrow(
      `Input 'kubeconfig-path': its certificate-authority file '${join(kubeDir, 'ca.pem')}' cannot be read.`
    );
  });

  /** The double's kubeconfig with the user replaced (and its CA in a file beside it); returns its path. */
  function doubleKubeconfigFile(name: string, user: Record<string, unknown>, caFile = true): string {
    const kubeDir = join(dir, name);
    mkdirSync(kubeDir);
    writeFileSync(join(kubeDir, 'cluster-ca.pem'), double.caPem);
    const document = parseYaml(double.kubeconfig()) as {
      clusters: { cluster: Record<string, unknown> }[];
      users: { user: unknown }[];
    };
    for (const entry of document.clusters) {
      if (!caFile) continue;
      delete entry.cluster['certificate-authority-data'];
      entry.cluster['certificate-authority'] = 'cluster-ca.pem';
    }
    for (const entry of document.users) entry.user = user;
    const path = join(kubeDir, 'kubeconfig');
    writeFileSync(path, stringifyYaml(document), { mode: 0o600 });
    return path;
  }

  it('reaches the cluster with a CA file named relative to the kubeconfig, from another directory', async () => {
    const path = doubleKubeconfigFile('to-double', { token: double.token });
    const client = await loadKubeClient({ input: 'kubeconfig-path', value: path }, () => undefined, {
      GITHUB_WORKSPACE: dir
    });
    expect((await kubeRequest(client, 'GET', '/api/v1/namespaces/default')).status).toBe(200);
  });

  it.each([
    ['its CA inline', false],
    ['a CA file beside it', true]
  ])(
    "runs an exec plugin named ./bin/plugin relative to the kubeconfig, with %s (client-node's path)",
    async (_what, caFile) => {
      const path = doubleKubeconfigFile(
        `to-double-exec-${String(caFile)}`,
        {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: './bin/credential-plugin.sh',
            interactiveMode: 'Never'
          }
        },
        caFile
      );
      const credential = JSON.stringify({
        apiVersion: 'client.authentication.k8s.io/v1',
        kind: 'ExecCredential',
        status: { token: double.token }
      });
      mkdirSync(join(dirname(path), 'bin'));
      writeFileSync(
        join(dirname(path), 'bin', 'credential-plugin.sh'),
        `#!/bin/sh\ncat <<'EOF'\n${credential}\nEOF\n`,
        { mode: 0o700 }
      );
      const client = await loadKubeClient({ input: 'kubeconfig-path', value: path }, () => undefined, {
        GITHUB_WORKSPACE: dir
      });
      expect(client.connection).toBeUndefined();
      expect((await kubeRequest(client, 'GET', '/api/v1/namespaces/default')).status).toBe(200);
    }
  );
});
