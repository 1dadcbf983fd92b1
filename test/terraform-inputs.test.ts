// Input validation of the Terraform modules, exercised by terraform itself: a module's variables.tf
// alone in a scratch root (no provider is needed to evaluate variable validations), planned with
// good and bad values.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES_DIR, workspace, type Workspace } from './fixtures/terraform/harness.js';

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

describe('modules/azure-workers inputs', () => {
  let ws: Workspace;
  const required = [
    '-var=cluster_name=demo',
    '-var=resource_group_name=demo-rg',
    '-var=location=westeurope',
    '-var=subnet_id=/subscriptions/0/resourceGroups/demo-rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
    '-var=workers={"0"={}}',
    '-var=talos_version=1.11.5',
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

  test.each(['talos-irsa/cluster', 'a?b', 'a%b', 'a&b', 'a<b', 'a>b', 'a\\b'])(
    'a tag name with %s is refused before Azure sees it',
    async (key) => {
      const verdict = await plan(ws, [...required, `-var=tags=${JSON.stringify({ [key]: 'x' })}`]);
      expect(verdict.exitCode).toBe(1);
      expect(verdict.said).toContain('tags keys must not contain any of');
    }
  );
});
