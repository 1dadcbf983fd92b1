// Plan counts from plan JSON, and the PR comment / job summary built from them and the plan text.
import { describe, expect, test } from '@jest/globals';
import {
  commentMarker,
  cutToBytes,
  failureReportMarkdown,
  GITHUB_COMMENT_LIMIT,
  planAsDiff,
  planReportMarkdown
} from '../src/terraform/comment.js';
import { redactSecrets } from '../src/io/redact.js';
import type { PlanReport } from '../src/terraform/comment.js';
import { hasChanges, planCounts, planSummary } from '../src/terraform/plan.js';

const change = (actions: string[], mode = 'managed') => ({ mode, change: { actions } });

describe('plan counts', () => {
  test('creates, updates, deletes and replacements count as Terraform counts them', () => {
    const counts = planCounts({
      format_version: '1.2',
      resource_changes: [
        change(['create']),
        change(['create']),
        change(['update']),
        change(['delete']),
        change(['delete', 'create']),
        change(['create', 'delete']),
        change(['no-op']),
        change(['read'], 'data')
      ]
    });
    expect(counts).toEqual({ add: 4, change: 1, destroy: 3, outputChanges: 0, stateOnly: 0 });
    expect(planSummary(counts)).toBe('4 to add, 1 to change, 3 to destroy');
    expect(hasChanges(counts)).toBe(true);
  });

  test('a plan of no-ops has no changes; one changed output is a change', () => {
    const quiet = planCounts({
      format_version: '1.2',
      resource_changes: [change(['no-op'])],
      output_changes: { a: { actions: ['no-op'] } }
    });
    expect(hasChanges(quiet)).toBe(false);
    expect(planSummary(quiet)).toBe('0 to add, 0 to change, 0 to destroy');
    const outputOnly = planCounts({ format_version: '1.2', output_changes: { a: { actions: ['update'] } } });
    expect(outputOnly.outputChanges).toBe(1);
    expect(hasChanges(outputOnly)).toBe(true);
  });

  test('a move, an import or a forget alone is a change, which Terraform counts nowhere', () => {
    const moved = { mode: 'managed', previous_address: 'terraform_data.a', change: { actions: ['no-op'] } };
    const imported = { mode: 'managed', change: { actions: ['no-op'], importing: { id: 'abc' } } };
    const counts = planCounts({
      format_version: '1.2',
      resource_changes: [moved, imported, change(['forget'])]
    });
    expect(counts).toEqual({ add: 0, change: 0, destroy: 0, outputChanges: 0, stateOnly: 3 });
    expect(hasChanges(counts)).toBe(true);
    // Moved and changed too: counted once, as the change Terraform counts.
    const movedAndChanged = planCounts({
      format_version: '1.2',
      resource_changes: [{ ...moved, change: { actions: ['update'] } }]
    });
    expect(movedAndChanged).toEqual({ add: 0, change: 1, destroy: 0, outputChanges: 0, stateOnly: 0 });
  });

  test('anything but a plan document is refused', () => {
    expect(() => planCounts({ values: {} })).toThrow(/did not return a plan document/);
    expect(() => planCounts(null)).toThrow(/did not return a plan document/);
  });
});

const planText = `
Terraform will perform the following actions:

  # terraform_data.cluster will be created
  + resource "terraform_data" "cluster" {
      + id     = (known after apply)
      + input  = "a"
    }

  # terraform_data.node[0] will be updated in-place
  ~ resource "terraform_data" "node" {
      ~ input  = "a-0-worker" -> "a-0-gpu"
        id     = "6b2c"
    }

  # terraform_data.old must be replaced
-/+ resource "terraform_data" "old" {
      - input = "x" -> null
    }

Plan: 2 to add, 1 to change, 1 to destroy.
`;

describe('plan as a diff', () => {
  test('change markers move to column 0 as diff marks, the rest keeps its place', () => {
    const lines = planAsDiff(planText).split('\n');
    expect(lines).toContain('+   resource "terraform_data" "cluster" {');
    expect(lines).toContain('+       id     = (known after apply)');
    expect(lines).toContain('!   resource "terraform_data" "node" {');
    expect(lines).toContain('!       input  = "a-0-worker" -> "a-0-gpu"');
    expect(lines).toContain('        id     = "6b2c"');
    expect(lines).toContain('!   resource "terraform_data" "old" {');
    expect(lines).toContain('-       input = "x" -> null');
    expect(lines).toContain('  # terraform_data.old must be replaced');
    // Unchanged lines starting with a diff mark would be coloured: they are shifted off column 0.
    expect(planAsDiff('-----BEGIN CERTIFICATE-----')).toBe(' -----BEGIN CERTIFICATE-----');
  });
});

