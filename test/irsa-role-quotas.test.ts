// irsa-role against IAM's per-role quotas that moto does not keep: the account's own quotas, read
// from GetAccountSummary only past a default (moto's summary gives the defaults; a pass-through gives
// an account that raised them, test/stack/iam-account-quotas.ts), the documented ceilings that stand
// in for them when the summary cannot be read, and the limit on all of a role's inline policies
// together.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AttachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  type IAMClient
} from '@aws-sdk/client-iam';
import { decodeIamDocument } from '../src/trust/policy-document.js';
import { startFaultProxy, type FaultProxy } from './stack/fault-proxy.js';
import { startIamAccountQuotas, type IamAccountQuotas } from './stack/iam-account-quotas.js';
import { trustPolicyFor, trustPolicySize } from '../src/trust/trust-policy.js';
import {
  countedIam,
  createPolicies,
  createProvider,
  rolesNamed,
  runIrsaRole,
  uniqueName
} from './fixtures/irsa-role/harness.js';

let iam: IAMClient;
let provider: { issuer: string; arn: string; hostPath: string };
const stops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  ({ iam } = countedIam());
  provider = await createProvider(iam);
});

afterAll(async () => {
  for (const stop of stops) await stop();
});

const moto = (): string => process.env.AWS_ENDPOINT_URL ?? '';

/** An account whose raised quotas GetAccountSummary reports (null: a key the summary lacks). */
async function raisedQuotas(quotas: Record<string, number | null>): Promise<IamAccountQuotas> {
  const raised = await startIamAccountQuotas({ target: moto(), quotas });
  stops.push(raised.stop);
  return raised;
}

/** A pass-through that refuses GetAccountSummary as IAM refuses credentials without the permission. */
async function summaryDenied(): Promise<FaultProxy> {
  const denied = await startFaultProxy({
    target: moto(),
    rate: 1,
    faults: ['access-denied'],
    match: (request) => request.action === 'GetAccountSummary'
  });
  stops.push(denied.stop);
  return denied;
}

async function attached(roleName: string): Promise<string[]> {
  const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
  return (page.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? '').sort();
}

const single = (roleName: string): Record<string, string> => ({
  'provider-arn': provider.arn,
  'role-name': roleName,
  namespace: 'apps',
  'service-account': 'svc'
});

/** A binding trusting `count` service accounts: 45 is over IAM's default of 2048 characters, and under 4096. */
const manyAccounts = (roleName: string, count = 45): string =>
  `- {role-name: ${roleName}, namespace: apps, service-account: [${accountNames(count).join(', ')}]}`;

const accountNames = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `service-account-${i}`);

/** The most service accounts whose trust policy, for this provider, is at most `size` characters. */
function accountsFitting(size: number): number {
  const sizeOf = (count: number): number =>
    trustPolicySize(
      trustPolicyFor({
        providerArn: provider.arn,
        issuer: provider.hostPath,
        serviceAccounts: accountNames(count).map((name) => ({ namespace: 'apps', name })),
        audience: 'sts.amazonaws.com'
      })
    );
  let count = 1;
  while (sizeOf(count + 1) <= size) count += 1;
  return count;
}

const warningsOf = (run: { log: { lines: string[] } }): string[] =>
  run.log.lines.filter((line) => line.startsWith('::warning::'));

const escaped = (text: string): string => text.replace(/[()]/g, '\\$&');

const UNREAD =
  "this account's own could not be read (iam:GetAccountSummary was refused: the permission is optional, and needed only for this check)";

