// The shapes of parsed JSON (and YAML), which is `unknown` until looked at: an object, a list of
// strings, IAM's "one value or a list of them". One copy of each test, so that every reader of a
// policy, a discovery document, a kubeconfig or a token means the same by "an object".

/**
 * Whether `value` is an object and not an array: what JSON.parse makes of `{…}`. Only null, arrays
 * (by Array.isArray, whatever their prototype), functions and primitives are refused; an object with a
 * null prototype and a class instance (a Date, a Map, a Buffer) are accepted. Nothing is copied: an own
 * `__proto__` key that JSON.parse made stays an ordinary key of the same object.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` itself where isRecord holds, else undefined: for reading nested keys with `?.`. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/**
 * Whether `value` is an array (by Array.isArray) whose every item is a string; the empty array is one.
 * Strict: one item of another type refuses the whole. A hole, which JSON.parse never makes, is skipped.
 */
export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * The strings `value` holds, leniently: a string as a one-item list, an array's string items in order
 * (items of other types dropped, not refused), anything else (an object too) as the empty list. Always a
 * new array, never the one given.
 */
export function asStringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/**
 * IAM's "one or a list" (Statement, Action, Resource, a condition's values): an array as it is (the
 * same array, not a copy), anything else, undefined and null included, as a one-item list of it.
 */
export function oneOrMany(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}
