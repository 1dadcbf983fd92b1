import type { IAMClient } from '@aws-sdk/client-iam';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '../io/logger.js';
import type { ClusterDocuments } from './cluster-documents.js';
import type { AnonymousResponse as PublicResponse } from '../net/anonymous-get.js';

/** What run() needs from the world; the action wires the real adapters, tests wire counted ones. */
export interface PublishDeps {
  readCluster(): Promise<ClusterDocuments>;
  s3: S3Client;
  iam: IAMClient;
  issuerThumbprint(issuerUrl: string): Promise<string>;
  publicGet(url: string): Promise<PublicResponse>;
  log: Logger;
  now(): Date;
  sleep(ms: number): Promise<void>;
}