describe("the account's own quotas", () => {
  it('are not read while every role is within the defaults, nor on a run that changes nothing', async () => {
    const roleName = uniqueName('irsa-quota-none');
    const arns = await createPolicies(iam, roleName, 10);
    const inputs = { ...single(roleName), 'policy-arns': arns.join('\n') };
    const { iam: counted, counter } = countedIam();
    expect((await runIrsaRole(inputs, { iam: counted })).error).toBeUndefined();
    const again = await runIrsaRole(inputs, { iam: counted });
    expect(again.result?.outputs.changed).toBe('false');
    expect(counter.reads.get('GetAccountSummary')).toBeUndefined();
  });

  it('refuse, before any write and naming the input, a role listing more managed policies than the account allows', async () => {
    const roleName = uniqueName('irsa-quota-over');
    const arns = await createPolicies(iam, roleName, 11);
    const { iam: counted, counter } = countedIam();
    // moto's summary gives IAM's default: 10.
    const run = await runIrsaRole({ ...single(roleName), 'policy-arns': arns.join('\n') }, { iam: counted });
    expect(run.error?.message).toBe(
      `Input 'policy-arns': role '${roleName}' lists 11 managed policies, over this account's quota of 10 per role (raise "Managed policies per role" in Service Quotas, or merge policies).`
    );
    expect(counter.reads.get('GetAccountSummary')).toBe(1);
    expect(counter.writeCount).toBe(0);
    expect(await rolesNamed(iam, roleName)).toEqual([]);
  });

  it('refuse a list far past the quota on the one summary read, before looking up each policy', async () => {
    const roleName = uniqueName('irsa-quota-long');
    // Never created: refused on the quota, the list is not looked up policy by policy.
    const arns = Array.from(
      { length: 60 },
      (_, i) => `arn:aws:iam::${provider.arn.split(':')[4]}:policy/${roleName}-p${i}`
    );
    const { iam: counted, counter } = countedIam();
    const run = await runIrsaRole({ ...single(roleName), 'policy-arns': arns.join('\n') }, { iam: counted });
    expect(run.error?.message).toMatch(/lists 60 managed policies, over this account's quota of 10 per role/);
    expect(counter.reads.get('GetAccountSummary')).toBe(1);
    expect(counter.reads.get('GetPolicy')).toBeUndefined();
    expect(counter.writeCount).toBe(0);
  });

  it('let an account that raised its quota have the roles, reading it once for all of them', async () => {
    const prefix = uniqueName('irsa-quota-raised');
    const arns = await createPolicies(iam, prefix, 12);
    const raised = await raisedQuotas({ AttachedPoliciesPerRoleQuota: 20 });
    const { iam: counted, counter } = countedIam(raised.url);
    const run = await runIrsaRole(
      {
        'provider-arn': provider.arn,
        'policy-arns': arns.join('\n'),
        bindings: [1, 2, 3]
          .map((i) => `- {role-name: ${prefix}-${i}, namespace: apps, service-account: s${i}}`)
          .join('\n')
      },
      { iam: counted }
    );
    expect(run.error).toBeUndefined();
    expect(run.result?.failure).toBeUndefined();
    expect(run.log.lines.filter((line) => line.startsWith('::warning::'))).toEqual([]);
    for (const i of [1, 2, 3]) expect(await attached(`${prefix}-${i}`)).toEqual([...arns].sort());
    expect(counter.reads.get('GetAccountSummary')).toBe(1);
    expect(raised.summaries()).toBe(1);
  });

  it('refuse a trust policy past the account’s quota, and take it where the quota was raised', async () => {
    const roleName = uniqueName('irsa-quota-trust');
    const inputs = { 'provider-arn': provider.arn, bindings: manyAccounts(roleName) };
    const { iam: counted, counter } = countedIam();
    const refused = await runIrsaRole(inputs, { iam: counted });
    expect(refused.error?.message).toMatch(
      new RegExp(
        `^Input 'bindings': the trust policy of role '${roleName}' would be \\d{4} characters, over this account's quota of 2048 \\(raise "Role trust policy length" in Service Quotas, or split its service accounts across roles\\)\\.$`
      )
    );
    expect(counter.writeCount).toBe(0);
    expect(await rolesNamed(iam, roleName)).toEqual([]);

    const raised = await raisedQuotas({ AssumeRolePolicySizeQuota: 4096 });
    const taken = await runIrsaRole(inputs, { iam: countedIam(raised.url).iam });
    expect(taken.error).toBeUndefined();
    expect(taken.result?.outputs.changed).toBe('true');
    expect(taken.log.lines.filter((line) => line.startsWith('::warning::'))).toEqual([]);
  });

  it('refused to the credentials (the permission is optional), leave the warnings and the run goes on', async () => {
    const roleName = uniqueName('irsa-quota-denied');
    const arns = await createPolicies(iam, roleName, 11);
    const denied = await summaryDenied();
    const run = await runIrsaRole(
      { 'provider-arn': provider.arn, 'policy-arns': arns.join('\n'), bindings: manyAccounts(roleName) },
      { iam: countedIam(denied.url).iam }
    );
    expect(run.error).toBeUndefined();
    expect(run.result?.failure).toBeUndefined();
    expect(warningsOf(run)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::warning::The trust policy of role '${roleName}' is \\d{4} characters; IAM's default quota is 2048 and ${escaped(UNREAD)} \\(raise "Role trust policy length" in Service Quotas, or split the role\\)\\.$`
        )
      ),
      `::warning::Role '${roleName}' lists 11 managed policies; IAM's default quota is 10 per role and ${UNREAD} (raise "Managed policies per role" in Service Quotas, up to 20, or merge policies).`
    ]);
    expect(denied.injected.map((request) => request.action)).toEqual(['GetAccountSummary']);
    expect(await attached(roleName)).toEqual([...arns].sort());
  });

  it("fail a role that policies others attached would take past the account's quota, before attaching", async () => {
    const roleName = uniqueName('irsa-quota-others');
    const arns = await createPolicies(iam, roleName, 11);
    expect((await runIrsaRole(single(roleName))).error).toBeUndefined();
    for (const arn of arns.slice(0, 5))
      await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn }));
    const { iam: counted, counter } = countedIam();
    const run = await runIrsaRole(
      { ...single(roleName), 'policy-arns': arns.slice(5).join('\n') },
      { iam: counted }
    );
    expect(run.result?.failure).toContain(
      `role ${roleName} would have 11 managed policies, past this account's quota of 10: it has 5 the inputs do not list`
    );
    expect(counter.writes.get('AttachRolePolicy')).toBeUndefined();
    expect(await attached(roleName)).toEqual(arns.slice(0, 5).sort());

    // Where the quota was raised, the same run attaches them.
    const raised = await raisedQuotas({ AttachedPoliciesPerRoleQuota: 20 });
    const taken = await runIrsaRole(
      { ...single(roleName), 'policy-arns': arns.slice(5).join('\n') },
      { iam: countedIam(raised.url).iam }
    );
    expect(taken.result?.failure).toBeUndefined();
    expect(await attached(roleName)).toEqual([...arns].sort());
  });
  it('write nothing to a role refused for policies others attached, not even its new tags', async () => {
    const roleName = uniqueName('irsa-quota-settings');
    const arns = await createPolicies(iam, roleName, 11);
    expect((await runIrsaRole(single(roleName))).error).toBeUndefined();
    for (const arn of arns.slice(0, 5))
      await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn }));
    const before = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    const { iam: counted, counter } = countedIam();
    // New tags, which the role's settings would take before its policies.
    const run = await runIrsaRole(
      { ...single(roleName), 'policy-arns': arns.slice(5).join('\n'), tags: 'team=platform' },
      { iam: counted }
    );
    expect(run.result?.failure).toContain(
      `role ${roleName} would have 11 managed policies, past this account's quota of 10`
    );
    expect([...counter.writes.keys()]).toEqual([]);
    const after = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    expect(after?.Tags).toEqual(before?.Tags);
  });
});

