/**
 * The fix for a Kubernetes call that failed, by how it failed. Only a 403 is a matter of the
 * kubeconfig user's rights; no answer at all (network, TLS), a 401 (credentials refused) and a 404
 * of the namespace are other links, and naming RBAC for them sends the user the wrong way.
 */
import { kubeErrorText, statusOf } from '../kube/client.js';

export function kubeFailureFix(error: unknown, namespace: string, forbiddenFix: string): string {
  const status = statusOf(error);
  if (status === undefined)
    return "check that the runner reaches the API server in the kubeconfig (the cluster's api-cidrs must allow it, TCP 6443) and that the kubeconfig's CA signs its certificate";
  if (status === 401)
    return "the API server refused the kubeconfig's credentials (expired, revoked or for another cluster): give a current kubeconfig";
  if (status === 404 && /namespaces? "[^"]*" not found/.test(kubeErrorText(error)))
    return `create the namespace ${namespace}, or set namespace to one that exists`;
  return forbiddenFix;
}
