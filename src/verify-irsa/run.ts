/**
 * verify-irsa's logic: the service account, then the token checks from outside the cluster and
 * the pod from inside, each check landing in the diagnosis. Everything it creates is removed
 * again in a finally, whatever the outcome.
 */
import { randomBytes } from 'node:crypto';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { Logger } from '../io/logger.js';
import type { Masker } from '../io/secrets.js';
import type { ClusterOps, ServiceAccountView } from './cluster.js';
import type { AccountOrigin } from './account-lease.js';
import {
  holdServiceAccount,
  LEASE_MARGIN_SECONDS,
  leaseKey,
  releaseServiceAccount,
  renewLease
} from './account-lease.js';
import { statusOf } from '../kube/client.js';
import { kubeErrorText } from '../kube/error-text.js';
import { kubeFailureFix } from './kube-fixes.js';
import type { Check } from './diagnosis.js';
import { allPassed, CHECK_LINKS, failed, passed } from './diagnosis.js';
import { checkProvider, checkRole, otherClusterHint } from './iam-checks.js';
import type { VerifyInputs } from './inputs.js';
import type { AnonymousGet, PublicReach } from './issuer-documents.js';
import { checkExpiry, checkIssuerDocuments } from './issuer-documents.js';
import type { StsDeps } from './sts-checks.js';
import { assumedRoleProblem, isAssumedRoleArn, sessionProblem } from './assumed-role.js';
import { assumeRole, fixForStsError, PROPAGATION_DELAYS_MS } from './sts-checks.js';
import { issuerProblem, readToken } from './token-claims.js';
import { unreachableHost } from '../net/aws-reach.js';
import type { V1Pod } from '@kubernetes/client-node';
import {
  bareWorkloadPod,
  callerArnFromLogs,
  eventLines,
  lastLines,
  MAX_EVENTS,
  podOutcome,
  podRefusalFix,
  ROLE_ANNOTATION,
  verifyPodManifest,
  webhookInjections,
  webhookRoleArn,
  webhookTokenAudience
} from './verify-pod.js';

export interface VerifyDeps {
  cluster: ClusterOps;
  iam: IAMClient;
  sts: StsDeps;
  get: AnonymousGet;
  /** Given when STS is AWS's own, on the internet: the issuer must then be on a public host. */
  publicReach?: PublicReach;
  /** The account of the workflow's own AWS credentials (GetCallerIdentity); undefined when unknown. */
  workflowAccount(): Promise<string | undefined>;
  log: Logger;
  mask: Masker;
  /**
   * The text with every value the run masked so far (the kubeconfig's secrets, the token, STS's
   * credentials) replaced by `***`, as the entry redacts the outputs and summary: for text from the
   * cluster, before it is cut short to be quoted, since a cut may split a value so that no later
   * redaction, nor the runner's masking, recognises its part.
   */
  redact(text: string): string;
  now: () => Date;
}

export interface VerifyOutcome {
  verified: boolean;
  assumedRoleArn: string | undefined;
  checks: Check[];
  /** The check that says the service account could not be given up: the closing cleanup may still do it. */
  releaseFailure?: Check;
  /** Why links were left unchecked, for the summary, whose diagram shows them only as not checked. */
  notChecked?: string[];
  /** The pod's assumed-role ARN when it is not the verified role and not assumedRoleArn (token mode's). */
  podOtherRole?: string;
}

/**
 * The outcome once the action's closing cleanup gave the service account up after run() could not:
 * its failed check becomes a passed one that says so, and the verdict is taken again.
 */
export function afterSecondRelease(result: VerifyOutcome, what: string): VerifyOutcome {
  const failure = result.releaseFailure;
  if (!failure) return result;
  const checks = result.checks.map((entry) =>
    entry === failure ? passed('service-account', `${what} on a second try, after: ${failure.detail}`) : entry
  );
  return {
    verified: allPassed(checks),
    assumedRoleArn: result.assumedRoleArn,
    checks,
    ...(result.notChecked ? { notChecked: result.notChecked } : {}),
    ...(result.podOtherRole ? { podOtherRole: result.podOtherRole } : {})
  };
}

// Pod mode renews the run's lease when it starts later than this after the run.
const RENEW_AFTER_MS = 60_000;

