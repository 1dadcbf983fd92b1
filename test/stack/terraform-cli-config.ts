// The Terraform CLI config of the local stack: hashicorp/aws from the machine's filesystem mirror
// (there is no registry access here) and nothing from the network. Used by the stack's environment
// (TF_CLI_CONFIG_FILE), the Terraform tests and the benchmark.
import { execa } from 'execa';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';
const MIRROR_ROOTS = [
  process.env['TF_PLUGIN_MIRROR'],
  '/opt/tf-plugins',
  '/usr/local/share/terraform/plugins',
  '/usr/share/terraform/plugins',
  join(process.env['HOME'] ?? '/root', '.terraform.d/plugins'),
  join(process.env['HOME'] ?? '/root', '.local/share/terraform/plugins')
];

/** True when `root` holds registry.terraform.io/hashicorp/aws/<version>/<os_arch>/ in unpacked layout. */
function holdsAwsProvider(root: string): boolean {
  const providerDir = join(root, AWS_PROVIDER);
  if (!existsSync(providerDir)) return false;
  return readdirSync(providerDir).some((version) =>
    readdirSync(join(providerDir, version)).some((target) =>
      readdirSync(join(providerDir, version, target)).some((f) => f.startsWith('terraform-provider-aws_'))
    )
  );
}

let mirrorCache: string | undefined;

/** The filesystem mirror that holds the aws provider: likely roots first, then a search of the disk. */
export async function findProviderMirror(): Promise<string> {
  if (mirrorCache) return mirrorCache;
  const known = MIRROR_ROOTS.find((root): root is string => !!root && holdsAwsProvider(root));
  if (known) return (mirrorCache = known);
  const found = await execa(
    'find',
    ['/', '-xdev', '-path', '/proc', '-prune', '-o', '-name', 'terraform-provider-aws_*', '-print'],
    { reject: false }
  );
  // <root>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws_v...
  const binary = found.stdout.split('\n').find((line) => line.includes(`/${AWS_PROVIDER}/`));
  if (!binary) {
    throw new Error(
      'No hashicorp/aws provider found in a filesystem mirror; set TF_PLUGIN_MIRROR to a directory holding ' +
        `${AWS_PROVIDER}/<version>/<os_arch>/terraform-provider-aws_*`
    );
  }
  return (mirrorCache = resolve(dirname(binary), '../../../../..'));
}

/** A CLI config that installs hashicorp/aws from the mirror and nothing from the network. */
export function cliConfig(mirror: string): string {
  return `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["${AWS_PROVIDER}"]
  }
  direct {
    exclude = ["${AWS_PROVIDER}"]
  }
}
`;
}

/** Writes cliConfig() for the mirror found on this machine to DIR/terraformrc and returns its path. */
export async function writeCliConfig(dir: string): Promise<string> {
  const path = join(dir, 'terraformrc');
  writeFileSync(path, cliConfig(await findProviderMirror()));
  return path;
}
