// The Terraform tree under terraform/: formatted, every AWS-only module valid, the root module's
// wiring planned against moto (with the Talos module stubbed, since the siderolabs/talos provider
// cannot be installed here), the Talos config patches rendered by terraform itself, and the
// structure the blog post got wrong pinned by reading the HCL.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  awsEndpoint,
  MODULES_DIR,
  moduleWorkspace,
  MOTO_CREDENTIALS,
  motoProviderBlock,
  TERRAFORM_DIR,
  TERRAFORM_TEST_TIMEOUT_MS,
  workspace,
  type AwsEndpoint,
  type Workspace
} from './fixtures/terraform/harness.js';
import {
  blocks,
  blockText,
  body,
  dataSource,
  isObject,
  loadModule,
  localsBlockText,
  obj,
  resolveLocals,
  resource,
  strings,
  type Json,
  type JsonObject,
  type ModuleDoc
} from './fixtures/terraform/hcl.js';

/**
 * EC2's rule for the tag keys of an instance whose tags are exposed in instance metadata: letters,
 * digits and + - = . , _ : @ only (so no space and no '/'), and not ".", ".." or "_index". Any other
 * key fails the launch.
 */
function imdsTagKeyAccepted(key: string): boolean {
  return /^[A-Za-z0-9+\-=.,_:@]+$/.test(key) && !['.', '..', '_index'].includes(key);
}

const AWS_ONLY_MODULES = ['irsa-discovery', 'network', 'security-groups', 'api-lb', 'nodes'];
const ALL_MODULE_DIRS = [
  TERRAFORM_DIR,
  ...['irsa-discovery', 'network', 'security-groups', 'api-lb', 'nodes', 'talos', 'azure-workers'].map((m) =>
    join(MODULES_DIR, m)
  ),
  join(TERRAFORM_DIR, 'examples', 'azure-workers')
];

interface ValidateJson {
  valid: boolean;
  error_count: number;
  warning_count: number;
  diagnostics: { severity: string; summary: string; detail?: string }[];
}

interface PlanJson {
  planned_values: { outputs: Record<string, { value?: Json; sensitive: boolean }> };
  resource_changes: {
    address: string;
    type: string;
    change: { actions: string[]; after: JsonObject | null };
  }[];
}

describe('formatting and validation', () => {
  test('terraform fmt finds nothing to change anywhere under terraform/', async () => {
    const ws = await workspace('tf-fmt');
    try {
      const r = await ws.terraform(['fmt', '-check', '-recursive', '-list=true', '-no-color', TERRAFORM_DIR]);
      expect({ exitCode: r.exitCode, unformatted: r.stdout.trim() }).toEqual({
        exitCode: 0,
        unformatted: ''
      });
    } finally {
      ws.remove();
    }
  });

  test.concurrent.each(AWS_ONLY_MODULES)(
    'modules/%s initialises from the local mirror and validates without warnings',
    async (name) => {
      const ws = await moduleWorkspace(name);
      try {
        await ws.must(['init', '-backend=false', '-input=false', '-no-color']);
        const r = await ws.terraform(['validate', '-json', '-no-color']);
        const result = JSON.parse(r.stdout) as ValidateJson;
        expect({ valid: result.valid, diagnostics: result.diagnostics }).toEqual({
          valid: true,
          diagnostics: []
        });
      } finally {
        ws.remove();
      }
    },
    TERRAFORM_TEST_TIMEOUT_MS
  );
});

// --- the root module, planned --------------------------------------------------------------------

