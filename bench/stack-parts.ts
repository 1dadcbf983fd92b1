// What the bench's stack sections share: the running local stack and how bundles reach it.
import type { KubeDouble } from '../test/stack/kube-double.js';
import type { RequestCounter } from './counting.js';

export interface StackParts {
  /** The node that runs the bundles: Node 24 as the runner does (`using: node24`) when present. */
  node: string;
  double: KubeDouble;
  kubeconfigPath: string;
  /** Environment pointing at the stack directly (moto, STS gateway, the stack CA). */
  stackEnv: Record<string, string>;
  /** The bundle's environment: inherited plus the stack, with AWS calls through the counter. */
  bundleEnv: Record<string, string>;
  counter: RequestCounter;
  publicUrl: string;
}
