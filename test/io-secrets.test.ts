import { describe, expect, it } from '@jest/globals';
import { maskSecret, secretFragments } from '../src/io/secrets.js';

const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJrVENDQVRlZ0F3SUJBZ0lJ
    server: https://api.example.com:6443
  name: demo
users:
- name: admin
  user:
    client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUZ4c2VjcmV0a2V5
    token: eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl
contexts:
- context: {cluster: demo, user: admin}
  name: demo
current-context: demo
`;

describe('masking', () => {
  it('masks the whole multi-line value and every secret-bearing line and value', () => {
    const masked: string[] = [];
    maskSecret(kubeconfig, (s) => masked.push(s));
    expect(masked).toContain(kubeconfig.trim());
    expect(masked).toContain('eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl');
    expect(masked).toContain('token: eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl');
    expect(masked).toContain('LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUZ4c2VjcmV0a2V5');
    expect(masked).toContain('LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJrVENDQVRlZ0F3SUJBZ0lJ');
  });

  it('leaves non-secret lines alone so the log stays readable', () => {
    const fragments = secretFragments(kubeconfig);
    expect(fragments).not.toContain('server: https://api.example.com:6443');
    expect(fragments).not.toContain('kind: Config');
    expect(fragments.some((f) => f === 'v1' || f === 'demo')).toBe(false);
  });

  it('masks every line of a PEM body', () => {
    const pem =
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----';
    const fragments = secretFragments(pem);
    expect(fragments).toContain('MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun');
    expect(fragments).toContain('VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK');
  });

  it('masks a single-line secret whole and ignores values too short to mask safely', () => {
    expect(secretFragments('s3cr3t-token-value')).toEqual(['s3cr3t-token-value']);
    expect(secretFragments('abc')).toEqual([]);
  });

  it('finds the bare secret in JSON and flow-style kubeconfigs, on one line or many', () => {
    const document = {
      users: [
        { name: 'admin', user: { token: 'json-token-0123456789', 'client-key-data': 'a2V5LWRhdGEtYmFzZTY0' } }
      ]
    };
    for (const text of [JSON.stringify(document), JSON.stringify(document, null, 2)]) {
      const fragments = secretFragments(text);
      expect(fragments).toContain('json-token-0123456789');
      expect(fragments).toContain('a2V5LWRhdGEtYmFzZTY0');
      expect(fragments).not.toContain('admin');
    }
    const flow =
      "users:\n- name: admin\n  user: {token: flow-token-0123456789, client-key-data: 'a2V5LWRhdGE='}\n";
    expect(secretFragments(flow)).toEqual(expect.arrayContaining(['flow-token-0123456789', 'a2V5LWRhdGE=']));
  });

  it("masks an exec plugin's secret environment values by the variable's name, and only those", () => {
    const yamlEnv = [
      'users:',
      '- name: admin',
      '  user:',
      '    exec:',
      '      command: aws',
      '      env:',
      '      - name: AWS_SECRET_ACCESS_KEY',
      '        value: wJalrXUtnFEMI/K7MDENG/bPxRfiCY',
      '      - name: AWS_REGION',
      '        value: eu-west-1',
      ''
    ].join('\n');
    const jsonEnv = JSON.stringify({
      env: [
        { name: 'VAULT_TOKEN', value: 'hvs.CAESIJ-vault-token' },
        { name: 'AWS_PROFILE', value: 'production' }
      ]
    });
    expect(secretFragments(yamlEnv)).toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCY');
    expect(secretFragments(yamlEnv)).not.toContain('eu-west-1');
    expect(secretFragments(jsonEnv)).toContain('hvs.CAESIJ-vault-token');
    expect(secretFragments(jsonEnv)).not.toContain('production');
  });

  it("masks an exec plugin's secret environment value written before its name, as YAML and JSON allow", () => {
    const yamlEnv = [
      '    exec:',
      '      command: vault-kube-login',
      '      env:',
      '      - value: hvs.CAESIJ-value-first',
      '        name: VAULT_TOKEN',
      '      - value: production',
      '        name: AWS_PROFILE',
      ''
    ].join('\n');
    const jsonEnv = JSON.stringify({
      env: [
        { value: 'wJalrXUtnFEMI/K7MDENG/value-first', name: 'AWS_SECRET_ACCESS_KEY' },
        { value: 'eu-west-1', name: 'AWS_REGION' }
      ]
    });
    expect(secretFragments(yamlEnv)).toContain('hvs.CAESIJ-value-first');
    expect(secretFragments(yamlEnv)).not.toContain('production');
    expect(secretFragments(jsonEnv)).toContain('wJalrXUtnFEMI/K7MDENG/value-first');
    expect(secretFragments(jsonEnv)).not.toContain('eu-west-1');
  });

  it("masks an exec plugin's argument that follows a secret's flag, in a block or a flow list", () => {
    const block = [
      '    exec:',
      '      command: kubelogin',
      '      args:',
      '      - get-token',
      '      - --client-secret',
      '      - oidc-client-secret-in-args',
      '      - --server-id',
      '      - 6dae42f8-4368',
      ''
    ].join('\n');
    const flow = `    exec: {command: get-token, args: ["--token", "flow-token-in-args-0123", "--cluster", "prod-cluster"]}`;
    expect(secretFragments(block)).toContain('oidc-client-secret-in-args');
    expect(secretFragments(block)).not.toContain('6dae42f8-4368');
    expect(secretFragments(flow)).toContain('flow-token-in-args-0123');
    expect(secretFragments(flow)).not.toContain('prod-cluster');
  });

  it('masks a JSON string as written and as it reads unescaped', () => {
    const fragments = secretFragments('{"password": "pa\\"ss\\/word"}');
    expect(fragments).toEqual(expect.arrayContaining(['pa\\"ss\\/word', 'pa"ss/word']));
  });

  it('reads a value of megabytes without scanning it once per character', () => {
    const blob = 'QUJD'.repeat(256 * 1024);
    expect(secretFragments(`client-key-data: ${blob}\nkind: Config\n`)).toContain(blob);
    expect(secretFragments(`${blob}\n${blob}`)).toEqual([`${blob}\n${blob}`, blob]);
  });
});