/** A copy of terraform/ whose talos module is replaced by a stub with the same inputs and outputs. */
async function rootWithStubbedTalos(endpoint: string): Promise<Workspace> {
  const ws = await workspace('tf-root', MOTO_CREDENTIALS);
  const copy = ws.dir;
  for (const file of ['main.tf', 'variables.tf', 'outputs.tf'])
    cpSync(join(TERRAFORM_DIR, file), join(copy, file));
  for (const m of AWS_ONLY_MODULES)
    cpSync(join(MODULES_DIR, m), join(copy, 'modules', m), { recursive: true });

  // versions.tf/providers.tf/backend.tf are replaced: aws only, aimed at moto, local state. The
  // real provider's default_tags block comes along, so the plan shows the tags every resource gets.
  writeFileSync(
    join(copy, 'versions.tf'),
    'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n'
  );
  const defaultTags = blockText(
    readFileSync(join(TERRAFORM_DIR, 'providers.tf'), 'utf8'),
    /^[ \t]*default_tags \{/m,
    'default_tags'
  );
  writeFileSync(
    join(copy, 'providers.tf'),
    motoProviderBlock(endpoint, 'us-east-1', ['s3', 'iam', 'sts', 'ec2', 'elbv2'], defaultTags)
  );
  writeFileSync(join(copy, 'backend_override.tf'), 'terraform {\n  backend "local" {}\n}\n');

  const talos = await loadModule(join(MODULES_DIR, 'talos'));
  const stubDir = join(copy, 'modules', 'talos');
  mkdirSync(stubDir, { recursive: true });
  cpSync(join(MODULES_DIR, 'talos', 'variables.tf'), join(stubDir, 'variables.tf'));
  const stubOutputs = Object.entries(talos.outputs).map(([name, o]) => {
    const value = name === 'cluster_endpoint' ? '"https://${var.api_endpoint_host}:6443"' : `"stub-${name}"`;
    return `output "${name}" {\n  value     = ${value}\n  sensitive = ${o['sensitive'] === true}\n}\n`;
  });
  writeFileSync(join(stubDir, 'outputs.tf'), stubOutputs.join('\n'));
  return ws;
}

const ROOT_VARS = [
  '-var=cluster_name=demo',
  '-var=region=us-east-1',
  '-var=talos_version=1.11.5',
  '-var=kubernetes_version=1.34.1',
  '-var=ami_id=ami-0123456789abcdef0',
  '-var=admin_cidrs=["203.0.113.10/32"]',
  '-var=api_cidrs=["198.51.100.0/24"]'
];

/**
 * Runs what it is given at most `width` at a time, in the order given. Each terraform run here is
 * a few CPU seconds of loading the aws provider, mostly waiting on moto and process start-up.
 */
function pool(width: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= width) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

/** A promise a test awaits later, kept from counting as unhandled should it fail before then. */
function started<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

describe('root module wiring, planned against moto with the Talos module stubbed', () => {
  let aws: AwsEndpoint;
  let root: Workspace;
  let plan: PlanJson;
  // Every plan of the root below, begun in beforeAll (each into a plan file of its own, so that
  // they can run side by side in the one initialised copy) and awaited by the test that reads it.
  let planned: {
    defaults: Promise<PlanJson>;
    existingVpc: Promise<{ p: PlanJson; vpcId: string; subnetIds: string[] }>;
    publicIpsInternalLb: Promise<PlanJson>;
    oneWorker: Promise<PlanJson>;
    fiveWorkers: Promise<PlanJson>;
  };

  beforeAll(async () => {
    aws = await awsEndpoint();
    // The operator's VPC is made in a workspace of its own while the root copy initialises.
    const vpc = started(existingVpc());
    root = await rootWithStubbedTalos(aws.endpoint);
    await root.must(['init', '-input=false', '-no-color']);
    const lane = pool(Math.max(2, availableParallelism()));
    planned = {
      defaults: started(lane(() => planWith([]))),
      existingVpc: started(
        vpc.then(({ vpcId, subnetIds }) =>
          lane(async () => ({
            p: await planWith([
              '-var=associate_public_ip=false',
              '-var=api_lb_internal=true',
              `-var=vpc_id=${vpcId}`,
              `-var=subnet_ids=${JSON.stringify(subnetIds)}`,
              '-var=worker_groups={"general"={count=1},"gpu"={count=2,instance_type="g5.xlarge"}}'
            ]),
            vpcId,
            subnetIds
          }))
        )
      ),
      publicIpsInternalLb: started(
        lane(() =>
          planWith(['-var=api_lb_internal=true', '-var=control_plane={count=1}', '-var=worker_groups={}'])
        )
      ),
      oneWorker: started(lane(() => planWith(['-var=worker_groups={"general"={count=1}}']))),
      fiveWorkers: started(lane(() => planWith(['-var=worker_groups={"general"={count=5}}'])))
    };
  }, TERRAFORM_TEST_TIMEOUT_MS);

  afterAll(async () => {
    root?.remove();
    await aws?.stop();
  });

  test(
    'the default cluster plans 3 control-plane nodes behind the NLB and one worker group',
    async () => {
      plan = await planned.defaults;
      const addresses = plan.resource_changes.map((rc) => rc.address);
      expect(addresses.filter((a) => a.startsWith('module.nodes.aws_instance.control_plane')).sort()).toEqual(
        [
          'module.nodes.aws_instance.control_plane["demo-cp-0"]',
          'module.nodes.aws_instance.control_plane["demo-cp-1"]',
          'module.nodes.aws_instance.control_plane["demo-cp-2"]'
        ]
      );
      expect(addresses.filter((a) => a.startsWith('module.nodes.aws_instance.worker')).sort()).toEqual([
        'module.nodes.aws_instance.worker["demo-general-0"]',
        'module.nodes.aws_instance.worker["demo-general-1"]'
      ]);
      expect(addresses.filter((a) => a.includes('aws_lb_target_group_attachment')).sort()).toEqual([
        'module.api_lb.aws_lb_target_group_attachment.control_plane["demo-cp-0"]',
        'module.api_lb.aws_lb_target_group_attachment.control_plane["demo-cp-1"]',
        'module.api_lb.aws_lb_target_group_attachment.control_plane["demo-cp-2"]'
      ]);
    },
    TERRAFORM_TEST_TIMEOUT_MS
  );

  test('every planned instance requires IMDSv2 and has an encrypted root volume', () => {
    const instances = plan.resource_changes.filter((rc) => rc.type === 'aws_instance');
    expect(instances).toHaveLength(5);
    for (const rc of instances) {
      const after = obj(rc.change.after, rc.address);
      expect(blocks(after['metadata_options']).map((m) => m['http_tokens'])).toEqual(['required']);
      expect(blocks(after['root_block_device']).map((d) => d['encrypted'])).toEqual([true]);
    }
  });

  test('every instance launches: no tag key EC2 refuses while tags are exposed in instance metadata', () => {
    const instances = plan.resource_changes.filter((rc) => rc.type === 'aws_instance');
    expect(instances).toHaveLength(5);
    const refused: string[] = [];
    for (const rc of instances) {
      const after = obj(rc.change.after, rc.address);
      const tags = obj(after['tags_all'], `${rc.address} tags_all`);
      const imds = blocks(after['metadata_options']).map((m) => m['instance_metadata_tags']);
      if (imds.includes('enabled')) {
        refused.push(
          ...Object.keys(tags)
            .filter((k) => !imdsTagKeyAccepted(k))
            .map((k) => `${rc.address}: ${k}`)
        );
      }
    }
    expect(refused).toEqual([]);
    // The provider's default_tags do reach every instance (so the check above saw them).
    for (const rc of instances) {
      const tags = obj(obj(rc.change.after, rc.address)['tags_all'], `${rc.address} tags_all`);
      expect([rc.address, tags['talos-irsa:cluster']]).toEqual([rc.address, 'demo']);
    }
  });

  test('no planned ingress rule is open to the world, and the CIDRs are the ones given', () => {
    const ingress = plan.resource_changes
      .filter((rc) => rc.type === 'aws_vpc_security_group_ingress_rule')
      .map((rc) => obj(rc.change.after, rc.address));
    const cidrs = ingress.map((r) => r['cidr_ipv4']).filter((c): c is string => typeof c === 'string');
    // (the admin CIDR twice: once on the control-plane group, once on the workers')
    expect(cidrs.sort()).toEqual(['198.51.100.0/24', '203.0.113.10/32', '203.0.113.10/32']);
    // Both ends of each port range: a rule "from 50000" that runs to 65535 is not the Talos API.
    const ports = ingress
      .map(
        (r) => `${String(r['ip_protocol'])}:${String(r['from_port'] ?? '*')}-${String(r['to_port'] ?? '*')}`
      )
      .sort();
    // No all-traffic rule: node-to-node traffic is opened port by port (the moto-applied tests below
    // check which group reaches which port).
    expect(ports.filter((p) => p.startsWith('-1:'))).toEqual([]);
    expect(ports.filter((p) => p === 'tcp:50000-50000')).toHaveLength(4); // admins x2, cp -> cp, cp -> workers
    // Nodes dial the public NLB from their own public IPs (known only after apply): one /32 each.
    const viaPublicIp = plan.resource_changes
      .filter((rc) => rc.address.includes('lb_kube_api_from_node_public_ips'))
      .map((rc) => rc.address.replace(/^.*\[/, '['))
      .sort();
    expect(viaPublicIp).toEqual(
      ['demo-cp-0', 'demo-cp-1', 'demo-cp-2', 'demo-general-0', 'demo-general-1'].map((n) => `["${n}"]`)
    );
  });

  test("a created VPC's default security group is adopted with no rules", () => {
    // AWS gives every VPC a default group open between its members and to everything outside;
    // anything launched into the VPC without a group of its own would get it.
    const adopted = plan.resource_changes.filter((rc) => rc.type === 'aws_default_security_group');
    expect(adopted.map((rc) => rc.address)).toEqual(['module.network.aws_default_security_group.this[0]']);
    const after = obj(adopted[0]?.change.after, 'default security group');
    expect([after['ingress'], after['egress']]).toEqual([[], []]);
  });

  test('the API listener and target group use TCP 6443 and the endpoint keeps the colon', () => {
    const after = (type: string): JsonObject[] =>
      plan.resource_changes.filter((rc) => rc.type === type).map((rc) => obj(rc.change.after, rc.address));
    expect(after('aws_lb_listener').map((l) => [l['port'], l['protocol']])).toEqual([[6443, 'TCP']]);
    expect(after('aws_lb_target_group').map((t) => [t['port'], t['protocol']])).toEqual([[6443, 'TCP']]);
    expect(after('aws_lb').map((l) => l['load_balancer_type'])).toEqual(['network']);
  });

  test('the discovery bucket and issuer are derived from the cluster name and account', () => {
    const outputs = plan.planned_values.outputs;
    expect(outputs['discovery_bucket']?.value).toBe('demo-oidc-123456789012');
    expect(outputs['issuer_url']?.value).toBe('https://demo-oidc-123456789012.s3.us-east-1.amazonaws.com');
    expect(outputs['jwks_url']?.value).toBe(
      'https://demo-oidc-123456789012.s3.us-east-1.amazonaws.com/openid/v1/jwks'
    );
    expect(outputs['kubeconfig']?.sensitive).toBe(true);
    expect(outputs['talosconfig']?.sensitive).toBe(true);
  });

  let plans = 0;
  /** Plan the root with `vars` on top of ROOT_VARS (into a plan file of its own) and return the plan as JSON. */
  async function planWith(vars: string[]): Promise<PlanJson> {
    const out = `tfplan-${++plans}`;
    await root.must([
      'plan',
      '-lock=false',
      '-input=false',
      '-no-color',
      `-out=${out}`,
      ...ROOT_VARS,
      ...vars
    ]);
    return JSON.parse((await root.must(['show', '-json', out])).stdout) as PlanJson;
  }

  /** A VPC and two subnets that already exist (in moto), as an operator's would. */
  async function existingVpc(): Promise<{ vpcId: string; subnetIds: string[] }> {
    const existing = await workspace('tf-existing-vpc', MOTO_CREDENTIALS);
    try {
      writeFileSync(
        join(existing.dir, 'main.tf'),
        `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n\n${motoProviderBlock(aws.endpoint, 'us-east-1', ['ec2', 'sts'])}
resource "aws_vpc" "ops" {
  cidr_block = "10.77.0.0/16"
}

resource "aws_subnet" "private" {
  for_each          = { a = "10.77.1.0/24", b = "10.77.2.0/24" }
  vpc_id            = aws_vpc.ops.id
  cidr_block        = each.value
  availability_zone = "us-east-1\${each.key}"
}

output "ids" {
  value = { vpc = aws_vpc.ops.id, subnets = [aws_subnet.private["a"].id, aws_subnet.private["b"].id] }
}
`
      );
      await existing.must(['init', '-backend=false', '-input=false', '-no-color']);
      await existing.must(['apply', '-auto-approve', '-input=false', '-no-color']);
      const ids = JSON.parse((await existing.must(['output', '-json', 'ids'])).stdout) as {
        vpc: string;
        subnets: string[];
      };
      return { vpcId: ids.vpc, subnetIds: ids.subnets };
    } finally {
      existing.remove();
    }
  }

  const afterOf = (p: PlanJson, type: string): JsonObject[] =>
    p.resource_changes.filter((rc) => rc.type === type).map((rc) => obj(rc.change.after, rc.address));

  test(
    'an existing VPC, nodes without public IPs and an internal load balancer',
    async () => {
      const { p, vpcId, subnetIds } = await planned.existingVpc;
      const types = new Set(p.resource_changes.map((rc) => rc.type));
      // (nor is an existing VPC's default security group adopted, which would strip its owner's rules)
      for (const created of [
        'aws_vpc',
        'aws_subnet',
        'aws_internet_gateway',
        'aws_route_table',
        'aws_route',
        'aws_default_security_group'
      ])
        expect([created, types.has(created)]).toEqual([created, false]);
      expect(p.planned_values.outputs['vpc_id']?.value).toBe(vpcId);
      for (const sg of afterOf(p, 'aws_security_group')) expect(sg['vpc_id']).toBe(vpcId);
      expect(afterOf(p, 'aws_lb_target_group').map((t) => t['vpc_id'])).toEqual([vpcId]);

      const instances = p.resource_changes.filter((rc) => rc.type === 'aws_instance');
      const placement = Object.fromEntries(
        instances.map((rc) => {
          const after = obj(rc.change.after, rc.address);
          return [
            rc.address.replace(/^.*\["(.*)"\]$/, '$1'),
            [after['associate_public_ip_address'], after['subnet_id']]
          ];
        })
      );
      const [a, b] = subnetIds;
      expect(placement).toEqual({
        'demo-cp-0': [false, a],
        'demo-cp-1': [false, b],
        'demo-cp-2': [false, a],
        'demo-general-0': [false, a],
        'demo-gpu-0': [false, a],
        'demo-gpu-1': [false, b]
      });

      // (subnets is a set: terraform sorts it)
      expect(afterOf(p, 'aws_lb').map((l) => [l['internal'], strings(l['subnets']).sort()])).toEqual([
        [true, [...subnetIds].sort()]
      ]);
      // No node reaches the API through a public address, so no per-node public-IP rule.
      expect(
        p.resource_changes.filter((rc) => rc.address.includes('lb_kube_api_from_node_public_ips'))
      ).toEqual([]);
      const ingress = afterOf(p, 'aws_vpc_security_group_ingress_rule');
      expect(
        ingress
          .map((r) => r['cidr_ipv4'])
          .filter((c) => typeof c === 'string')
          .sort()
      ).toEqual(['198.51.100.0/24', '203.0.113.10/32', '203.0.113.10/32']);
    },
    TERRAFORM_TEST_TIMEOUT_MS
  );

  test(
    'public node IPs with an internal load balancer: nodes reach it inside the VPC, no public-IP rules',
    async () => {
      const p = await planned.publicIpsInternalLb;
      expect(afterOf(p, 'aws_instance').map((i) => i['associate_public_ip_address'])).toEqual([true]);
      expect(afterOf(p, 'aws_lb').map((l) => l['internal'])).toEqual([true]);
      expect(
        p.resource_changes.filter((rc) => rc.address.includes('lb_kube_api_from_node_public_ips'))
      ).toEqual([]);
      expect(p.resource_changes.filter((rc) => rc.type === 'aws_lb_target_group_attachment')).toHaveLength(1);
    },
    TERRAFORM_TEST_TIMEOUT_MS
  );

  test(
    'the worker count changes nothing on the control-plane group, its rules or the control-plane nodes',
    async () => {
      // Everything in the plan that is not a worker, nor a per-node public-IP rule on the NLB group,
      // keyed by address with its planned values: the same for one worker and for five.
      const notWorkers = (p: PlanJson): Record<string, Json> =>
        Object.fromEntries(
          p.resource_changes
            .filter(
              (rc) =>
                !rc.address.startsWith('module.nodes.aws_instance.worker[') &&
                !rc.address.includes('lb_kube_api_from_node_public_ips')
            )
            .map((rc) => [rc.address, rc.change.after])
        );
      const [one, five] = await Promise.all([planned.oneWorker, planned.fiveWorkers]);
      expect(afterOf(five, 'aws_instance')).toHaveLength(8);
      const controlPlane = Object.keys(notWorkers(one)).filter((a) => /control_plane|\["cp_/.test(a));
      // (the comparison covers the control-plane group, its rules and nodes)
      expect(controlPlane).toEqual(
        expect.arrayContaining([
          'module.security_groups.aws_security_group.control_plane',
          'module.security_groups.aws_vpc_security_group_ingress_rule.cluster["cp_etcd_client_from_cp"]',
          'module.nodes.aws_instance.control_plane["demo-cp-0"]'
        ])
      );
      expect(notWorkers(five)).toEqual(notWorkers(one));
    },
    TERRAFORM_TEST_TIMEOUT_MS
  );
});

// --- node security groups, applied to moto -------------------------------------------------------

interface StateResource {
  address: string;
  type: string;
  values: JsonObject;
}

interface StateModule {
  resources?: StateResource[];
  child_modules?: StateModule[];
}

function stateResources(m: StateModule | undefined): StateResource[] {
  if (!m) return [];
  return [...(m.resources ?? []), ...(m.child_modules ?? []).flatMap(stateResources)];
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function cidrContains(cidr: string, ip: string): boolean {
  const [base = '', bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipv4ToInt(base) / size) * size;
  return ipv4ToInt(ip) >= start && ipv4ToInt(ip) < start + size;
}

/** A source as a security-group rule sees it: an instance (its groups and private IP), or a CIDR. */
type Source = { groups: string[]; ip: string } | { cidr: string };

/** Whether `rule` admits traffic from `source` on protocol/port. */
function admits(rule: JsonObject, source: Source, protocol: string, port: number): boolean {
  const proto = rule['ip_protocol'];
  const portOk =
    proto === '-1' ||
    (proto === protocol && Number(rule['from_port']) <= port && port <= Number(rule['to_port']));
  if (!portOk) return false;
  const ref = rule['referenced_security_group_id'];
  const cidr = rule['cidr_ipv4'];
  if ('cidr' in source) return typeof cidr === 'string' && cidr === source.cidr;
  return (
    (typeof ref === 'string' && source.groups.includes(ref)) ||
    (typeof cidr === 'string' && cidrContains(cidr, source.ip))
  );
}

describe('node security groups, applied to moto', () => {
  let aws: AwsEndpoint;
  let ws: Workspace;
  let resources: StateResource[] = [];
  /** Group IDs by role, as the root module wires them (pinned by the structure tests below). */
  let cp: { groups: string[]; ip: string };
  let wk: { groups: string[]; ip: string };
  let lb: { groups: string[]; ip: string };

  beforeAll(async () => {
    aws = await awsEndpoint();
    ws = await workspace('tf-sg', MOTO_CREDENTIALS);
    cpSync(join(MODULES_DIR, 'security-groups'), join(ws.dir, 'security-groups'), { recursive: true });
    writeFileSync(
      join(ws.dir, 'main.tf'),
      `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n\n${motoProviderBlock(aws.endpoint, 'us-east-1', ['ec2', 'sts'])}
resource "aws_vpc" "this" {
  cidr_block = "10.42.0.0/16"
}

module "sg" {
  source              = "./security-groups"
  name                = "sgcheck"
  vpc_id              = aws_vpc.this.id
  admin_cidrs         = ["203.0.113.10/32"]
  api_cidrs           = ["198.51.100.0/24"]
  kubespan_enabled    = true
  kubespan_peer_cidrs = ["192.0.2.7/32"]
}

output "groups" {
  value = {
    control_plane = module.sg.control_plane_security_group_id
    workers       = module.sg.worker_security_group_id
    api_lb        = module.sg.api_lb_security_group_id
  }
}
`
    );
    await ws.must(['init', '-backend=false', '-input=false', '-no-color']);
    await ws.must(['apply', '-auto-approve', '-input=false', '-no-color']);
    const state = JSON.parse((await ws.must(['show', '-json'])).stdout) as {
      values?: { root_module?: StateModule; outputs?: Record<string, { value: Record<string, string> }> };
    };
    resources = stateResources(state.values?.root_module);
    const groups = state.values?.outputs?.['groups']?.value ?? {};
    cp = { groups: [String(groups['control_plane'])], ip: '10.42.0.10' };
    wk = { groups: [String(groups['workers'])], ip: '10.42.1.10' };
    lb = { groups: [String(groups['api_lb'])], ip: '10.42.2.10' };
  }, TERRAFORM_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await ws?.terraform(['destroy', '-auto-approve', '-input=false', '-no-color']);
    ws?.remove();
    await aws?.stop();
  }, TERRAFORM_TEST_TIMEOUT_MS);

  const ofType = (type: string): JsonObject[] =>
    resources.filter((r) => r.type === type).map((r) => r.values);
  const ingressTo = (target: { groups: string[] }): JsonObject[] =>
    ofType('aws_vpc_security_group_ingress_rule').filter((r) =>
      target.groups.includes(String(r['security_group_id']))
    );
  /** Every "protocol:port" of `candidates` that some ingress rule of `target` admits from `source`. */
  const reachable = (source: Source, target: { groups: string[] }, candidates: string[]): string[] =>
    candidates.filter((c) => {
      const [protocol = '', port = ''] = c.split(':');
      return ingressTo(target).some((rule) => admits(rule, source, protocol, Number(port)));
    });

  // Every port a Talos node listens on from outside (Talos network connectivity, Kubernetes ports
  // and protocols, flannel's VXLAN port as Talos configures it and flannel's own default, KubeSpan),
  // plus the NodePort range's ends.
  const PORTS = [
    'tcp:2379',
    'tcp:2380',
    'tcp:6443',
    'tcp:10250',
    'tcp:10256',
    'tcp:10257',
    'tcp:10259',
    'tcp:30000',
    'tcp:32767',
    'tcp:50000',
    'tcp:50001',
    'udp:4789',
    'udp:8472',
    'udp:51820'
  ];

  test('control plane and workers have groups of their own', () => {
    expect(new Set([...cp.groups, ...wk.groups, ...lb.groups]).size).toBe(3);
  });

  test('a worker reaches no etcd, kube-scheduler or kube-controller-manager port on the control plane', () => {
    expect(reachable(wk, cp, ['tcp:2379', 'tcp:2380', 'tcp:10257', 'tcp:10259'])).toEqual([]);
    // (the check sees etcd at all: control-plane nodes reach each other's)
    expect(reachable(cp, cp, ['tcp:2379', 'tcp:2380'])).toEqual(['tcp:2379', 'tcp:2380']);
  });

  test('between nodes, each direction opens exactly the ports the cluster needs', () => {
    expect({
      workerToControlPlane: reachable(wk, cp, PORTS),
      controlPlaneToWorker: reachable(cp, wk, PORTS),
      controlPlaneToControlPlane: reachable(cp, cp, PORTS),
      workerToWorker: reachable(wk, wk, PORTS)
    }).toEqual({
      workerToControlPlane: ['tcp:6443', 'tcp:10250', 'tcp:50001', 'udp:4789', 'udp:51820'],
      controlPlaneToWorker: ['tcp:10250', 'tcp:50000', 'udp:4789', 'udp:51820'],
      controlPlaneToControlPlane: [
        'tcp:2379',
        'tcp:2380',
        'tcp:6443',
        'tcp:10250',
        'tcp:50000',
        'udp:4789',
        'udp:51820'
      ],
      workerToWorker: ['tcp:10250', 'udp:4789', 'udp:51820']
    });
  });

  test('from outside: admins reach apid, KubeSpan peers WireGuard, the NLB the control plane on 6443 only', () => {
    const admin = { cidr: '203.0.113.10/32' };
    const peer = { cidr: '192.0.2.7/32' };
    expect([reachable(admin, cp, PORTS), reachable(admin, wk, PORTS)]).toEqual([
      ['tcp:50000'],
      ['tcp:50000']
    ]);
    expect([reachable(peer, cp, PORTS), reachable(peer, wk, PORTS)]).toEqual([['udp:51820'], ['udp:51820']]);
    expect([reachable(lb, cp, PORTS), reachable(lb, wk, PORTS)]).toEqual([['tcp:6443'], []]);
    const egress = ofType('aws_vpc_security_group_egress_rule').filter(
      (r) => r['security_group_id'] === lb.groups[0]
    );
    expect(egress.map((r) => [r['ip_protocol'], r['from_port'], r['referenced_security_group_id']])).toEqual([
      ['tcp', 6443, cp.groups[0] ?? '']
    ]);
    // Both kinds of node dial the cluster endpoint.
    expect([reachable(cp, lb, ['tcp:6443']), reachable(wk, lb, ['tcp:6443'])]).toEqual([
      ['tcp:6443'],
      ['tcp:6443']
    ]);
  });
});

// --- the root module's input validation ---------------------------------------------------------

describe('root module input validation (variables.tf alone: no provider needed)', () => {
  let vars: Workspace;

  beforeAll(async () => {
    vars = await workspace('tf-root-vars');
    cpSync(join(TERRAFORM_DIR, 'variables.tf'), join(vars.dir, 'variables.tf'));
    await vars.must(['init', '-backend=false', '-input=false', '-no-color']);
  });

  afterAll(() => vars?.remove());

  test('a sensible set of inputs is accepted', async () => {
    const r = await vars.terraform(['plan', '-lock=false', '-input=false', '-no-color', ...ROOT_VARS]);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 0, stderr: '' });
  });

  test('nodes without public IPs need an existing VPC: the created one has no NAT gateway', async () => {
    const refused = await vars.terraform([
      'plan',
      '-lock=false',
      '-input=false',
      '-no-color',
      ...ROOT_VARS,
      '-var=associate_public_ip=false'
    ]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr.replace(/[\s│]+/g, ' ')).toContain(
      'associate_public_ip = false needs vpc_id (and subnet_ids) of an existing VPC with its own egress'
    );
    const accepted = await vars.terraform([
      'plan',
      '-lock=false',
      '-input=false',
      '-no-color',
      ...ROOT_VARS,
      '-var=associate_public_ip=false',
      '-var=vpc_id=vpc-0123456789abcdef0',
      '-var=subnet_ids=["subnet-0123456789abcdef0"]'
    ]);
    expect({ exitCode: accepted.exitCode, stderr: accepted.stderr }).toEqual({ exitCode: 0, stderr: '' });
  });

  test('bad inputs are refused with one message per variable', async () => {
    const r = await vars.terraform([
      'plan',
      '-lock=false',
      '-input=false',
      '-no-color',
      '-var=cluster_name=Bad_Name',
      '-var=region=us-east-1',
      '-var=talos_version=v1.11',
      '-var=kubernetes_version=1.34.1',
      '-var=admin_cidrs=[]',
      '-var=api_cidrs=["0.0.0.0"]',
      '-var=control_plane={count=2}',
      '-var=kubespan_peer_cidrs=["198.51.100.7/32"]',
      '-var=oidc_admin_group=admins'
    ]);
    expect(r.exitCode).toBe(1);
    const said = r.stderr.replace(/\s+/g, ' ');
    for (const message of [
      'cluster_name must be a DNS label',
      'talos_version must look like 1.11.5',
      'control_plane.count must be an odd whole number',
      'admin_cidrs must list at least one IPv4 CIDR',
      'api_cidrs must list at least one IPv4 CIDR',
      'kubespan_peer_cidrs only makes sense with kubespan_enabled = true',
      'oidc_admin_group needs oidc'
    ]) {
      expect(said).toContain(message);
    }
  });
});

// --- the Talos patches, rendered --------------------------------------------------------------------

/**
 * The talos module's locals only read variables, so terraform can evaluate them with no provider at
 * all: the module's variables.tf and locals block in a scratch module, outputs that expose them.
 */
async function renderTalosLocals(): Promise<Record<string, Json>> {
  const ws = await workspace('tf-talos-locals');
  try {
    const mod = join(ws.dir, 'talos-locals');
    mkdirSync(mod);
    cpSync(join(MODULES_DIR, 'talos', 'variables.tf'), join(mod, 'variables.tf'));
    writeFileSync(
      join(mod, 'locals.tf'),
      localsBlockText(readFileSync(join(MODULES_DIR, 'talos', 'main.tf'), 'utf8'))
    );
    writeFileSync(
      join(mod, 'outputs.tf'),
      [
        'cluster_endpoint',
        'talos_contract',
        'controlplane_patches',
        'worker_patches',
        'bootstrap_node_name',
        'bootstrap_node',
        'control_plane_endpoints',
        'control_plane_ips',
        'worker_ips'
      ]
        .map((n) => `output "${n}" {\n  value = local.${n}\n}\n`)
        .join('\n')
    );
    const common = `
  source             = "./talos-locals"
  cluster_name       = "demo"
  api_endpoint_host  = "demo-api-0123.elb.us-east-1.amazonaws.com"
  talos_version      = "1.11.5"
  kubernetes_version = "1.34.1"
  service_account_issuer   = "https://demo-oidc.s3.us-east-1.amazonaws.com"
  service_account_jwks_uri = "https://demo-oidc.s3.us-east-1.amazonaws.com/openid/v1/jwks"
  control_plane_nodes = {
    "demo-cp-1" = { private_ip = "10.42.0.11", endpoint = "203.0.113.11" }
    "demo-cp-0" = { private_ip = "10.42.0.10", endpoint = "203.0.113.10" }
    "demo-cp-2" = { private_ip = "10.42.0.12", endpoint = "203.0.113.12" }
  }
  worker_nodes = {
    "demo-general-1" = { private_ip = "10.42.0.21", endpoint = "203.0.113.21" }
    "demo-general-0" = { private_ip = "10.42.0.20", endpoint = "203.0.113.20" }
  }`;
    writeFileSync(
      join(ws.dir, 'main.tf'),
      `module "plain" {${common}
}

module "dex" {${common}
  installer_image         = "factory.talos.dev/aws-installer/0123abcd:v1.11.5"
  config_patches          = ["machine:\\n  sysctls:\\n    net.core.somaxconn: \\"65535\\"\\n"]
  kubespan_enabled        = true
  oidc = {
    issuer_url = "https://dex.example.com"
    client_id  = "kubernetes"
    ca_file    = "/etc/ssl/certs/ca-certificates.crt"
  }
  oidc_admin_group        = "platform-admins"
  oidc_admin_cluster_role = "cluster-admin"
}

output "plain" {
  value = module.plain
}

output "dex" {
  value = module.dex
}
`
    );
    await ws.must(['init', '-backend=false', '-input=false', '-no-color']);
    await ws.must(['apply', '-auto-approve', '-input=false', '-no-color']);
    const out = await ws.must(['output', '-json']);
    const parsed = JSON.parse(out.stdout) as Record<string, { value: Json }>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v.value]));
  } finally {
    ws.remove();
  }
}

