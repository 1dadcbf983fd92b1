import { createHash } from 'node:crypto';

/** The bytes of a published document. Compact JSON, as kube-apiserver serves it. */
export function documentBytes(document: unknown): Buffer {
  return Buffer.from(JSON.stringify(document), 'utf8');
}

/** What decides whether an object must be rewritten: its bytes, never its timestamps. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
