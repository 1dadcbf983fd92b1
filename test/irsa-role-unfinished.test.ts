// A role a run created and did not finish (its policies not yet in place when the run died or
// failed) carries the talos-irsa/creating marker from its CreateRole on: the next run finishes it as
// created, and deletes it again when IAM refuses what the inputs ask of it. A role another run
// created and finished is never taken for this run's own, even when this run's CreateRole was sent
// twice. And the role CreateRole met (EntityAlreadyExists), then its policy lists and its inline
// policy, are read again while IAM does not see it yet; so are the lists of a role deleted again
// after IAM refused its inline policy, when it is this run's own or one CreateRole met.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  TagRoleCommand,
  type IAMClient
} from '@aws-sdk/client-iam';
import { startFaultProxy, type FaultProxy } from './stack/fault-proxy.js';
import {
  countedIam,
  createProvider,
  rolesNamed,
  runIrsaRole,
  uniqueName
} from './fixtures/irsa-role/harness.js';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const INLINE =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
// moto refuses Version 2008-10-17 in a role policy (real IAM accepts it): a refusal the checks
// before the first write cannot foresee.
const REFUSED_INLINE = JSON.stringify({
  Version: '2008-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }]
});

let iam: IAMClient;
let provider: { issuer: string; arn: string; hostPath: string };
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  ({ iam } = countedIam());
  provider = await createProvider(iam);
});

afterAll(async () => {
  for (const proxy of proxies) await proxy.stop();
});

async function proxy(options: Parameters<typeof startFaultProxy>[0]): Promise<FaultProxy> {
  const started = await startFaultProxy(options);
  proxies.push(started);
  return started;
}

const inputsFor = (roleName: string, inline = INLINE): Record<string, string> => ({
  'provider-arn': provider.arn,
  'role-name': roleName,
  namespace: 'apps',
  'service-account': 'api',
  'policy-arns': READ_ONLY,
  'inline-policy': inline
});

async function tagKeys(roleName: string): Promise<string[]> {
  const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
  return (role?.Tags ?? []).map((tag) => tag.Key ?? '').sort();
}

/**
 * A run that creates the role and then fails on a fault of AWS (PutRolePolicy throttled past the
 * retry budget), as a run killed there would: the role stays, trust and managed policy in place.
 */
async function leaveUnfinished(inputs: Record<string, string>): Promise<void> {
  const wall = await proxy({
    target: process.env.AWS_ENDPOINT_URL ?? '',
    rate: 1,
    faults: ['throttle'],
    match: (request) => request.action === 'PutRolePolicy'
  });
  const { iam: throughProxy } = countedIam(wall.url, { quickRetry: true });
  const run = await runIrsaRole(inputs, { iam: throughProxy });
  expect(run.result?.failure).toMatch(/Rate exceeded/);
}

it('marks a role until its policies are in place; the next run finishes a marked one and says so', async () => {
  const roleName = uniqueName('irsa-unfinished');
  await leaveUnfinished(inputsFor(roleName));
  expect(await tagKeys(roleName)).toEqual(['managed-by', 'talos-irsa/creating', 'talos-irsa/issuer']);

  const resumed = await runIrsaRole(inputsFor(roleName));
  expect(resumed.result?.failure).toBeUndefined();
  expect(resumed.result?.outputs.changed).toBe('true');
  expect(resumed.log.lines).toContain(
    `${roleName}: put inline policy talos-irsa; finished the role, which another run had created and not finished (arn:aws:iam::123456789012:role/${roleName}).`
  );
  expect(await tagKeys(roleName)).toEqual(['managed-by', 'talos-irsa/issuer']);

  const { iam: counted, counter } = countedIam();
  const again = await runIrsaRole(inputsFor(roleName), { iam: counted });
  expect(again.result?.outputs.changed).toBe('false');
  expect(counter.writeCount).toBe(0);
});

it('a run that creates a role and finishes it leaves no marker: CreateRole carries it, UntagRole removes it', async () => {
  const roleName = uniqueName('irsa-marked');
  const observer = await proxy({ target: process.env.AWS_ENDPOINT_URL ?? '' });
  const { iam: observed } = countedIam(observer.url);
  const run = await runIrsaRole(inputsFor(roleName), { iam: observed });
  expect(run.result?.failure).toBeUndefined();
  expect(observer.seen.filter((r) => !/^(Get|List)/.test(r.action)).map((r) => r.action)).toEqual([
    'CreateRole',
    'AttachRolePolicy',
    'PutRolePolicy',
    'UntagRole'
  ]);
  expect(run.log.lines).toContain(
    `${roleName}: created the role; attached ${READ_ONLY}; put inline policy talos-irsa (arn:aws:iam::123456789012:role/${roleName}).`
  );
  expect(await tagKeys(roleName)).toEqual(['managed-by', 'talos-irsa/issuer']);
});

