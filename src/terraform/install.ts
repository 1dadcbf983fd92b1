import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Logger } from '../io/logger.js';
import { HASHICORP_RELEASES, releaseFiles, verifyArchive } from './release.js';

/** The first executable `name` on PATH, as a shell would find it. */
export async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const extensions = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter).filter((entry) => entry !== '')) {
    for (const extension of extensions) {
      const candidate = join(dir, `${name}${extension}`);
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not here: keep looking.
      }
    }
  }
  return undefined;
}

/** The version a terraform binary says it is (`terraform version -json`), or undefined if it does not say. */
export async function versionOf(binary: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const { execa } = await import('execa');
  const result = await execa(binary, ['version', '-json'], { env, extendEnv: false, stdin: 'ignore', reject: false });
  try {
    const version = (JSON.parse(String(result.stdout)) as { terraform_version?: unknown }).terraform_version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

export interface InstallOptions {
  version: string;
  log: Logger;
  /** Base URL of the releases site; tests point it at a loopback server. */
  releasesBase?: string;
  platform?: NodeJS.Platform;
  arch?: string;
}

/**
 * Installs Terraform into the runner's tool cache (or finds it there from an earlier step) and
 * returns the binary's path. The archive is checked against HashiCorp's SHA256SUMS before use.
 */
export async function installTerraform(options: InstallOptions): Promise<string> {
  // Loaded only here: most runs find terraform on PATH and never need the tool cache.
  const tc = await import('@actions/tool-cache');
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const binary = platform === 'win32' ? 'terraform.exe' : 'terraform';
  const cached = tc.find('terraform', options.version, arch);
  if (cached) {
    options.log.info(`Using Terraform ${options.version} from the tool cache.`);
    return join(cached, binary);
  }
  const files = releaseFiles(options.version, platform, arch, options.releasesBase ?? HASHICORP_RELEASES);
  options.log.info(`Downloading ${files.archiveUrl}`);
  const sumsPath = await tc.downloadTool(files.sumsUrl);
  const archivePath = await tc.downloadTool(files.archiveUrl);
  await verifyArchive(archivePath, await readFile(sumsPath, 'utf8'), files.archiveName);
  const extracted = await tc.extractZip(archivePath);
  const dir = await tc.cacheDir(extracted, 'terraform', options.version, arch);
  return join(dir, binary);
}