function patchesOf(rendered: Json | undefined, key: string): JsonObject[] {
  const list = obj(rendered, 'module outputs')[key];
  if (!Array.isArray(list)) throw new Error(`${key} is not a list`);
  return list.map((p) => obj(parseYaml(String(p)) as Json, key));
}

/** A dotted path through a parsed patch, or undefined. */
function at(value: Json | undefined, path: string): Json | undefined {
  return path.split('.').reduce<Json | undefined>((v, k) => (isObject(v) ? v[k] : undefined), value);
}

function extraArgs(patches: JsonObject[]): JsonObject {
  const withArgs = patches.map((p) => at(p, 'cluster.apiServer.extraArgs')).filter(isObject);
  expect(withArgs).toHaveLength(1);
  return withArgs[0] ?? {};
}

describe('Talos config patches, as terraform renders them', () => {
  let rendered: Record<string, Json>;

  beforeAll(async () => {
    rendered = await renderTalosLocals();
  }, TERRAFORM_TEST_TIMEOUT_MS);

  test('one cluster endpoint on :6443 and a deterministic bootstrap node', () => {
    expect(obj(rendered['plain'])['cluster_endpoint']).toBe(
      'https://demo-api-0123.elb.us-east-1.amazonaws.com:6443'
    );
    expect(obj(rendered['plain'])['bootstrap_node_name']).toBe('demo-cp-0');
  });

  test('the configuration contract is v<talos_version>', () => {
    expect(obj(rendered['plain'])['talos_contract']).toBe('v1.11.5');
  });

  test('terraform dials each node at its endpoint and names it by its private IP, never the other way', () => {
    const plain = obj(rendered['plain']);
    expect(plain['bootstrap_node']).toEqual({ private_ip: '10.42.0.10', endpoint: '203.0.113.10' });
    expect(plain['control_plane_endpoints']).toEqual(['203.0.113.10', '203.0.113.11', '203.0.113.12']);
    expect(plain['control_plane_ips']).toEqual(['10.42.0.10', '10.42.0.11', '10.42.0.12']);
    expect(plain['worker_ips']).toEqual(['10.42.0.20', '10.42.0.21']);
  });

  test('kube-apiserver issues service-account tokens for the S3 issuer and points at the published JWKS', () => {
    expect(extraArgs(patchesOf(rendered['plain'], 'controlplane_patches'))).toEqual({
      'service-account-issuer': 'https://demo-oidc.s3.us-east-1.amazonaws.com',
      'service-account-jwks-uri': 'https://demo-oidc.s3.us-east-1.amazonaws.com/openid/v1/jwks'
    });
  });

  test('without OIDC settings there are no OIDC flags, inline manifests or KubeSpan', () => {
    const cp = patchesOf(rendered['plain'], 'controlplane_patches');
    expect(cp.some((p) => at(p, 'cluster.inlineManifests') !== undefined)).toBe(false);
    expect(patchesOf(rendered['plain'], 'worker_patches')).toEqual([
      { machine: { install: { image: 'ghcr.io/siderolabs/installer:v1.11.5' } } }
    ]);
  });

  test('Dex settings add exactly the OIDC flags given, next to the issuer flags', () => {
    expect(extraArgs(patchesOf(rendered['dex'], 'controlplane_patches'))).toEqual({
      'service-account-issuer': 'https://demo-oidc.s3.us-east-1.amazonaws.com',
      'service-account-jwks-uri': 'https://demo-oidc.s3.us-east-1.amazonaws.com/openid/v1/jwks',
      'oidc-issuer-url': 'https://dex.example.com',
      'oidc-client-id': 'kubernetes',
      'oidc-username-claim': 'email',
      'oidc-groups-claim': 'groups',
      'oidc-ca-file': '/etc/ssl/certs/ca-certificates.crt'
    });
  });

  test('the OIDC admin group is bound to its ClusterRole by an inline manifest', () => {
    const manifests = patchesOf(rendered['dex'], 'controlplane_patches').flatMap((p) => {
      const m = at(p, 'cluster.inlineManifests');
      return Array.isArray(m) ? m.map((x) => obj(x)) : [];
    });
    expect(manifests.map((m) => m['name'])).toEqual(['oidc-admin-cluster-role-binding']);
    const binding = obj(parseYaml(String(manifests[0]?.['contents'])) as Json);
    expect(binding['kind']).toBe('ClusterRoleBinding');
    expect(binding['roleRef']).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'cluster-admin'
    });
    expect(binding['subjects']).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'platform-admins' }
    ]);
  });

  test('every node installs the release it runs: machine.install.image is the installer of talos_version', () => {
    for (const key of ['controlplane_patches', 'worker_patches']) {
      const images = (name: string): Json[] =>
        patchesOf(rendered[name], key)
          .map((p) => at(p, 'machine.install.image'))
          .filter((i) => i !== undefined);
      expect([key, images('plain')]).toEqual([key, ['ghcr.io/siderolabs/installer:v1.11.5']]);
      // installer_image replaces it (a factory image's installer, say) ...
      expect([key, images('dex')]).toEqual([key, ['factory.talos.dev/aws-installer/0123abcd:v1.11.5']]);
      // ... and it comes before the user's own patches, which may still override it.
      const patches = patchesOf(rendered['dex'], key);
      const install = patches.findIndex((p) => at(p, 'machine.install.image') !== undefined);
      const user = patches.findIndex((p) => at(p, 'machine.sysctls') !== undefined);
      expect([key, install >= 0 && user > install]).toEqual([key, true]);
    }
  });

  test('KubeSpan and discovery are switched on for every node when enabled', () => {
    for (const key of ['controlplane_patches', 'worker_patches']) {
      const patches = patchesOf(rendered['dex'], key);
      expect(patches.some((p) => at(p, 'machine.network.kubespan.enabled') === true)).toBe(true);
      expect(patches.some((p) => at(p, 'cluster.discovery.enabled') === true)).toBe(true);
    }
  });
});

