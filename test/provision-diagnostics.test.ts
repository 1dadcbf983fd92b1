// Terraform's error text becomes one ::error:: annotation per diagnostic.
import { describe, expect, test } from '@jest/globals';
import { describeDiagnostic, errorAnnotation, errorDiagnostics } from '../src/terraform/diagnostics.js';

// Verbatim from terraform 1.11 (-no-color): one warning, two errors.
const stderr = `
Warning: Value for undeclared variable

The root module does not declare a variable named "extra" but a value was
found in file "a.tfvars".

Error: Invalid value for variable

  on main.tf line 5:
   5: variable "node_count" {
    ├────────────────
    │ var.node_count is 9

node_count must be at most 5.

This was checked by the validation rule at main.tf:8,3-13.

Error: No configuration files

Apply requires configuration to be present.
`;

describe('terraform diagnostics', () => {
  test('each error becomes one diagnostic; warnings and source snippets are left out', () => {
    expect(errorDiagnostics(stderr)).toEqual([
      {
        summary: 'Invalid value for variable',
        location: 'main.tf line 5',
        detail: 'node_count must be at most 5. This was checked by the validation rule at main.tf:8,3-13.'
      },
      { summary: 'No configuration files', detail: 'Apply requires configuration to be present.' }
    ]);
  });

  test('the boxed (coloured) layout reads the same, and generated files are named by their base name', () => {
    const boxed = [
      '╷',
      '│ Error: Invalid value for variable',
      '│ ',
      '│   on /tmp/x/runner/variables-input.tfvars.json line 2:',
      '│    2:   "node_count": 900,',
      '│ ',
      '│ node_count must be between 1 and 500.',
      '╵'
    ].join('\n');
    const [diagnostic] = errorDiagnostics(boxed);
    expect(diagnostic && describeDiagnostic(diagnostic)).toBe(
      'Invalid value for variable (variables-input.tfvars.json line 2): node_count must be between 1 and 500.'
    );
  });

  test('text without diagnostics gives none', () => {
    expect(errorDiagnostics('panic: runtime error\ngoroutine 1')).toEqual([]);
  });

  test('annotations are escaped as the toolkit escapes them, so one stays one line', () => {
    expect(errorAnnotation('50% done\nnext', 'terraform plan')).toBe(
      '::error title=terraform plan::50%25 done%0Anext'
    );
    expect(errorAnnotation('x', 'a:b,c')).toBe('::error title=a%3Ab%2Cc::x');
    expect(errorAnnotation('plain')).toBe('::error::plain');
  });
});
