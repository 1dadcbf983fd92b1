// Role tags: parsed from `key=value` lines, checked against IAM's rules, and compared with what a
// role already carries so that only differing tags are written.
import { isStringArray } from '../json/shape.js';

export const MANAGED_BY_KEY = 'managed-by';
export const MANAGED_BY_VALUE = 'talos-irsa';
export const ISSUER_TAG_KEY = 'talos-irsa/issuer';
/**
 * Carried by a role from its CreateRole until its policies are in place, with a token of the run
 * that made it: a role found with it was made by a run that did not finish it (killed, or failed).
 */
export const CREATING_TAG_KEY = 'talos-irsa/creating';
const RESERVED_KEYS = new Set([MANAGED_BY_KEY, ISSUER_TAG_KEY, CREATING_TAG_KEY]);

// IAM: keys 1–128, values 0–256, of letters, digits, spaces and _ . : / = + - @; no aws: prefix.
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export type Tags = Record<string, string>;

export type TagsResult = { tags: Tags } | { problem: string };

/**
 * Sets a tag as an own member: `tags[key] = value` with the key __proto__ (a tag key IAM takes) sets
 * the object's prototype, or nothing for a string, and the tag is lost without a word.
 */
function setTag(tags: Tags, key: string, value: string): void {
  Object.defineProperty(tags, key, { value, enumerable: true, writable: true, configurable: true });
}

export function tagProblem(key: string, value: string): string | undefined {
  // YAML reads a key written ~ or null, or left empty, as the empty key: said so, not as '' quoted.
  if (key.length === 0)
    return "a tag's key is empty; IAM needs 1–128 characters (in YAML a key written ~ or null is empty too: quote it).";
  if (key.length > 128) return `tag key '${key}' must be 1–128 characters.`;
  if (value.length > 256) return `tag '${key}' has a value longer than 256 characters.`;
  if (!TAG_CHARS.test(key) || !TAG_CHARS.test(value))
    return `tag '${key}' may hold only letters, digits, spaces and _ . : / = + - @.`;
  if (/^aws:/i.test(key)) return `tag key '${key}' uses the reserved prefix aws:.`;
  // IAM compares tag keys without regard to case.
  if (RESERVED_KEYS.has(key.toLowerCase()))
    return `tag key '${key}' is set by the action itself; choose another key.`;
  return undefined;
}

/** Adds one tag after IAM's checks; a key that differs from one already given only in case is a repeat to IAM. */
function addTag(tags: Tags, key: string, value: string): string | undefined {
  const repeated = Object.keys(tags).find((known) => known.toLowerCase() === key.toLowerCase());
  if (repeated !== undefined)
    return repeated === key
      ? `tag '${key}' is given twice.`
      : `tags '${repeated}' and '${key}' are the same key to IAM, which ignores case in tag keys.`;
  const problem = tagProblem(key, value);
  if (problem) return problem;
  setTag(tags, key, value);
  return undefined;
}

/** `key=value` lines (the value may itself contain '='); blank lines are skipped. */
export function parseTagLines(text: string): TagsResult {
  const tags: Tags = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const at = line.indexOf('=');
    if (at <= 0) return { problem: `'${line}' is not key=value.` };
    const problem = addTag(tags, line.slice(0, at).trim(), line.slice(at + 1).trim());
    if (problem) return { problem };
  }
  return { tags };
}

/**
 * Said of a key << in a bindings item or its tags: YAML 1.2, which the parser reads, has no merge
 * key, so `<<: *base` is a key of that name, not the merge YAML 1.1 (and docker compose) make of it.
 */
export const NO_MERGE_KEY = 'YAML 1.2 has no merge key: write !!merge <<: *anchor to merge a mapping in';

