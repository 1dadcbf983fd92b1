// A user name and password in a kubeconfig's server URL (https://admin:PASSWORD@host:6443) must never
// reach the log: not in an error that names the server, not anywhere else the run prints.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { runAction } from '../src/io/entry.js';
import { stdoutLines } from '../src/io/workflow-commands.js';
import { loadKubeClient } from '../src/kube/client.js';
import { parseKubeconfig, serverUserinfoSecrets, withoutUserinfo } from '../src/kube/kubeconfig.js';
import { publishOidcAction } from '../src/publish-oidc/action.js';
import { verifyIrsaAction } from '../src/verify-irsa/action.js';

const PASSWORD = 'S3cretPassw0rd';

const kubeconfig = (server: string): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Config',
  'current-context': 'admin@demo',
  contexts: [{ name: 'admin@demo', context: { cluster: 'demo', user: 'admin' } }],
  clusters: [{ name: 'demo', cluster: { server } }],
  users: [{ name: 'admin', user: { token: 'a-bearer-token-0123' } }]
});

describe('a user name and password in the server URL', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'talos-irsa-userinfo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops the run with one line that names the input and the server without them', () => {
    const server = `https://admin:${PASSWORD}@127.0.0.1:9`;
    expect(() => parseKubeconfig(kubeconfig(server), 'kubeconfig-path')).toThrow(
      "Input 'kubeconfig-path': its server https://127.0.0.1:9 has a user name or password in its URL " +
        '(user:password@), which the action does not send: kube-apiserver has not accepted basic auth since ' +
        'Kubernetes 1.19. Remove it from the URL and authenticate with a client certificate, a token or an ' +
        'exec plugin.'
    );
  });

  it.each([
    ['a password with an @', `https://admin:S3cret@Passw0rd@127.0.0.1:6443`, ['S3cret', 'Passw0rd']],
    ['a password with a raw /', 'https://admin:pa/ssw0rd99@127.0.0.1:6443', ['pa/ss', 'ssw0rd99']],
    ['a password with a raw \\', 'https://admin:pa\\ssw0rd99@127.0.0.1:6443', ['ssw0rd99']],
    ['a user name alone', 'https://gitlab-token-0123456@127.0.0.1:6443', ['gitlab-token']],
    ['an ftp URL', `ftp://admin:${PASSWORD}@127.0.0.1`, [PASSWORD]],
    ['no scheme', `admin:${PASSWORD}@127.0.0.1:6443`, [PASSWORD]]
  ])('keeps %s out of the error', (_what, server, secrets) => {
    let message = '';
    try {
      parseKubeconfig(kubeconfig(server), 'kubeconfig');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Input 'kubeconfig': its server/);
    for (const secret of secrets) expect(message).not.toContain(secret);
  });

  // The authority ends at the first '/', as in Go's net/url (client-go's parser) and the WHATWG URL
  // parser: an '@' after it is in the path, so https://u:2024/x@h is host u, port 2024, path /x@h.
  it.each([
    ['https://rancher.example.com/k8s/clusters/c-m@x', 'rancher.example.com'],
    ['https://u:2024/x@h', 'u:2024']
  ])("leaves an '@' in a server's path alone: %s", (server, host) => {
    expect(withoutUserinfo(server)).toBe(server);
    expect(serverUserinfoSecrets(kubeconfig(server))).toEqual([]);
    expect(parseKubeconfig(kubeconfig(server), 'kubeconfig').server).toBe(server);
    expect(new URL(`${server}/version`).host).toBe(host);
  });

  it('masks the password, as written and decoded, before anything can print it', async () => {
    const masked: string[] = [];
    const server = `https://admin:${PASSWORD}%21@127.0.0.1:9`;
    await expect(
      loadKubeClient({ input: 'kubeconfig', value: stringifyYaml(kubeconfig(server)) }, (secret) =>
        masked.push(secret)
      )
    ).rejects.toThrow("Input 'kubeconfig': its server https://127.0.0.1:9 has a user name or password");
    expect(masked).toEqual(expect.arrayContaining([`${PASSWORD}%21`, `${PASSWORD}!`]));
  });

  describe('through a whole run, as the runner sees its output', () => {
    let written: string[];
    const saved = { ...process.env };
    beforeEach(() => {
      written = [];
      jest.spyOn(stdoutLines, 'write').mockImplementation((line: string) => {
        written.push(line);
      });
    });
    afterEach(() => {
      jest.restoreAllMocks();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      process.exitCode = undefined;
    });

    it.each([
      ['publish-oidc', publishOidcAction, { BUCKET: 'talos-irsa-userinfo-test' }],
      ['verify-irsa', verifyIrsaAction, { 'ROLE-ARN': 'arn:aws:iam::123456789012:role/irsa-verify' }]
    ])('%s prints the password nowhere but in an add-mask command', async (action, main, inputs) => {
      const path = join(dir, `kubeconfig-${action}`);
      // Port 9 (discard) refuses: before the fix the run got as far as "cannot reach the cluster at …".
      writeFileSync(path, stringifyYaml(kubeconfig(`https://admin:${PASSWORD}@127.0.0.1:9`)));
      for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name}`] = value;
      process.env['INPUT_KUBECONFIG-PATH'] = path;
      process.env.AWS_REGION = 'us-east-1';
      await runAction(action, main);
      expect(process.exitCode).toBe(1);
      const masks = written.filter((line) => line.startsWith('::add-mask::'));
      expect(masks.join('')).toContain(PASSWORD);
      const rest = written.filter((line) => !line.startsWith('::add-mask::'));
      expect(rest.join('')).not.toContain(PASSWORD);
      expect(rest).toContainEqual(
        expect.stringMatching(
          /^::error::Input 'kubeconfig-path': its server https:\/\/127\.0\.0\.1:9 has a user name/
        )
      );
    });
  });
});