export async function run(inputs: VerifyInputs, deps: VerifyDeps): Promise<VerifyOutcome> {
  const { namespace, serviceAccount } = inputs;
  // Names this run's pod and its lease on the service account.
  const runId = randomBytes(4).toString('hex');
  const expiresAt = new Date(deps.now().getTime() + (inputs.timeoutSeconds + LEASE_MARGIN_SECONDS) * 1000);
  const checks: Check[] = [];
  const record = (entries: Check[]): void => {
    for (const entry of entries) {
      checks.push(entry);
      const line = `${entry.ok ? 'ok  ' : 'FAIL'} ${entry.check}: ${entry.detail}`;
      // The first failure is the step's ::error:: (verifyResult): as a warning too, the job page
      // would show it twice. Later failures are annotated, since nothing else names them there.
      const firstFailure = !entry.ok && checks.filter((c) => !c.ok).length === 1;
      if (entry.ok) deps.log.info(line);
      else if (firstFailure) deps.log.info(`${line} Fix: ${entry.fix}`);
      // The diagnosis table shows each check, this one with its fix.
      else deps.log.warning(`${line} Fix: ${entry.fix}`, { inSummary: true });
    }
  };

  const found = await ensureServiceAccount(inputs, deps, runId, expiresAt);
  if ('failure' in found) {
    record([found.failure]);
    return outcome(checks, undefined);
  }
  let { account, origin, holding } = found;
  record([serviceAccountCheck(inputs, account, origin)]);
  if (inputs.cleanup) await removeEndedRunsPods(inputs, deps);

  let tokenArn: string | undefined;
  let podArn: string | undefined;
  let releaseFailure: Check | undefined;
  let issuerUnreachable = false;
  const notChecked: string[] = [];
  try {
    if (inputs.mode !== 'pod')
      tokenArn = await deps.log.group('token mode: the chain as STS checks it', async () => {
        const result = await tokenMode(inputs, deps).catch((error: unknown) =>
          faultOf('token', error, deps.redact)
        );
        record(result.checks);
        issuerUnreachable = result.issuerUnreachable === true;
        notChecked.push(...(result.notChecked ?? []));
        return result.assumedRoleArn;
      });
    // The pod's token names the same issuer: STS would refuse it for the same reason.
    if (inputs.mode !== 'token' && issuerUnreachable)
      deps.log.info(
        "pod mode: not run, since the pod's token names the same issuer, which STS cannot reach (the issuer check)."
      );
    else if (inputs.mode !== 'token')
      podArn = await deps.log.group('pod mode: aws sts get-caller-identity in a pod', async () => {
        // Counted from here, not from the run's start, which token mode (or clearing many ended
        // runs' pods) may be long past. A lease written moments ago is left as it is.
        const until = new Date(deps.now().getTime() + (inputs.timeoutSeconds + LEASE_MARGIN_SECONDS) * 1000);
        if (holding && until.getTime() - expiresAt.getTime() > RENEW_AFTER_MS) {
          const renewed = await renewHold(inputs, deps, runId, until);
          if (renewed && 'failure' in renewed) {
            record([renewed.failure]);
            return undefined;
          }
          if (renewed) ({ account, origin, holding } = renewed);
        }
        const result = await podMode(inputs, deps, account, runId, until, checks).catch((error: unknown) =>
          faultOf('pod', error, deps.redact)
        );
        record(result.checks);
        return result.assumedRoleArn;
      });
  } finally {
    if (holding) {
      try {
        const released = await releaseServiceAccount(
          deps.cluster,
          namespace,
          serviceAccount,
          runId,
          deps.now,
          inputs.cleanup
        );
        if (released === 'deleted')
          deps.log.info(`Deleted the service account ${namespace}/${serviceAccount} this run ${origin}.`);
        if (released === 'released')
          deps.log.info(
            inputs.cleanup
              ? `Left the service account ${namespace}/${serviceAccount} to the other runs using it.`
              : `Removed this run's lease from ${namespace}/${serviceAccount} and kept it (cleanup: false).`
          );
      } catch (error) {
        // Left behind is a failure too: the run promised to remove what it made.
        releaseFailure = failed(
          'service-account',
          `could not give up ${namespace}/${serviceAccount}, which this run ${origin}: ${kubeErrorText(error, deps.redact)}`,
          // Not a delete: another run may be using it, and without this lease the next run takes it over.
          `remove this run's lease by hand: kubectl -n ${namespace} annotate serviceaccount ${serviceAccount} ${leaseKey(runId)}-`
        );
        record([releaseFailure]);
      }
    }
  }
  // With both modes the output is token mode's: a pod that ran as another role is named beside it.
  const podOtherRole =
    tokenArn !== undefined && podArn !== undefined && assumedRoleProblem(podArn, inputs.role)
      ? podArn
      : undefined;
  return {
    ...outcome(checks, tokenArn ?? podArn),
    ...(releaseFailure ? { releaseFailure } : {}),
    ...(notChecked.length > 0 ? { notChecked } : {}),
    ...(podOtherRole ? { podOtherRole } : {})
  };
}

