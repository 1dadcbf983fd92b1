// Input validation of the Terraform modules, exercised by terraform itself: a module's variables.tf
// alone in a scratch root (no provider is needed to evaluate variable validations), planned with
// good and bad values.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES_DIR, TERRAFORM_DIR, workspace, type Workspace } from './fixtures/terraform/harness.js';
import { blocks, loadModule, obj, type JsonObject } from './fixtures/terraform/hcl.js';

/** A scratch root holding only `variablesFile`, initialised. */
async function variablesOnly(prefix: string, variablesFile: string): Promise<Workspace> {
  const ws = await workspace(prefix);
  cpSync(variablesFile, join(ws.dir, 'variables.tf'));
  await ws.must(['init', '-backend=false', '-input=false', '-no-color']);
  return ws;
}

interface Verdict {
  exitCode: number;
  said: string;
}

async function plan(ws: Workspace, vars: string[]): Promise<Verdict> {
  const r = await ws.terraform(['plan', '-lock=false', '-input=false', '-no-color', ...vars]);
  return { exitCode: r.exitCode, said: r.stderr.replace(/[\s│]+/g, ' ') };
}

/** A managed image, as Talos's Azure guide has users register Image Factory's VHD. */
const AZURE_IMAGE_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/demo-rg/providers/Microsoft.Compute/images/talos-1.11.5';

