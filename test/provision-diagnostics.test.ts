// Terraform's error text becomes one ::error:: annotation per diagnostic, and a terraform that fails
// without any error text is described without quoting its command line (which may hold credentials).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '../src/io/logger.js';
import { terraformCli } from '../src/terraform/cli.js';
import { describeDiagnostic, errorAnnotation, errorDiagnostics } from '../src/terraform/diagnostics.js';
import { explainDiagnostic } from '../src/provision/explain.js';
import { UndeclaredVariables } from '../src/provision/undeclared.js';
import { declaredVariables } from '../src/terraform/plan.js';

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

  test('the same error twice (an interrupted apply halts each operation) is one diagnostic', () => {
    const halted = [
      'Error: execution halted',
      '',
      'Error: execution halted',
      '',
      'Error: local-exec provisioner error',
      ''
    ].join('\n');
    expect(errorDiagnostics(halted).map(describeDiagnostic)).toEqual([
      'execution halted',
      'local-exec provisioner error'
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

  test("a state lock error keeps the lock's ID and holder, and says how to free a dead run's lock", () => {
    // Verbatim from terraform 1.11 against a local state held by another process.
    const local = [
      'Error: Error acquiring the state lock',
      '',
      'Error message: resource temporarily unavailable',
      'Lock Info:',
      '  ID:        d7f1c2aa-1111-2222-3333-444455556666',
      '  Path:      terraform.tfstate',
      '  Operation: OperationTypeApply',
      '  Who:       runner@fv-az9',
      '  Version:   1.11.4',
      '  Created:   2026-11-29 15:00:00 +0000 UTC',
      '  Info:      ',
      '',
      '',
      'Terraform acquires a state lock to protect the state from being written',
      'by multiple users at the same time.'
    ].join('\n');
    expect(errorDiagnostics(local).map(describeDiagnostic)).toEqual([
      "Error acquiring the state lock: Error message: resource temporarily unavailable Lock Info: ID=d7f1c2aa-1111-2222-3333-444455556666, Path=terraform.tfstate, Operation=OperationTypeApply, Who=runner@fv-az9, Version=1.11.4, Created=2026-11-29 15:00:00 +0000 UTC. Terraform acquires a state lock to protect the state from being written by multiple users at the same time. If no run holds the lock any more (a killed job), free it from the module's directory, initialised with the same backend settings: terraform force-unlock d7f1c2aa-1111-2222-3333-444455556666"
    ]);
    // The http backend names the holder first, then the Lock Info of its own attempt.
    const http = [
      'Error: Error acquiring the state lock',
      '',
      'Error message: HTTP remote state already locked:',
      'ID=2b6a4f3c-9d1e-4a7b-8c2d-0e5f6a7b8c9d',
      'Lock Info:',
      '  ID:        74a2e8c2-de7f-365e-c757-590958ba6e5b',
      '  Operation: OperationTypePlan'
    ].join('\n');
    expect(describeDiagnostic(errorDiagnostics(http)[0] ?? { summary: '', detail: '' })).toMatch(
      / Lock Info: ID=74a2e8c2-de7f-365e-c757-590958ba6e5b, Operation=OperationTypePlan\. If no run .* terraform force-unlock 2b6a4f3c-9d1e-4a7b-8c2d-0e5f6a7b8c9d$/
    );
  });

  test('the force-unlock hint names only the holder of a lock terraform failed to take', () => {
    const hint = (text: string) =>
      /force-unlock (\S+)$/.exec(
        describeDiagnostic(errorDiagnostics(text)[0] ?? { summary: '', detail: '' })
      )?.[1];
    const lockInfo = (id: string) => ['Lock Info:', `  ID:        ${id}`, '  Who:       someone@else'];
    // Releasing failed: the lock shown is this run's own, or another's that is live.
    expect(
      hint(['Error: Error releasing the state lock', '', 'Error message: x', ...lockInfo('bbbb')].join('\n'))
    ).toBeUndefined();
    // The http backend's Lock Info is its own attempt: without its ID= line there is no holder to name.
    expect(
      hint(
        [
          'Error: Error acquiring the state lock',
          '',
          'Error message: HTTP remote state already locked, failed to unmarshal body',
          ...lockInfo('OWN-1111')
        ].join('\n')
      )
    ).toBeUndefined();
    // An ID= that is not the http backend's holder line is no lock ID.
    expect(
      hint(
        [
          'Error: Error acquiring the state lock',
          '',
          'RequestId=xyz ID=abc-123',
          ...lockInfo('real-id')
        ].join('\n')
      )
    ).toBe('real-id');
    expect(
      hint(
        [
          'Error: Error acquiring the state lock',
          '',
          'Error message: x',
          ...lockInfo('projects/p/locks/1.2.3')
        ].join('\n')
      )
    ).toBe('projects/p/locks/1.2.3');
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

describe('a terraform that fails without an error', () => {
  // Made in beforeAll, not when the file is collected: a run filtered past these tests runs
  // neither hook, and left the directory behind.
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'terraform-silent-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const secret = 'backend-secret-3f9a1c7e';
  const args = [
    'init',
    `-backend-config=secret_key=${secret}`,
    `-backend-config=credentials={"k":"${secret}"}`
  ];

  /** A stand-in terraform: a shell script whose body decides how it fails. */
  function fakeTerraform(name: string, body: string): string {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return path;
  }

  async function failure(binary: string): Promise<Error> {
    const log = new MemoryLogger();
    const cli = terraformCli({ binary, cwd: dir, env: { PATH: process.env.PATH ?? '' }, log });
    const error = await cli.stream(args).then(
      () => undefined,
      (caught: unknown) => caught
    );
    if (!(error instanceof Error)) throw new Error('terraform did not fail');
    expect(log.lines.join('\n')).not.toContain(secret);
    return error;
  }

  test('one killed by a signal is named by the signal, not by its command line', async () => {
    const error = await failure(fakeTerraform('killed', 'kill -9 $$'));
    expect(error.message).toBe('terraform init failed: it was stopped by SIGKILL.');
    expect(error.message).not.toContain(secret);
  });

  test('one that exits non-zero in silence says so', async () => {
    const error = await failure(fakeTerraform('silent', 'exit 3'));
    expect(error.message).toBe('terraform init failed with exit code 3: it printed no error.');
  });

  test('one that cannot start names the binary and the reason', async () => {
    const missing = join(dir, 'no-such-terraform');
    const error = await failure(missing);
    expect(error.message).toContain(`${missing} could not be started (ENOENT).`);
    expect(error.message).not.toContain(secret);
  });
});

describe("errors about the action's inputs", () => {
  test('a backend value of the wrong type names backend-config and not the value; other errors are left as terraform says them', () => {
    // Verbatim from terraform 1.11 (-no-color) for -backend-config=retry_max=abc on the http backend.
    const [wrongType, other] = errorDiagnostics(
      [
        'Error: Invalid backend configuration value',
        '',
        'Invalid backend configuration argument -backend-config="retry_max=abc": a',
        'number is required',
        '',
        'Error: No configuration files',
        '',
        'Apply requires configuration to be present.'
      ].join('\n')
    );
    expect(wrongType && explainDiagnostic(wrongType)).toBe(
      `Input 'backend-config': the value of retry_max is not valid: a number is required (terraform: Invalid backend configuration value).`
    );
    expect(other && explainDiagnostic(other)).toBeUndefined();
  });
});

describe('values for undeclared variables', () => {
  test("terraform's named warnings and its folded count become one warning per input", () => {
    // Verbatim from terraform 1.11 (-no-color): two named, the rest folded.
    const log = [
      'Warning: Value for undeclared variable',
      '',
      'The root module does not declare a variable named "bb" but a value was found',
      'in file "/ws/x.tfvars". If you meant to use this value, add a "variable"',
      'block to the configuration.',
      '',
      'Warning: Value for undeclared variable',
      '',
      'The root module does not declare a variable named "ee" but a value was found',
      'in file "/tmp/s/variables-input.tfvars.json". If you meant to use this value,',
      'add a "variable" block to the configuration.',
      '',
      'Warning: Values for undeclared variables',
      '',
      'In addition to the other similar warnings shown, 3 other variable(s) defined',
      'without being declared.'
    ];
    const undeclared = new UndeclaredVariables();
    log.forEach((line) => undeclared.watch(line));
    // The input's ee and ff are known from the plan; of the 3 folded, ff is the input's, 2 are x.tfvars's.
    expect(
      undeclared.warnings(
        { ee: 1, ff: 2, cluster_name: 'c' },
        ['/ws/x.tfvars'],
        '/tmp/s/variables-input.tfvars.json',
        new Set(['cluster_name'])
      )
    ).toEqual([
      "Input 'variables': the module declares no variable 'ee', so terraform ignored its value.",
      "Input 'variables': the module declares no variable 'ff', so terraform ignored its value.",
      "Input 'var-files': /ws/x.tfvars sets 'bb', which the module does not declare, so terraform ignored its value.",
      "Input 'var-files': 2 more values for variables the module does not declare, which terraform ignored (its log names only the first few; the count takes in the module's own terraform.tfvars and *.auto.tfvars too)."
    ]);
  });

  test("with a saved plan that does not say the module's variables, the input's values are those terraform's warnings name, and the folded count is not guessed at", () => {
    // A `terraform show -json` document without configuration: declaredVariables cannot say.
    const declared = declaredVariables({ format_version: '1.2', planned_values: {} });
    expect(declared).toBeUndefined();
    const log = [
      'Warning: Value for undeclared variable',
      '',
      'The root module does not declare a variable named "ee" but a value was found',
      'in file "/tmp/s/variables-input.tfvars.json". If you meant to use this value,',
      'add a "variable" block to the configuration.',
      '',
      'Warning: Value for undeclared variable',
      '',
      'The root module does not declare a variable named "bb" but a value was found',
      'in file "/ws/x.tfvars". If you meant to use this value, add a "variable"',
      'block to the configuration.',
      '',
      'Warning: Values for undeclared variables',
      '',
      'In addition to the other similar warnings shown, 2 other variable(s) defined',
      'without being declared.'
    ];
    const undeclared = new UndeclaredVariables();
    log.forEach((line) => undeclared.watch(line));
    // Without the plan's declarations, cluster_name and ff (declared, or among the folded: it cannot
    // tell) are not called undeclared; only ee, which terraform named in the generated file, is.
    expect(
      undeclared.warnings(
        { ee: 1, ff: 2, cluster_name: 'c' },
        ['/ws/x.tfvars'],
        '/tmp/s/variables-input.tfvars.json',
        declared
      )
    ).toEqual([
      "Input 'variables': the module declares no variable 'ee', so terraform ignored its value.",
      "Input 'var-files': /ws/x.tfvars sets 'bb', which the module does not declare, so terraform ignored its value."
    ]);
  });

  it('reads a warning whose wrapped text splits "in file" from its path, as terraform 1.11 printed it', () => {
    // Where terraform's wrap falls depends on the name's and the path's lengths: here, right after "file".
    const log = [
      'Warning: Value for undeclared variable',
      '',
      'The root module does not declare a variable named "node_countt" but a value',
      'was found in file',
      '"/tmp/provision-terraform-AbCdEf/runner-temp/talos-irsa-0123456789/variables-input.tfvars.json".',
      'If you meant to use this value, add a "variable" block to the configuration.',
      '',
      'Warning: Value for undeclared variable',
      '',
      '│ The root module does not declare a variable named',
      '│ "regoin" but a value was found in file "/ws/extra.tfvars". If you meant to',
      '│ use this value, add a "variable" block to the configuration.',
      '',
      'Warning: Values for undeclared variables',
      '',
      'In addition to the other similar warnings shown, 2 other variable(s) defined',
      'without being declared.'
    ];
    const undeclared = new UndeclaredVariables();
    log.forEach((line) => undeclared.watch(line));
    // node_countt is the input's and named; of the 2 folded, both are extra.tfvars's.
    expect(
      undeclared.warnings(
        { node_countt: 3 },
        ['/ws/extra.tfvars'],
        '/tmp/provision-terraform-AbCdEf/runner-temp/talos-irsa-0123456789/variables-input.tfvars.json',
        new Set(['cluster_name'])
      )
    ).toEqual([
      "Input 'variables': the module declares no variable 'node_countt', so terraform ignored its value.",
      "Input 'var-files': /ws/extra.tfvars sets 'regoin', which the module does not declare, so terraform ignored its value.",
      "Input 'var-files': 2 more values for variables the module does not declare, which terraform ignored (its log names only the first few; the count takes in the module's own terraform.tfvars and *.auto.tfvars too)."
    ]);
  });
});