it('deletes a role another run left unfinished when IAM then refuses its inline policy', async () => {
  const roleName = uniqueName('irsa-unfinished-undo');
  await leaveUnfinished(inputsFor(roleName, REFUSED_INLINE));
  expect(await rolesNamed(iam, roleName)).toEqual([roleName]);

  const rerun = await runIrsaRole(inputsFor(roleName, REFUSED_INLINE));
  expect(rerun.result?.failure).toMatch(
    new RegExp(
      `^Input 'inline-policy': IAM rejected the inline policy .* The role ${roleName}, which another run created and did not finish, was deleted\\.$`
    )
  );
  expect(rerun.result?.outputs).toEqual({ 'role-arns': '{}', changed: 'false' });
  expect(await rolesNamed(iam, roleName)).toEqual([]);
});

it('leaves a role another run made between its CreateRole attempts alone when IAM then refuses the inline policy', async () => {
  const roleName = uniqueName('irsa-between');
  const bare = {
    'provider-arn': provider.arn,
    'role-name': roleName,
    namespace: 'apps',
    'service-account': 'api'
  };
  let theirs: Promise<unknown> | undefined;
  // The first CreateRole never reaches IAM (the connection drops) and, before the SDK sends it again,
  // another run makes and finishes the same role, just as this call would make it: bare.
  const race = await proxy({
    target: process.env.AWS_ENDPOINT_URL ?? '',
    faults: ['reset'],
    failFirst: 1,
    match: (request) => request.action === 'CreateRole',
    before: async (request) => {
      if (request.action !== 'CreateRole') return;
      theirs ??= runIrsaRole(bare);
      await theirs;
    }
  });
  const { iam: throughProxy } = countedIam(race.url, { quickRetry: true });
  const run = await runIrsaRole({ ...bare, 'inline-policy': REFUSED_INLINE }, { iam: throughProxy });
  expect(race.injected.map((f) => [f.action, f.fault])).toEqual([['CreateRole', 'reset']]);
  expect(race.seen.filter((r) => r.action === 'CreateRole')).toHaveLength(2);
  expect(run.result?.failure).toMatch(/IAM rejected the inline policy \(.*\)\.$/);
  expect(await rolesNamed(iam, roleName)).toEqual([roleName]);
});

/**
 * A proxy through which another run makes the role as this one's CreateRole is sent, and a read of it
 * (GetRole unless told) then misses it.
 */
async function notSeenAtOnce(
  roleName: string,
  misses: { failFirst?: number; rate?: number },
  read = 'GetRole',
  theirInputs: Record<string, string> = {}
): Promise<FaultProxy> {
  let theirs: Promise<unknown> | undefined;
  return proxy({
    target: process.env.AWS_ENDPOINT_URL ?? '',
    faults: ['not-found'],
    ...misses,
    match: (request) => request.action === read && theirs !== undefined,
    before: async (request) => {
      if (request.action !== 'CreateRole') return;
      theirs ??= runIrsaRole({
        'provider-arn': provider.arn,
        'role-name': roleName,
        namespace: 'apps',
        'service-account': 'api',
        ...theirInputs
      });
      await theirs;
    }
  });
}

it('reads the role CreateRole met again while GetRole does not see it yet', async () => {
  const roleName = uniqueName('irsa-unseen');
  const unseen = await notSeenAtOnce(roleName, { failFirst: 1 });
  const { iam: throughProxy } = countedIam(unseen.url, { quickRetry: true });
  const run = await runIrsaRole(
    { 'provider-arn': provider.arn, 'role-name': roleName, namespace: 'apps', 'service-account': 'api' },
    { iam: throughProxy }
  );
  expect(unseen.injected.map((f) => [f.action, f.fault])).toEqual([['GetRole', 'not-found']]);
  expect(run.result?.failure).toBeUndefined();
  expect(run.result?.outputs['role-arn']).toBe(`arn:aws:iam::123456789012:role/${roleName}`);
});

it('gives up reading the role CreateRole met after a few tries, failing with what CreateRole said', async () => {
  const roleName = uniqueName('irsa-never-seen');
  const unseen = await notSeenAtOnce(roleName, { rate: 1 });
  const { iam: throughProxy } = countedIam(unseen.url, { quickRetry: true });
  const run = await runIrsaRole(
    { 'provider-arn': provider.arn, 'role-name': roleName, namespace: 'apps', 'service-account': 'api' },
    { iam: throughProxy }
  );
  expect(run.result?.failure).toMatch(/already exists/);
  expect(unseen.injected.map((f) => f.action)).toEqual(Array(5).fill('GetRole'));
});