describe('modules/azure-workers inputs', () => {
  let ws: Workspace;
  const required = [
    '-var=cluster_name=demo',
    '-var=resource_group_name=demo-rg',
    '-var=location=westeurope',
    '-var=subnet_id=/subscriptions/0/resourceGroups/demo-rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
    '-var=workers={"0"={}}',
    `-var=image_id=${AZURE_IMAGE_ID}`,
    '-var=machine_configuration=machine:\n  network:\n    kubespan:\n      enabled: true\n',
    '-var=admin_cidrs=["203.0.113.10/32"]',
    '-var=kubespan_peer_cidrs=["198.51.100.7/32"]',
    '-var=admin_ssh_public_key=ssh-ed25519 AAAA'
  ];

  beforeAll(async () => {
    ws = await variablesOnly('tf-azure-vars', join(MODULES_DIR, 'azure-workers', 'variables.tf'));
  });

  afterAll(() => ws?.remove());

  test('tag names Azure accepts pass, the module default key among them', async () => {
    expect(
      await plan(ws, [
        ...required,
        '-var=tags={"talos-irsa:cluster"="demo","cost-center"="42","a.b_c@d"="x"}'
      ])
    ).toEqual({ exitCode: 0, said: '' });
  });

  test('the image is required: no default, since Sidero Labs publishes no Azure image the cluster can run', async () => {
    const verdict = await plan(
      ws,
      required.filter((v) => !v.startsWith('-var=image_id='))
    );
    expect(verdict.exitCode).toBe(1);
    expect(verdict.said).toContain('No value for required variable');
    expect(verdict.said).toContain('image_id');
  });

  test.each([
    '/subscriptions/0/resourceGroups/g/providers/Microsoft.Compute/galleries/talos/images/talos-x64/versions/1.11.5',
    '/sharedGalleries/0123abcd-talos/images/talos-x64/versions/1.11.5'
  ])('an image version of a gallery of your own is accepted: %s', async (image) => {
    const verdict = await plan(ws, [
      ...required.filter((v) => !v.startsWith('-var=image_id=')),
      `-var=image_id=${image}`
    ]);
    expect(verdict).toEqual({ exitCode: 0, said: '' });
  });

  test.each([
    '/communityGalleries/siderolabs-c4d707c0-343e-42de-b597-276e4f7a5b0b/images/talos-x64/versions/1.11.5',
    '/CommunityGalleries/siderolabs-c4d707c0-343e-42de-b597-276e4f7a5b0b/Images/talos-x64/Versions/1.7.0',
    'talos-1.11.5',
    ''
  ])('image_id %j is refused with its own message', async (image) => {
    const verdict = await plan(ws, [
      ...required.filter((v) => !v.startsWith('-var=image_id=')),
      `-var=image_id=${image}`
    ]);
    expect(verdict.exitCode).toBe(1);
    expect(verdict.said).toContain('image_id must be the Azure ID of a Talos image you created');
  });

  const withConfiguration = (configuration: string): string[] => [
    ...required.filter((v) => !v.startsWith('-var=machine_configuration=')),
    `-var=machine_configuration=${configuration}`
  ];
  // The v1alpha1 document of a worker configuration, with KubeSpan off unless a patch adds it.
  const v1alpha1 =
    'version: v1alpha1\nmachine:\n  type: worker\n  network:\n    hostname: w0\ncluster:\n  discovery:\n    enabled: true\n';
  // Talos 1.13's KubeSpanConfig document (docs.siderolabs.com, reference/configuration/network/kubespanconfig).
  const kubeSpanConfig = (enabled: boolean): string =>
    `apiVersion: v1alpha1\nkind: KubeSpanConfig\nenabled: ${enabled}\nmtu: 1420\n`;

  test.each([
    [
      'machine.network.kubespan.enabled in the v1alpha1 document',
      `${v1alpha1}`.replace('    hostname: w0\n', '    kubespan:\n      enabled: true\n')
    ],
    ['a KubeSpanConfig document after the v1alpha1 one', `${v1alpha1}---\n${kubeSpanConfig(true)}`],
    [
      'a KubeSpanConfig document first, the v1alpha1 one after it',
      `---\n${kubeSpanConfig(true)}--- # machine\n${v1alpha1}`
    ],
    [
      'the configuration as JSON, one document',
      JSON.stringify({ machine: { network: { kubespan: { enabled: true } } } })
    ]
  ])('a configuration that enables KubeSpan is accepted: %s', async (_, configuration) => {
    expect(await plan(ws, withConfiguration(configuration))).toEqual({ exitCode: 0, said: '' });
  });

  test.each([
    ['no KubeSpan at all', v1alpha1],
    ['a KubeSpanConfig document with enabled: false', `${v1alpha1}---\n${kubeSpanConfig(false)}`],
    [
      'another document that says enabled: true',
      `${v1alpha1}---\napiVersion: v1alpha1\nkind: KubeSpanEndpointsConfig\nenabled: true\n`
    ],
    [
      'KubeSpan only in a manifest of a block scalar, not a document of its own',
      `${v1alpha1}  inlineManifests:\n    - name: x\n      contents: |\n        ---\n        kind: KubeSpanConfig\n        enabled: true\n`
    ]
  ])('a configuration that does not enable KubeSpan is refused: %s', async (_, configuration) => {
    const verdict = await plan(ws, withConfiguration(configuration));
    expect(verdict.exitCode).toBe(1);
    expect(verdict.said).toContain(
      'machine_configuration must enable KubeSpan: machine.network.kubespan.enabled: true, or (Talos 1.13 and later) a KubeSpanConfig document with enabled: true'
    );
  });

  test.each(['talos-irsa/cluster', 'a?b', 'a%b', 'a&b', 'a<b', 'a>b', 'a\\b'])(
    'a tag name with %s is refused before Azure sees it',
    async (key) => {
      const verdict = await plan(ws, [...required, `-var=tags=${JSON.stringify({ [key]: 'x' })}`]);
      expect(verdict.exitCode).toBe(1);
      expect(verdict.said).toContain('tags keys must not contain any of');
    }
  );
});

/**
 * The two variables.tf files that take talos_version (the root's and the talos module's), each with
 * the other inputs it requires; `extra` adds to both (a kubernetes_version, where a test does not
 * vary it).
 */
