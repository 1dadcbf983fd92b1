import { describe, expect, it } from '@jest/globals';
import {
  booleanInput,
  envInputReader,
  enumInput,
  httpsUrl,
  integerInput,
  listInput,
  mapInputReader,
  oneOf,
  requiredInput
} from '../src/io/inputs.js';
import { UserError, oneLine } from '../src/io/errors.js';

const read = (values: Record<string, string>) => mapInputReader(values);

describe('inputs', () => {
  it('reads INPUT_ variables the way the runner sets them', () => {
    const reader = envInputReader({ 'INPUT_ROLE-ARN': ' arn:aws:iam::1:role/x ', INPUT_MY_INPUT: 'v' });
    expect(reader('role-arn')).toBe('arn:aws:iam::1:role/x');
    expect(reader('my input')).toBe('v');
    expect(reader('missing')).toBe('');
  });

  it('names the missing required input, and what empties one that the workflow does give', () => {
    expect(() => requiredInput(read({}), 'bucket')).toThrow(
      new UserError(
        'is required but is empty: not given, or given as an expression that came out empty (a secret not set for this repository or environment, or an output its step did not set, such as ${{ steps.ID.outputs.NAME }}).',
        'bucket'
      )
    );
    expect(() => requiredInput(read({}), 'bucket')).toThrow("Input 'bucket'");
  });

  it.each(['true', 'True', 'TRUE'])('accepts YAML 1.2 true: %s', (value) => {
    expect(booleanInput(read({ flag: value }), 'flag', false)).toBe(true);
  });

  it.each(['false', 'False', 'FALSE'])('accepts YAML 1.2 false: %s', (value) => {
    expect(booleanInput(read({ flag: value }), 'flag', true)).toBe(false);
  });

  it.each(['yes', 'on', '1', 'tru'])('rejects %s as a boolean, naming the input', (value) => {
    expect(() => booleanInput(read({ 'dry-run': value }), 'dry-run', false)).toThrow(
      `Input 'dry-run': '${value}' is not a boolean`
    );
  });

  it('falls back to the default for an unset boolean', () => {
    expect(booleanInput(read({}), 'flag', true)).toBe(true);
  });

  it('parses newline and comma lists, dropping blanks', () => {
    expect(listInput(read({ ids: 'a, b\n\nc ,\n' }), 'ids')).toEqual(['a', 'b', 'c']);
    expect(listInput(read({}), 'ids')).toEqual([]);
  });

  it('parses bounded integers and names the input when out of range', () => {
    expect(integerInput(read({ n: '42' }), 'n', 1)).toBe(42);
    expect(integerInput(read({}), 'n', 7)).toBe(7);
    expect(() => integerInput(read({ n: '4.5' }), 'n', 1)).toThrow("Input 'n': '4.5' is not a whole number.");
    expect(() => integerInput(read({ n: '0' }), 'n', 1, { min: 1 })).toThrow('below the minimum of 1');
    expect(() => integerInput(read({ n: '99' }), 'n', 1, { max: 10 })).toThrow('above the maximum of 10');
  });

  it('accepts only listed enum values', () => {
    expect(enumInput(read({ mode: 'pod' }), 'mode', ['token', 'pod', 'both'] as const, 'both')).toBe('pod');
    expect(() => enumInput(read({ mode: 'all' }), 'mode', ['token', 'pod', 'both'] as const, 'both')).toThrow(
      "Input 'mode': 'all' is not one of token, pod, both."
    );
  });

  it('accepts only https URLs without trailing slash, query or fragment', () => {
    expect(httpsUrl('https://b.s3.us-east-1.amazonaws.com', 'issuer-url')).toBe(
      'https://b.s3.us-east-1.amazonaws.com'
    );
    expect(() => httpsUrl('http://example.com', 'issuer-url')).toThrow('must use https');
    expect(() => httpsUrl('https://example.com/', 'issuer-url')).toThrow('must not end with a slash');
    expect(() => httpsUrl('https://example.com/?a=1', 'issuer-url')).toThrow('query or fragment');
    expect(() => httpsUrl('not a url', 'issuer-url')).toThrow(
      "Input 'issuer-url': 'not a url' is not a URL."
    );
  });

  it('refuses a URL with a user name or password without quoting it back', () => {
    for (const url of ['https://ci:hunter2@example.com/issuer', 'http://ci:hunter2@example.com/']) {
      expect(() => httpsUrl(url, 'issuer-url')).toThrow(
        "Input 'issuer-url': must not carry a user name or password: STS reads an issuer anonymously."
      );
    }
  });

  it('takes exactly one of two alternative inputs', () => {
    expect(oneOf(read({ kubeconfig: 'x' }), 'kubeconfig', 'kubeconfig-path', true)).toEqual([
      'kubeconfig',
      'x'
    ]);
    expect(oneOf(read({ 'kubeconfig-path': '/p' }), 'kubeconfig', 'kubeconfig-path', true)).toEqual([
      'kubeconfig-path',
      '/p'
    ]);
    expect(oneOf(read({}), 'kubeconfig', 'kubeconfig-path', false)).toBeUndefined();
    expect(() => oneOf(read({}), 'kubeconfig', 'kubeconfig-path', true)).toThrow(
      "Input 'kubeconfig': is required (or give 'kubeconfig-path'), but both are empty: not given, or given as an expression that came out empty (a secret not set for this repository or environment"
    );
    expect(() =>
      oneOf(read({ kubeconfig: 'x', 'kubeconfig-path': '/p' }), 'kubeconfig', 'kubeconfig-path', true)
    ).toThrow('not both');
  });

  it('folds any error into one line for the ::error:: annotation', () => {
    expect(oneLine(new Error('first\n  second\nthird'))).toBe('first second third');
    expect(oneLine('plain')).toBe('plain');
  });
});