it.each(['ListAttachedRolePolicies', 'ListRolePolicies'])(
  'reads the policies of the role CreateRole met again while %s does not see it yet',
  async (read) => {
    const roleName = uniqueName('irsa-unlisted');
    const unseen = await notSeenAtOnce(roleName, { failFirst: 2 }, read);
    const { iam: throughProxy } = countedIam(unseen.url, { quickRetry: true });
    const run = await runIrsaRole(
      { 'provider-arn': provider.arn, 'role-name': roleName, namespace: 'apps', 'service-account': 'api' },
      { iam: throughProxy }
    );
    expect(run.result?.failure).toBeUndefined();
    expect(unseen.injected.map((f) => [f.action, f.fault])).toEqual([
      [read, 'not-found'],
      [read, 'not-found']
    ]);
    expect(run.result?.outputs['role-arn']).toBe(`arn:aws:iam::123456789012:role/${roleName}`);
  }
);

it('reads the inline policy of the role CreateRole met again while GetRolePolicy does not see it yet', async () => {
  const roleName = uniqueName('irsa-unread');
  const inputs = {
    'provider-arn': provider.arn,
    'role-name': roleName,
    namespace: 'apps',
    'service-account': 'api',
    'inline-policy': INLINE
  };
  // The other run makes the role just as this one would: nothing is left to write.
  const unseen = await notSeenAtOnce(roleName, { failFirst: 2 }, 'GetRolePolicy', {
    'inline-policy': INLINE
  });
  const { iam: throughProxy } = countedIam(unseen.url, { quickRetry: true });
  const run = await runIrsaRole(inputs, { iam: throughProxy });
  expect(run.result?.failure).toBeUndefined();
  expect(unseen.seen.map((r) => r.action)).not.toContain('PutRolePolicy');
  expect(run.log.lines.join('\n')).not.toContain('put inline policy');
  expect(run.result?.outputs.changed).toBe('false');
  expect(unseen.injected.map((f) => [f.action, f.fault])).toEqual([
    ['GetRolePolicy', 'not-found'],
    ['GetRolePolicy', 'not-found']
  ]);
});

describe.each(['ListAttachedRolePolicies', 'ListRolePolicies'])(
  'deleting a role this run created, when IAM refuses its inline policy, while %s does not see it yet',
  (read) => {
    /** A run whose undo meets one NoSuchEntity on `read`; `lostCreate`: its CreateRole's answer is lost. */
    async function undoneDespiteMiss(
      roleName: string,
      lostCreate: boolean
    ): Promise<{ failure: string | undefined; injected: string[] }> {
      const unseen = await proxy({
        target: process.env.AWS_ENDPOINT_URL ?? '',
        faults: ['not-found'],
        failFirst: 1,
        match: (request) => request.action === read
      });
      // In front: the retried CreateRole meets the role its first attempt made (EntityAlreadyExists).
      const lossy = lostCreate
        ? await proxy({
            target: unseen.url,
            faults: ['drop-response'],
            failFirst: 1,
            match: (request) => request.action === 'CreateRole'
          })
        : unseen;
      const { iam: throughProxy } = countedIam(lossy.url, { quickRetry: true });
      const run = await runIrsaRole(inputsFor(roleName, REFUSED_INLINE), { iam: throughProxy });
      const injected = [...(lostCreate ? lossy.injected : []), ...unseen.injected];
      return { failure: run.result?.failure, injected: injected.map((f) => `${f.action} ${f.fault}`) };
    }

    it.each([
      ['its CreateRole answered', false],
      ['its CreateRole answer was lost', true]
    ])('reads it again and deletes it: %s', async (_how, lostCreate) => {
      const roleName = uniqueName('irsa-undo-unseen');
      const { failure, injected } = await undoneDespiteMiss(roleName, lostCreate);
      expect(injected).toEqual([...(lostCreate ? ['CreateRole drop-response'] : []), `${read} not-found`]);
      expect(failure).toMatch(
        new RegExp(
          `IAM rejected the inline policy .* The role ${roleName} created for it was deleted again\\.$`
        )
      );
      expect(await rolesNamed(iam, roleName)).toEqual([]);
    });
  }
);