function versionRoots(extra: string[] = []): Record<string, { variables: string; required: string[] }> {
  return {
    root: {
      variables: join(TERRAFORM_DIR, 'variables.tf'),
      required: [
        '-var=cluster_name=demo',
        '-var=region=us-east-1',
        '-var=admin_cidrs=["203.0.113.10/32"]',
        '-var=api_cidrs=["198.51.100.0/24"]',
        ...extra
      ]
    },
    'modules/talos': {
      variables: join(MODULES_DIR, 'talos', 'variables.tf'),
      required: [
        '-var=cluster_name=demo',
        '-var=api_endpoint_host=demo-api.elb.us-east-1.amazonaws.com',
        '-var=control_plane_nodes={"demo-cp-0"={private_ip="10.42.0.10",endpoint="203.0.113.10"}}',
        '-var=service_account_issuer=https://demo-oidc.s3.us-east-1.amazonaws.com',
        '-var=service_account_jwks_uri=https://demo-oidc.s3.us-east-1.amazonaws.com/openid/v1/jwks',
        ...extra
      ]
    }
  };
}

// --- talos_version and the siderolabs/talos provider floor ---------------------------------------

/**
 * The Talos machinery minor each siderolabs/talos provider minor is built on (the
 * github.com/siderolabs/talos/pkg/machinery requirement in the provider's go.mod at its release
 * tags v0.8.0 ... v0.11.0). The machinery renders the machine configuration and writes its own
 * installer into it, so it must be at least as new as the Talos release the nodes run.
 */
const MACHINERY_OF_PROVIDER: Record<string, string> = {
  '0.8': '1.10',
  '0.9': '1.11',
  '0.10': '1.12',
  '0.11': '1.13'
};

const minorOf = (version: string): number[] => version.split('.').slice(0, 2).map(Number);
const notNewer = (a: string, b: string): boolean => {
  const [a0 = 0, a1 = 0] = minorOf(a);
  const [b0 = 0, b1 = 0] = minorOf(b);
  return a0 < b0 || (a0 === b0 && a1 <= b1);
};

describe('talos_version: the supported minors, and a provider floor that can render them', () => {
  const candidates = ['1.9.6', '1.10.7', '1.11.0', '1.11.5', '1.12.0', '1.13.1', '2.0.0'];
  const verdicts = new Map<string, Map<string, Verdict>>();
  const roots = versionRoots(['-var=kubernetes_version=1.34.1']);

  beforeAll(async () => {
    for (const [name, { variables, required }] of Object.entries(roots)) {
      const ws = await variablesOnly(`tf-talos-version-${name.replace('/', '-')}`, variables);
      try {
        const byVersion = new Map<string, Verdict>();
        for (const v of candidates)
          byVersion.set(v, await plan(ws, [...required, `-var=talos_version=${v}`]));
        verdicts.set(name, byVersion);
      } finally {
        ws.remove();
      }
    }
  }, 120_000);

  test.each(Object.keys(roots))('%s accepts Talos 1.11 to 1.13 releases and refuses the others', (name) => {
    const byVersion = verdicts.get(name);
    const accepted = candidates.filter((v) => byVersion?.get(v)?.exitCode === 0);
    expect(accepted).toEqual(['1.11.0', '1.11.5', '1.12.0', '1.13.1']);
    for (const v of candidates.filter((c) => !accepted.includes(c))) {
      expect([v, byVersion?.get(v)?.said]).toEqual([
        v,
        expect.stringContaining('talos_version must be a Talos 1.11, 1.12 or 1.13 release')
      ]);
    }
  });

  test.each([TERRAFORM_DIR, join(MODULES_DIR, 'talos')])(
    'the siderolabs/talos floor in %s is built on machinery at least as new as every accepted minor',
    async (dir) => {
      const doc = await loadModule(dir);
      const providers = Object.assign(
        {},
        ...doc.terraform.flatMap((t) => blocks(t['required_providers']))
      ) as JsonObject;
      const constraint = String(obj(providers['talos'])['version']);
      const floor = /^>=\s*(\d+\.\d+)\.\d+/.exec(constraint)?.[1];
      const machinery = floor === undefined ? undefined : MACHINERY_OF_PROVIDER[floor];
      expect([constraint, machinery]).toEqual([constraint, expect.any(String)]);
      for (const byVersion of verdicts.values()) {
        const accepted = candidates.filter((v) => byVersion.get(v)?.exitCode === 0);
        expect(accepted.filter((v) => !notNewer(v, machinery ?? '0.0'))).toEqual([]);
      }
    }
  );
});