/** The service account to verify, held by this run where it may be (account-lease.ts); a failed check otherwise. */
async function ensureServiceAccount(
  inputs: VerifyInputs,
  deps: VerifyDeps,
  runId: string,
  until: Date
): Promise<{ account: ServiceAccountView; origin: AccountOrigin; holding: boolean } | { failure: Check }> {
  const { namespace, serviceAccount } = inputs;
  try {
    const held = await holdServiceAccount(deps.cluster, {
      namespace,
      name: serviceAccount,
      roleArn: inputs.role.arn,
      runId,
      until,
      now: deps.now,
      create: inputs.createServiceAccount,
      cleanup: inputs.cleanup,
      redact: deps.redact
    });
    if (!held)
      return {
        failure: failed(
          'service-account',
          `the service account ${namespace}/${serviceAccount} does not exist`,
          'create it, or set create-service-account: true'
        )
      };
    if (held.note) deps.log.info(held.note);
    return held;
  } catch (error) {
    return {
      failure: failed(
        'service-account',
        `cannot read or create ${namespace}/${serviceAccount}: ${kubeErrorText(error, deps.redact)}`,
        kubeFailureFix(
          error,
          namespace,
          "check that the namespace exists and the kubeconfig's user may get, create and patch service accounts in it"
        )
      )
    };
  }
}

/**
 * Renews this run's lease for pod mode, so that no other run takes the service account over, or
 * deletes it or this run's pod, while the pod runs. undefined when renewed; a lease that ran out
 * and was taken from this run is taken again as at the start (the account as it now is, or a failure).
 */
async function renewHold(
  inputs: VerifyInputs,
  deps: VerifyDeps,
  runId: string,
  until: Date
): Promise<Awaited<ReturnType<typeof ensureServiceAccount>> | undefined> {
  const { namespace, serviceAccount } = inputs;
  try {
    if ((await renewLease(deps.cluster, namespace, serviceAccount, runId, until)) === 'renewed')
      return undefined;
  } catch (error) {
    return {
      failure: failed(
        'service-account',
        `could not renew this run's lease on ${namespace}/${serviceAccount} for pod mode: ${kubeErrorText(error, deps.redact)}`,
        'run again'
      )
    };
  }
  deps.log.warning(
    `This run's lease on ${namespace}/${serviceAccount} ran out during token mode (AWS answered slowly), and another run took the service account over or deleted it: taking it again for pod mode.`
  );
  return ensureServiceAccount(inputs, deps, runId, until);
}

/**
 * A fault inside a mode (the cluster or AWS failing mid-way) still ends as a failed check, so
 * that the outputs are set and the cleanup runs like on any other failure.
 */
function faultOf(check: 'token' | 'pod', error: unknown, redact: (text: string) => string): ModeResult {
  const text =
    error instanceof Error ? `${error.name}: ${kubeErrorText(error, redact)}` : redact(String(error));
  return {
    checks: [
      failed(
        check,
        `${check} mode stopped on an unexpected error: ${text}`,
        'run again; if it persists, report it'
      )
    ]
  };
}

function outcome(checks: Check[], assumedRoleArn: string | undefined): VerifyOutcome {
  // The ARN is reported whenever STS answered, even if another check failed: it helps the diagnosis.
  return { verified: allPassed(checks), assumedRoleArn, checks };
}

function serviceAccountCheck(
  inputs: VerifyInputs,
  account: ServiceAccountView,
  origin: AccountOrigin
): Check {
  const name = `${inputs.namespace}/${inputs.serviceAccount}`;
  const annotated = account.annotations[ROLE_ANNOTATION];
  const note =
    annotated === undefined
      ? ''
      : annotated === inputs.role.arn
        ? `; annotated ${ROLE_ANNOTATION}=${annotated}`
        : `; note: annotated ${ROLE_ANNOTATION}=${annotated}, not the role-arn being verified`;
  return passed('service-account', `${origin} ${name}${note}`);
}

