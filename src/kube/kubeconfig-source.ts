import type { InputReader } from '../io/inputs.js';
import { oneOf } from '../io/inputs.js';

/** Which input the kubeconfig came from, so that every error can name it. */
export interface KubeconfigSource {
  input: 'kubeconfig' | 'kubeconfig-path';
  value: string;
}

// Apart from the client, so that the inputs' module does not pull the client (its request and retry
// code) into the main chunk of an action whose Kubernetes calls are optional (irsa-role): a run that
// fails on its inputs reads only the main chunk.
// Required, it throws when neither is given (oneOf), so it never returns undefined then.
export function kubeconfigSource(read: InputReader, required: true): KubeconfigSource;
export function kubeconfigSource(read: InputReader, required: boolean): KubeconfigSource | undefined;
export function kubeconfigSource(read: InputReader, required: boolean): KubeconfigSource | undefined {
  const picked = oneOf(read, 'kubeconfig', 'kubeconfig-path', required);
  if (!picked) return undefined;
  return { input: picked[0] as KubeconfigSource['input'], value: picked[1] };
}