// --- kubernetes_version against talos_version -------------------------------------------------------

/**
 * The Kubernetes minors each Talos minor runs: MinimumKubernetesVersion and MaximumKubernetesVersion
 * (1.N.99) of pkg/machinery/compatibility/talos111, talos112 and talos113 in siderolabs/talos, the
 * same from each minor's first release to its latest patch. A node refuses any other Kubernetes
 * release in its configuration (RuntimeValidate, at boot and on apply).
 */
const KUBERNETES_OF_TALOS: Record<string, [number, number]> = {
  '1.11': [29, 34],
  '1.12': [30, 35],
  '1.13': [31, 36]
};

describe('kubernetes_version: only a release that talos_version runs', () => {
  const talosVersions = ['1.11.5', '1.12.0', '1.13.1'];
  const kubernetesVersions = [
    '1.28.15',
    '1.29.0',
    '1.30.4',
    '1.31.2',
    '1.34.1',
    '1.35.0',
    '1.36.3',
    '1.37.0',
    '2.34.1'
  ];
  const verdicts = new Map<string, Map<string, Verdict>>();
  const roots = versionRoots();

  beforeAll(async () => {
    for (const [name, { variables, required }] of Object.entries(roots)) {
      const ws = await variablesOnly(`tf-k8s-version-${name.replace('/', '-')}`, variables);
      try {
        const byPair = new Map<string, Verdict>();
        for (const talos of talosVersions) {
          for (const k8s of kubernetesVersions) {
            byPair.set(
              `${talos}/${k8s}`,
              await plan(ws, [...required, `-var=talos_version=${talos}`, `-var=kubernetes_version=${k8s}`])
            );
          }
        }
        verdicts.set(name, byPair);
      } finally {
        ws.remove();
      }
    }
  }, 300_000);

  test.each(Object.keys(roots))(
    '%s accepts exactly the pairs Talos supports, and names the input otherwise',
    (name) => {
      const byPair = verdicts.get(name);
      for (const talos of talosVersions) {
        const [low = 0, high = 0] = KUBERNETES_OF_TALOS[talos.split('.').slice(0, 2).join('.')] ?? [];
        const supported = kubernetesVersions.filter((k8s) => {
          const [major = 0, minor = 0] = k8s.split('.').map(Number);
          return major === 1 && minor >= low && minor <= high;
        });
        const accepted = kubernetesVersions.filter((k8s) => byPair?.get(`${talos}/${k8s}`)?.exitCode === 0);
        expect([talos, accepted]).toEqual([talos, supported]);
        for (const k8s of kubernetesVersions.filter((k) => !supported.includes(k))) {
          expect([talos, k8s, byPair?.get(`${talos}/${k8s}`)?.said]).toEqual([
            talos,
            k8s,
            expect.stringContaining('kubernetes_version must be a Kubernetes release talos_version runs')
          ]);
        }
      }
    }
  );
});

// --- config patches: strategic merge from Talos 1.12 on ------------------------------------------------

/**
 * Talos's configpatcher applies an RFC 6902 patch only to a configuration of one document, and the
 * configuration a 1.12 or later contract generates has two (v1alpha1 and HostnameConfig). Strategic
 * merge patches, in YAML or JSON, one document or several, work with every release.
 */
