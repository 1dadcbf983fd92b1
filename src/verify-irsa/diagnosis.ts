/**
 * The diagnosis: one entry per check, in the order STS would meet them, each tied to the link of
 * the IRSA chain it proves. It is an output (JSON) and the body of the summary, so it never holds
 * a token or a credential.
 */
export type ChainLink =
  'service-account' | 'token' | 'issuer-documents' | 'iam-provider' | 'role' | 'assumed-identity' | 'pod';

export const CHECK_LINKS = {
  'service-account': 'service-account',
  token: 'token',
  issuer: 'token',
  expiry: 'token',
  discovery: 'issuer-documents',
  jwks: 'issuer-documents',
  signature: 'issuer-documents',
  'iam-provider': 'iam-provider',
  'provider-audience': 'iam-provider',
  role: 'role',
  'role-trust': 'role',
  'assume-role': 'assumed-identity',
  'caller-identity': 'assumed-identity',
  pod: 'pod',
  webhook: 'pod'
} as const satisfies Record<string, ChainLink>;

export type CheckName = keyof typeof CHECK_LINKS;

export interface Check {
  check: CheckName;
  ok: boolean;
  detail: string;
  /** One line telling the user what to do; empty when the check passed. */
  fix: string;
}

export function passed(check: CheckName, detail: string): Check {
  return { check, ok: true, detail, fix: '' };
}

export function failed(check: CheckName, detail: string, fix: string): Check {
  return { check, ok: false, detail, fix };
}

export type LinkState = 'passed' | 'failed' | 'not checked';

/** A link passes when it was checked and none of its checks failed. */
export function linkStates(checks: readonly Check[]): Record<ChainLink, LinkState> {
  const states: Record<ChainLink, LinkState> = {
    'service-account': 'not checked',
    token: 'not checked',
    'issuer-documents': 'not checked',
    'iam-provider': 'not checked',
    role: 'not checked',
    'assumed-identity': 'not checked',
    pod: 'not checked'
  };
  for (const entry of checks) {
    const link = CHECK_LINKS[entry.check];
    if (!entry.ok) states[link] = 'failed';
    else if (states[link] === 'not checked') states[link] = 'passed';
  }
  return states;
}

export function allPassed(checks: readonly Check[]): boolean {
  return checks.length > 0 && checks.every((entry) => entry.ok);
}
