import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Where HashiCorp publishes Terraform builds and their checksums. */
export const HASHICORP_RELEASES = 'https://releases.hashicorp.com';

// Node's names for platforms and CPUs, against the names in HashiCorp's archive file names.
const OS: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
  freebsd: 'freebsd',
  openbsd: 'openbsd'
};
const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

export interface ReleaseFiles {
  archiveName: string;
  archiveUrl: string;
  sumsUrl: string;
}

export function releaseFiles(
  version: string,
  platform: NodeJS.Platform,
  arch: string,
  base: string = HASHICORP_RELEASES
): ReleaseFiles {
  const os = OS[platform];
  const cpu = ARCH[arch];
  if (!os || !cpu) throw new Error(`Terraform publishes no build for ${platform}/${arch}.`);
  const archiveName = `terraform_${version}_${os}_${cpu}.zip`;
  const folder = `${base.replace(/\/+$/, '')}/terraform/${version}`;
  return {
    archiveName,
    archiveUrl: `${folder}/${archiveName}`,
    sumsUrl: `${folder}/terraform_${version}_SHA256SUMS`
  };
}

/** The SHA-256 that a SHA256SUMS file lists for one file name. */
export function expectedSha256(sums: string, fileName: string): string {
  for (const line of sums.split(/\r?\n/)) {
    const match = /^([0-9a-fA-F]{64})\s+\*?(\S+)$/.exec(line.trim());
    if (match && match[2] === fileName) return (match[1] ?? '').toLowerCase();
  }
  throw new Error(`The SHA256SUMS file lists no checksum for ${fileName}.`);
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Throws unless the downloaded archive has the checksum HashiCorp published for it. */
export async function verifyArchive(path: string, sums: string, archiveName: string): Promise<void> {
  const expected = expectedSha256(sums, archiveName);
  const actual = await sha256OfFile(path);
  if (actual !== expected)
    throw new Error(
      `${archiveName} has SHA-256 ${actual}, but the release lists ${expected}: refusing to install it.`
    );
}
