// irsa-role's logic: resolve the provider, confirm every named policy exists, then converge each
// role (and optionally its service accounts). Inputs were validated before this is called.
import type { IAMClient } from '@aws-sdk/client-iam';
import { GetPolicyCommand } from '@aws-sdk/client-iam';
import type { ActionResult } from '../io/action.js';
import { failureText, UserError } from '../io/errors.js';
import type { Logger } from '../io/logger.js';
import { MANAGED_POLICIES_DEFAULT_QUOTA, MANAGED_POLICIES_MAX_QUOTA } from '../trust/policy-document.js';
import { issuerTagValue } from '../trust/issuer-tag.js';
import { accountOf, hasWildcard, partitionOf } from '../trust/names.js';
import { managedTags } from '../trust/tags.js';
import {
  subjectOf,
  TRUST_POLICY_DEFAULT_LIMIT,
  TRUST_POLICY_MAX_LIMIT,
  trustPolicyFor,
  trustPolicySize
} from '../trust/trust-policy.js';
import type { AccountQuotaReader, AccountQuotas } from './account-quotas.js';
import { accountQuotaReader, decidingLimit } from './account-quotas.js';
import type { DesiredRole, Progress } from './converge-role.js';
import { convergeRole, PartialConvergence } from './converge-role.js';
import { roleDescription } from './description.js';
import type { RoleOutcome } from './outcome.js';
import { outcomeArn, outcomeChanges } from './outcome.js';
import { isNoSuchEntity } from './iam-errors.js';
import type { IrsaRoleInputs, Origin, RoleBinding } from './inputs.js';
import { mapBounded, settleBounded } from './pool.js';
import type { OidcProvider } from './provider.js';
import { liveIssuerReader, resolveProvider, sameIssuer } from './provider.js';
import type { ServiceAccounts } from './service-account-annotation.js';
import { annotateServiceAccount, checkAnnotationTargets } from './service-account-annotation.js';
import { irsaRoleSummary } from './summary.js';

// For the action's entry, which loads this chunk anyway: a chunk of its own would be one more load.
export { guessedRegionRefusal } from './issuer-checks.js';
// For the entry: run.js already holds this module, and a dynamic import of its own would make ncc
// bundle a second copy of it in a chunk apart.
export { kubeServiceAccounts } from './service-account-annotation.js';

/** IAM's per-account request rate is modest; 8 in flight keeps 100 roles quick without a storm of throttles. */
export const DEFAULT_CONCURRENCY = 8;

export interface IrsaRoleDeps {
  iam: IAMClient;
  log: Logger;
  /** Only called when annotate-service-account is set, so the Kubernetes client loads only then. */
  serviceAccounts: () => Promise<ServiceAccounts>;
  concurrency?: number;
  /** Told before the first write (ActionContext.writing). */
  writing?: () => void;
  /** Given a reader of what the run has written so far (ActionContext.written). */
  written?: (read: () => readonly string[]) => void;
}

export function desiredRoleFor(
  binding: RoleBinding,
  inputs: IrsaRoleInputs,
  provider: OidcProvider
): DesiredRole {
  const issuer = `https://${provider.hostPath}`;
  return {
    roleName: binding.roleName,
    path: inputs.rolePath,
    trust: trustPolicyFor({
      providerArn: provider.arn,
      issuer: provider.hostPath,
      serviceAccounts: binding.serviceAccounts,
      audience: inputs.audience
    }),
    description: roleDescription(binding.serviceAccounts),
    maxSessionDuration: inputs.maxSessionDuration,
    permissionsBoundary: binding.permissionsBoundary,
    tags: { ...binding.tags, ...managedTags(issuerTagValue(issuer)) },
    policyArns: binding.policyArns,
    inlinePolicy: binding.inlinePolicy,
    inlinePolicyOrigin: binding.origins.inlinePolicy,
    // A bindings entry's namespace origin is the entry itself.
    roleNameOrigin: inputs.single ? { input: 'role-name', where: '' } : binding.origins.namespace
  };
}

/**
 * A namespace pattern trusts namespaces that do not exist yet: whoever may create one whose name
 * matches (and a service account in it) may assume the role. allow-wildcards permits it; the run
 * says it, since that reach is easy to miss in `team-*`.
 */
function warnNamespacePatterns(bindings: RoleBinding[], log: Logger): void {
  for (const binding of bindings)
    for (const account of binding.serviceAccounts)
      if (hasWildcard(account.namespace))
        log.warning(
          `Role '${binding.roleName}' trusts ${subjectOf(account)}: any namespace matching '${account.namespace}', including ones created later, so whoever can create such a namespace can assume the role.`
        );
}

