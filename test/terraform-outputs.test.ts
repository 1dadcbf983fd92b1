// Reading `terraform output -json`: the outputs object, and every string inside a structured output
// (each is masked on its own, so a secret inside a map or list is hidden wherever it is printed).
import { describe, expect, it } from '@jest/globals';
import { parseOutputs, stringLeaves } from '../src/terraform/outputs.js';

describe('parseOutputs', () => {
  it('reads each output with its sensitive flag', () => {
    expect(parseOutputs('{"a":{"value":"x","sensitive":true},"b":{"value":[1]}}')).toEqual([
      { name: 'a', sensitive: true, value: 'x' },
      { name: 'b', sensitive: false, value: [1] }
    ]);
  });

  it.each(['[]', '[{"value":"x"}]', 'null', '"x"'])('refuses %s, which is no object of outputs', (json) => {
    expect(() => parseOutputs(json)).toThrow('terraform output -json did not print an object of outputs.');
  });
});

describe('stringLeaves', () => {
  it('finds every string inside lists and maps, and nothing else', () => {
    expect(stringLeaves('s')).toEqual(['s']);
    expect(stringLeaves({ a: ['x', { b: 'y' }], n: 1, t: true, z: null })).toEqual(['x', 'y']);
    expect(stringLeaves([['x'], { b: ['y'] }])).toEqual(['x', 'y']);
    expect(stringLeaves(3)).toEqual([]);
  });

  it('finds a string under a __proto__ key as JSON.parse makes it', () => {
    expect(stringLeaves(JSON.parse('{"__proto__":{"k":"hidden"},"v":"seen"}'))).toEqual(['hidden', 'seen']);
  });
});
