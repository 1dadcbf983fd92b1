import { createHash } from 'node:crypto';

/** The bytes of a published document. Compact JSON, as kube-apiserver serves it. */
export function documentBytes(document: unknown): Buffer {
  return Buffer.from(JSON.stringify(document), 'utf8');
}

/** What decides whether an object must be rewritten: its bytes, never its timestamps. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** JSON text with every object's members sorted; arrays keep their order, which may mean something. */
function sortedMembers(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    typeof member === 'object' && member !== null && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member
  );
}

/**
 * The bytes to publish `document` as. `published`, the bytes this action last wrote there, are kept
 * when they say the same with object members in another order: the cluster's JSON encoder or an API
 * server of another release may order them otherwise, which changes nothing a reader sees.
 */
export function bytesToPublish(document: unknown, published: Buffer | undefined): Buffer {
  const bytes = documentBytes(document);
  if (!published || published.equals(bytes)) return bytes;
  let current: unknown;
  try {
    current = JSON.parse(published.toString('utf8'));
  } catch {
    return bytes;
  }
  return sortedMembers(current) === sortedMembers(document) ? published : bytes;
}