interface ModeResult {
  checks: Check[];
  assumedRoleArn?: string;
  /** Set when the token's issuer is on a host AWS can never reach: nothing after it was asked. */
  issuerUnreachable?: boolean;
  notChecked?: string[];
}

/**
 * The issuer check: with AWS's own STS, whether its host is one AWS can reach at all (`unreachable`
 * is set when not), then its shape (issuerProblem). The first comes first because it is the surer
 * answer: issuerProblem would call localhost a name only the cluster resolves.
 */
function issuerCheck(issuer: string | undefined, deps: VerifyDeps): { check: Check; unreachable: boolean } {
  const fix = "set the cluster's service-account issuer to the public discovery URL (provision's issuer-url)";
  if (issuer === undefined)
    return { check: failed('issuer', 'the token has no iss claim', fix), unreachable: false };
  const host = deps.publicReach ? unreachableHost(issuer) : undefined;
  if (host)
    return {
      check: failed(
        'issuer',
        `the token's iss is ${issuer}, but ${host}, which AWS STS, fetching the issuer's documents from the internet, can never reach; the IAM provider, the role and STS were not asked, since each must name the issuer that replaces it`,
        "serve the issuer from a public host and set the cluster's service-account issuer to it (provision's issuer-url; publish-oidc publishes the documents to S3), then run publish-oidc and irsa-role for it"
      ),
      unreachable: true
    };
  const problem = issuerProblem(issuer);
  if (problem) return { check: failed('issuer', problem, fix), unreachable: false };
  return { check: passed('issuer', `the token's iss is ${issuer}`), unreachable: false };
}

async function tokenMode(inputs: VerifyInputs, deps: VerifyDeps): Promise<ModeResult> {
  const { namespace, serviceAccount, audience } = inputs;
  let token: string;
  try {
    token = await deps.cluster.requestToken(namespace, serviceAccount, audience);
  } catch (error) {
    return {
      checks: [
        failed(
          'token',
          `TokenRequest for ${namespace}/${serviceAccount} failed: ${kubeErrorText(error, deps.redact)}`,
          kubeFailureFix(
            error,
            namespace,
            "let the kubeconfig's user create serviceaccounts/token in the namespace"
          )
        )
      ]
    };
  }
  // Masked before anything else can print it.
  deps.mask(token);
  const view = readToken(token);
  if (!view)
    return {
      checks: [
        failed(
          'token',
          'the TokenRequest answer is not a JWT',
          'check the cluster serves bound service-account tokens'
        )
      ]
    };
  const checks: Check[] = [
    passed(
      'token',
      `TokenRequest issued a token for ${view.sub ?? '(no sub)'} with aud ${view.aud.join(', ')}, signed with kid ${view.kid ?? '(none)'}`
    )
  ];
  const notChecked: string[] = [];
  const issuer = view.iss;
  const { check: issuerResult, unreachable } = issuerCheck(issuer, deps);
  checks.push(issuerResult);
  checks.push(checkExpiry(view, Math.floor(deps.now().getTime() / 1000)));
  // Every answer AWS could give is known, and every IAM object must change with the issuer: AWS is
  // not asked (and the runner does not fetch from an address that proves nothing of STS's view).
  if (unreachable) return { checks, issuerUnreachable: true };
  if (issuer !== undefined) {
    if (issuerResult.ok) {
      const documents = await checkIssuerDocuments(token, view, issuer, deps.get, deps.publicReach);
      checks.push(...documents.checks);
      // One a check's detail carries (issuer-documents.ts's noteOf) is in the diagnosis table already.
      for (const warning of documents.warnings)
        deps.log.warning(warning, {
          inSummary: documents.checks.some((entry) => entry.detail.includes(`warning: ${warning}`))
        });
    }
    // STS takes the provider from the role's account; IAM answers for the credentials' account.
    const account = await deps.workflowAccount();
    if (account !== undefined && account !== inputs.role.accountId) {
      const why = `IAM was not read: the workflow's AWS credentials are for account ${account}, but the role is in ${inputs.role.accountId}, whose IAM OIDC provider STS uses. The provider and the role are left to STS's answer; give the step credentials of ${inputs.role.accountId} to check them one by one.`;
      // The summary gives it with the links it left unchecked (chain-summary.ts).
      deps.log.warning(why, { inSummary: true });
      notChecked.push(why);
    } else {
      const provider = await checkProvider(deps.iam, issuer, view);
      checks.push(...provider.checks);
      const role = await checkRole(deps.iam, {
        role: inputs.role,
        issuer,
        view,
        providerArn: provider.providerArn,
        namespace,
        serviceAccount,
        audience
      });
      checks.push(...role.checks);
      if (role.otherIssuers) pointAtOtherCluster(checks, issuer, role.otherIssuers);
    }
  }
  // STS has the last word even when an earlier check failed (but for an issuer it can never reach,
  // above): its answer confirms the diagnosis.
  const sts = await assumeRole(
    token,
    inputs.role,
    deps.now(),
    deps.sts,
    allPassed(checks) ? PROPAGATION_DELAYS_MS : [],
    checks
  );
  checks.push(...sts.checks);
  return {
    checks,
    ...(sts.assumedRoleArn ? { assumedRoleArn: sts.assumedRoleArn } : {}),
    ...(notChecked.length > 0 ? { notChecked } : {})
  };
}

