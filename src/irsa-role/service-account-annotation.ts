// The eks.amazonaws.com/role-arn annotation that tells the pod identity webhook (or a workload
// reading it) which role a service account's tokens are meant for.
import type { KubeClient } from '../kube/client.js';
import { UserError } from '../io/errors.js';
import type { ServiceAccountRef } from '../trust/trust-policy.js';

export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** The few service-account operations annotation needs; backed by CoreV1Api, faked nowhere. */
export interface ServiceAccounts {
  /** Whether the namespace exists; undefined when the credentials may not read namespaces. */
  namespaceExists(namespace: string): Promise<boolean | undefined>;
  /** The role-arn annotation, '' when the account has none, undefined when it does not exist. */
  roleArnOf(account: ServiceAccountRef): Promise<string | undefined>;
  create(account: ServiceAccountRef, roleArn: string): Promise<void>;
  annotate(account: ServiceAccountRef, roleArn: string): Promise<void>;
}

/**
 * Every namespace the annotations go into must exist: checked before the first IAM write so that a
 * typo in a namespace (or a cluster that cannot be reached) changes nothing.
 */
export async function checkAnnotationTargets(
  accounts: ServiceAccounts,
  targets: ServiceAccountRef[]
): Promise<void> {
  for (const namespace of [...new Set(targets.map((target) => target.namespace))]) {
    if ((await accounts.namespaceExists(namespace)) === false)
      throw new UserError(
        `namespace '${namespace}' does not exist in the cluster; create it first (the action creates service accounts, not namespaces).`,
        'annotate-service-account'
      );
  }
  // Reading one service account proves the credentials reach service accounts at all.
  const first = targets[0];
  if (first) await accounts.roleArnOf(first);
}

export type AnnotationChange = 'created' | 'annotated' | 'unchanged';

export async function annotateServiceAccount(
  accounts: ServiceAccounts,
  account: ServiceAccountRef,
  roleArn: string
): Promise<AnnotationChange> {
  const current = await accounts.roleArnOf(account);
  if (current === undefined) {
    await accounts.create(account, roleArn);
    return 'created';
  }
  if (current === roleArn) return 'unchanged';
  await accounts.annotate(account, roleArn);
  return 'annotated';
}

function statusCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function kubeFailure(error: unknown, action: string, client: KubeClient): Error {
  const code = statusCode(error);
  if (code === 401 || code === 403)
    return new UserError(
      `the cluster refused to ${action} (HTTP ${code}); the kubeconfig's user needs get/create/patch on serviceaccounts.`,
      client.source.input
    );
  if (code === 404)
    return new UserError(
      `cannot ${action}: its namespace does not exist (create it first).`,
      'annotate-service-account'
    );
  const body = (error as { body?: unknown } | null)?.body;
  const detail =
    typeof body === 'string' ? body.slice(0, 300) : error instanceof Error ? error.message : String(error);
  return new Error(`could not ${action}: ${detail.split('\n')[0] ?? ''}`);
}

/** CoreV1Api behind ServiceAccounts, imported only when annotation is asked for. */
export async function kubeServiceAccounts(client: KubeClient): Promise<ServiceAccounts> {
  const { CoreV1Api, PatchStrategy, setHeaderOptions } = await import('@kubernetes/client-node');
  const api = (await client.kubeConfig()).makeApiClient(CoreV1Api);
  const label = (account: ServiceAccountRef): string =>
    `service account ${account.namespace}/${account.name}`;
  return {
    async namespaceExists(namespace) {
      try {
        await api.readNamespace({ name: namespace });
        return true;
      } catch (error) {
        const code = statusCode(error);
        if (code === 404) return false;
        // Allowed to manage service accounts but not to read namespaces: let the writes decide.
        if (code === 403) return undefined;
        throw kubeFailure(error, `read namespace ${namespace}`, client);
      }
    },
    async roleArnOf(account) {
      try {
        const found = await api.readNamespacedServiceAccount({
          name: account.name,
          namespace: account.namespace
        });
        return found.metadata?.annotations?.[ROLE_ARN_ANNOTATION] ?? '';
      } catch (error) {
        if (statusCode(error) === 404) return undefined;
        throw kubeFailure(error, `read ${label(account)}`, client);
      }
    },
    async create(account, roleArn) {
      try {
        await api.createNamespacedServiceAccount({
          namespace: account.namespace,
          body: {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: {
              name: account.name,
              namespace: account.namespace,
              annotations: { [ROLE_ARN_ANNOTATION]: roleArn },
              labels: { 'app.kubernetes.io/managed-by': 'talos-irsa' }
            }
          }
        });
      } catch (error) {
        throw kubeFailure(error, `create ${label(account)}`, client);
      }
    },
    async annotate(account, roleArn) {
      try {
        await api.patchNamespacedServiceAccount(
          {
            name: account.name,
            namespace: account.namespace,
            body: { metadata: { annotations: { [ROLE_ARN_ANNOTATION]: roleArn } } }
          },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch)
        );
      } catch (error) {
        throw kubeFailure(error, `annotate ${label(account)}`, client);
      }
    }
  };
}
