import type { IAMClient } from '@aws-sdk/client-iam';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '../io/logger.js';
import type { ClusterDocuments } from './cluster-documents.js';
import type { IssuerThumbprint } from './issuer-thumbprint.js';
import type { AnonymousResponse as PublicResponse } from '../net/anonymous-get.js';
import type { ResolveHost } from '../net/aws-reach.js';

/** What run() needs from the world; the action wires the real adapters, tests wire counted ones. */
export interface PublishDeps {
  readCluster(): Promise<ClusterDocuments>;
  s3: S3Client;
  iam: IAMClient;
  /** The account of the AWS credentials (STS GetCallerIdentity), the bucket's owner unless bucket-owner says otherwise. */
  callerAccount(): Promise<string>;
  issuerThumbprint(issuerUrl: string): Promise<IssuerThumbprint>;
  publicGet(url: string): Promise<PublicResponse>;
  /**
   * Given only when IAM is AWS's own: the issuer's host is then looked up, to warn when it resolves
   * to addresses STS, on the internet, cannot reach.
   */
  resolveHost?: ResolveHost;
  /** How long the run waits for resolveHost; LOOKUP_BOUND_MS unless given (tests shorten it). */
  lookupBoundMs?: number;
  log: Logger;
  /** Told before the first write (ActionContext.writing). */
  writing?: () => void;
  /** Given a reader of what the run has written so far (ActionContext.written). */
  written?: (read: () => readonly string[]) => void;
  now(): Date;
  sleep(ms: number): Promise<void>;
}
