/**
 * The fix for a Kubernetes call that failed, by how it failed. Only a 403 is a matter of the
 * kubeconfig user's rights; no answer at all (network, TLS), a 401 (credentials refused), a 404
 * of the namespace and a server failing (429, 5xx) are other links, and naming RBAC for them sends the user the wrong way.
 */
import { statusOf } from '../kube/client.js';
import { kubeErrorText } from '../kube/error-text.js';

export function kubeFailureFix(error: unknown, namespace: string, forbiddenFix: string): string {
  const status = statusOf(error);
  if (status === undefined)
    return "check that the runner reaches the API server in the kubeconfig (the cluster's api-cidrs must allow it, TCP 6443) and that the kubeconfig's CA signs its certificate";
  // Sent again already (src/kube/retry.ts): the API server is overloaded or restarting, which no right mends.
  if (status === 429 || (status !== undefined && status >= 500))
    return `the API server failed the request (HTTP ${status}) on every attempt, overloaded or restarting: run again once it is back`;
  if (status === 401)
    return "the API server refused the kubeconfig's credentials (expired, revoked or for another cluster): give a current kubeconfig";
  // Only matched, never quoted: nothing to redact.
  if (status === 404 && /namespaces? "[^"]*" not found/.test(kubeErrorText(error, (text) => text)))
    return `create the namespace ${namespace}, or set namespace to one that exists`;
  return forbiddenFix;
}
