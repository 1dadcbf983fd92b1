// A cluster's failing answer, cut short for publish-oidc's error line and job summary, is redacted of
// every value the run masked before it is cut: not only of what the kube client masked itself. A
// value cut in two is recognised by neither the runner (which masks a value only whole) nor the
// entry's redaction of the summary, so its first part would be shown.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../src/io/entry.js';
import { stdoutLines } from '../src/io/workflow-commands.js';
import { publishOidcAction } from '../src/publish-oidc/action.js';

// Masked by another part of the run than the kube client (AWS credentials, a token an earlier
// module read): the cluster's proxy echoes it back.
const OTHER_SECRET = 'aws-session-0123456789abcdefXYZ';
const OTHER_PREFIX = OTHER_SECRET.slice(0, 10);

/** A proxy's HTML error page that quotes the secret across the 200th character, where publish-oidc cuts. */
function proxyPage(): string {
  const head =
    '<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1>\nupstream said: ';
  return `${head}${'.'.repeat(190 - head.length)}${OTHER_SECRET} and more</body></html>\n`;
}

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    // The JWKS is served, so that no request of the run is still being sent again when it ends.
    if (req.url === '/openid/v1/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"keys":[]}');
      return;
    }
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end(proxyPage());
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
    "  user: {token: 'kube-token-0123456789'}",
    'contexts:',
    '- name: x',
    '  context: {cluster: c, user: u}',
    'current-context: x',
    ''
  ].join('\n');
}

describe("publish-oidc's quote of a cluster's failing answer", () => {
  let written: string[];
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    written = [];
    jest.spyOn(stdoutLines, 'write').mockImplementation((line: string) => {
      written.push(line);
    });
    dir = mkdtempSync(join(tmpdir(), 'talos-irsa-redact-'));
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary');
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
    Object.assign(process.env, {
      INPUT_KUBECONFIG: kubeconfig(),
      INPUT_BUCKET: 'talos-irsa-redaction-test',
      'INPUT_MANAGE-BUCKET': 'false',
      'INPUT_CREATE-PROVIDER': 'false',
      'INPUT_VERIFY-PUBLIC': 'false'
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    process.exitCode = undefined;
  });

  it('is redacted of a value another part of the run masked before it is cut', async () => {
    expect(proxyPage().indexOf(OTHER_SECRET)).toBeLessThan(200);
    expect(proxyPage().indexOf(OTHER_SECRET) + OTHER_SECRET.length).toBeGreaterThan(200);
    await runAction('publish-oidc', async (ctx) => {
      ctx.mask(OTHER_SECRET);
      return publishOidcAction(ctx);
    });
    const errors = written.filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('answered HTTP 502 to the last of 4 attempts: <html>');
    expect(errors[0]).toContain('upstream said: ..');
    expect(errors[0]).not.toContain(OTHER_PREFIX);
    const summary = readFileSync(process.env.GITHUB_STEP_SUMMARY ?? '', 'utf8');
    expect(summary).toContain('HTTP 502');
    expect(summary).not.toContain(OTHER_PREFIX);
  });
});