const report = (text: string, overrides: Partial<PlanReport> = {}): PlanReport => ({
  clusterName: 'prod-1',
  command: 'plan',
  counts: { add: 2, change: 1, destroy: 1, outputChanges: 0, stateOnly: 0 },
  hasChanges: true,
  planText: text,
  logUrl: 'https://github.com/o/r/actions/runs/7/attempts/1',
  ...overrides
});

describe('the PR comment', () => {
  test('starts with the hidden marker, then the counts and the plan collapsed in a diff block', () => {
    const body = planReportMarkdown(report(planText));
    const lines = body.split('\n');
    expect(lines[0]).toBe(commentMarker('prod-1'));
    expect(lines[0]).toBe('<!-- talos-irsa:provision cluster=prod-1 -->');
    expect(body).toContain('### Terraform plan for cluster `prod-1`');
    expect(body).toContain('**2 to add, 1 to change, 1 to destroy.** Plan only: nothing was applied.');
    expect(body).toContain('<details><summary>Show plan</summary>\n\n```diff\n');
    expect(body).toContain('+   resource "terraform_data" "cluster" {');
    expect(body.trimEnd().endsWith('</details>')).toBe(true);
    expect(body).not.toContain('cut');
    expect(planReportMarkdown(report(planText), { marker: false })).not.toContain('<!--');
  });

  test('says what happened for apply and destroy', () => {
    expect(planReportMarkdown(report('', { command: 'apply' }))).toContain('Applied.');
    expect(planReportMarkdown(report('', { command: 'destroy' }))).toContain('Destroyed.');
    expect(planReportMarkdown(report('', { command: 'apply', hasChanges: false }))).toContain(
      'No changes: nothing to apply.'
    );
    expect(planReportMarkdown(report('', { command: 'destroy', hasChanges: false }))).toContain(
      'No changes: nothing to destroy.'
    );
    // A plan with nothing to do says so, not 'Plan only', which reads as if there were changes held back.
    const noop = planReportMarkdown(report('', { command: 'plan', hasChanges: false }));
    expect(noop).toContain('No changes: nothing to apply.');
    expect(noop).not.toContain('Plan only');
  });

  test('a plan too long for a comment is cut at a line, closed, and points to the log', () => {
    const long = Array.from({ length: 5000 }, (_, i) => `  + input_${i} = "${'x'.repeat(40)}"`).join('\n');
    const body = planReportMarkdown(report(long));
    expect(body.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(60_000);
    expect(Buffer.byteLength(body)).toBeGreaterThan(59_000);
    const match =
      /The plan was cut at line (\d+) of 5000 to fit in a comment; the full plan is in the \[workflow log\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/7\/attempts\/1\)\./.exec(
        body
      );
    expect(match).not.toBeNull();
    const kept = Number(match?.[1]);
    expect(body).toContain(`+   input_${kept - 1} = "`);
    expect(body).not.toContain(`input_${kept} =`);
    // The fence and the details element are still closed after the cut.
    expect(body).toMatch(/"\n```\n\n<\/details>\n\n> The plan was cut/);
  });

  test('multi-byte text and a single huge line are cut by UTF-8 bytes without splitting a character', () => {
    const wide = '€'.repeat(100_000);
    const body = planReportMarkdown(report(`  + note = "${wide}"`));
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(60_000);
    // Big strings are checked with includes(): a failing toContain would print all of them.
    expect(body.includes('The plan was cut at line 1 of 1')).toBe(true);
    expect(body.includes('\uFFFD')).toBe(false);
    expect(cutToBytes('😀😀😀', 9)).toBe('😀😀');
    expect(cutToBytes('ab\ncd\nef', 5)).toBe('ab\ncd');
    expect(cutToBytes('short', 100)).toBe('short');
  });

  test('backticks in the plan cannot close the code block early', () => {
    const body = planReportMarkdown(report('  + doc = "```\\n# not a heading"\n  + tick = "````"'));
    expect(body).toContain('`````diff\n');
    expect(body).toContain('\n`````\n\n</details>');
  });

  test('without a run URL the pointer names the step log', () => {
    const long = 'x'.repeat(70_000);
    const { logUrl: _omit, ...withoutUrl } = report(long);
    expect(planReportMarkdown(withoutUrl)).toContain("the full plan is in this step's log.");
  });

  test('a failure replaces the plan with the errors, one per line, and a pointer to the log', () => {
    const body = failureReportMarkdown({
      clusterName: 'prod-1',
      command: 'apply',
      failedStep: 'init',
      errors: ['Backend initialization required: run init', 'Invalid value\nsplit over lines'],
      logUrl: 'https://github.com/o/r/actions/runs/7'
    });
    expect(body).toBe(
      [
        '<!-- talos-irsa:provision cluster=prod-1 -->',
        '### Terraform apply for cluster `prod-1`',
        '',
        '**`terraform init` failed.** The details are in the [workflow log](https://github.com/o/r/actions/runs/7).',
        '',
        '```text',
        'Backend initialization required: run init',
        'Invalid value split over lines',
        '```',
        ''
      ].join('\n')
    );
    const many = failureReportMarkdown({
      clusterName: 'c',
      command: 'plan',
      failedStep: 'plan',
      errors: Array.from({ length: 3000 }, (_, i) => `error ${i} ${'x'.repeat(50)}`)
    });
    expect(Buffer.byteLength(many)).toBeLessThanOrEqual(60_000);
    expect(many).toContain("this step's log");
  });

  test('a failure that printed no error (terraform stopped by a signal) shows no empty code block', () => {
    const body = failureReportMarkdown({
      clusterName: 'c',
      command: 'apply',
      failedStep: 'apply',
      errors: []
    });
    expect(body).not.toContain('```');
    expect(body.endsWith("**`terraform apply` failed.** The details are in this step's log.\n")).toBe(true);
  });

  test('errors are shown as text: a Go <nil>, an HTML tag or an @-mention is not rendered, and a fence inside cannot close the block', () => {
    const body = failureReportMarkdown({
      clusterName: 'c',
      command: 'plan',
      failedStep: 'plan',
      errors: ['value is <nil>, ask @platform-team', 'heredoc ```\n<details>']
    });
    expect(body.split('\n').slice(-5)).toEqual([
      '````text',
      'value is <nil>, ask @platform-team',
      'heredoc ``` <details>',
      '````',
      ''
    ]);
    const many = failureReportMarkdown({
      clusterName: 'c',
      command: 'plan',
      failedStep: 'plan',
      errors: Array.from({ length: 3000 }, (_, i) => `error ${i} ${'x'.repeat(50)}`)
    });
    expect(many.endsWith('\n```\n')).toBe(true);
  });

  test('a secret where the plan is cut is redacted whole, not left half shown', () => {
    const token = 'kubeconfig-token-5f3a9c0e7d2b41aa9e8c6d4f2b0a1c3e';
    // One line too long for a comment, with the secret across the place where it is cut.
    const line = `  + user_data = "${'x'.repeat(59_600)}${token}${'y'.repeat(2_000)}"`;
    const unredacted = planReportMarkdown(report(line));
    expect(unredacted.includes(token.slice(0, 12))).toBe(true);
    expect(unredacted.includes(token)).toBe(false);
    const body = planReportMarkdown(report(line), { secrets: [token] });
    expect(body.includes(token.slice(0, 12))).toBe(false);
    expect(body.includes('x***y')).toBe(true);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(60_000);

    const failure = failureReportMarkdown(
      {
        clusterName: 'c',
        command: 'apply',
        failedStep: 'apply',
        errors: [`Invalid value: ${'z'.repeat(59_800)}${token}`]
      },
      { secrets: [token] }
    );
    expect(failure.includes(token.slice(0, 12))).toBe(false);
    expect(failure.includes('z***')).toBe(true);
  });

  test('masked fragments are redacted, longest first', () => {
    expect(
      redactSecrets('token: abcdef123456 and abcdef123456', ['abcdef123456', 'token: abcdef123456'])
    ).toBe('*** and ***');
  });
});