describe("the account's own quotas, past the documented ceilings", () => {
  it('let an account whose summary says 25 have 25 managed policies on a role, and refuse 26 before any write', async () => {
    const roleName = uniqueName('irsa-quota-25');
    const arns = await createPolicies(iam, roleName, 26);
    const raised = await raisedQuotas({ AttachedPoliciesPerRoleQuota: 25 });
    const { iam: counted, counter } = countedIam(raised.url);
    const refused = await runIrsaRole(
      { ...single(roleName), 'policy-arns': arns.join('\n') },
      { iam: counted }
    );
    expect(refused.error?.message).toBe(
      `Input 'policy-arns': role '${roleName}' lists 26 managed policies, over this account's quota of 25 per role (raise "Managed policies per role" in Service Quotas, or merge policies).`
    );
    expect(counter.writeCount).toBe(0);
    expect(await rolesNamed(iam, roleName)).toEqual([]);

    const { iam: again, counter: againCounter } = countedIam(raised.url);
    const taken = await runIrsaRole(
      { ...single(roleName), 'policy-arns': arns.slice(0, 25).join('\n') },
      { iam: again }
    );
    expect(taken.error).toBeUndefined();
    expect(taken.result?.failure).toBeUndefined();
    expect(warningsOf(taken)).toEqual([]);
    expect(await attached(roleName)).toEqual(arns.slice(0, 25).sort());
    // Read once, though both the check of the inputs and the role's attach ask for it.
    expect(againCounter.reads.get('GetAccountSummary')).toBe(1);
  });

  it('let an account whose summary says 8192 have a trust policy of up to 8192 characters, and refuse one over it', async () => {
    const roleName = uniqueName('irsa-quota-8192');
    const fitting = accountsFitting(8192);
    const raised = await raisedQuotas({ AssumeRolePolicySizeQuota: 8192 });
    const { iam: counted, counter } = countedIam(raised.url);
    const refused = await runIrsaRole(
      { 'provider-arn': provider.arn, bindings: manyAccounts(roleName, fitting + 1) },
      { iam: counted }
    );
    expect(refused.error?.message).toMatch(
      new RegExp(
        `^Input 'bindings': the trust policy of role '${roleName}' would be 8\\d{3} characters, over this account's quota of 8192 \\(raise "Role trust policy length" in Service Quotas, or split its service accounts across roles\\)\\.$`
      )
    );
    expect(counter.writeCount).toBe(0);
    expect(await rolesNamed(iam, roleName)).toEqual([]);

    const taken = await runIrsaRole(
      { 'provider-arn': provider.arn, bindings: manyAccounts(roleName, fitting) },
      { iam: countedIam(raised.url).iam }
    );
    expect(taken.error).toBeUndefined();
    expect(taken.result?.failure).toBeUndefined();
    expect(warningsOf(taken)).toEqual([]);
    const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    const size = JSON.stringify(decodeIamDocument(role?.AssumeRolePolicyDocument ?? '')).length;
    expect(size).toBeGreaterThan(8192 - 60);
    expect(size).toBeLessThanOrEqual(8192);
  });
});