// --- load balancer names, rendered -----------------------------------------------------------------

describe('load balancer and target group names, as terraform renders them', () => {
  const names = [
    'demo',
    'a-cluster-name-of-27-chars-',
    'exactly-twenty-seven-chars1',
    'platform-team-production-east-1',
    'platform-team-production-east-2',
    'platform-team-productio-b-eu-3a'
  ];
  let rendered: Record<string, { lb: string; tg: string }>;

  beforeAll(async () => {
    const ws = await workspace('tf-api-lb-names');
    try {
      const mod = join(ws.dir, 'api-lb-locals');
      mkdirSync(mod);
      cpSync(join(MODULES_DIR, 'api-lb', 'variables.tf'), join(mod, 'variables.tf'));
      writeFileSync(
        join(mod, 'locals.tf'),
        localsBlockText(readFileSync(join(MODULES_DIR, 'api-lb', 'main.tf'), 'utf8'))
      );
      // The names exactly as the resources spell them.
      const api = resource(await loadModule(join(MODULES_DIR, 'api-lb')), 'aws_lb', 'api')['name'];
      const tg = resource(await loadModule(join(MODULES_DIR, 'api-lb')), 'aws_lb_target_group', 'api')[
        'name'
      ];
      writeFileSync(
        join(mod, 'outputs.tf'),
        `output "names" {\n  value = { lb = ${JSON.stringify(api)}, tg = ${JSON.stringify(tg)} }\n}\n`
      );
      const calls = names.map(
        (n, i) => `module "n${i}" {
  source                     = "./api-lb-locals"
  name                       = ${JSON.stringify(n)}
  vpc_id                     = "vpc-0123456789abcdef0"
  subnet_ids                 = ["subnet-0123456789abcdef0"]
  security_group_ids         = []
  control_plane_instance_ids = {}
}

output "n${i}" {
  value = module.n${i}.names
}
`
      );
      writeFileSync(join(ws.dir, 'main.tf'), calls.join('\n'));
      await ws.must(['init', '-backend=false', '-input=false', '-no-color']);
      await ws.must(['apply', '-auto-approve', '-input=false', '-no-color']);
      const out = JSON.parse((await ws.must(['output', '-json'])).stdout) as Record<
        string,
        { value: { lb: string; tg: string } }
      >;
      rendered = Object.fromEntries(names.map((n, i) => [n, out[`n${i}`]?.value ?? { lb: '', tg: '' }]));
    } finally {
      ws.remove();
    }
  }, TERRAFORM_TEST_TIMEOUT_MS);

  test('names of up to 27 characters keep their names (no existing cluster is renamed)', () => {
    expect(rendered['demo']).toEqual({ lb: 'demo-api', tg: 'demo-6443' });
    expect(rendered['exactly-twenty-seven-chars1']).toEqual({
      lb: 'exactly-twenty-seven-chars1-api',
      tg: 'exactly-twenty-seven-chars1-6443'
    });
    expect(rendered['a-cluster-name-of-27-chars-']?.tg).toBe('a-cluster-name-of-27-chars-6443');
  });

  test('longer names that share a 27-character prefix still get different names', () => {
    const lbs = names.map((n) => rendered[n]?.lb);
    const tgs = names.map((n) => rendered[n]?.tg);
    expect(new Set(lbs).size).toBe(names.length);
    expect(new Set(tgs).size).toBe(names.length);
  });

  test('every name is one AWS accepts: at most 32 characters, letters, digits and inner hyphens', () => {
    for (const { lb, tg } of Object.values(rendered)) {
      for (const name of [lb, tg]) {
        expect([name, name.length <= 32, /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(name)]).toEqual([
          name,
          true,
          true
        ]);
      }
    }
  });
});

