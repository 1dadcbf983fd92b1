// What the action reads of a root module before terraform runs: its backend and its sensitive
// variables, from the top-level blocks of its .tf and .tf.json files.
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backendFileSettings,
  fileAttributes,
  settingsFile,
  jsonDuplicateNames,
  jsonPathText,
  literalValue,
  readRootModule
} from '../src/terraform/root-module.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function moduleOf(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'root-module-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('a root module read before terraform runs', () => {
  test('sensitive variables are those whose own block says sensitive = true, whatever text surrounds them', () => {
    const dir = moduleOf({
      'variables.tf': [
        '# variable "commented" { sensitive = true }',
        '/* variable "block_commented" {',
        '  sensitive = true',
        '} */',
        'variable "a" {',
        '  description = "has { braces }, \\"quotes\\" and ${"nested { }"}"',
        '  sensitive   = true',
        '}',
        'variable b { sensitive = true }',
        'variable "c" {',
        '  description = <<-EOT',
        '    variable "in_heredoc" {',
        '      sensitive = true',
        '    }',
        '    }}}',
        '  EOT',
        '  default   = { x = "}" }',
        '  sensitive = false',
        '}',
        'variable "d" {',
        '  validation {',
        '    condition     = var.d != ""',
        '    error_message = "d must be set."',
        '  }',
        '  sensitive = true',
        '}',
        'variable "e" {',
        '  type    = object({ sensitive = bool })',
        '  default = { sensitive = true }',
        '}'
      ].join('\n'),
      'more.tf.json': JSON.stringify({ variable: { f: { sensitive: true }, g: [{ sensitive: false }] } }),
      // Editor leftovers and hidden files are not part of the module, for terraform either.
      '.hidden.tf': 'variable "h" {\n  sensitive = true\n}\n',
      'main.tf~': 'variable "i" {\n  sensitive = true\n}\n'
    });
    expect([...readRootModule(dir).sensitiveVariables].sort()).toEqual(['a', 'b', 'd', 'f']);
  });

  test('sensitive set to anything but a plainly false constant is sensitive: terraform evaluates what the action cannot', () => {
    // Checked against terraform 1.11.4: (true), "true", "1", "${true}", !false and a conditional make
    // a variable sensitive; (false), "false" and !true do not.
    const declared = {
      t1: '(true)',
      t2: '"true"',
      t3: '"1"',
      t4: '"${true}"',
      t5: '!false',
      t6: 'true ? true : false',
      t7: '((true))',
      t8: '(false) || (true)',
      f1: '(false)',
      f2: '"false"',
      f3: '!true',
      f4: '"0"',
      f5: '!(!false)'
    };
    const dir = moduleOf({
      'variables.tf': Object.entries(declared)
        .map(([name, value]) => `variable "${name}" {\n  sensitive = ${value}\n}\n`)
        .join(''),
      'more.tf.json': JSON.stringify({
        variable: {
          j1: { sensitive: 'true' },
          j2: { sensitive: '1' },
          j3: { sensitive: 'false' },
          j4: { sensitive: false }
        }
      })
    });
    expect([...readRootModule(dir).sensitiveVariables].sort()).toEqual(
      ['j1', 'j2', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'].sort()
    );
  });

  test("the backend is the terraform block's, an override file's winning; none when no file says", () => {
    expect(readRootModule(moduleOf({ 'main.tf': 'terraform {\n  backend "s3" {}\n}\n' })).backend).toBe('s3');
    expect(
      readRootModule(
        moduleOf({
          'backend.tf':
            'terraform {\n  required_version = ">= 1.4"\n  backend "consul" {\n    path = "x"\n  }\n}\n',
          'backend_override.tf.json': JSON.stringify({ terraform: [{ backend: { local: {} } }] })
        })
      ).backend
    ).toBe('local');
    expect(readRootModule(moduleOf({ 'main.tf': 'terraform {\n  cloud {}\n}\n' })).backend).toBe('cloud');
    expect(
      readRootModule(moduleOf({ 'main.tf': 'resource "terraform_data" "x" {}\n' })).backend
    ).toBeUndefined();
  });
});

describe('the variables whose TF_VAR_ values terraform parses as HCL', () => {
  test('are those of a type other than string, number or bool (any included); an override file has the last word', () => {
    const dir = moduleOf({
      'variables.tf': [
        'variable "untyped" {}',
        'variable "text" {\n  type = string # a comment\n}',
        'variable "count" {\n  type = number\n}',
        'variable "flag" { type = bool }',
        'variable "anything" {\n  type = any\n}',
        'variable "names" {\n  type = list(string)\n}',
        'variable "shorthand" {\n  type = map\n}',
        'variable "db" {\n  type = object({ password = string })\n}',
        'variable "retyped" {\n  type = list(string)\n}'
      ].join('\n'),
      'more.tf.json': JSON.stringify({
        variable: { json_text: { type: 'string' }, json_map: [{ type: 'map(string)' }], json_untyped: {} }
      }),
      'types_override.tf': 'variable "retyped" {\n  type = string\n}\nvariable "text" {\n  default = "x"\n}\n'
    });
    expect([...readRootModule(dir).hclVariables].sort()).toEqual([
      'anything',
      'db',
      'json_map',
      'names',
      'shorthand'
    ]);
  });

  test('a value is read as one expression, as an attribute of a .tfvars file is', () => {
    expect(literalValue('{\n  token = "abc", pins = [1, -2]\n}\n')).toEqual({
      kind: 'object',
      entries: [
        ['token', { kind: 'string', raw: 'abc' }],
        [
          'pins',
          {
            kind: 'tuple',
            items: [
              { kind: 'scalar', text: '1' },
              { kind: 'scalar', text: '-2' }
            ]
          }
        ]
      ]
    });
    expect(literalValue('{"token": "abc"}')).toEqual({
      kind: 'object',
      entries: [['token', { kind: 'string', raw: 'abc' }]]
    });
    for (const text of ['', 'abc', '"a" "b"', '["a"] ["b"]', 'x = "a"'])
      expect(literalValue(text).kind).toBe('expression');
  });
});

describe('a file of attributes read without evaluating it (a .tfvars or backend file)', () => {
  test('a heredoc is read as its body between the marker lines, with whether it is the flush form', () => {
    const attributes = fileAttributes(
      [
        'plain = <<EOT',
        '  one ${"x"}',
        '\ttwo \\n',
        'EOT',
        'flush = <<-EOT',
        '    three',
        '    EOT',
        'empty = <<EOT',
        'EOT',
        'crlf = <<EOT\r\nfour\r\nEOT\r',
        'unclosed = <<EOT',
        'five',
        ''
      ].join('\n'),
      false
    );
    expect(Object.fromEntries(attributes ?? [])).toEqual({
      plain: { kind: 'heredoc', body: '  one ${"x"}\n\ttwo \\n\n', flush: false },
      flush: { kind: 'heredoc', body: '    three\n', flush: true },
      empty: { kind: 'heredoc', body: '', flush: false },
      crlf: { kind: 'heredoc', body: 'four\r\n', flush: false },
      unclosed: { kind: 'expression', source: '<<EOT\nfive\n' }
    });
  });

  test('a negative number is a number, not an expression; a heredoc inside a list or map is read too', () => {
    const attributes = fileAttributes(
      'n = -5\ne = -5 + 1\nm = { a = [-1.5e3, <<-X\n  y\n  X\n  ] }\n',
      false
    );
    expect(Object.fromEntries(attributes ?? [])).toEqual({
      n: { kind: 'scalar', text: '-5' },
      // An expression keeps its tokens' text, spaces dropped: a bare word is quoted exactly.
      e: { kind: 'expression', source: '-5+1' },
      m: {
        kind: 'object',
        entries: [
          [
            'a',
            {
              kind: 'tuple',
              items: [
                { kind: 'scalar', text: '-1.5e3' },
                { kind: 'heredoc', body: '  y\n', flush: true }
              ]
            }
          ]
        ]
      }
    });
  });
});

describe('a backend file read once for its credentials and its paths', () => {
  test('is refused (undefined) where terraform refuses it: a setting given twice, a block, a quoted name, stray text', () => {
    for (const text of [
      'path = "a"\npath = "b"\n',
      'path = "a"\nassume_role {\n  role_arn = "x"\n}\n',
      '"path" = "a"\n',
      'path = "a"\n]\n',
      'path\n'
    ])
      expect(backendFileSettings(text, false)).toBeUndefined();
    // A .tfvars file is read as before, whatever terraform makes of it.
    expect(fileAttributes('path = "a"\npath = "b"\n', false)?.get('path')).toEqual({
      kind: 'string',
      raw: 'b'
    });
    expect(Object.fromEntries(backendFileSettings('path = "a" # c\n\nlock = true\n', false) ?? [])).toEqual({
      path: { kind: 'string', raw: 'a' },
      lock: { kind: 'scalar', text: 'true' }
    });
  });
});

describe('one reading of a file of settings gives both its settings and what it sets twice', () => {
  test('names the first setting given twice even where the file does not read, so that refusal comes first', () => {
    expect(settingsFile('a = 1\nb = 2\na = 3\n]\n', false)).toEqual({ settings: undefined, twice: 'a' });
    expect(settingsFile('{"a": 1, "o": {"k": 1, "k": 2}, ', true)).toEqual({
      settings: undefined,
      twice: 'o.k'
    });
    expect(settingsFile('a = 1\nb = 2\n', false)).toEqual({
      settings: new Map([
        ['a', { kind: 'scalar', text: '1' }],
        ['b', { kind: 'scalar', text: '2' }]
      ]),
      twice: undefined
    });
    // Read loosely (a .tfvars file as terraform's own reader takes the last), the settings stay.
    expect(settingsFile('a = 1\na = 3\n', false, false).settings?.get('a')).toEqual({
      kind: 'scalar',
      text: '3'
    });
  });
});

describe('names given twice in a JSON file, which JSON.parse reads as the last and terraform refuses', () => {
  test('are found in any object, with their path, escapes read; the same name in two objects is no duplicate', () => {
    const text =
      '{"a": 1, "b": {"c": "x,y:{", "c": 2}, "l": [{"k": 1}, {"k": 1, "k\\u0032": 2, "k2": 3}], "pa\\u0074h": 1, "path": [], "e": {}}';
    expect(jsonDuplicateNames(text).map(jsonPathText)).toEqual(['b.c', 'l[1].k2', 'path']);
    expect(jsonDuplicateNames('{"a": {"b": 1}, "c": {"b": 1}, "d": [1, {"b": [2]}]}')).toEqual([]);
    expect(backendFileSettings('{"path": "a", "path": "b"}', true)).toBeUndefined();
    expect(backendFileSettings('{"path": "a", "lock": {"path": "b"}}', true)?.size).toBe(2);
  });
});
