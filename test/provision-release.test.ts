// Installing Terraform when none is on PATH. releases.hashicorp.com cannot be reached from here, so
// the URL and checksum logic is tested on local files, and the install itself against a loopback
// server laid out like the releases site.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '../src/io/logger.js';
import { findOnPath, installTerraform } from '../src/terraform/install.js';
import { expectedSha256, releaseFiles, verifyArchive } from '../src/terraform/release.js';

const work = mkdtempSync(join(tmpdir(), 'provision-release-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

describe('release files', () => {
  test('name the archive and the checksums as releases.hashicorp.com does', () => {
    expect(releaseFiles('1.11.4', 'linux', 'x64')).toEqual({
      archiveName: 'terraform_1.11.4_linux_amd64.zip',
      archiveUrl: 'https://releases.hashicorp.com/terraform/1.11.4/terraform_1.11.4_linux_amd64.zip',
      sumsUrl: 'https://releases.hashicorp.com/terraform/1.11.4/terraform_1.11.4_SHA256SUMS'
    });
    expect(releaseFiles('1.12.0-beta1', 'darwin', 'arm64', 'http://127.0.0.1:9/').archiveUrl).toBe(
      'http://127.0.0.1:9/terraform/1.12.0-beta1/terraform_1.12.0-beta1_darwin_arm64.zip'
    );
    expect(releaseFiles('1.11.4', 'win32', 'ia32').archiveName).toBe('terraform_1.11.4_windows_386.zip');
    expect(() => releaseFiles('1.11.4', 'aix', 'ppc64')).toThrow(/no build for aix\/ppc64/);
  });

  const sums = [
    `${'a'.repeat(64)}  terraform_1.11.4_darwin_arm64.zip`,
    `${'B'.repeat(64)}  terraform_1.11.4_linux_amd64.zip`
  ].join('\n');

  test('the SHA256SUMS line for the archive is found, and a missing one is an error', () => {
    expect(expectedSha256(sums, 'terraform_1.11.4_linux_amd64.zip')).toBe('b'.repeat(64));
    expect(() => expectedSha256(sums, 'terraform_1.11.4_linux_arm64.zip')).toThrow(/lists no checksum/);
  });

  test('a local file passes only with its own checksum', async () => {
    const file = join(work, 'terraform_9.9.9_linux_amd64.zip');
    writeFileSync(file, 'archive bytes');
    const good = `${sha256('archive bytes')}  terraform_9.9.9_linux_amd64.zip\n`;
    await expect(verifyArchive(file, good, 'terraform_9.9.9_linux_amd64.zip')).resolves.toBeUndefined();
    const bad = `${sha256('other bytes')}  terraform_9.9.9_linux_amd64.zip\n`;
    await expect(verifyArchive(file, bad, 'terraform_9.9.9_linux_amd64.zip')).rejects.toThrow(
      /refusing to install it/
    );
  });
});

describe('findOnPath', () => {
  test('finds the first executable of that name and skips non-executables', async () => {
    const [first, second] = [join(work, 'p1'), join(work, 'p2')];
    mkdirSync(first);
    mkdirSync(second);
    writeFileSync(join(first, 'tool'), 'not executable');
    writeFileSync(join(second, 'tool'), '#!/bin/sh\n');
    chmodSync(join(second, 'tool'), 0o755);
    expect(await findOnPath('tool', { PATH: `${first}:${second}` })).toBe(join(second, 'tool'));
    expect(await findOnPath('tool', { PATH: first })).toBeUndefined();
    expect(await findOnPath('tool', {})).toBeUndefined();
  });
});

describe('installTerraform from a releases site', () => {
  const version = '1.99.0';
  const archiveName = `terraform_${version}_linux_amd64.zip`;
  let server: Server;
  let base = '';
  const served: string[] = [];
  const files = new Map<string, Buffer>();
  const saved = { RUNNER_TEMP: process.env.RUNNER_TEMP, RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE };

  beforeAll(async () => {
    // A zip holding a stand-in terraform, as HashiCorp's archives hold the binary at the top.
    const staging = join(work, 'staging');
    mkdirSync(staging);
    writeFileSync(join(staging, 'terraform'), `#!/bin/sh\necho "Terraform v${version}"\n`);
    chmodSync(join(staging, 'terraform'), 0o755);
    execFileSync('zip', ['-q', join(work, archiveName), 'terraform'], { cwd: staging });
    const archive = readFileSync(join(work, archiveName));
    files.set(`/terraform/${version}/${archiveName}`, archive);
    files.set(
      `/terraform/${version}/terraform_${version}_SHA256SUMS`,
      Buffer.from(
        `${sha256('x')}  terraform_${version}_darwin_arm64.zip\n${sha256(archive)}  ${archiveName}\n`
      )
    );
    files.set(`/terraform/1.98.0/terraform_1.98.0_linux_amd64.zip`, archive);
    files.set(
      `/terraform/1.98.0/terraform_1.98.0_SHA256SUMS`,
      Buffer.from(`${sha256('tampered')}  terraform_1.98.0_linux_amd64.zip\n`)
    );
    server = createServer((request, response) => {
      served.push(request.url ?? '');
      const body = files.get(request.url ?? '');
      response.writeHead(body ? 200 : 404).end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The tool cache reads these from the environment, as on a runner.
    process.env.RUNNER_TEMP = join(work, 'runner-temp');
    process.env.RUNNER_TOOL_CACHE = join(work, 'tool-cache');
  });

  afterAll(async () => {
    for (const [key, value] of Object.entries(saved))
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    await new Promise((resolve) => server.close(resolve));
  });

  test('downloads, verifies, caches, and the next install comes from the cache', async () => {
    const log = new MemoryLogger();
    const options = { version, log, releasesBase: base, platform: 'linux' as const, arch: 'x64' };
    const binary = await installTerraform(options);
    expect(binary).toBe(join(work, 'tool-cache', 'terraform', version, 'x64', 'terraform'));
    expect(execFileSync(binary, ['version'], { encoding: 'utf8' }).trim()).toBe(`Terraform v${version}`);
    expect(served).toEqual([
      `/terraform/${version}/terraform_${version}_SHA256SUMS`,
      `/terraform/${version}/${archiveName}`
    ]);

    served.length = 0;
    expect(await installTerraform(options)).toBe(binary);
    expect(served).toEqual([]);
    expect(log.lines).toContain(`Using Terraform ${version} from the tool cache.`);
  });

  test('an archive whose checksum does not match is not installed', async () => {
    const options = {
      version: '1.98.0',
      log: new MemoryLogger(),
      releasesBase: base,
      platform: 'linux' as const,
      arch: 'x64'
    };
    await expect(installTerraform(options)).rejects.toThrow(
      /has SHA-256 [0-9a-f]{64}, but the release lists/
    );
    const tc = await import('@actions/tool-cache');
    expect(tc.find('terraform', '1.98.0', 'x64')).toBe('');
  });
});