describe("the documented ceilings, when the account's quotas cannot be read", () => {
  it('refuse, before any write and naming the input, more than 20 managed policies or a trust policy over 4096 characters', async () => {
    const roleName = uniqueName('irsa-ceiling-denied');
    const arns = await createPolicies(iam, roleName, 21);
    const denied = await summaryDenied();
    const { iam: counted, counter } = countedIam(denied.url);
    const many = await runIrsaRole({ ...single(roleName), 'policy-arns': arns.join('\n') }, { iam: counted });
    expect(many.error?.message).toBe(
      `Input 'policy-arns': role '${roleName}' lists 21 managed policies, over IAM's documented ceiling of 20 per role, and ${UNREAD}; merge policies, or allow iam:GetAccountSummary so that a quota raised past it can be read.`
    );
    // The first role alone would only be warned about; the refused run says the refusal alone.
    const long = await runIrsaRole(
      {
        'provider-arn': provider.arn,
        bindings: [
          manyAccounts(`${roleName}-warned`),
          manyAccounts(`${roleName}-long`, accountsFitting(4096) + 1)
        ].join('\n')
      },
      { iam: counted }
    );
    expect(long.error?.message).toMatch(
      new RegExp(
        `^Input 'bindings': the trust policy of role '${roleName}-long' would be 4\\d{3} characters, over IAM's documented ceiling of 4096, and ${escaped(UNREAD)}; split its service accounts across roles, or allow iam:GetAccountSummary so that a quota raised past it can be read\\.$`
      )
    );
    expect(warningsOf(long)).toEqual([]);
    expect(denied.injected.map((request) => request.action)).toEqual([
      'GetAccountSummary',
      'GetAccountSummary'
    ]);
    expect(counter.writeCount).toBe(0);
    expect(await rolesNamed(iam, roleName)).toEqual([]);
  });

  it("apply as well to a quota the account's summary lacks: refuse past the ceiling, warn below it", async () => {
    const roleName = uniqueName('irsa-ceiling-unlisted');
    const arns = await createPolicies(iam, roleName, 21);
    const unlisted = await raisedQuotas({ AttachedPoliciesPerRoleQuota: null });
    const { iam: counted, counter } = countedIam(unlisted.url);
    const refused = await runIrsaRole(
      { ...single(roleName), 'policy-arns': arns.join('\n') },
      { iam: counted }
    );
    expect(refused.error?.message).toBe(
      `Input 'policy-arns': role '${roleName}' lists 21 managed policies, over IAM's documented ceiling of 20 per role, and this account's summary gives no AttachedPoliciesPerRoleQuota; merge policies.`
    );
    expect(counter.writeCount).toBe(0);
    expect(await rolesNamed(iam, roleName)).toEqual([]);

    const taken = await runIrsaRole(
      { ...single(roleName), 'policy-arns': arns.slice(0, 20).join('\n') },
      { iam: countedIam(unlisted.url).iam }
    );
    expect(taken.result?.failure).toBeUndefined();
    expect(warningsOf(taken)).toEqual([
      `::warning::Role '${roleName}' lists 20 managed policies; IAM's default quota is 10 per role and this account's summary gives no AttachedPoliciesPerRoleQuota (raise "Managed policies per role" in Service Quotas, up to 20, or merge policies).`
    ]);
    expect(await attached(roleName)).toEqual(arns.slice(0, 20).sort());
  });

  it('fail a role that policies others attached would take past 20, before attaching; where the account allows 25, attach', async () => {
    const roleName = uniqueName('irsa-ceiling-others');
    const arns = await createPolicies(iam, roleName, 21);
    expect((await runIrsaRole(single(roleName))).error).toBeUndefined();
    // moto keeps no such quota: 15 attached by hand, then 6 more asked for.
    for (const arn of arns.slice(0, 15))
      await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn }));
    const inputs = { ...single(roleName), 'policy-arns': arns.slice(15).join('\n') };
    const denied = await summaryDenied();
    const { iam: counted, counter } = countedIam(denied.url);
    const run = await runIrsaRole(inputs, { iam: counted });
    expect(run.result?.failure).toContain(
      `role ${roleName} would have 21 managed policies, past IAM's documented ceiling of 20 (this account's quota could not be read): it has 15 the inputs do not list`
    );
    expect(counter.writes.get('AttachRolePolicy')).toBeUndefined();
    expect(await attached(roleName)).toEqual(arns.slice(0, 15).sort());

    const raised = await raisedQuotas({ AttachedPoliciesPerRoleQuota: 25 });
    const taken = await runIrsaRole(inputs, { iam: countedIam(raised.url).iam });
    expect(taken.result?.failure).toBeUndefined();
    expect(await attached(roleName)).toEqual([...arns].sort());
  });
});