it("deletes a role another run left unfinished, met by CreateRole, while the undo's list does not see it yet", async () => {
  const roleName = uniqueName('irsa-unfinished-unseen');
  let theirs: Promise<unknown> | undefined;
  let lists = 0;
  // The other run leaves the role unfinished as this one's CreateRole is sent; the convergence lists
  // its managed policies once, and the undo's listing, the second, misses it.
  const unseen = await proxy({
    target: process.env.AWS_ENDPOINT_URL ?? '',
    faults: ['not-found'],
    failFirst: 1,
    match: (request) => request.action === 'ListAttachedRolePolicies' && ++lists === 2,
    before: async (request) => {
      if (request.action !== 'CreateRole') return;
      theirs ??= leaveUnfinished(inputsFor(roleName, REFUSED_INLINE));
      await theirs;
    }
  });
  const { iam: throughProxy } = countedIam(unseen.url, { quickRetry: true });
  const run = await runIrsaRole(inputsFor(roleName, REFUSED_INLINE), { iam: throughProxy });
  expect(unseen.injected.map((f) => [f.action, f.fault])).toEqual([
    ['ListAttachedRolePolicies', 'not-found']
  ]);
  expect(run.result?.failure).toMatch(
    new RegExp(
      `IAM rejected the inline policy .* The role ${roleName}, which another run created and did not finish, was deleted\\.$`
    )
  );
  expect(await rolesNamed(iam, roleName)).toEqual([]);
});

describe.each([
  ['this run created', true, 1],
  ['another run left unfinished', false, 2]
])('undoing a role %s that someone else deleted meanwhile', (_whose, ownRun, undoList) => {
  it('says that it is gone and nothing is left to delete, not to delete it by hand', async () => {
    const roleName = uniqueName('irsa-undo-gone');
    if (!ownRun) await leaveUnfinished(inputsFor(roleName, REFUSED_INLINE));
    let lists = 0;
    // IAM refuses the inline policy; just before the undo lists the role's policies (the convergence of
    // an unfinished role lists them once first), someone else deletes the role for real.
    const deleting = await proxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      before: async (request) => {
        if (request.action !== 'ListAttachedRolePolicies' || ++lists !== undoList) return;
        await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: READ_ONLY }));
        await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
      }
    });
    const { iam: throughProxy } = countedIam(deleting.url, { quickRetry: true });
    const run = await runIrsaRole(inputsFor(roleName, REFUSED_INLINE), { iam: throughProxy });
    const role = ownRun
      ? `The role ${roleName} created for it`
      : `The role ${roleName}, which another run created and did not finish,`;
    expect(run.result?.failure).toMatch(
      new RegExp(
        `^Input 'inline-policy': IAM rejected the inline policy .* ${role} was gone already \\(deleted meanwhile, not by this run\\): nothing is left to delete\\.$`
      )
    );
    expect(deleting.seen.map((r) => r.action)).not.toContain('DeleteRole');
    expect(await rolesNamed(iam, roleName)).toEqual([]);
  }, 30_000);
});

it('does not read the policies of a role GetRole found at once again: NoSuchEntity there is a deleted role', async () => {
  const roleName = uniqueName('irsa-gone');
  const inputs = {
    'provider-arn': provider.arn,
    'role-name': roleName,
    namespace: 'apps',
    'service-account': 'api'
  };
  expect((await runIrsaRole(inputs)).result?.failure).toBeUndefined();
  const gone = await proxy({
    target: process.env.AWS_ENDPOINT_URL ?? '',
    faults: ['not-found'],
    rate: 1,
    match: (request) => request.action === 'ListAttachedRolePolicies'
  });
  const { iam: throughProxy } = countedIam(gone.url, { quickRetry: true });
  const run = await runIrsaRole(inputs, { iam: throughProxy });
  expect(run.result?.failure).toMatch(/cannot be found/);
  expect(gone.injected.map((f) => f.action)).toEqual(['ListAttachedRolePolicies']);
});

it("says the creation marker apart from others' tags when a marked role would pass IAM's 50 tags", async () => {
  const roleName = uniqueName('irsa-marked-tags');
  const lines = (count: number): string => Array.from({ length: count }, (_, i) => `t${i}=v`).join('\n');
  await leaveUnfinished({ ...inputsFor(roleName), tags: lines(30) });
  // Someone else tags the unfinished role up to IAM's 50: 30 + managed-by, issuer and the marker + 17.
  const foreign = Array.from({ length: 17 }, (_, i) => ({ Key: `cost-${i}`, Value: 'x' }));
  await iam.send(new TagRoleCommand({ RoleName: roleName, Tags: foreign }));
  const { iam: counted, counter } = countedIam();
  const run = await runIrsaRole({ ...inputsFor(roleName), tags: lines(31) }, { iam: counted });
  expect(run.result?.failure).toBe(
    `role ${roleName} would carry 51 tags, past IAM's 50 per role: it has 17 tags this run does not set (cost-0, cost-1, cost-2, cost-3, cost-4, ...), and talos-irsa/creating, which marks the role unfinished and counts until a run finishes it, after writing its tags; remove some of the others (aws iam untag-role) or give fewer tags.`
  );
  expect(counter.writeCount).toBe(0);
  expect(await tagKeys(roleName)).toContain('talos-irsa/creating');
});