// --- structure, read from the HCL --------------------------------------------------------------------

describe('structure of the Terraform code', () => {
  const docs = new Map<string, ModuleDoc>();
  const mod = (dir: string): ModuleDoc => {
    const d = docs.get(dir);
    if (!d) throw new Error(`not loaded: ${dir}`);
    return d;
  };
  const talos = (): ModuleDoc => mod(join(MODULES_DIR, 'talos'));
  const root = (): ModuleDoc => mod(TERRAFORM_DIR);

  beforeAll(async () => {
    for (const dir of ALL_MODULE_DIRS) docs.set(dir, await loadModule(dir));
  });

  test("the provision action's README example gives every variable the root module requires", () => {
    const text = readFileSync(join(TERRAFORM_DIR, '..', 'actions', 'provision', 'README.md'), 'utf8');
    const [step] = parseYaml(/```yaml\n([\s\S]*?)```/.exec(text)?.[1] ?? '') as Array<{
      with?: Record<string, string>;
    }>;
    const given = Object.keys(parseYaml(step?.with?.['variables'] ?? '') as Record<string, unknown>);
    const required = Object.entries(root().variables)
      .filter(([, variable]) => !('default' in variable))
      .map(([name]) => name);
    // cluster_name comes from the cluster-name input.
    expect(required.filter((name) => name !== 'cluster_name' && !given.includes(name))).toEqual([]);
    expect(required).toContain('api_cidrs');
  });

  test('control-plane and worker configurations share the one cluster endpoint, with the colon before 6443', () => {
    const endpoint = talos().locals['cluster_endpoint'];
    expect(endpoint).toBe('https://${var.api_endpoint_host}:6443');
    for (const type of ['controlplane', 'worker']) {
      const cfg = dataSource(talos(), 'talos_machine_configuration', type);
      expect([cfg['machine_type'], cfg['cluster_endpoint']]).toEqual([type, '${local.cluster_endpoint}']);
    }
    expect(root().modules['talos']?.['api_endpoint_host']).toBe('${module.api_lb.dns_name}');
    // The blog's worker endpoint lost its colon: "...dns_name}6443". Nowhere here.
    for (const d of docs.values()) expect(d.text).not.toMatch(/\}6443/);
  });

  test('nodes, config applies and target-group attachments are for_each maps, never copies or counts', () => {
    const nodes = mod(join(MODULES_DIR, 'nodes'));
    for (const name of ['control_plane', 'worker']) {
      const r = resource(nodes, 'aws_instance', name);
      expect(r['for_each']).toBeDefined();
      expect(r['count']).toBeUndefined();
    }
    expect(Object.keys(nodes.resources['aws_instance'] ?? {}).sort()).toEqual(['control_plane', 'worker']);
    for (const name of ['controlplane', 'worker']) {
      expect(resource(talos(), 'talos_machine_configuration_apply', name)['for_each']).toBe(
        name === 'controlplane' ? '${var.control_plane_nodes}' : '${var.worker_nodes}'
      );
    }
    expect(Object.keys(talos().resources['talos_machine_configuration_apply'] ?? {}).sort()).toEqual([
      'controlplane',
      'worker'
    ]);
    const attach = resource(
      mod(join(MODULES_DIR, 'api-lb')),
      'aws_lb_target_group_attachment',
      'control_plane'
    );
    expect(attach['for_each']).toBe('${var.control_plane_instance_ids}');
  });

  test('both machine configurations get the Talos contract, the Kubernetes version and their own patches', () => {
    expect(talos().locals['talos_contract']).toBe('v${var.talos_version}');
    for (const [type, patches] of [
      ['controlplane', 'controlplane_patches'],
      ['worker', 'worker_patches']
    ] as const) {
      const cfg = dataSource(talos(), 'talos_machine_configuration', type);
      expect({
        type,
        talos_version: cfg['talos_version'],
        kubernetes_version: cfg['kubernetes_version'],
        config_patches: cfg['config_patches'],
        machine_secrets: cfg['machine_secrets']
      }).toEqual({
        type,
        talos_version: '${local.talos_contract}',
        kubernetes_version: '${var.kubernetes_version}',
        config_patches: `\${local.${patches}}`,
        machine_secrets: '${talos_machine_secrets.this.machine_secrets}'
      });
    }
    expect(resource(talos(), 'talos_machine_secrets', 'this')['talos_version']).toBe(
      '${local.talos_contract}'
    );
    const passed = root().modules['talos'] ?? {};
    expect([passed['talos_version'], passed['kubernetes_version'], passed['installer_image']]).toEqual([
      '${var.talos_version}',
      '${var.kubernetes_version}',
      '${var.installer_image}'
    ]);
    // The AMI is looked up for the same release.
    expect(root().modules['nodes']?.['talos_version']).toBe('${var.talos_version}');
  });

  test('every Talos API call dials the node endpoint and names the node by its private IP', () => {
    for (const name of ['controlplane', 'worker']) {
      const apply = resource(talos(), 'talos_machine_configuration_apply', name);
      expect([name, apply['node'], apply['endpoint']]).toEqual([
        name,
        '${each.value.private_ip}',
        '${each.value.endpoint}'
      ]);
    }
    for (const r of [
      resource(talos(), 'talos_machine_bootstrap', 'this'),
      resource(talos(), 'talos_cluster_kubeconfig', 'this')
    ]) {
      expect([r['node'], r['endpoint']]).toEqual([
        '${local.bootstrap_node.private_ip}',
        '${local.bootstrap_node.endpoint}'
      ]);
    }
    const client = dataSource(talos(), 'talos_client_configuration', 'this');
    expect([client['endpoints'], client['nodes']]).toEqual([
      '${local.control_plane_endpoints}',
      '${concat(local.control_plane_ips, local.worker_ips)}'
    ]);
    const health = dataSource(talos(), 'talos_cluster_health', 'this');
    expect([health['endpoints'], health['control_plane_nodes'], health['worker_nodes']]).toEqual([
      '${local.control_plane_endpoints}',
      '${local.control_plane_ips}',
      '${local.worker_ips}'
    ]);
    // The nodes module says which address is which: the endpoint is the public IP when there is one.
    const nodes = mod(join(MODULES_DIR, 'nodes'));
    for (const [output, resourceName] of [
      ['control_plane_nodes', 'control_plane'],
      ['worker_nodes', 'worker']
    ]) {
      const value = String(nodes.outputs[output ?? '']?.['value']);
      expect([output, value.replace(/\s+/g, ' ')]).toEqual([
        output,
        `\${{ for name, i in aws_instance.${resourceName} : name => { private_ip = i.private_ip endpoint = var.associate_public_ip ? i.public_ip : i.private_ip } }}`
      ]);
    }
    expect(root().modules['talos']?.['control_plane_nodes']).toBe('${module.nodes.control_plane_nodes}');
    expect(root().modules['talos']?.['worker_nodes']).toBe('${module.nodes.worker_nodes}');
  });

  test('each security-group rule opens exactly one port (or all traffic), and the Talos API only TCP 50000', () => {
    const sg = mod(join(MODULES_DIR, 'security-groups'));
    const rules = {
      ...sg.resources['aws_vpc_security_group_ingress_rule'],
      ...sg.resources['aws_vpc_security_group_egress_rule']
    };
    for (const [name, rule] of Object.entries(rules)) {
      if (rule['ip_protocol'] === '-1') {
        expect([name, rule['from_port'], rule['to_port']]).toEqual([name, undefined, undefined]);
      } else {
        expect([name, rule['to_port']]).toEqual([name, rule['from_port']]);
      }
    }
    const admin = rules['nodes_talos_api_from_admins'] ?? {};
    expect([
      admin['ip_protocol'],
      admin['from_port'],
      admin['to_port'],
      admin['cidr_ipv4'],
      admin['for_each']
    ]).toEqual(['tcp', 50000, 50000, '${each.value.cidr}', '${local.admin_rules}']);
  });

  test('control-plane and worker nodes get their own security groups', () => {
    const nodes = mod(join(MODULES_DIR, 'nodes'));
    expect([
      resource(nodes, 'aws_instance', 'control_plane')['vpc_security_group_ids'],
      resource(nodes, 'aws_instance', 'worker')['vpc_security_group_ids']
    ]).toEqual(['${var.control_plane_security_group_ids}', '${var.worker_security_group_ids}']);
    const call = root().modules['nodes'] ?? {};
    expect([call['control_plane_security_group_ids'], call['worker_security_group_ids']]).toEqual([
      ['${module.security_groups.control_plane_security_group_id}'],
      ['${module.security_groups.worker_security_group_id}']
    ]);
  });

  test('the Talos graph: secrets, one bootstrap, the kubeconfig resource and not the deprecated data source', () => {
    expect(Object.keys(talos().resources['talos_machine_secrets'] ?? {})).toHaveLength(1);
    const bootstrap = resource(talos(), 'talos_machine_bootstrap', 'this');
    expect([bootstrap['count'], bootstrap['for_each']]).toEqual([undefined, undefined]);
    expect(resource(talos(), 'talos_cluster_kubeconfig', 'this')['depends_on']).toEqual([
      '${talos_machine_bootstrap.this}'
    ]);
    for (const d of docs.values()) expect(d.data['talos_cluster_kubeconfig']).toBeUndefined();
    expect(dataSource(talos(), 'talos_cluster_health', 'this')['count']).toBe(
      '${var.wait_for_health ? 1 : 0}'
    );
    expect(dataSource(talos(), 'talos_client_configuration', 'this')['client_configuration']).toBe(
      '${talos_machine_secrets.this.client_configuration}'
    );
  });

  test('the service-account issuer flag is the discovery bucket URL, end to end', () => {
    const args = obj(talos().locals['service_account_args']);
    expect(args['service-account-issuer']).toBe('${var.service_account_issuer}');
    expect(args['service-account-jwks-uri']).toBe('${var.service_account_jwks_uri}');
    expect(root().modules['talos']?.['service_account_issuer']).toBe('${module.irsa_discovery.issuer_url}');
    expect(root().modules['talos']?.['service_account_jwks_uri']).toBe('${module.irsa_discovery.jwks_url}');
    const discovery = mod(join(MODULES_DIR, 'irsa-discovery'));
    const issuer = resolveLocals(String(body(discovery.outputs['issuer_url'])['value']), discovery.locals);
    expect(issuer).toBe(
      'https://${var.bucket_name}.s3.${var.region}.${data.aws_partition.current.dns_suffix}'
    );
    const jwks = resolveLocals(String(discovery.outputs['jwks_url']?.['value']), discovery.locals);
    expect(jwks).toBe(
      'https://${var.bucket_name}.s3.${var.region}.${data.aws_partition.current.dns_suffix}/${var.jwks_object_key}'
    );
    expect(discovery.variables['jwks_object_key']?.['default']).toBe('openid/v1/jwks');
    expect(resource(discovery, 'aws_iam_openid_connect_provider', 'issuer')['url']).toBe(
      '${local.issuer_url}'
    );
  });

  test('no ingress anywhere is open to 0.0.0.0/0 (or ::/0), and CIDR inputs have no defaults', () => {
    const world = /^(0\.0\.0\.0\/0|::\/0|\*|Internet)$/;
    const violations: string[] = [];
    for (const d of docs.values()) {
      for (const [name, rule] of Object.entries(d.resources['aws_vpc_security_group_ingress_rule'] ?? {})) {
        const sources = strings(rule['cidr_ipv4']).concat(strings(rule['cidr_ipv6']));
        if (sources.some((s) => world.test(s))) violations.push(`${d.dir}: ingress rule ${name}`);
      }
      for (const [name, sg] of Object.entries(d.resources['aws_security_group'] ?? {})) {
        // Rules are separate resources, each reviewable; no inline ingress blocks.
        if (sg['ingress'] !== undefined) violations.push(`${d.dir}: inline ingress in ${name}`);
      }
      if (d.resources['aws_security_group_rule']) violations.push(`${d.dir}: legacy aws_security_group_rule`);
      for (const [name, nsg] of Object.entries(d.resources['azurerm_network_security_group'] ?? {})) {
        for (const rule of blocks(nsg['security_rule'])) {
          if (rule['direction'] !== 'Inbound') continue;
          const sources = strings(rule['source_address_prefix']).concat(
            strings(rule['source_address_prefixes'])
          );
          if (sources.some((s) => world.test(s)))
            violations.push(`${d.dir}: NSG ${name} rule ${String(rule['name'])}`);
        }
      }
      for (const [name, v] of Object.entries(d.variables)) {
        if (/cidrs?$/.test(name) && strings(v['default']).some((s) => world.test(s))) {
          violations.push(`${d.dir}: variable ${name} defaults to the world`);
        }
      }
    }
    expect(violations).toEqual([]);
    for (const name of ['admin_cidrs', 'api_cidrs']) {
      expect(root().variables[name]?.['default']).toBeUndefined();
      expect(mod(join(MODULES_DIR, 'security-groups')).variables[name]?.['default']).toBeUndefined();
    }
  });

  test('security groups reference the VPC by the ID they are given', () => {
    const sg = mod(join(MODULES_DIR, 'security-groups'));
    for (const r of Object.values(sg.resources['aws_security_group'] ?? {}))
      expect(r['vpc_id']).toBe('${var.vpc_id}');
    expect(root().modules['security_groups']?.['vpc_id']).toBe('${module.network.vpc_id}');
    for (const d of docs.values()) expect(d.text).not.toMatch(/aws_vpc\.main/);
  });

  test('every EC2 instance requires IMDSv2 and encrypts its root volume', () => {
    const instances = Object.values(mod(join(MODULES_DIR, 'nodes')).resources['aws_instance'] ?? {});
    expect(instances).toHaveLength(2);
    for (const i of instances) {
      expect(blocks(i['metadata_options']).map((m) => m['http_tokens'])).toEqual(['required']);
      expect(blocks(i['root_block_device']).map((d) => d['encrypted'])).toEqual([true]);
      expect(i['user_data']).toMatch(/^\$\{var\.(controlplane|worker)_user_data\}$/);
    }
    const ami = dataSource(mod(join(MODULES_DIR, 'nodes')), 'aws_ami', 'talos');
    expect(ami['owners']).toEqual(['540036508848']);
    expect(blocks(ami['filter']).map((f) => f['values'])).toContainEqual([
      'talos-v${var.talos_version}-${var.region}-${var.arch}'
    ]);
  });

  test('tag keys suit every cloud: IMDS rules wherever instances expose tags, Azure rules on Azure', () => {
    /** The literal keys of the object constructors inside a tags expression. */
    const fixedKeys = (expression: Json | undefined): string[] =>
      [...String(expression).matchAll(/(?:"([^"]+)"|\b([A-Za-z_][\w-]*))\s*=(?!=)/g)].map(
        (m) => m[1] ?? m[2] ?? ''
      );
    const nodes = mod(join(MODULES_DIR, 'nodes'));
    const instances = Object.values(nodes.resources['aws_instance'] ?? {});
    const defaultTags = blockText(
      readFileSync(join(TERRAFORM_DIR, 'providers.tf'), 'utf8'),
      /^[ \t]*default_tags \{/m,
      'default_tags'
    );
    const awsKeys = [...fixedKeys(defaultTags), ...instances.flatMap((i) => fixedKeys(i['tags']))].filter(
      (k) => k !== 'tags'
    );
    const exposed = instances.some((i) =>
      blocks(i['metadata_options']).some((m) => m['instance_metadata_tags'] !== 'disabled')
    );
    if (exposed) {
      // Then EC2 checks every key at launch, the user's included: those inputs need the same rule.
      expect(awsKeys.filter((k) => !imdsTagKeyAccepted(k))).toEqual([]);
      for (const name of ['tags', 'worker_groups']) {
        const conditions = blocks(root().variables[name]?.['validation']).map((v) => String(v['condition']));
        expect([name, conditions.some((c) => c.includes('_index'))]).toEqual([name, true]);
      }
    }
    expect(awsKeys).toEqual(
      expect.arrayContaining(['talos-irsa:cluster', 'Name', 'Role', 'KubernetesCluster'])
    );
    // Azure refuses < > % & \ ? / in tag names.
    const azure = mod(join(MODULES_DIR, 'azure-workers'));
    const azureKeys = Object.values(azure.resources)
      .flatMap((byName) => Object.values(byName))
      .flatMap((r) => fixedKeys(r['tags']))
      .filter((k) => k !== 'tags');
    expect(azureKeys).toContain('talos-irsa:cluster');
    expect(azureKeys.filter((k) => /[<>%&\\?/]/.test(k))).toEqual([]);
    expect(blocks(azure.variables['tags']?.['validation'])).toHaveLength(1);
  });

  test("a created VPC uses the region's own zones only, not opt-in Local or Wavelength Zones", () => {
    const azs = dataSource(mod(join(MODULES_DIR, 'network')), 'aws_availability_zones', 'available');
    expect(azs['state']).toBe('available');
    expect(blocks(azs['filter'])).toEqual([{ name: 'opt-in-status', values: ['opt-in-not-required'] }]);
  });

  test('nodes keep their subnet, and the API load balancer its names, when the inputs that derive them move', () => {
    const nodes = mod(join(MODULES_DIR, 'nodes'));
    for (const name of ['control_plane', 'worker']) {
      const lifecycle = blocks(resource(nodes, 'aws_instance', name)['lifecycle']);
      expect([name, lifecycle.flatMap((l) => strings(l['ignore_changes']))]).toEqual([
        name,
        expect.arrayContaining(['${ami}', '${user_data}', '${subnet_id}'])
      ]);
    }
    const lb = mod(join(MODULES_DIR, 'api-lb'));
    for (const [type, name] of [
      ['aws_lb', 'api'],
      ['aws_lb_target_group', 'api']
    ] as const) {
      const lifecycle = blocks(resource(lb, type, name)['lifecycle']);
      expect([type, lifecycle.flatMap((l) => strings(l['ignore_changes']))]).toEqual([type, ['${name}']]);
    }
  });

  test('inputs are validated: cluster name, control-plane count, CIDRs', () => {
    const validated = (d: ModuleDoc, name: string): number =>
      blocks(d.variables[name]?.['validation']).length;
    for (const name of [
      'cluster_name',
      'control_plane',
      'admin_cidrs',
      'api_cidrs',
      'region',
      'talos_version'
    ]) {
      expect([name, validated(root(), name) > 0]).toEqual([name, true]);
    }
    expect(validated(mod(join(MODULES_DIR, 'nodes')), 'control_plane')).toBeGreaterThan(0);
    expect(validated(talos(), 'control_plane_nodes')).toBeGreaterThan(0);
    for (const name of ['admin_cidrs', 'api_cidrs', 'kubespan_peer_cidrs']) {
      expect(validated(mod(join(MODULES_DIR, 'security-groups')), name)).toBeGreaterThan(0);
    }
    const cpCount = String(blocks(root().variables['control_plane']?.['validation'])[0]?.['condition']);
    expect(cpCount).toContain('% 2 == 1');
  });

  test('kubeconfig and talosconfig outputs are sensitive, and the documented outputs exist', () => {
    for (const d of [root(), talos()]) {
      expect(d.outputs['kubeconfig']?.['sensitive']).toBe(true);
      expect(d.outputs['talosconfig']?.['sensitive']).toBe(true);
    }
    expect(talos().outputs['kubeconfig']?.['value']).toBe('${talos_cluster_kubeconfig.this.kubeconfig_raw}');
    for (const name of ['api_endpoint', 'issuer_url', 'oidc_provider_arn', 'discovery_bucket']) {
      expect(Object.keys(root().outputs)).toContain(name);
    }
  });

  test('provider constraints admit hashicorp/aws 5.100 and current releases, and the S3 backend is empty', () => {
    const required = root().terraform.flatMap((t) => blocks(t['required_providers']));
    const providers = Object.assign({}, ...required) as JsonObject;
    expect(obj(providers['aws'])).toEqual({ source: 'hashicorp/aws', version: '>= 5.100, < 7.0' });
    expect(obj(providers['talos'])['source']).toBe('siderolabs/talos');
    // 0.11 is the provider on Talos machinery 1.13 (terraform-inputs.test.ts pairs the floor with
    // the talos_version minors the modules accept, 1.11 to 1.13).
    expect(obj(providers['talos'])['version']).toBe('>= 0.11.0, < 1.0.0');
    const backend = root().terraform.flatMap((t) => blocks(t['backend']));
    expect(backend).toEqual([{ s3: [{}] }]);
    expect(readFileSync(join(TERRAFORM_DIR, 'backend.tf'), 'utf8')).toContain('use_lockfile=true');
  });

  test('the bucket stays private but for the two documents: ACL blocks on, ownership enforced', () => {
    const discovery = mod(join(MODULES_DIR, 'irsa-discovery'));
    const pab = resource(discovery, 'aws_s3_bucket_public_access_block', 'discovery');
    expect([
      pab['block_public_acls'],
      pab['ignore_public_acls'],
      pab['block_public_policy'],
      pab['restrict_public_buckets']
    ]).toEqual([true, true, false, false]);
    const ownership = resource(discovery, 'aws_s3_bucket_ownership_controls', 'discovery');
    expect(blocks(ownership['rule']).map((r) => r['object_ownership'])).toEqual(['BucketOwnerEnforced']);
    expect(discovery.locals['public_object_keys']).toEqual([
      '${local.discovery_object_key}',
      '${var.jwks_object_key}'
    ]);
    expect(discovery.text).not.toMatch(/arn\}\/\*/); // never "<bucket arn>/*"
  });

  test("Azure workers boot the image they are given, never Sidero Labs' community gallery, which holds nothing newer than Talos 1.9", () => {
    const azure = mod(join(MODULES_DIR, 'azure-workers'));
    expect(resource(azure, 'azurerm_linux_virtual_machine', 'worker')['source_image_id']).toBe(
      '${var.image_id}'
    );
    const example = mod(join(TERRAFORM_DIR, 'examples', 'azure-workers'));
    for (const d of [azure, example]) {
      expect([d.dir, 'default' in (d.variables['image_id'] ?? {})]).toEqual([d.dir, false]);
      expect([d.dir, Object.keys(d.variables).filter((v) => ['talos_version', 'arch'].includes(v))]).toEqual([
        d.dir,
        []
      ]);
    }
    expect(example.modules['azure_workers']?.['image_id']).toBe('${var.image_id}');
    // The blog's (and this module's former) default: an image path of the gallery, by version.
    for (const d of docs.values()) expect(d.text).not.toMatch(/\/images\/talos-\$\{/);
  });

  test('AWS-only users never meet azurerm: it lives only in the Azure module and its example root', () => {
    const withAzure = [...docs.values()]
      .filter((d) => /azurerm/.test(d.text))
      .map((d) => d.dir.replace(TERRAFORM_DIR, 'terraform'));
    expect(withAzure.sort()).toEqual(['terraform/examples/azure-workers', 'terraform/modules/azure-workers']);
  });
});
