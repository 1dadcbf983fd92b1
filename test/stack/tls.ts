// Test PKI for the local stack: one CA, and server certificates it signs for loopback names.
// openssl does the X.509 work because Node has no API to create certificates.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerCert {
  certPem: string;
  keyPem: string;
}

export interface TestCa {
  dir: string;
  caPath: string;
  caPem: string;
  issue(name: string, altNames?: string[]): ServerCert;
  /** A client certificate (extendedKeyUsage clientAuth): CN is the user name, each O a group, as kube reads them. */
  issueClient(user: string, groups?: string[]): ServerCert;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function createTestCa(dir: string): TestCa {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caKey = join(dir, 'ca.key');
  const caPath = join(dir, 'ca.pem');
  if (!existsSync(caPath)) {
    openssl(['genrsa', '-out', caKey, '2048'], dir);
    openssl(
      [
        'req',
        '-x509',
        '-new',
        '-key',
        caKey,
        '-sha256',
        '-days',
        '3650',
        '-subj',
        '/CN=talos-irsa test CA',
        '-out',
        caPath
      ],
      dir
    );
  }
  const caPem = readFileSync(caPath, 'utf8');
  const signedByCa = (key: string, csr: string, ext: string, crt: string): ServerCert => {
    openssl(
      // prettier-ignore
      ['x509', '-req', '-in', csr, '-CA', caPath, '-CAkey', caKey, '-CAcreateserial', '-days', '825', '-sha256', '-extfile', ext, '-out', crt],
      dir
    );
    return { certPem: readFileSync(crt, 'utf8'), keyPem: readFileSync(key, 'utf8') };
  };
  return {
    dir,
    caPath,
    caPem,
    issue(name: string, altNames: string[] = ['127.0.0.1', 'localhost']): ServerCert {
      const key = join(dir, `${name}.key`);
      const csr = join(dir, `${name}.csr`);
      const crt = join(dir, `${name}.pem`);
      const ext = join(dir, `${name}.ext`);
      const san = altNames.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
      writeFileSync(
        ext,
        `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`
      );
      openssl(['genrsa', '-out', key, '2048'], dir);
      openssl(['req', '-new', '-key', key, '-subj', `/CN=${altNames[0] ?? name}`, '-out', csr], dir);
      return signedByCa(key, csr, ext, crt);
    },
    issueClient(user: string, groups: string[] = []): ServerCert {
      const base = `client-${user.replace(/[^A-Za-z0-9_.-]/g, '_')}-${groups.length}`;
      const key = join(dir, `${base}.key`);
      const csr = join(dir, `${base}.csr`);
      const crt = join(dir, `${base}.pem`);
      const ext = join(dir, `${base}.ext`);
      writeFileSync(
        ext,
        'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n'
      );
      // openssl's -subj: each /O= is one organization (a kube group); CN last
      const subject = `${groups.map((g) => `/O=${g}`).join('')}/CN=${user}`;
      openssl(['genrsa', '-out', key, '2048'], dir);
      openssl(['req', '-new', '-key', key, '-subj', subject, '-multivalue-rdn', '-out', csr], dir);
      return signedByCa(key, csr, ext, crt);
    }
  };
}