/**
 * The role trusts another issuer than this cluster's: the issuer documents or provider this cluster
 * lacks are then likely not the point (the kubeconfig may be another cluster's), so their fixes,
 * the first of which heads the summary, say so first.
 */
function pointAtOtherCluster(checks: Check[], issuer: string, otherIssuers: readonly string[]): void {
  for (const [at, entry] of checks.entries()) {
    const link = CHECK_LINKS[entry.check];
    if (!entry.ok && (link === 'issuer-documents' || link === 'iam-provider'))
      checks[at] = { ...entry, fix: `${otherClusterHint(issuer, otherIssuers)}; else ${entry.fix}` };
  }
}

/** Service-account tokens look like eyJ….eyJ….sig; the aws CLI never prints one, but a log is not trusted. */
export function redactJwts(text: string): string {
  return text.replace(/eyJ[\w-]*\.eyJ[\w-]*\.[\w-]*/g, '***');
}

/** Text from the cluster (a pod's log, an event), redacted before anything of it is parsed or cut. */
function fromCluster(deps: VerifyDeps, text: string): string {
  return deps.redact(redactJwts(text));
}

/**
 * Deletes the verify pods that earlier runs of this service account left (a killed runner) and are
 * over for sure; a pod of a run still going is left alone. Not a check: failing to look or to delete
 * leaves clutter, not a broken chain.
 */
async function removeEndedRunsPods(inputs: VerifyInputs, deps: VerifyDeps): Promise<void> {
  const { namespace } = inputs;
  let pods;
  try {
    pods = await deps.cluster.listVerifyPods(namespace, inputs.serviceAccount);
  } catch (error) {
    deps.log.info(
      `Could not look for pods that earlier runs left in ${namespace}: ${kubeErrorText(error, deps.redact)}`
    );
    return;
  }
  const now = deps.now().getTime();
  for (const pod of pods) {
    if (pod.expiresAt === undefined || pod.expiresAt.getTime() >= now) continue;
    try {
      // False when it was gone already (another run or Kubernetes removed it since the list): nothing to say.
      if (await deps.cluster.deletePod(namespace, pod.name))
        deps.log.info(
          `Deleted the pod ${namespace}/${pod.name}, which an earlier run left (its run ended by ${pod.expiresAt.toISOString()}).`
        );
    } catch (error) {
      deps.log.warning(
        `Could not delete the pod ${namespace}/${pod.name}, which an earlier run left: ${kubeErrorText(error, deps.redact)}`
      );
    }
  }
}