describe('config patches: RFC 6902 only where the configuration is one document (Talos 1.11)', () => {
  const strategic = {
    yaml: 'machine:\n  sysctls:\n    net.core.somaxconn: "65535"\n',
    json: '{"machine":{"sysctls":{"net.core.somaxconn":"65535"}}}',
    'two documents':
      'machine:\n  sysctls:\n    a: "1"\n---\napiVersion: v1alpha1\nkind: HostnameConfig\nhostname: node\n'
  };
  const rfc6902 = {
    'JSON operations':
      '[{"op":"add","path":"/machine/sysctls","value":{"a":"1"}},{"op":"remove","path":"/cluster/proxy"}]',
    'YAML operations':
      '- op: add\n  path: /machine/sysctls\n  value:\n    a: "1"\n- op: remove\n  path: /cluster/proxy\n'
  };
  const variables = ['config_patches', 'controlplane_config_patches', 'worker_config_patches'];
  const roots = versionRoots(['-var=kubernetes_version=1.34.1']);
  const patches: Record<string, string> = { ...strategic, ...rfc6902 };
  const verdicts = new Map<string, Verdict>();
  const key = (root: string, talos: string, variable: string, patch: string): string =>
    `${root} ${talos} ${variable} ${patch}`;

  beforeAll(async () => {
    for (const [name, { variables: file, required }] of Object.entries(roots)) {
      const ws = await variablesOnly(`tf-patches-${name.replace('/', '-')}`, file);
      try {
        for (const talos of ['1.11.5', '1.12.0', '1.13.1']) {
          for (const variable of variables) {
            for (const [patch, text] of Object.entries(patches)) {
              verdicts.set(
                key(name, talos, variable, patch),
                await plan(ws, [
                  ...required,
                  `-var=talos_version=${talos}`,
                  `-var=${variable}=${JSON.stringify([text])}`
                ])
              );
            }
          }
        }
      } finally {
        ws.remove();
      }
    }
  }, 300_000);

  test.each(Object.keys(roots))('%s: strategic merge patches pass with every release', (name) => {
    for (const talos of ['1.11.5', '1.12.0', '1.13.1'])
      for (const variable of variables)
        for (const patch of Object.keys(strategic))
          expect([talos, variable, patch, verdicts.get(key(name, talos, variable, patch))]).toEqual([
            talos,
            variable,
            patch,
            { exitCode: 0, said: '' }
          ]);
  });

  test.each(Object.keys(roots))(
    '%s: RFC 6902 patches pass with 1.11 and are refused, named, from 1.12 on',
    (name) => {
      for (const variable of variables) {
        for (const patch of Object.keys(rfc6902)) {
          expect([variable, patch, verdicts.get(key(name, '1.11.5', variable, patch))]).toEqual([
            variable,
            patch,
            { exitCode: 0, said: '' }
          ]);
          for (const talos of ['1.12.0', '1.13.1']) {
            const verdict = verdicts.get(key(name, talos, variable, patch));
            expect([talos, variable, patch, verdict?.exitCode, verdict?.said]).toEqual([
              talos,
              variable,
              patch,
              1,
              expect.stringContaining(
                `${variable} must hold strategic merge patches with Talos 1.12 or later`
              )
            ]);
          }
        }
      }
    }
  );
});

// --- CIDR inputs ------------------------------------------------------------------------------------

/**
 * The aws provider takes only an IPv4 network address in a security-group rule's cidr_ipv4 (and
 * in aws_vpc.cidr_block, /16 to /28): anything else would be refused at the resource, far from
 * the input. Each variable below refuses it itself, with its own message.
 */
