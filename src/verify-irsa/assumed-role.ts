/**
 * Whom an answer names: an assumed-role ARN, checked against the verified role. Pure, and apart from
 * sts-checks.ts, so that the summary can use it without loading the STS client.
 */
import type { RoleRef } from './inputs.js';

// As STS writes it: arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION, the role by its name alone
// (no path); a role name has 1 to 64 and a session name 2 to 64 of letters, digits and _+=,.@-.
const ASSUMED_ROLE_ARN =
  /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]{1,64})\/([\w+=,.@-]{2,64})$/;

/** Whether `text` is an assumed-role ARN: what an assumed-role-arn output may hold. */
export function isAssumedRoleArn(text: string): boolean {
  return ASSUMED_ROLE_ARN.test(text);
}

// What is not an ARN came from a log or a server that says what it likes: quoted, on one line, cut short.
const quoted = (text: string): string => JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);

export function assumedRoleProblem(arn: string, role: RoleRef): string | undefined {
  const match = ASSUMED_ROLE_ARN.exec(arn);
  if (!match) return `${quoted(arn)} is no assumed-role ARN`;
  if (match[1] !== role.partition) return `${arn} is in the partition ${match[1]}, not ${role.partition}`;
  if (match[2] !== role.accountId) return `${arn} is in account ${match[2]}, not ${role.accountId}`;
  if (match[3] !== role.name) return `${arn} names the role ${match[3]}, not ${role.name}`;
  return undefined;
}

/**
 * Whether the ARN's session is `session`: the pod sets AWS_ROLE_SESSION_NAME to its own run-unique
 * name, which the AWS CLI and SDKs pass to AssumeRoleWithWebIdentity, so that a log naming another
 * session (an older run's pod, a cached answer, a hand-written line) is not taken for this run's.
 */
export function sessionProblem(arn: string, session: string): string | undefined {
  const found = ASSUMED_ROLE_ARN.exec(arn)?.[4];
  if (found === undefined) return `${quoted(arn)} is no assumed-role ARN`;
  return found === session ? undefined : `${arn} is the session ${found}, not this run's pod's ${session}`;
}