/** `earlier`: token mode's checks, whose failure the pod's names instead of repeating its fix. */
async function podMode(
  inputs: VerifyInputs,
  deps: VerifyDeps,
  account: ServiceAccountView,
  runId: string,
  expiresAt: Date,
  earlier: readonly Check[]
): Promise<ModeResult> {
  const { namespace } = inputs;
  const name = `irsa-verify-${runId}`;
  const podSpec = {
    name,
    namespace,
    serviceAccount: inputs.serviceAccount,
    image: inputs.image,
    roleArn: inputs.role.arn,
    region: inputs.region,
    audience: inputs.audience,
    timeoutSeconds: inputs.timeoutSeconds,
    expiresAt: inputs.cleanup ? expiresAt : undefined
  };
  try {
    await deps.cluster.createPod(verifyPodManifest(podSpec));
  } catch (error) {
    return {
      checks: [
        failed(
          'pod',
          `cannot create the pod ${namespace}/${name}: ${kubeErrorText(error, deps.redact)}`,
          kubeFailureFix(error, namespace, podRefusalFix(kubeErrorText(error, deps.redact)))
        )
      ]
    };
  }
  deps.log.info(`Created the pod ${namespace}/${name}; following it for up to ${inputs.timeoutSeconds} s.`);
  const checks: Check[] = [];
  try {
    if (account.annotations[ROLE_ANNOTATION] !== undefined)
      checks.push(await webhookReport(deps, bareWorkloadPod(podSpec), inputs.audience, inputs.role.arn));
    let end: Awaited<ReturnType<ClusterOps['watchPod']>>;
    try {
      end = await deps.cluster.watchPod(namespace, name, Date.now() + inputs.timeoutSeconds * 1000);
    } catch (error) {
      // A refused watch, or a read at the deadline that failed: how the pod ended is unknown.
      checks.push(
        failed(
          'pod',
          `cannot tell how the pod ${namespace}/${name} ended: ${kubeErrorText(error, deps.redact)}`,
          kubeFailureFix(error, namespace, "let the kubeconfig's user get and watch pods in the namespace")
        )
      );
      return { checks };
    }
    if (end.ended === 'done' && podOutcome(end.pod).state === 'succeeded') {
      let logs: string;
      try {
        logs = fromCluster(deps, await deps.cluster.podLogs(namespace, name));
      } catch (error) {
        // Deleted by someone else once it ended: not a fault of the run, and what it printed is gone.
        if (statusOf(error) !== 404) throw error;
        checks.push(
          failed(
            'pod',
            `the pod ${namespace}/${name} succeeded but was deleted before its log was read`,
            'something else removed the pod: run again'
          )
        );
        return { checks };
      }
      const arn = callerArnFromLogs(logs);
      const roleProblem = arn ? assumedRoleProblem(arn, inputs.role) : 'its log holds no assumed-role ARN';
      // The session binds the answer to this run's pod (its name, in AWS_ROLE_SESSION_NAME).
      const otherSession = arn && !roleProblem ? sessionProblem(arn, name) : undefined;
      const problem = roleProblem ?? otherSession;
      if (arn && !problem) {
        checks.push(passed('pod', `the pod ran aws sts get-caller-identity as ${arn}`));
        return { checks, assumedRoleArn: arn };
      }
      // The log is the image's to write: only an assumed-role ARN of this pod's session, or of
      // another role, says whom STS let in.
      const assumed = arn !== undefined && isAssumedRoleArn(arn) && !otherSession ? arn : undefined;
      checks.push(
        failed(
          'pod',
          `the pod succeeded but ${problem}: ${lastLines(logs, 5).join(' / ')}`,
          assumed
            ? 'set role-arn to the role the service account should assume'
            : otherSession
              ? "use an image whose aws CLI names its session from AWS_ROLE_SESSION_NAME, as the AWS CLI does with a web identity, and prints this run's get-caller-identity answer, not another's"
              : "use an image whose aws CLI takes the role from AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE (no other AWS credentials in its environment or files) and prints get-caller-identity's JSON"
        )
      );
      // Reported even when it names another role, as token mode does: it shows whom STS let in.
      return assumed ? { checks, assumedRoleArn: assumed } : { checks };
    }
    checks.push(await podFailure(inputs, deps, name, end, [...earlier, ...checks]));
    return { checks };
  } finally {
    // The returned result holds this same checks array, so a failed deletion still reaches it.
    if (inputs.cleanup)
      await deps.cluster.deletePod(namespace, name).then(
        () => deps.log.info(`Deleted the pod ${namespace}/${name}.`),
        (error: unknown) =>
          checks.push(
            failed(
              'pod',
              `could not delete the pod ${namespace}/${name}: ${kubeErrorText(error, deps.redact)}`,
              `delete it by hand: kubectl -n ${namespace} delete pod ${name}`
            )
          )
      );
  }
}