/**
 * Past IAM's default quotas a role fits only an account whose quota was raised; elsewhere IAM
 * refuses it after the role is made (LimitExceeded, which the SDK retries as a throttle for some
 * 40 s). So the account's own quotas are read then, and decide: a binding past them is refused
 * before any write, whatever the documented ceilings say. Only when they cannot be read (the
 * permission is optional) do the ceilings stand in: past them refused, between default and ceiling
 * a warning, since IAM may still refuse.
 */
async function checkAccountQuotas(
  desired: DesiredRole[],
  inputs: IrsaRoleInputs,
  quotas: AccountQuotaReader
): Promise<string[]> {
  const longTrust = desired.filter((role) => trustPolicySize(role.trust) > TRUST_POLICY_DEFAULT_LIMIT);
  const manyPolicies = inputs.bindings.filter(
    (binding) => binding.policyArns.length > MANAGED_POLICIES_DEFAULT_QUOTA
  );
  if (longTrust.length === 0 && manyPolicies.length === 0) return [];
  const account = await quotas();
  // Returned, to be said only once every check has passed, so that a refused run does not also warn.
  const warnings: string[] = [];
  for (const role of longTrust) {
    const size = trustPolicySize(role.trust);
    const { limit, fromAccount } = decidingLimit(account.trustPolicySize, TRUST_POLICY_MAX_LIMIT);
    const input = inputs.single ? 'service-account' : 'bindings';
    const trusted = `the trust policy of role '${role.roleName}' would be ${size} characters`;
    if (size > limit)
      throw new UserError(
        fromAccount
          ? `${trusted}, over this account's quota of ${limit} (raise "Role trust policy length" in Service Quotas, or split its service accounts across roles).`
          : `${trusted}, over IAM's documented ceiling of ${limit}, and ${unreadQuota(account, 'AssumeRolePolicySizeQuota')}; split its service accounts across roles${account.refused ? ', or allow iam:GetAccountSummary so that a quota raised past it can be read' : ''}.`,
        input
      );
    if (!fromAccount)
      warnings.push(
        `The trust policy of role '${role.roleName}' is ${size} characters; IAM's default quota is ${TRUST_POLICY_DEFAULT_LIMIT} and ${unreadQuota(account, 'AssumeRolePolicySizeQuota')} (raise "Role trust policy length" in Service Quotas, or split the role).`
      );
  }
  for (const binding of manyPolicies) {
    const count = binding.policyArns.length;
    const { limit, fromAccount } = decidingLimit(account.managedPoliciesPerRole, MANAGED_POLICIES_MAX_QUOTA);
    const { input, where } = binding.origins.policyArns;
    const lists = `${where || `role '${binding.roleName}'`} lists ${count} managed policies`;
    if (count > limit)
      throw new UserError(
        fromAccount
          ? `${lists}, over this account's quota of ${limit} per role (raise "Managed policies per role" in Service Quotas, or merge policies).`
          : `${lists}, over IAM's documented ceiling of ${limit} per role, and ${unreadQuota(account, 'AttachedPoliciesPerRoleQuota')}; merge policies${account.refused ? ', or allow iam:GetAccountSummary so that a quota raised past it can be read' : ''}.`,
        input
      );
    if (!fromAccount)
      warnings.push(
        `Role '${binding.roleName}' lists ${count} managed policies; IAM's default quota is ${MANAGED_POLICIES_DEFAULT_QUOTA} per role and ${unreadQuota(account, 'AttachedPoliciesPerRoleQuota')} (raise "Managed policies per role" in Service Quotas, up to ${MANAGED_POLICIES_MAX_QUOTA}, or merge policies).`
      );
  }
  return warnings;
}

/** The words for a quota the account's summary did not give, which the documented ceilings stand in for. */
function unreadQuota(account: AccountQuotas, key: string): string {
  return account.refused
    ? "this account's own could not be read (iam:GetAccountSummary was refused: the permission is optional, and needed only for this check)"
    : `this account's summary gives no ${key}`;
}

/** Every managed policy named anywhere, with the input that named it first. */
function namedPolicies(bindings: RoleBinding[]): Map<string, Origin> {
  const named = new Map<string, Origin>();
  for (const binding of bindings) {
    for (const arn of binding.policyArns) if (!named.has(arn)) named.set(arn, binding.origins.policyArns);
    const boundary = binding.permissionsBoundary;
    if (boundary && !named.has(boundary)) named.set(boundary, binding.origins.permissionsBoundary);
  }
  return named;
}

