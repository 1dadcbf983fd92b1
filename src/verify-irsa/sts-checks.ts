/**
 * The proof itself: AssumeRoleWithWebIdentity with the token, then GetCallerIdentity with the
 * credentials STS handed back. STS's refusals are opaque; each is mapped to the link it names.
 */
import type { STSClient } from '@aws-sdk/client-sts';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { redactSecrets } from '../io/redact.js';
import type { Masker } from '../io/secrets.js';
import type { ChainLink, Check } from './diagnosis.js';
import { CHECK_LINKS, failed, passed } from './diagnosis.js';
import type { RoleRef } from './inputs.js';
import { assumedRoleProblem, isAssumedRoleArn } from './assumed-role.js';

export interface StsDeps {
  /** An STS client without credentials: AssumeRoleWithWebIdentity is an unsigned call. */
  sts: STSClient;
  /** Builds an STS client that signs with the assumed role's credentials. */
  stsWithCredentials(credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
  }): STSClient;
  mask: Masker;
  sleep(ms: number): Promise<void>;
}

// IAM is eventually consistent: a role or trust policy written seconds ago (irsa-role just before
// this step, as in the create-cluster workflow) may be refused by STS for a while. When every check
// that IAM and the issuer allow passed, such a refusal is asked again over about 30 s.
export const PROPAGATION_DELAYS_MS = [2000, 4000, 8000, 16000];
const PROPAGATION_ERRORS = new Set(['AccessDenied', 'InvalidIdentityToken']);

export interface StsResult {
  checks: Check[];
  assumedRoleArn?: string;
}

/** The link an STS refusal points at, when it names one, and what to do about it. */
function refusalCause(code: string, message: string): { link: ChainLink | undefined; fix: string } {
  // The SDK names modelled errors with an Exception suffix (InvalidIdentityTokenException); the
  // wire code and the aws CLI do not (InvalidIdentityToken).
  const error = code.replace(/Exception$/, '');
  if (/No OpenIDConnect provider/i.test(message))
    return {
      link: 'iam-provider',
      fix: 'create the IAM OIDC provider for the issuer: run publish-oidc (or provision)'
    };
  if (/audience/i.test(message))
    return { link: 'iam-provider', fix: "add the token's audience to the IAM OIDC provider's client IDs" };
  if (error === 'IDPCommunicationError' || /verification key/i.test(message))
    return {
      link: 'issuer-documents',
      fix: 'STS cannot fetch the discovery document or JWKS anonymously over https: run publish-oidc'
    };
  if (error === 'ExpiredToken') return { link: 'token', fix: 'use a fresh token' };
  if (error === 'AccessDenied')
    return { link: 'role', fix: "fix the role's trust policy for this provider, sub and aud: run irsa-role" };
  if (error === 'InvalidIdentityToken')
    return {
      link: 'issuer-documents',
      fix: "publish the cluster's current issuer documents: run publish-oidc"
    };
  // The SDK's per-attempt timeout, or the call's deadline (src/aws/call-deadline.ts): no answer.
  if (error === 'TimeoutError')
    return {
      link: undefined,
      fix: 'STS did not answer in time: check that the runner reaches STS (its regional endpoint, or AWS_ENDPOINT_URL_STS), and run again'
    };
  if (error === 'IDPRejectedClaim')
    return { link: undefined, fix: 'the provider rejected a claim: check the token audience and subject' };
  return { link: undefined, fix: 'see the STS error above' };
}

/**
 * What to do about an STS refusal. When a check before it already failed for the same reason (on the
 * link the refusal points at, or with the same fix), that check's fix is the step: named, not said
 * again, so that each failed check gives its own next step once.
 */
export function fixForStsError(code: string, message: string, earlier: readonly Check[] = []): string {
  const { link, fix } = refusalCause(code, message);
  const cause = earlier.find(
    (entry) => !entry.ok && ((link !== undefined && CHECK_LINKS[entry.check] === link) || entry.fix === fix)
  );
  return cause ? `STS refused for the reason the ${cause.check} check gives: apply that check's fix` : fix;
}

export function sessionName(now: Date): string {
  return `talos-irsa-verify-${Math.floor(now.getTime() / 1000)}`;
}

type Refusal = { code: string; message: string };

async function askSts(token: string, role: RoleRef, now: Date, deps: StsDeps) {
  try {
    const answer = await deps.sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: role.arn,
        RoleSessionName: sessionName(now),
        WebIdentityToken: token,
        DurationSeconds: 900
      })
    );
    return { credentials: answer.Credentials };
  } catch (error) {
    const refusal: Refusal = {
      code: error instanceof Error ? error.name : 'Error',
      message: redactSecrets(error instanceof Error ? error.message : String(error), [token])
    };
    return { refusal };
  }
}

/**
 * `propagationDelaysMs`: pauses before asking again after a refusal IAM propagation can explain;
 * empty when an earlier check failed, since then the refusal is the diagnosis, not a delay.
 * `earlier`: the checks before, whose failure a refusal's fix names instead of repeating it.
 */
export async function assumeRole(
  token: string,
  role: RoleRef,
  now: Date,
  deps: StsDeps,
  propagationDelaysMs: readonly number[] = [],
  earlier: readonly Check[] = []
): Promise<StsResult> {
  let answer = await askSts(token, role, now, deps);
  let waitedMs = 0;
  for (const delay of propagationDelaysMs) {
    if (!answer.refusal || !PROPAGATION_ERRORS.has(answer.refusal.code.replace(/Exception$/, ''))) break;
    await deps.sleep(delay);
    waitedMs += delay;
    answer = await askSts(token, role, now, deps);
  }
  const waited =
    waitedMs > 0 ? ` (asked again for ${waitedMs / 1000} s while IAM propagated recent changes)` : '';
  if (answer.refusal) {
    const { code, message } = answer.refusal;
    return {
      checks: [
        failed(
          'assume-role',
          `STS ${code === 'TimeoutError' ? 'did not answer' : 'refused'} AssumeRoleWithWebIdentity: ${code}: ${message}${waited}`,
          fixForStsError(code, message, earlier)
        )
      ]
    };
  }
  const credentials = answer.credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken)
    return { checks: [failed('assume-role', 'STS answered without credentials', 'retry; STS misbehaved')] };
  // Masked before anything else runs: a later error message must not be able to print them.
  deps.mask(credentials.AccessKeyId);
  deps.mask(credentials.SecretAccessKey);
  deps.mask(credentials.SessionToken);
  const checks = [passed('assume-role', `STS issued credentials for ${role.arn}${waited}`)];
  const signed = deps.stsWithCredentials({
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken
  });
  try {
    const identity = await signed.send(new GetCallerIdentityCommand({}));
    const arn = identity.Arn ?? '';
    const problem = assumedRoleProblem(arn, role);
    checks.push(
      problem
        ? failed('caller-identity', problem, 'set role-arn to the role the service account should assume')
        : passed('caller-identity', `GetCallerIdentity answered ${arn}`)
    );
    return { checks, ...(isAssumedRoleArn(arn) ? { assumedRoleArn: arn } : {}) };
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    checks.push(
      failed(
        'caller-identity',
        `GetCallerIdentity with the assumed credentials failed: ${text}`,
        'retry; STS misbehaved'
      )
    );
    return { checks };
  } finally {
    signed.destroy();
  }
}
