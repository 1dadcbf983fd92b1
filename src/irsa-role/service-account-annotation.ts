// The eks.amazonaws.com/role-arn annotation that tells the pod identity webhook (or a workload
// reading it) which role a service account's tokens are meant for.
import type { V1ServiceAccount } from '@kubernetes/client-node';
import type { KubeClient } from '../kube/client.js';
import { KubeApiError, kubeCall, kubeJson, namespacedPath, statusOf } from '../kube/client.js';
import { kubeErrorText } from '../kube/error-text.js';
import { UserError } from '../io/errors.js';
import type { ServiceAccountRef } from '../trust/trust-policy.js';
import type { Origin } from './inputs.js';

export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** Where kube-apiserver serves its OIDC discovery document, which names its issuer. */
const DISCOVERY_PATH = '/.well-known/openid-configuration';

/** The few service-account operations annotation needs; backed by plain REST calls, faked nowhere. */
export interface ServiceAccounts {
  /** The input the kubeconfig was given in, for errors about the cluster as a whole. */
  readonly kubeconfigInput: string;
  /**
   * The issuer the cluster's discovery document names (its --service-account-issuer); undefined when
   * its user may not read it (403) or the cluster serves none (404), so that it cannot be told.
   */
  clusterIssuer(): Promise<string | undefined>;
  /** Whether the namespace exists; undefined when the credentials may not read namespaces. */
  namespaceExists(namespace: string): Promise<boolean | undefined>;
  /** The role-arn annotation, '' when the account has none, undefined when it does not exist. */
  roleArnOf(account: ServiceAccountRef): Promise<string | undefined>;
  /** False when the account already exists (409): a create whose answer was lost, or another's. */
  create(account: ServiceAccountRef, roleArn: string): Promise<boolean>;
  annotate(account: ServiceAccountRef, roleArn: string): Promise<void>;
}

export interface AnnotationTarget {
  account: ServiceAccountRef;
  /** The input the namespace was given in: a missing namespace is most often a typo there. */
  namespaceOrigin: Origin;
}

/**
 * Every namespace the annotations go into must exist: checked before the first IAM write so that a
 * typo in a namespace (or a cluster that cannot be reached) changes nothing.
 */
export async function checkAnnotationTargets(
  accounts: ServiceAccounts,
  targets: AnnotationTarget[]
): Promise<void> {
  const checked = new Set<string>();
  for (const { account, namespaceOrigin: origin } of targets) {
    if (checked.has(account.namespace)) continue;
    checked.add(account.namespace);
    if ((await accounts.namespaceExists(account.namespace)) === false)
      throw new UserError(
        `${origin.where ? `${origin.where}: ` : ''}namespace '${account.namespace}' does not exist in the cluster; ` +
          'create it first (the action creates service accounts, not namespaces), or correct the name.',
        origin.input
      );
  }
  // Reading one service account proves the credentials reach service accounts at all.
  const first = targets[0];
  if (first) await accounts.roleArnOf(first.account);
}

export type AnnotationChange = 'created' | 'annotated' | 'unchanged';

export interface AnnotationResult {
  change: AnnotationChange;
  /** The role ARN the annotation named before this run replaced it; '' when it named none. */
  replaced: string;
}

export async function annotateServiceAccount(
  accounts: ServiceAccounts,
  account: ServiceAccountRef,
  roleArn: string
): Promise<AnnotationResult> {
  const current = await accounts.roleArnOf(account);
  if (current === undefined) {
    if (await accounts.create(account, roleArn)) return { change: 'created', replaced: '' };
    // Made meanwhile: by this run's own create whose answer was lost, or by someone else.
    const found = await accounts.roleArnOf(account);
    if (found === roleArn) return { change: 'created', replaced: '' };
    if (found === undefined)
      throw new Error(
        `service account ${account.namespace}/${account.name} was there to create and gone to read (deleted meanwhile); run again.`
      );
    await accounts.annotate(account, roleArn);
    return { change: 'annotated', replaced: found };
  }
  if (current === roleArn) return { change: 'unchanged', replaced: '' };
  await accounts.annotate(account, roleArn);
  return { change: 'annotated', replaced: current };
}

