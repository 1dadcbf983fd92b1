// What a reader of the job summary or of a step output sees of a secret the run masked. The runner
// masks the log, in the forms its secret masker knows (as written, JSON-escaped, URL-encoded, base64);
// the summary file and the outputs are not masked by anyone but the action. Here an API server (or a
// proxy in front of it) that quotes the bearer token back in its Status message, in those forms:
// run as the runner runs the committed bundle, nothing of the token may reach the summary or an output.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { runBundle } from './harness/run-bundle.js';

// '/', '+' and '=' make its URL-encoded form differ from it; '&' and '|' its Markdown table form.
const TOKEN = 'Sekret/Token+0123456789=abc&def|ghi';

/** The forms a careless server or proxy quotes a token in. */
function echoes(token: string): string[] {
  return [
    token,
    encodeURIComponent(token),
    Buffer.from(token).toString('base64'),
    // The token inside a larger base64 text (say "user:TOKEN" encoded), one and two bytes in.
    Buffer.from(`x${token}`).toString('base64'),
    Buffer.from(`xy${token}`).toString('base64')
  ];
}

let server: Server;
let url: string;

/** A 401 Status quoting the token in each form. */
function refusal(token: string): { status: number; body: string } {
  return {
    status: 401,
    body: JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: `token refused: ${echoes(token).join(' ; ')} at https://proxy.example/auth?t=${encodeURIComponent(token)}`,
      reason: 'Unauthorized',
      code: 401
    })
  };
}

/** What the server answers each request, from the bearer token it was sent. */
let answer = refusal;

beforeAll(async () => {
  server = createServer((req, res) => {
    const { status, body } = answer(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function kubeconfig(): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: c',
    `  cluster: {server: '${url}'}`,
    'users:',
    '- name: u',
    `  user: {token: '${TOKEN}'}`,
    'contexts:',
    '- name: x',
    '  context: {cluster: c, user: u}',
    'current-context: x',
    ''
  ].join('\n');
}

/** Every form of the token a reader could decode, and the token's own characters when Markdown-escaped. */
function leaks(text: string): string[] {
  const [plain, urlEncoded, base64, ...shifted] = echoes(TOKEN);
  const forms = [
    plain ?? '',
    urlEncoded ?? '',
    (base64 ?? '').replace(/=+$/, ''),
    // What of the token's bytes alone decides, away from the text around it.
    ...shifted.map((text) => text.slice(4, -4)),
    JSON.stringify(TOKEN).slice(1, -1),
    TOKEN.replace(/&/g, '&amp;').replace(/\|/g, '\\|')
  ];
  return forms.filter((form) => text.includes(form));
}

describe('a secret the run masked, quoted back by the cluster', () => {
  it('verify-irsa: neither the summary nor the diagnosis output holds the token in any form', async () => {
    const run = await runBundle(
      'verify-irsa',
      {
        kubeconfig: kubeconfig(),
        'role-arn': 'arn:aws:iam::123456789012:role/app',
        namespace: 'default',
        'service-account': 'app',
        mode: 'token',
        region: 'us-east-1'
      },
      { env: { RUNNER_DEBUG: '1', AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }, timeoutMs: 60_000 }
    );
    expect(run.status).toBe(1);
    expect(run.masks).toContain(TOKEN);
    expect(leaks(run.summary)).toEqual([]);
    expect(leaks(JSON.stringify(run.outputs))).toEqual([]);
    // The check failed on the cluster's refusal, and said so where the token was.
    expect(run.summary).toContain('token refused: ***');
    expect(run.outputs.verified).toBe('false');
    // Still JSON, with the token's place marked as the log marks it.
    const diagnosis = JSON.parse(run.outputs.diagnosis ?? '') as Array<{ detail: string }>;
    expect(diagnosis[0]?.detail).toContain('token refused: ***');
  });

  it('publish-oidc: a failing answer cut short for the error line does not cut a token into a piece the log would not mask', async () => {
    // A proxy's error page that quotes the request's Authorization header, the token ending past the
    // 200 characters of the body the error line quotes.
    answer = (token) => ({ status: 500, body: `${'x'.repeat(160)} Authorization: Bearer ${token}` });
    try {
      const run = await runBundle(
        'publish-oidc',
        { kubeconfig: kubeconfig(), bucket: 'talos-irsa-redaction-probe', region: 'us-east-1' },
        { env: { RUNNER_DEBUG: '1', AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }, timeoutMs: 60_000 }
      );
      expect(run.status).toBe(1);
      expect(run.masks).toContain(TOKEN);
      expect(run.errors.join('\n')).toContain('answered HTTP 500');
      // The runner masks the whole token only: no line but the mask itself may hold a piece of it.
      const printed = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
      expect(printed.filter((line) => line.includes(TOKEN.slice(0, 8)))).toEqual([]);
    } finally {
      answer = refusal;
    }
  });
});