/** Whether a webhook gives the service account's ordinary pods their IRSA settings. */
async function webhookReport(
  deps: VerifyDeps,
  bare: V1Pod,
  audience: string,
  roleArn: string
): Promise<Check> {
  const annotated = `the service account carries ${ROLE_ANNOTATION}`;
  try {
    const admitted = await deps.cluster.dryRunPod(bare);
    const injected = webhookInjections(bare, admitted);
    // The run's token and pod use the audience input; the service account's workloads use the
    // webhook's. A pass for one audience says nothing about the other (the provider may not list it).
    const workloads = webhookTokenAudience(admitted);
    if (workloads !== undefined && workloads !== audience)
      return failed(
        'webhook',
        `a webhook gives the pods of the service account tokens for the audience ${workloads}, but this run verified ${audience}`,
        `set audience to ${workloads}, so that the run checks the token the service account's pods present`
      );
    // This run's pod sets AWS_ROLE_ARN itself; the workloads assume the role the webhook gives them.
    const workloadsRole = webhookRoleArn(admitted);
    if (workloadsRole !== undefined && workloadsRole !== roleArn)
      return failed(
        'webhook',
        `a webhook gives the pods of the service account the role ${workloadsRole} (AWS_ROLE_ARN), but this run verified ${roleArn}`,
        `annotate the service account with ${ROLE_ANNOTATION}=${roleArn} (irsa-role's annotate-service-account), or set role-arn to ${workloadsRole}`
      );
    return passed(
      'webhook',
      injected.length > 0
        ? `${annotated} and a webhook injects ${injected.join(', ')} into its pods`
        : `${annotated} but no webhook injected IRSA variables into a pod of it (checked by a dry run): workloads must set AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and the token volume themselves, as this action's pod does`
    );
  } catch (error) {
    // Informational: not knowing whether a webhook exists does not break the chain.
    return passed(
      'webhook',
      `${annotated}; whether a webhook injects IRSA variables is unknown (the dry run failed: ${kubeErrorText(error, deps.redact)})`
    );
  }
}

async function podFailure(
  inputs: VerifyInputs,
  deps: VerifyDeps,
  name: string,
  end: Awaited<ReturnType<ClusterOps['watchPod']>>,
  earlier: readonly Check[]
): Promise<Check> {
  const { namespace } = inputs;
  const events = await deps.cluster.podEvents(namespace, name).catch(() => []);
  const logs = fromCluster(deps, await deps.cluster.podLogs(namespace, name).catch(() => ''));
  const tail = lastLines(logs, 10);
  let what: string;
  let fix: string;
  if (end.ended === 'timeout') {
    const phase = end.pod.status?.phase ?? 'unknown';
    what = `the pod ${namespace}/${name} did not finish within ${inputs.timeoutSeconds} s (phase ${phase})`;
    fix = 'check that the node can pull the image and reach STS, or raise timeout-seconds';
  } else if (end.ended === 'deleted') {
    what = `the pod ${namespace}/${name} was deleted before it finished`;
    fix = 'something else removed the pod: run again';
  } else {
    const state = podOutcome(end.pod);
    what = `the pod ${namespace}/${name} failed: ${state.state === 'failed' ? state.reason : 'unknown reason'}`;
    const stsError = /\(([A-Za-z]+)\) when calling the AssumeRoleWithWebIdentity operation: (.*)$/m.exec(
      logs
    );
    fix = stsError
      ? fixForStsError(stsError[1] ?? '', stsError[2] ?? '', earlier)
      : "read the pod's events and log lines above";
  }
  // Once its container ran and exited, a pod's Normal events (Scheduled, Pulled, Created, Started)
  // say only that it ran: its log says why it failed, and the cell stays readable. A pod that never
  // finished keeps them all, since how far it got is the clue.
  const exited = end.ended === 'done';
  const shown = exited ? events.filter((e) => e.type !== 'Normal') : events;
  const eventText = eventLines(
    shown.map((event) => ({
      type: fromCluster(deps, event.type),
      reason: fromCluster(deps, event.reason),
      message: fromCluster(deps, event.message)
    })),
    MAX_EVENTS
  );
  const detail = [
    what,
    ...(exited && eventText.length === 0
      ? []
      : [`events: ${eventText.length > 0 ? eventText.join('; ') : '(none)'}`]),
    `last log lines: ${tail.length > 0 ? tail.join(' / ') : '(none)'}`
  ].join('\n');
  return failed('pod', detail, fix);
}