/** An identity policy of about `size` characters (IAM counts them without white space). */
function policyOfSize(size: number, prefix: string): string {
  const actions: string[] = [];
  const text = (): string =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }]
    });
  while (text().length < size) actions.push(`s3:${prefix}${actions.length}`);
  return text();
}

describe("all of a role's inline policies together", () => {
  async function roleWithForeignInline(roleName: string, size: number): Promise<void> {
    expect((await runIrsaRole(single(roleName))).error).toBeUndefined();
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: 'by-hand',
        PolicyDocument: policyOfSize(size, 'Hand')
      })
    );
  }

  it("refuse, before any write and naming the input, an inline policy that would pass IAM's limit with the role's others", async () => {
    const roleName = uniqueName('irsa-inline-sum');
    await roleWithForeignInline(roleName, 6000);
    const before = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    const { iam: counted, counter } = countedIam();
    const run = await runIrsaRole(
      { ...single(roleName), tags: 'team=new', 'inline-policy': policyOfSize(5000, 'Ours') },
      { iam: counted }
    );
    expect(run.result?.failure).toMatch(
      new RegExp(
        `^Input 'inline-policy': role ${roleName} holds other inline policies \\(by-hand: 6\\d{3} characters\\), and with this one \\(5\\d{3}\\) they would pass IAM's limit of 10240 characters for all of a role's inline policies; delete some of them, or set prune-policies: true\\.$`
      )
    );
    // Not even the tag: the role is refused before its first write.
    expect(counter.writeCount).toBe(0);
    expect((await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.Tags).toEqual(before?.Tags);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames).toEqual([
      'by-hand'
    ]);
  });

  it('with prune-policies, delete the others before putting the one that fits only without them', async () => {
    const roleName = uniqueName('irsa-inline-prune');
    await roleWithForeignInline(roleName, 6000);
    const observer = await startFaultProxy({ target: moto(), rate: 0 });
    stops.push(observer.stop);
    const run = await runIrsaRole(
      { ...single(roleName), 'prune-policies': 'true', 'inline-policy': policyOfSize(5000, 'Ours') },
      { iam: countedIam(observer.url).iam }
    );
    expect(run.result?.failure).toBeUndefined();
    const writes = observer.seen
      .map((request) => request.action)
      .filter((action) => /^(Put|Delete)RolePolicy$/.test(action));
    expect(writes).toEqual(['DeleteRolePolicy', 'PutRolePolicy']);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames).toEqual([
      'talos-irsa'
    ]);
  });

  it("read the others only when this action's policy is to be written", async () => {
    const roleName = uniqueName('irsa-inline-fits');
    await roleWithForeignInline(roleName, 3000);
    const inputs = { ...single(roleName), 'inline-policy': policyOfSize(3000, 'Ours') };
    expect((await runIrsaRole(inputs)).result?.failure).toBeUndefined();
    const observer = await startFaultProxy({ target: moto(), rate: 0 });
    stops.push(observer.stop);
    const again = await runIrsaRole(inputs, { iam: countedIam(observer.url).iam });
    expect(again.result?.outputs.changed).toBe('false');
    expect(observer.seen.filter((request) => request.action === 'GetRolePolicy')).toHaveLength(1);
  });
});
