import { kubeGetJson, type KubeClient } from '../kube/client.js';

export interface ClusterDocuments {
  discovery: unknown;
  jwks: unknown;
}

export const DISCOVERY_ENDPOINT = '/.well-known/openid-configuration';
export const JWKS_ENDPOINT = '/openid/v1/jwks';

/**
 * Both documents as the API server serves them, with the kubeconfig's credentials. Each request is
 * bounded, so an unreachable cluster fails the step instead of hanging the job.
 */
export async function readClusterDocuments(client: KubeClient, timeoutMs: number): Promise<ClusterDocuments> {
  const discovery = await kubeGetJson(client, DISCOVERY_ENDPOINT, timeoutMs);
  const jwks = await kubeGetJson(client, JWKS_ENDPOINT, timeoutMs);
  return { discovery, jwks };
}
