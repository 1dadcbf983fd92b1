// kubeErrorText: what an error of a cluster call says, on one line, bounded and redacted. The first
// line alone of what is not a Status (a proxy's HTML page, a Go panic's text, an exec plugin's
// stderr) is often nothing useful ("<html>", "HTTP-Code: 500"), and a cluster's answer may quote a
// secret that a cut would split.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { maskedValues, redactSecrets } from '../src/io/redact.js';
import { KubeApiError, kubeCall, loadKubeClient } from '../src/kube/client.js';
import { kubeErrorText, MAX_KUBE_ERROR_TEXT } from '../src/kube/error-text.js';

const NGINX_502 = [
  '<html>',
  '<head><title>502 Bad Gateway</title></head>',
  '<body>',
  '<center><h1>502 Bad Gateway</h1></center>',
  '<hr><center>nginx/1.25.3</center>',
  '</body>',
  '</html>',
  ''
].join('\r\n');

const GO_PANIC = [
  'exec: executable aws-iam-authenticator failed with exit code 2',
  'panic: runtime error: invalid memory address or nil pointer dereference',
  '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a2b1c]',
  '',
  'goroutine 1 [running]:',
  'main.token(...)',
  '\t/src/cmd/token.go:42 +0x1c'
].join('\n');

// No value masked: what is read is what is quoted.
const plain = (text: string): string => text;

const answer = (status: number, body: string): KubeApiError =>
  new KubeApiError('GET', '/api/v1/namespaces/default/serviceaccounts/x', { status, body, contentType: '' });

describe('kubeErrorText', () => {
  it("keeps the text of a proxy's HTML error page, without its markup, on one line", () => {
    const text = kubeErrorText(answer(502, NGINX_502), plain);
    expect(text).toBe(
      'GET /api/v1/namespaces/default/serviceaccounts/x answered HTTP 502: 502 Bad Gateway 502 Bad Gateway nginx/1.25.3'
    );
  });

  it("keeps a Go panic's reason past its first line, line breaks collapsed", () => {
    const text = kubeErrorText(new Error(GO_PANIC), plain);
    expect(text).toContain(
      'exec: executable aws-iam-authenticator failed with exit code 2 panic: runtime error:'
    );
    expect(text).toContain('goroutine 1 [running]:');
    expect(text).not.toMatch(/[\r\n\t]/);
  });

  it("keeps a plain-text answer's lines (kube-apiserver's own panic answer) after the call", () => {
    expect(
      kubeErrorText(
        answer(500, 'This request caused apiserver to panic.\nLook in the logs for details.\n'),
        plain
      )
    ).toBe(
      'GET /api/v1/namespaces/default/serviceaccounts/x answered HTTP 500: This request caused apiserver to panic. Look in the logs for details.'
    );
  });

  it("gives a Status's message on one line (a webhook's refusal may span several)", () => {
    const status = JSON.stringify({
      kind: 'Status',
      message: 'admission webhook "x" denied the request:\n- rule a\n- rule b'
    });
    expect(kubeErrorText(answer(400, status), plain)).toBe(
      'admission webhook "x" denied the request: - rule a - rule b'
    );
  });

  it('leaves out the headers client-node puts in its message', () => {
    const error = Object.assign(
      new Error(
        'HTTP-Code: 502\nMessage: Unknown API Status Code!\nBody: "bad gateway"\nHeaders: {"set-cookie":["session=abc"]}'
      ),
      { body: 'bad gateway' }
    );
    const text = kubeErrorText(error, plain);
    expect(text).toContain('Unknown API Status Code! Body: "bad gateway"');
    expect(text).not.toContain('session=abc');
  });

  it('is bounded, however long the answer', () => {
    const text = kubeErrorText(answer(502, `<html><body>${'x '.repeat(100_000)}</body></html>`), plain);
    expect(text.length).toBeLessThanOrEqual(MAX_KUBE_ERROR_TEXT);
    expect(text.endsWith('…')).toBe(true);
    const status = JSON.stringify({ kind: 'Status', message: 'y'.repeat(100_000) });
    expect(kubeErrorText(answer(500, status), plain).length).toBeLessThanOrEqual(MAX_KUBE_ERROR_TEXT);
  });

  it('redacts before it cuts: a secret across the bound leaves no piece', () => {
    const secret = 'exec-token-0123456789abcdef';
    const message = `${'a'.repeat(MAX_KUBE_ERROR_TEXT - 10)} ${secret} tail`;
    const text = kubeErrorText(new Error(message), (value) => redactSecrets(value, [secret]));
    expect(text).not.toContain(secret.slice(0, 8));
    expect(text).toContain('***');
  });
});

describe("a cluster call's error", () => {
  const SECRET = 'aws-secret-0123456789abcdefXYZ';
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/html' });
      res.end(`<html><body><h1>400 Bad Request</h1>\n<p>header was: ${SECRET}</p></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('holds the answer redacted of every value the run masked, whoever masked it', async () => {
    const run = maskedValues(() => undefined);
    run.mask(SECRET);
    const kubeconfig = `{apiVersion: v1, kind: Config, clusters: [{name: c, cluster: {server: '${url}'}}], users: [{name: u, user: {token: kube-token-0123456789}}], contexts: [{name: x, context: {cluster: c, user: u}}], current-context: x}`;
    const client = await loadKubeClient({ input: 'kubeconfig', value: kubeconfig }, run);
    const error = await kubeCall(client, 'GET', '/api/v1/namespaces/default').catch(
      (thrown: unknown) => thrown
    );
    expect(error).toBeInstanceOf(KubeApiError);
    expect((error as KubeApiError).body).not.toContain(SECRET);
    const text = kubeErrorText(error, plain);
    expect(text).toBe('GET /api/v1/namespaces/default answered HTTP 400: 400 Bad Request header was: ***');
  });
});
