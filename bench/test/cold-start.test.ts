// The timing machinery against stand-in programs, so a figure is known to measure what it says:
// exit after a validation error, and the first connection of a process that then stays alive.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { createTestCa } from '../../test/stack/tls.js';
import {
  failedInputProblem,
  timeToExit,
  timeToFirstContact,
  writeFakeTerraform,
  recorderKubeconfig
} from '../cold-start.js';
import { startFirstContactRecorder, type FirstContactRecorder } from '../first-contact.js';
import { httpsReference } from '../reference.js';

let dir: string;
let recorder: FirstContactRecorder;
let caPem: string;
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bench-cold-start-'));
  const ca = createTestCa(join(dir, 'ca'));
  caPem = ca.caPem;
  recorder = await startFirstContactRecorder(ca.issue('bench-recorder-test'));
});
after(async () => {
  await recorder.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('timeToExit', () => {
  it('reports the exit status and stdout of the run it timed', async () => {
    const run = await timeToExit(
      process.execPath,
      ['-e', 'console.log("::error::Input \'x\': missing"); process.exit(1)'],
      env
    );
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^::error::Input 'x'/);
    assert.ok(run.ms > 0);
  });
});

describe('failedInputProblem', () => {
  it('counts a non-zero exit with exactly one ::error:: and nothing else', () => {
    assert.equal(
      failedInputProblem({ ms: 1, status: 1, stdout: "::error::Input 'x': missing\n" }),
      undefined
    );
    assert.match(failedInputProblem({ ms: 1, status: 0, stdout: '::error::x\n' }) ?? '', /got exit 0 and 1/);
    assert.match(
      failedInputProblem({ ms: 1, status: 1, stdout: '::error::a\n::error::b\n' }) ?? '',
      /and 2$/
    );
    assert.match(failedInputProblem({ ms: 1, status: 1, stdout: 'no command\n' }) ?? '', /and 0$/);
  });
});

describe('timeToFirstContact', () => {
  it('stops the clock at the first request, before the process would have ended', async () => {
    // Sends after ~50 ms, then would idle for 30 s: a figure near 30 s would mean the wrong moment.
    const script = join(dir, 'connects.mjs');
    writeFileSync(
      script,
      `import { connect } from 'node:net';\nsetTimeout(() => connect(${recorder.plainPort}, '127.0.0.1').write('POST / HTTP/1.1\\r\\n'), 50);\nsetTimeout(() => {}, 30000);\n`
    );
    const contact = await timeToFirstContact(process.execPath, script, env, recorder);
    assert.ok('ms' in contact, JSON.stringify(contact));
    assert.ok(contact.ms >= 50 && contact.ms < 20_000, `${contact.ms}`);
  });

  it('on the plain listener, times the first bytes, not a connection opened early', async () => {
    // Connects at once and sends 400 ms later: a connection held open is not yet a request.
    const script = join(dir, 'connects-early.mjs');
    writeFileSync(
      script,
      `import { connect } from 'node:net';\nconst socket = connect(${recorder.plainPort}, '127.0.0.1');\nsetTimeout(() => socket.write('POST / HTTP/1.1\\r\\n'), 400);\nsetTimeout(() => {}, 30000);\n`
    );
    const contact = await timeToFirstContact(process.execPath, script, env, recorder);
    assert.ok('ms' in contact, JSON.stringify(contact));
    assert.ok(contact.ms >= 400 && contact.ms < 20_000, `${contact.ms}`);
  });

  it('counts a TLS client (a kubeconfig pointing at the recorder) from its TCP connect', async () => {
    const script = join(dir, 'tls.mjs');
    writeFileSync(
      script,
      `import { connect } from 'node:tls';\nconnect({ host: '127.0.0.1', port: ${new URL(recorder.tlsUrl).port}, rejectUnauthorized: false }).on('error', () => {});\nsetTimeout(() => {}, 30000);\n`
    );
    const contact = await timeToFirstContact(process.execPath, script, env, recorder);
    assert.ok('ms' in contact && contact.ms < 20_000, JSON.stringify(contact));
  });

  it('times the https reference program to its connection to the recorder', async () => {
    const caPath = join(dir, 'reference-ca.pem');
    writeFileSync(caPath, caPem);
    const contact = await timeToFirstContact(
      process.execPath,
      httpsReference(join(import.meta.dirname, '..', '..')),
      { ...env, REFERENCE_URL: recorder.tlsUrl, REFERENCE_CA: caPath },
      recorder
    );
    assert.ok('ms' in contact && contact.ms < 20_000, JSON.stringify(contact));
  });

  it('reports a process that exits without a request, with its ::error:: line', async () => {
    const script = join(dir, 'fails.mjs');
    writeFileSync(script, `console.log("::error::Input 'bucket': is required");\nprocess.exit(1);\n`);
    const contact = await timeToFirstContact(process.execPath, script, env, recorder);
    assert.deepEqual(contact, {
      problem: "exited 1 before any request: ::error::Input 'bucket': is required"
    });
  });

  it('sees the fake terraform connect when a process spawns it', async () => {
    const bin = writeFakeTerraform(join(dir, 'bin'), recorder.plainPort);
    const script = join(dir, 'spawns.mjs');
    writeFileSync(
      script,
      `import { spawnSync } from 'node:child_process';\nspawnSync('terraform', ['init']);\nsetTimeout(() => {}, 30000);\n`
    );
    const contact = await timeToFirstContact(
      process.execPath,
      script,
      { PATH: `${bin}:${env.PATH}` },
      recorder
    );
    assert.ok('ms' in contact && contact.ms < 20_000, JSON.stringify(contact));
  });
});

describe('recorderKubeconfig', () => {
  it('names the recorder as the server and trusts the bench CA', async () => {
    const config = parse(recorderKubeconfig(recorder.tlsUrl, caPem)) as {
      clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
    };
    assert.equal(config.clusters[0]?.cluster.server, recorder.tlsUrl);
    assert.equal(
      Buffer.from(config.clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64').toString(),
      caPem
    );
  });
});
