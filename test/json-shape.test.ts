// The shared readers of parsed JSON's shapes (src/json/shape.ts): each function's contract, as the
// modules that replaced their own copies with it rely on it, including on hostile shapes a policy, a
// discovery document or a token may carry (`__proto__` keys, null prototypes, class instances).
import { describe, expect, it } from '@jest/globals';
import { asRecord, asStringList, isRecord, isStringArray, oneOrMany } from '../src/json/shape.js';

class Point {
  x = 1;
}

/** Values that are no object at all. */
const PRIMITIVES: unknown[] = [undefined, null, 0, 1, NaN, '', 'text', true, false, 10n, Symbol('s')];

describe('isRecord', () => {
  it('accepts what JSON.parse makes of an object, and no array', () => {
    expect(isRecord(JSON.parse('{}'))).toBe(true);
    expect(isRecord(JSON.parse('{"a":[1],"b":{"c":null}}'))).toBe(true);
    expect(isRecord(JSON.parse('[]'))).toBe(false);
    expect(isRecord(JSON.parse('[{}]'))).toBe(false);
    for (const value of PRIMITIVES) expect(isRecord(value)).toBe(false);
  });

  it('accepts an object with a null prototype and a class instance, refuses a function', () => {
    expect(isRecord(Object.create(null))).toBe(true);
    expect(isRecord(new Point())).toBe(true);
    expect(isRecord(new Date(0))).toBe(true);
    expect(isRecord(new Map())).toBe(true);
    expect(isRecord(Buffer.from('x'))).toBe(true);
    expect(isRecord(() => undefined)).toBe(false);
  });

  it('goes by Array.isArray, not by the prototype', () => {
    expect(isRecord(Object.setPrototypeOf({}, Array.prototype))).toBe(true);
    expect(isRecord(Object.setPrototypeOf([], Object.prototype))).toBe(false);
    expect(isRecord({ length: 0 })).toBe(true);
  });

  it('accepts a __proto__ key as the own key JSON.parse makes it, and changes no prototype', () => {
    const parsed: unknown = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}');
    expect(isRecord(parsed)).toBe(true);
    if (!isRecord(parsed)) return;
    expect(Object.keys(parsed)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(isRecord(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // An array under __proto__ makes no array of the object.
    expect(isRecord(JSON.parse('{"__proto__":[]}'))).toBe(true);
  });
});

describe('asRecord', () => {
  it('is the value itself where isRecord holds, undefined elsewhere', () => {
    const parsed: unknown = JSON.parse('{"__proto__":{"a":1}}');
    expect(asRecord(parsed)).toBe(parsed);
    const bare: unknown = Object.create(null);
    expect(asRecord(bare)).toBe(bare);
    const point = new Point();
    expect(asRecord(point)).toBe(point);
    expect(asRecord([])).toBeUndefined();
    expect(asRecord(() => undefined)).toBeUndefined();
    for (const value of PRIMITIVES) expect(asRecord(value)).toBeUndefined();
  });
});

describe('isStringArray', () => {
  it('accepts an array of strings only, the empty one too', () => {
    expect(isStringArray([])).toBe(true);
    expect(isStringArray(['a', ''])).toBe(true);
    expect(isStringArray(JSON.parse('["a","b"]'))).toBe(true);
    expect(isStringArray(['a', 1])).toBe(false);
    expect(isStringArray(['a', null])).toBe(false);
    expect(isStringArray([['a']])).toBe(false);
    expect(isStringArray('a')).toBe(false);
    expect(isStringArray({ 0: 'a', length: 1 })).toBe(false);
    expect(isStringArray(JSON.parse('{"__proto__":["a"]}'))).toBe(false);
    for (const value of PRIMITIVES) expect(isStringArray(value)).toBe(false);
  });

  it('skips a hole, as every() does (JSON.parse makes none)', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(isStringArray(['a', , 'b'])).toBe(true);
  });
});

describe('asStringList', () => {
  it('reads a string as a one-item list and an array as its strings, dropping the rest', () => {
    expect(asStringList('a')).toEqual(['a']);
    expect(asStringList('')).toEqual(['']);
    expect(asStringList(JSON.parse('["a",1,null,{"b":"c"},["d"],"e"]'))).toEqual(['a', 'e']);
    expect(asStringList([])).toEqual([]);
  });

  it('reads anything else as no strings', () => {
    for (const value of [undefined, null, 0, true, {}, { 0: 'a', length: 1 }, Object.create(null)])
      expect(asStringList(value)).toEqual([]);
    expect(asStringList(JSON.parse('{"__proto__":["a"]}'))).toEqual([]);
  });

  it('returns a new array, never the one it was given', () => {
    const given = ['a', 'b'];
    const read = asStringList(given);
    expect(read).toEqual(given);
    expect(read).not.toBe(given);
  });
});

describe('oneOrMany', () => {
  it('returns an array as it is, the same array', () => {
    const given: unknown[] = ['a', 1];
    expect(oneOrMany(given)).toBe(given);
    expect(oneOrMany([])).toEqual([]);
  });

  it('wraps anything else, undefined and null too, in a one-item list', () => {
    expect(oneOrMany('a')).toEqual(['a']);
    expect(oneOrMany(undefined)).toEqual([undefined]);
    expect(oneOrMany(null)).toEqual([null]);
    const record: unknown = JSON.parse('{"__proto__":[1]}');
    expect(oneOrMany(record)).toEqual([record]);
    expect(oneOrMany(record)[0]).toBe(record);
  });
});