/**
 * A role lives in its provider's partition and account, and IAM attaches (or sets as boundary) only
 * policies of that account or AWS managed ones of that partition. Anything else IAM would answer with
 * an error naming neither the input nor the cause (AccessDenied on GetPolicy, with the documented
 * credentials' policy).
 */
function checkPolicyHomes(bindings: RoleBinding[], provider: OidcProvider): void {
  const partition = partitionOf(provider.arn);
  const account = accountOf(provider.arn);
  for (const [arn, origin] of namedPolicies(bindings)) {
    const where = origin.where ? `${origin.where}: ` : '';
    if (partitionOf(arn) !== partition)
      throw new UserError(
        `${where}policy '${arn}' is in partition ${partitionOf(arn)}, but the OIDC provider ${provider.arn} is in ${partition}; use arn:${partition}:iam::... ARNs.`,
        origin.input
      );
    const owner = accountOf(arn);
    if (owner !== 'aws' && owner !== account)
      throw new UserError(
        `${where}policy '${arn}' belongs to account ${owner}, but the roles are made in ${account} (the OIDC provider's); IAM attaches only policies of the role's own account or AWS managed ones.`,
        origin.input
      );
  }
}

/** A policy ARN that does not exist is a bad input, and must be found before the first write. */
async function checkPoliciesExist(
  iam: IAMClient,
  bindings: RoleBinding[],
  concurrency: number
): Promise<void> {
  const named = [...namedPolicies(bindings)];
  await mapBounded(named, concurrency, async ([arn, origin]) => {
    try {
      await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    } catch (error) {
      if (!isNoSuchEntity(error)) throw error;
      const where = origin.where ? `${origin.where}: ` : '';
      throw new UserError(`${where}policy '${arn}' does not exist in this account.`, origin.input);
    }
  });
}

/** Pushes each change into `notes` as it is made, so that a later failure keeps the earlier ones. */
async function annotateFor(
  accounts: ServiceAccounts,
  binding: RoleBinding,
  roleArn: string,
  log: Logger,
  notes: string[]
): Promise<void> {
  for (const account of binding.serviceAccounts) {
    const { change, replaced } = await annotateServiceAccount(accounts, account, roleArn);
    const label = `${account.namespace}/${account.name}`;
    // Its pods switch roles: said, since the annotation may be another binding's or another tool's,
    // which would then set it back on its next run.
    if (replaced)
      log.warning(
        `Service account ${label} was annotated with role ${replaced}; this run points it at ${roleArn} instead. If something else set that annotation, bind the service account in one place only.`
      );
    if (change === 'created') notes.push(`created service account ${label}`);
    if (change === 'annotated') notes.push(`annotated service account ${label}`);
    log.info(
      `${binding.roleName}: service account ${label} ${change === 'unchanged' ? 'already annotated' : change}.`
    );
  }
}

/**
 * The kubeconfig must be that of the provider's cluster: with several clusters in one account, a
 * kubeconfig for another (a copied workflow, a wrong secret) would point that cluster's service
 * accounts at a role its tokens can never assume, replacing their own binding. Checked before the
 * first write; a cluster that does not say its issuer is warned of, not refused.
 */
async function checkClusterIssuer(
  accounts: ServiceAccounts,
  provider: OidcProvider,
  log: Logger
): Promise<void> {
  const issuer = await accounts.clusterIssuer();
  const wanted = `https://${provider.hostPath}`;
  if (issuer === undefined) {
    log.warning(
      `Could not read the cluster's issuer (/.well-known/openid-configuration), so the kubeconfig is not known to be that of ${wanted}'s cluster: grant its user the ClusterRole system:service-account-issuer-discovery to have it checked.`
    );
    return;
  }
  if (!sameIssuer(issuer, provider.hostPath))
    throw new UserError(
      `the cluster issues its service accounts' tokens as ${issuer}, not as ${wanted}, the issuer of the IAM OIDC provider ${provider.arn}: ` +
        "give the kubeconfig of that issuer's cluster, or the provider-arn or issuer-url of this cluster's.",
      accounts.kubeconfigInput
    );
}

function failureMessage(failures: Array<[string, string]>, total: number): string | undefined {
  if (failures.length === 0) return undefined;
  if (total === 1) return failures[0]?.[1];
  const listed = failures.map(([role, message]) => `role '${role}': ${message}`).join('; ');
  return `${failures.length} of ${total} roles failed: ${listed}`;
}