describe('CIDR inputs take IPv4 network addresses only, refused at the variable', () => {
  const refused = ['::/0', '2001:db8::/32', '203.0.113.10/24', '203.0.113.10'];
  const accepted = ['203.0.113.10/32', '198.51.100.0/24'];
  const rootRequired = [
    '-var=cluster_name=demo',
    '-var=region=us-east-1',
    '-var=talos_version=1.11.5',
    '-var=kubernetes_version=1.34.1',
    '-var=admin_cidrs=["203.0.113.10/32"]',
    '-var=api_cidrs=["198.51.100.0/24"]'
  ];
  const sgRequired = [
    '-var=name=demo',
    '-var=vpc_id=vpc-0123456789abcdef0',
    '-var=admin_cidrs=["203.0.113.10/32"]',
    '-var=api_cidrs=["198.51.100.0/24"]'
  ];
  const azureRequired = [
    '-var=cluster_name=demo',
    '-var=resource_group_name=demo-rg',
    '-var=location=westeurope',
    '-var=subnet_id=/subscriptions/0/resourceGroups/demo-rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
    '-var=workers={"0"={}}',
    `-var=image_id=${AZURE_IMAGE_ID}`,
    '-var=machine_configuration=machine:\n  network:\n    kubespan:\n      enabled: true\n',
    '-var=admin_cidrs=["203.0.113.10/32"]',
    '-var=kubespan_peer_cidrs=["198.51.100.7/32"]',
    '-var=admin_ssh_public_key=ssh-ed25519 AAAA'
  ];
  const cases: {
    where: string;
    variables: string;
    required: string[];
    variable: string;
    extra?: string[];
  }[] = [
    {
      where: 'root',
      variables: join(TERRAFORM_DIR, 'variables.tf'),
      required: rootRequired,
      variable: 'admin_cidrs'
    },
    {
      where: 'root',
      variables: join(TERRAFORM_DIR, 'variables.tf'),
      required: rootRequired,
      variable: 'api_cidrs'
    },
    {
      where: 'root',
      variables: join(TERRAFORM_DIR, 'variables.tf'),
      required: rootRequired,
      variable: 'kubespan_peer_cidrs',
      extra: ['-var=kubespan_enabled=true']
    },
    ...['admin_cidrs', 'api_cidrs', 'kubespan_peer_cidrs'].map((variable) => ({
      where: 'modules/security-groups',
      variables: join(MODULES_DIR, 'security-groups', 'variables.tf'),
      required: sgRequired,
      variable
    })),
    ...['admin_cidrs', 'kubespan_peer_cidrs'].map((variable) => ({
      where: 'modules/azure-workers',
      variables: join(MODULES_DIR, 'azure-workers', 'variables.tf'),
      required: azureRequired,
      variable
    }))
  ];
  const verdicts = new Map<string, Verdict>();
  const key = (where: string, variable: string, value: string): string => `${where} ${variable} ${value}`;

  beforeAll(async () => {
    const byFile = new Map<string, typeof cases>();
    for (const c of cases) byFile.set(c.variables, [...(byFile.get(c.variables) ?? []), c]);
    for (const [variables, fileCases] of byFile) {
      const ws = await variablesOnly('tf-cidr-vars', variables);
      try {
        for (const c of fileCases)
          for (const value of [...refused, ...accepted])
            verdicts.set(
              key(c.where, c.variable, value),
              await plan(ws, [
                ...c.required,
                ...(c.extra ?? []),
                `-var=${c.variable}=${JSON.stringify([value])}`
              ])
            );
      } finally {
        ws.remove();
      }
    }
    const network = await variablesOnly('tf-cidr-network', join(MODULES_DIR, 'network', 'variables.tf'));
    try {
      for (const value of [
        '10.0.0.0/8',
        '10.42.1.0/16',
        'fd00::/16',
        '10.42.0.0/25',
        '10.42.0.0/16',
        '10.42.0.0/24'
      ])
        verdicts.set(
          key('modules/network', 'vpc_cidr', value),
          await plan(network, ['-var=name=demo', `-var=vpc_cidr=${value}`])
        );
    } finally {
      network.remove();
    }
  }, 240_000);

  test.each(cases.map((c) => [c.where, c.variable] as const))('%s %s', (where, variable) => {
    for (const value of refused) {
      const v = verdicts.get(key(where, variable, value));
      expect([value, v?.exitCode, v?.said]).toEqual([value, 1, expect.stringContaining(`${variable} must`)]);
    }
    for (const value of accepted) {
      const v = verdicts.get(key(where, variable, value));
      expect([value, v?.exitCode, v?.said]).toEqual([value, 0, '']);
    }
  });

  test('modules/network vpc_cidr: a network address from /16 to /24', () => {
    for (const value of ['10.0.0.0/8', '10.42.1.0/16', 'fd00::/16', '10.42.0.0/25']) {
      const v = verdicts.get(key('modules/network', 'vpc_cidr', value));
      expect([value, v?.exitCode, v?.said]).toEqual([value, 1, expect.stringContaining('vpc_cidr must be')]);
    }
    for (const value of ['10.42.0.0/16', '10.42.0.0/24']) {
      const v = verdicts.get(key('modules/network', 'vpc_cidr', value));
      expect([value, v?.exitCode, v?.said]).toEqual([value, 0, '']);
    }
  });
});