function kubeFailure(error: unknown, action: string, client: KubeClient): Error {
  // Unreachable cluster, timeout: already one line that names the kubeconfig input.
  if (error instanceof UserError) return error;
  const code = statusOf(error);
  // Only a 403 is a matter of RBAC: a 401 is the credentials themselves, which no grant mends.
  if (code === 401)
    return new UserError(
      `the cluster rejected its credentials (HTTP 401) when asked to ${action}: they are expired, revoked or for another cluster; give a current kubeconfig.`,
      client.source.input
    );
  if (code === 403)
    return new UserError(
      `the cluster refused to ${action} (HTTP 403); the kubeconfig's user needs get/create/patch on serviceaccounts.`,
      client.source.input
    );
  if (code === 404)
    return new UserError(
      `cannot ${action}: its namespace does not exist (create it first).`,
      'annotate-service-account'
    );
  if (code === 429 || (code !== undefined && code >= 500))
    return new Error(
      `could not ${action}: the cluster at ${client.server} answered HTTP ${code} ${attemptsOf(error)}` +
        ` (${kubeErrorText(error, client.redact).slice(0, 200)}); run again once the API server is back.`
    );
  return new Error(`could not ${action}: ${kubeErrorText(error, client.redact).slice(0, 300)}`);
}

function attemptsOf(error: unknown): string {
  const attempts = error instanceof KubeApiError ? error.attempts : 1;
  return attempts > 1 ? `to the last of ${attempts} attempts` : 'and was not asked again';
}

const accountPath = (account: ServiceAccountRef): string =>
  namespacedPath(account.namespace, `serviceaccounts/${encodeURIComponent(account.name)}`);

/**
 * ServiceAccounts over plain REST calls with the kubeconfig's credentials (src/kube/client.ts):
 * four small requests do not justify loading @kubernetes/client-node, a 16 MB chunk.
 */
export function kubeServiceAccounts(client: KubeClient): ServiceAccounts {
  const label = (account: ServiceAccountRef): string =>
    `service account ${account.namespace}/${account.name}`;
  return {
    kubeconfigInput: client.source.input,
    async clusterIssuer() {
      try {
        const found = await kubeJson<{ issuer?: unknown }>(client, 'GET', DISCOVERY_PATH);
        return typeof found.issuer === 'string' ? found.issuer : undefined;
      } catch (error) {
        const code = statusOf(error);
        // Only a grant (system:service-account-issuer-discovery) or an https issuer would tell.
        if (code === 403 || code === 404) return undefined;
        throw kubeFailure(error, `read ${DISCOVERY_PATH}`, client);
      }
    },
    async namespaceExists(namespace) {
      try {
        await kubeCall(client, 'GET', namespacedPath(namespace));
        return true;
      } catch (error) {
        const code = statusOf(error);
        if (code === 404) return false;
        // Allowed to manage service accounts but not to read namespaces: let the writes decide.
        if (code === 403) return undefined;
        throw kubeFailure(error, `read namespace ${namespace}`, client);
      }
    },
    async roleArnOf(account) {
      try {
        const found = await kubeJson<V1ServiceAccount>(client, 'GET', accountPath(account));
        return found.metadata?.annotations?.[ROLE_ARN_ANNOTATION] ?? '';
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw kubeFailure(error, `read ${label(account)}`, client);
      }
    },
    async create(account, roleArn) {
      try {
        // Sent again after a lost answer: a repeat of one that was applied is a 409, read as such.
        await kubeCall(
          client,
          'POST',
          namespacedPath(account.namespace, 'serviceaccounts'),
          {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: {
              name: account.name,
              namespace: account.namespace,
              annotations: { [ROLE_ARN_ANNOTATION]: roleArn },
              labels: { 'app.kubernetes.io/managed-by': 'talos-irsa' }
            }
          },
          'safe'
        );
        return true;
      } catch (error) {
        if (statusOf(error) === 409) return false;
        throw kubeFailure(error, `create ${label(account)}`, client);
      }
    },
    async annotate(account, roleArn) {
      try {
        // A merge patch of one fixed value: applying it twice is applying it once.
        await kubeCall(
          client,
          'PATCH',
          accountPath(account),
          { metadata: { annotations: { [ROLE_ARN_ANNOTATION]: roleArn } } },
          'safe'
        );
      } catch (error) {
        throw kubeFailure(error, `annotate ${label(account)}`, client);
      }
    }
  };
}