export async function run(inputs: IrsaRoleInputs, deps: IrsaRoleDeps): Promise<ActionResult> {
  const { iam, log } = deps;
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const provider = await resolveProvider(iam, inputs.provider);
  log.info(`IAM OIDC provider ${provider.arn} (issuer https://${provider.hostPath}).`);
  if (!provider.clientIds.includes(inputs.audience))
    log.warning(
      `Provider ${provider.arn} does not list '${inputs.audience}' as a client ID (audience), so STS will refuse tokens for these roles until it does.`
    );
  const desired = inputs.bindings.map((binding) => desiredRoleFor(binding, inputs, provider));
  warnNamespacePatterns(inputs.bindings, log);
  checkPolicyHomes(inputs.bindings, provider);
  // One reading per run, shared with the roles' convergence, which may need it too. Before the
  // policies' existence: a list past the quota is refused on one read, not one GetPolicy per ARN.
  const quotas = accountQuotaReader(iam);
  const quotaWarnings = await checkAccountQuotas(desired, inputs, quotas);
  await checkPoliciesExist(iam, inputs.bindings, concurrency);
  for (const warning of quotaWarnings) log.warning(warning);

  const accounts = inputs.annotate ? await deps.serviceAccounts() : undefined;
  // Reads before the first write, so a missing namespace, an unreachable cluster or refused
  // credentials change nothing.
  if (accounts) await checkClusterIssuer(accounts, provider, log);
  if (accounts)
    await checkAnnotationTargets(
      accounts,
      inputs.bindings.flatMap((binding) =>
        binding.serviceAccounts.map((account) => ({ account, namespaceOrigin: binding.origins.namespace }))
      )
    );
  deps.writing?.();
  // Each role's writes as IAM answers them, for a cancelled run's summary.
  const progress = inputs.bindings.map((): Progress => ({ arn: '', changes: [] }));
  deps.written?.(() =>
    progress.flatMap((role, index) =>
      role.changes.length > 0
        ? [`role ${inputs.bindings[index]?.roleName ?? ''}: ${role.changes.join('; ')}`]
        : []
    )
  );
  const liveIssuer = liveIssuerReader(iam);
  const settled = await settleBounded(inputs.bindings, concurrency, async (binding, index) => {
    const report = await convergeRole(
      iam,
      desired[index] as DesiredRole,
      inputs.prune,
      quotas,
      liveIssuer,
      progress[index]
    );
    for (const warning of report.warnings) log.warning(warning);
    log.info(
      `${binding.roleName}: ${report.changes.length ? report.changes.join('; ') : 'no change'} (${report.arn}).`
    );
    const annotations: string[] = [];
    // The role is made by now: a failed annotation must not hide it from the outputs and summary.
    let error: string | undefined;
    if (accounts)
      try {
        await annotateFor(accounts, binding, report.arn, log, annotations);
      } catch (annotationError) {
        error = failureText(annotationError);
      }
    return { report, annotations, error };
  });

  // A UserError raised while converging (IAM rejecting a policy) fails the step like any bad input.
  const outcomes: RoleOutcome[] = settled.map((result) => {
    if (result.status === 'fulfilled') return result.value;
    const reason: unknown = result.reason;
    if (reason instanceof PartialConvergence)
      return {
        report: undefined,
        annotations: [],
        error: failureText(reason.failure),
        written: { arn: reason.arn, changes: reason.changes }
      };
    return { report: undefined, annotations: [], error: failureText(reason) };
  });
  const failures = outcomes.flatMap((outcome, index): Array<[string, string]> =>
    outcome.error ? [[inputs.bindings[index]?.roleName ?? '', outcome.error]] : []
  );
  const roleArns: Record<string, string> = {};
  outcomes.forEach((outcome, index) => {
    const arn = outcomeArn(outcome);
    if (arn) roleArns[inputs.bindings[index]?.roleName ?? ''] = arn;
  });
  const changed = outcomes.some((o) => outcomeChanges(o).length > 0);
  const outputs: Record<string, string> = { 'role-arns': JSON.stringify(roleArns), changed: String(changed) };
  const firstArn = outcomes[0] ? outcomeArn(outcomes[0]) : '';
  if (inputs.single && firstArn) outputs['role-arn'] = firstArn;
  const keeping = outcomes.filter((o) => (o.report?.unlisted.length ?? 0) > 0).length;
  if (!changed && failures.length === 0)
    log.info(
      keeping === 0
        ? 'Nothing to change: every role already matches its inputs.'
        : `Nothing changed, but ${keeping === 1 ? '1 role keeps' : `${keeping} roles keep`} policies the inputs do not list (see the warnings).`
    );
  const result: ActionResult = {
    outputs,
    summary: irsaRoleSummary({
      providerArn: provider.arn,
      audience: inputs.audience,
      bindings: inputs.bindings,
      outcomes
    })
  };
  const failure = failureMessage(failures, inputs.bindings.length);
  if (failure) result.failure = failure;
  return result;
}