/** Tags given as a YAML mapping (in `bindings`) or as key=value lines. */
export function parseTagValue(value: unknown): TagsResult {
  if (value === undefined || value === null) return { tags: {} };
  if (typeof value === 'string') return parseTagLines(value);
  if (Array.isArray(value)) {
    if (!isStringArray(value)) return { problem: 'tags must be key=value strings or a mapping.' };
    return parseTagLines(value.join('\n'));
  }
  if (typeof value !== 'object') return { problem: 'tags must be a mapping of key: value.' };
  const tags: Tags = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (typeof raw === 'object' && raw !== null)
      return { problem: `tag '${key}' must have a scalar value${key === '<<' ? ` (${NO_MERGE_KEY})` : ''}.` };
    const problem = addTag(tags, key, raw === null || raw === undefined ? '' : String(raw));
    if (problem) return { problem };
  }
  return { tags };
}

// IAM's quota of tags per role; the action's own three count against it (the creation marker only
// while a role is being made, but CreateRole carries it with all the others).
export const IAM_TAGS_PER_ROLE = 50;
export const USER_TAGS_PER_ROLE = IAM_TAGS_PER_ROLE - RESERVED_KEYS.size;

export function tagCountProblem(tags: Tags): string | undefined {
  const count = Object.keys(tags).length;
  return count > USER_TAGS_PER_ROLE
    ? `${count} tags are too many: IAM allows ${IAM_TAGS_PER_ROLE} per role, and the action sets ${RESERVED_KEYS.size} of them (${MANAGED_BY_KEY}, ${ISSUER_TAG_KEY}, and ${CREATING_TAG_KEY} while it creates the role), which leaves ${USER_TAGS_PER_ROLE}.`
    : undefined;
}

/**
 * Writing `desired` over a role's `current` tags (others' included) must stay within IAM's quota;
 * said before writing, since IAM's LimitExceeded is retried by the SDK as a throttle for some 40 s.
 */
export function roleTagQuotaProblem(current: Tags, desired: Tags): string | undefined {
  const lower = (keys: string[]): string[] => keys.map((key) => key.toLowerCase());
  const ownKeys = new Set(lower(Object.keys(desired)));
  const keysAfter = new Set(lower([...Object.keys(current), ...Object.keys(tagsToWrite(current, desired))]));
  if (keysAfter.size <= IAM_TAGS_PER_ROLE) return undefined;
  // The creation marker counts (a run writes the tags before it removes it) but is no one else's tag,
  // and is not one to remove by hand: without it an unfinished role passes for finished.
  const marked = Object.keys(current).some((key) => key.toLowerCase() === CREATING_TAG_KEY);
  const others = Object.keys(current).filter(
    (key) => !ownKeys.has(key.toLowerCase()) && key.toLowerCase() !== CREATING_TAG_KEY
  );
  const marker = marked
    ? `, and ${CREATING_TAG_KEY}, which marks the role unfinished and counts until a run finishes it, after writing its tags; remove some of the others`
    : '; remove some';
  return `would carry ${keysAfter.size} tags, past IAM's ${IAM_TAGS_PER_ROLE} per role: it has ${others.length} tags this run does not set (${others.slice(0, 5).join(', ')}${others.length > 5 ? ', ...' : ''})${marker} (aws iam untag-role) or give fewer tags.`;
}

/** A binding's tags over the shared ones; a key that differs only in case replaces the shared one, as IAM sees one key. */
export function mergeTags(shared: Tags, own: Tags): Tags {
  const ownKeys = new Set(Object.keys(own).map((key) => key.toLowerCase()));
  const kept = Object.entries(shared).filter(([key]) => !ownKeys.has(key.toLowerCase()));
  return { ...Object.fromEntries(kept), ...own };
}

/** The tags the action puts on every role it manages, besides the user's. */
export function managedTags(issuer: string): Tags {
  return { [MANAGED_BY_KEY]: MANAGED_BY_VALUE, [ISSUER_TAG_KEY]: issuer };
}

/** Tags to write so the role carries `desired`; tags it has beyond those are left alone. */
export function tagsToWrite(current: Tags, desired: Tags): Tags {
  // IAM sees keys that differ only in case as one key: Team=x already says team=x.
  const byKey = new Map(Object.entries(current).map(([key, value]) => [key.toLowerCase(), value]));
  const write: Tags = {};
  for (const [key, value] of Object.entries(desired))
    if (byKey.get(key.toLowerCase()) !== value) setTag(write, key, value);
  return write;
}

export function tagList(tags: Tags): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
