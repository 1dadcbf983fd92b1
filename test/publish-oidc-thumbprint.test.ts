// The thumbprint publish-oidc registers, against local TLS servers with a three-level chain: IAM
// documents the last certificate the host sends (`openssl s_client -showcerts`), which is the top
// intermediate CA when the host does not send its root, and the chain must still verify.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { isUserError } from '../src/io/errors.js';
import { issuerThumbprint } from '../src/publish-oidc/issuer-thumbprint.js';

interface Made {
  pem: string;
  key: string;
  /** openssl's SHA-1 fingerprint, as IAM wants it: 40 lower-case hex digits. */
  thumbprint: string;
}

let dir: string;
const servers: tls.Server[] = [];

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function made(name: string): Made {
  const pem = readFileSync(join(dir, `${name}.pem`), 'utf8');
  const printed = openssl(['x509', '-in', `${name}.pem`, '-noout', '-fingerprint', '-sha1']);
  const thumbprint = printed.replace(/^.*=/, '').replace(/[:\s]/g, '').toLowerCase();
  return { pem, key: readFileSync(join(dir, `${name}.key`), 'utf8'), thumbprint };
}

function root(name: string): Made {
  // prettier-ignore
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '30',
    '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  return made(name);
}

function signed(name: string, issuer: string, extensions: string): Made {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${name}`
  ]);
  // prettier-ignore
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-CAcreateserial',
    '-days', '30', '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.pem`]);
  return made(name);
}

const CA = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n';
const SERVER =
  'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n';

let rootCa: Made;
let intermediate: Made;
let leaf: Made;
let directLeaf: Made;
let stranger: Made;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'publish-oidc-thumbprint-'));
  rootCa = root('root');
  intermediate = signed('intermediate', 'root', CA);
  leaf = signed('leaf', 'intermediate', SERVER);
  directLeaf = signed('direct-leaf', 'root', SERVER);
  stranger = root('stranger');
});
afterAll(async () => {
  for (const server of servers) await new Promise((done) => server.close(done));
  rmSync(dir, { recursive: true, force: true });
});

/** An HTTPS issuer host sending `chain` (leaf first) as its certificate. */
async function host(chain: Made[]): Promise<string> {
  const [first] = chain;
  const server = tls.createServer(
    { cert: chain.map((cert) => cert.pem).join(''), key: first?.key ?? '' },
    (socket) => socket.end()
  );
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return `https://127.0.0.1:${address.port}/issuer`;
}

describe('issuerThumbprint', () => {
  it('takes the top intermediate CA when the host does not send its root, and names the root it did not send', async () => {
    const url = await host([leaf, intermediate]);
    expect(await issuerThumbprint(url, { ca: [rootCa.pem] })).toEqual({
      thumbprint: intermediate.thumbprint,
      unsentRoot: rootCa.thumbprint
    });
  });

  it('takes the root when the host sends it too', async () => {
    const url = await host([leaf, intermediate, rootCa]);
    expect(await issuerThumbprint(url, { ca: [rootCa.pem] })).toEqual({
      thumbprint: rootCa.thumbprint,
      unsentRoot: undefined
    });
  });

  it('takes the leaf of a host that sends no CA certificate', async () => {
    const url = await host([directLeaf]);
    expect(await issuerThumbprint(url, { ca: [rootCa.pem] })).toEqual({
      thumbprint: directLeaf.thumbprint,
      unsentRoot: rootCa.thumbprint
    });
  });

  it('follows issuance, not a certificate the host sends beyond its chain', async () => {
    const url = await host([leaf, intermediate, stranger]);
    expect((await issuerThumbprint(url, { ca: [rootCa.pem] })).thumbprint).toBe(intermediate.thumbprint);
  });

  it('refuses a host whose chain does not verify against the trust roots', async () => {
    const url = await host([leaf, intermediate]);
    const error = await issuerThumbprint(url, { ca: [stranger.pem] }).catch((caught: unknown) => caught);
    expect(isUserError(error) && error.input).toBe('issuer-url');
    expect(String(error)).toContain('unable to get local issuer certificate');
  });
});
