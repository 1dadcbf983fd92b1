// The plan comment on a pull request, against a loopback HTTP server standing in for the GitHub
// REST API (GITHUB_API_URL points at it), with the real terraform on the fixture modules.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { GITHUB_COMMENT_LIMIT } from '../src/terraform/comment.js';
import type { Sandbox } from './fixtures/provision/harness.js';
import { fixtureInputs, runProvision, sandbox } from './fixtures/provision/harness.js';

interface Comment {
  id: number;
  body: string;
}

/** Issue comments of one repository, with GitHub's pagination and size limit. */
class GitHubDouble {
  readonly comments = new Map<number, Comment[]>();
  readonly requests: { method: string; path: string; authorization: string }[] = [];
  failWith: number | undefined;
  private nextId = 1000;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(({ status, body, headers }) => {
        response
          .writeHead(status, { 'content-type': 'application/json', ...headers })
          .end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  writes(): string[] {
    return this.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  }

  private async handle(
    request: IncomingMessage
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const url = new URL(request.url ?? '/', this.url);
    this.requests.push({
      method: request.method ?? '',
      path: url.pathname,
      authorization: String(request.headers.authorization ?? '')
    });
    if (this.failWith)
      return { status: this.failWith, body: { message: 'Resource not accessible by integration' } };
    let text = '';
    for await (const chunk of request) text += String(chunk);
    const list = /^\/repos\/o\/r\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const one = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (list && request.method === 'GET') {
      const all = this.comments.get(Number(list[1])) ?? [];
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const headers: Record<string, string> = {};
      if (page * perPage < all.length)
        headers.link = `<${this.url}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
      return { status: 200, body: all.slice((page - 1) * perPage, page * perPage), headers };
    }
    const body = (JSON.parse(text || '{}') as { body?: string }).body ?? '';
    // GitHub refuses bodies over its limit with 422.
    if (body.length > GITHUB_COMMENT_LIMIT) return { status: 422, body: { message: 'body is too long' } };
    if (list && request.method === 'POST') {
      const comment = { id: (this.nextId += 1), body };
      this.comments.set(Number(list[1]), [...(this.comments.get(Number(list[1])) ?? []), comment]);
      return { status: 201, body: comment };
    }
    if (one && request.method === 'PATCH') {
      for (const comments of this.comments.values()) {
        const comment = comments.find((c) => c.id === Number(one[1]));
        if (comment) {
          comment.body = body;
          return { status: 200, body: comment };
        }
      }
    }
    return { status: 404, body: { message: 'Not Found' } };
  }
}

const github = new GitHubDouble();
beforeAll(() => github.start());
afterAll(() => github.stop());

/** A sandbox whose environment is a pull_request run of o/r #number. */
function pullRequestSandbox(number: number, fixture = 'cluster'): Sandbox {
  const box = sandbox(fixture);
  const event = join(box.dir, 'event.json');
  writeFileSync(event, JSON.stringify({ action: 'synchronize', number, pull_request: { number } }));
  Object.assign(box.env, {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1'
  });
  return box;
}

const withComment = (box: Sandbox, cluster: string, extra: Record<string, string> = {}) =>
  fixtureInputs(box, cluster, { 'comment-on-pr': 'true', 'github-token': 'ghs_testtoken123', ...extra });

describe('the plan comment on a pull request', () => {
  test('is created once, left alone when the plan is the same, and updated in place when it changes', async () => {
    const box = pullRequestSandbox(7);
    // Other conversation first: the action's comment ends up on the second page.
    github.comments.set(7, [
      ...Array.from({ length: 120 }, (_, i) => ({ id: i + 1, body: `review note ${i}` })),
      { id: 500, body: '<!-- talos-irsa:provision cluster=someone-else -->\nnot ours' },
      // A reviewer who pasted the action's comment into a reply: the marker is there, not at the start.
      { id: 501, body: '> <!-- talos-irsa:provision cluster=pr-seven -->\n> 2 to add\n\nwhy two?' }
    ]);

    const first = await runProvision(withComment(box, 'pr-seven'), box.env);
    expect(first.error).toBeUndefined();
    expect(github.writes()).toEqual(['POST /repos/o/r/issues/7/comments']);
    expect(github.requests.every((r) => r.authorization === 'token ghs_testtoken123')).toBe(true);
    expect(first.masks.map((m) => m.value)).toContain('ghs_testtoken123');
    const ours = () =>
      (github.comments.get(7) ?? []).filter((c) =>
        c.body.startsWith('<!-- talos-irsa:provision cluster=pr-seven')
      );
    expect(ours()).toHaveLength(1);
    const body = ours()[0]?.body ?? '';
    expect(body.startsWith('<!-- talos-irsa:provision cluster=pr-seven -->\n')).toBe(true);
    expect(body).toContain('**2 to add, 0 to change, 0 to destroy.** Plan only: nothing was applied.');
    expect(body).toContain('```diff\n');
    expect(body).toContain('+   resource "terraform_data" "cluster" {');
    expect(first.log.lines).toContain('Plan comment created on pull request #7.');
    // The job summary carries the same report.
    expect(first.result?.summary).toContain(body.split('\n').slice(1).join('\n').trim().split('\n')[0] ?? '');
    expect(first.result?.summary).toContain('+   resource "terraform_data" "cluster" {');

    github.requests.length = 0;
    const same = await runProvision(withComment(box, 'pr-seven'), box.env);
    expect(same.error).toBeUndefined();
    expect(github.writes()).toEqual([]);
    expect(same.log.lines).toContain('The plan comment on pull request #7 is up to date: nothing written.');

    github.requests.length = 0;
    const changed = await runProvision(withComment(box, 'pr-seven', { variables: 'node_count: 3' }), box.env);
    expect(changed.error).toBeUndefined();
    expect(github.writes()).toEqual([`PATCH /repos/o/r/issues/comments/${ours()[0]?.id}`]);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.body).toContain('**4 to add, 0 to change, 0 to destroy.**');
    expect((github.comments.get(7) ?? []).find((c) => c.id === 500)?.body).toContain('not ours');
    expect((github.comments.get(7) ?? []).find((c) => c.id === 501)?.body).toContain('why two?');
  });

  test('a plan too long for one comment is cut below the limit with a pointer to the run log', async () => {
    const box = pullRequestSandbox(8);
    const label = 'long-'.repeat(60);
    const run = await runProvision(
      withComment(box, 'pr-eight', { variables: JSON.stringify({ node_count: 400, node_label: label }) }),
      box.env
    );
    expect(run.error).toBeUndefined();
    expect(run.result?.outputs['plan-summary']).toBe('401 to add, 0 to change, 0 to destroy');
    const body = github.comments.get(8)?.[0]?.body ?? '';
    expect(body.length).toBeGreaterThan(50_000);
    expect(body.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(
      /The plan was cut at line \d+ of \d+ to fit in a comment; the full plan is in the \[workflow log\]\(https:\/\/github\.example\/o\/r\/actions\/runs\/4242\/attempts\/1\)\./.test(
        body
      )
    ).toBe(true);
    expect(body.includes('\n```\n\n</details>')).toBe(true);
    expect(run.result?.summary.includes('The plan was cut at line')).toBe(true);
  });

  test('a secret input that the plan text repeats is redacted from the comment and the summary', async () => {
    // A variable that happens to carry the token, as a careless module might: the runner masks it
    // in the log, but the comment and the summary bypass the runner and must be redacted here.
    const box = pullRequestSandbox(10);
    const run = await runProvision(
      withComment(box, 'pr-ten', { variables: 'node_label: ghs_testtoken123' }),
      box.env
    );
    expect(run.error).toBeUndefined();
    const body = github.comments.get(10)?.[0]?.body ?? '';
    expect(body).toContain('pr-ten-0-***');
    expect(body).not.toContain('ghs_testtoken123');
    expect(run.result?.summary).toContain('pr-ten-0-***');
    expect(run.result?.summary).not.toContain('ghs_testtoken123');
  });

  test('secrets in the plan text are redacted from the comment', async () => {
    // This module's kubeconfig is not marked sensitive, so its destroy plan prints the token.
    const box = pullRequestSandbox(9, 'unmarked');
    const applied = await runProvision(fixtureInputs(box, 'pr-nine', { command: 'apply' }), box.env);
    const token = (
      parseYaml(applied.result?.outputs.kubeconfig ?? '') as { users: { user: { token: string } }[] }
    ).users[0]?.user.token;
    expect(token).toMatch(/^[0-9a-f]{64}$/);

    const destroyed = await runProvision(withComment(box, 'pr-nine', { command: 'destroy' }), box.env);
    expect(destroyed.error).toBeUndefined();
    const body = github.comments.get(9)?.[0]?.body ?? '';
    expect(body).toContain('Destroyed.');
    expect(body).toContain('-   kubeconfig = <<-EOT');
    expect(body).toContain('***');
    expect(body).not.toContain(token ?? 'missing');
    expect(destroyed.result?.summary).not.toContain(token ?? 'missing');
    // Terraform did print it in the log, which the runner masks: the mask came first.
    const printed = destroyed.log.lines.findIndex((line) => line.includes(token ?? 'missing'));
    const masked = destroyed.masks.find((m) => m.value === token);
    expect(printed).toBeGreaterThanOrEqual(masked?.logLength ?? Infinity);
  });

  test("a sensitive variable's value that a function's error quotes is masked before terraform runs and redacted from the comment", async () => {
    const box = pullRequestSandbox(14, 'sensitive-variable');
    const secret = 'not-a-cidr-s3cr3t-value';
    const run = await runProvision(
      withComment(box, 'pr-fourteen', { variables: `pod_cidr: ${secret}` }),
      box.env
    );
    expect(run.error?.message).toBe('terraform plan failed with exit code 1: 1 error, annotated above.');
    // Terraform quotes it ("invalid CIDR address: VALUE") though the variable is sensitive.
    const printed = run.log.lines.findIndex((line) => line.includes(`invalid CIDR address: ${secret}`));
    expect(printed).toBeGreaterThan(0);
    expect(run.masks.find((mask) => mask.value === secret)?.logLength).toBe(0);
    const body = github.comments.get(14)?.[0]?.body ?? '';
    expect(body).toContain('invalid CIDR address: ***');
    expect(body).not.toContain(secret);
  });

  test("a sensitive variable's TF_VAR_ value that an earlier step computed is masked before terraform runs and redacted from the comment", async () => {
    const box = pullRequestSandbox(19, 'sensitive-variable');
    const secret = 'computed-not-a-cidr-s3cr3t';
    // As `echo "TF_VAR_pod_cidr=$(...)" >> "$GITHUB_ENV"` leaves it: no secret of the runner's to mask it.
    box.env.TF_VAR_pod_cidr = secret;
    const run = await runProvision(withComment(box, 'pr-nineteen'), box.env);
    expect(run.error?.message).toBe('terraform plan failed with exit code 1: 1 error, annotated above.');
    expect(run.log.lines.some((line) => line.includes(`invalid CIDR address: ${secret}`))).toBe(true);
    expect(run.masks.find((mask) => mask.value === secret)?.logLength).toBe(0);
    const body = github.comments.get(19)?.[0]?.body ?? '';
    expect(body).toContain('invalid CIDR address: ***');
    expect(body).not.toContain(secret);
  });

  test("a sensitive object variable's TF_VAR_ value is masked, each string in it too, and redacted from the comment and the summary", async () => {
    const box = pullRequestSandbox(20, 'sensitive-variable');
    const token = 'abcdef.0123456789abcdef';
    box.env.TF_VAR_bootstrap = `{ token = "${token}", note = "first boot" }`;
    const run = await runProvision(withComment(box, 'pr-twenty'), box.env);
    expect(run.error).toBeUndefined();
    const masked = run.masks.filter((mask) => mask.logLength === 0).map((mask) => mask.value);
    expect(masked).toEqual(expect.arrayContaining([token, 'first boot', box.env.TF_VAR_bootstrap]));
    expect(run.log.lines.some((line) => line.includes(`pr-twenty/worker/${token}`))).toBe(true);
    const body = github.comments.get(20)?.[0]?.body ?? '';
    for (const text of [body, run.result?.summary ?? '']) {
      expect(text).toContain('pr-twenty/worker/***');
      expect(text).not.toContain(token);
    }
  });

  test("a var-file's heredoc for a sensitive variable is masked line by line before terraform runs and redacted from the comment", async () => {
    const box = pullRequestSandbox(17, 'sensitive-variable');
    const lines = ['first-line-s3cr3t', 'second-line-s3cr3t'];
    writeFileSync(join(box.dir, 'secret.tfvars'), `pod_cidr = <<-EOT\n  ${lines.join('\n  ')}\n  EOT\n`);
    const run = await runProvision(
      withComment(box, 'pr-seventeen', { 'var-files': 'secret.tfvars' }),
      box.env
    );
    expect(run.error?.message).toBe('terraform plan failed with exit code 1: 1 error, annotated above.');
    // cidrsubnet's error quotes the value: terraform prints its second line on a line of its own.
    for (const line of lines) {
      expect(run.log.lines.some((logged) => logged.includes(line))).toBe(true);
      expect(run.masks.find((mask) => mask.value === line)?.logLength).toBe(0);
    }
    const body = github.comments.get(17)?.[0]?.body ?? '';
    expect(body).toContain('invalid CIDR address: *** ***');
    for (const line of lines) expect(body).not.toContain(line);
  });

  test('a .tfvars.json that gives a sensitive variable twice is refused before terraform runs, whose error would quote the first value', async () => {
    // Checked against terraform 1.11.4: plan -var-file of either file fails (Duplicate attribute
    // definition; Duplicate object attribute), quoting the line, first value and all, which
    // JSON.parse (keeping the last) never showed the action to mask.
    const first = 'first-not-a-cidr-s3cr3t';
    for (const [number, text, named] of [
      [21, `{"pod_cidr": "${first}", "pod_cidr": "10.0.0.0/16"}`, 'sets pod_cidr twice'],
      [
        22,
        `{"bootstrap": {"token": "${first}", "token": "abcdef.0123456789abcdef", "note": ""}}`,
        'gives the sensitive variable bootstrap a value with a name set twice'
      ]
    ] as const) {
      const box = pullRequestSandbox(number, 'sensitive-variable');
      writeFileSync(join(box.dir, 'secret.tfvars.json'), text);
      const run = await runProvision(
        withComment(box, `pr-${number}`, { 'var-files': 'secret.tfvars.json' }),
        box.env
      );
      expect(run.error?.message).toBe(
        `Input 'var-files': 'secret.tfvars.json' ${named}, which terraform refuses, quoting the line: give each name once.`
      );
      expect(run.log.lines.filter((line) => line.includes(first))).toEqual([]);
      expect(github.comments.get(number)?.[0]?.body ?? '').not.toContain(first);
    }
  });

  test('a numeric TF_VAR_ value of a sensitive variable is masked as terraform prints it as a number, before terraform runs', async () => {
    // Checked against terraform 1.11.4: a number variable takes TF_VAR_pin=1.2345600e5 as 123456,
    // and a string or untyped one that the module uses as a number prints 9.87654e5 as 987654 and
    // 111111p1 (Go's base-2 exponent, which terraform's reading of a number allows) as 222222.
    const box = pullRequestSandbox(27, 'sensitive-variable');
    writeFileSync(
      join(box.module, 'numbers.tf'),
      [
        'variable "pin" {\n  type      = number\n  sensitive = true\n}',
        'variable "code" {\n  type      = string\n  sensitive = true\n}',
        'variable "tag" {\n  sensitive = true\n}',
        'resource "terraform_data" "numbers" {',
        '  input = "pin=${nonsensitive(var.pin)} code=${nonsensitive(var.code + 0)} tag=${nonsensitive(var.tag + 0)}"',
        '}',
        ''
      ].join('\n')
    );
    Object.assign(box.env, { TF_VAR_pin: '1.2345600e5', TF_VAR_code: '9.87654e5', TF_VAR_tag: '111111p1' });
    const run = await runProvision(withComment(box, 'pr-27'), box.env);
    expect(run.error).toBeUndefined();
    expect(run.log.lines.some((line) => line.includes('pin=123456 code=987654 tag=222222'))).toBe(true);
    for (const printed of ['123456', '987654', '222222'])
      expect(run.masks.find((mask) => mask.value === printed)?.logLength).toBe(0);
    const body = github.comments.get(27)?.[0]?.body ?? '';
    for (const text of [body, run.result?.summary ?? '']) expect(text).toContain('pin=*** code=*** tag=***');
  });

  test('a var-file terraform refuses, quoting its lines, is refused before terraform runs when the module has sensitive variables', async () => {
    // Checked against terraform 1.11.4: plan -var-file of each fails (Root value must be object,
    // Incorrect JSON value type, Missing newline after argument, Invalid argument name), quoting the
    // line, the sensitive value on it unmasked, as the action read no value from a file it could not read.
    const secret = 'unread-s3cr3t-value';
    for (const [number, name, text, json] of [
      [28, 'a.tfvars.json', `{"pod_cidr": "${secret}",}`, true],
      [29, 'b.tfvars.json', `[{"pod_cidr": "${secret}"}]`, true],
      [30, 'c.tfvars', `pod_cidr = "${secret}" }\n`, false],
      [31, 'd.tfvars', `"pod_cidr" = "${secret}"\n`, false]
    ] as const) {
      const box = pullRequestSandbox(number, 'sensitive-variable');
      writeFileSync(join(box.dir, name), text);
      const run = await runProvision(withComment(box, `pr-${number}`, { 'var-files': name }), box.env);
      expect(run.error?.message).toBe(
        `Input 'var-files': '${name}' does not read as a file of name = value settings${json ? ' (JSON, for its .json name)' : ''}: terraform would refuse it too, quoting its lines, a sensitive variable's value among them.`
      );
      expect(run.log.lines.filter((line) => line.includes(secret))).toEqual([]);
      expect(github.comments.get(number)?.[0]?.body ?? '').not.toContain(secret);
    }
  });

  test('-var or -var-file in TF_CLI_ARGS or TF_CLI_ARGS_plan is refused before terraform runs when the module has sensitive variables', async () => {
    // Checked against terraform 1.11.4: plan appends TF_CLI_ARGS and TF_CLI_ARGS_plan to its own
    // arguments, and cidrsubnet's error quoted a value given so, which the action never saw to mask.
    const secret = 'cli-args-s3cr3t-value';
    // In a sandbox of its own, which the harness removes: it holds the secret.
    const file = join(sandbox().dir, 'cli-args.tfvars');
    writeFileSync(file, `pod_cidr = "${secret}"\n`);
    for (const [number, name, args] of [
      [32, 'TF_CLI_ARGS_plan', `-var=pod_cidr=${secret}`],
      [33, 'TF_CLI_ARGS_plan', `-lock-timeout=5s '--var-file=${file}'`],
      [34, 'TF_CLI_ARGS', `-var "pod_cidr=${secret}"`]
    ] as const) {
      const box = pullRequestSandbox(number, 'sensitive-variable');
      box.env[name] = args;
      const run = await runProvision(withComment(box, `pr-${number}`), box.env);
      expect(run.error?.message).toBe(
        `The environment variable ${name} gives terraform -var or -var-file, whose values the action cannot read to mask a sensitive variable's: give variables through the variables or var-files input, or TF_VAR_<name>.`
      );
      expect(run.log.lines.filter((line) => line.includes(secret))).toEqual([]);
      expect(github.comments.get(number)?.[0]?.body ?? '').not.toContain(secret);
    }
  });

  test('a sensitive variable the module unwraps with nonsensitive() is redacted from the comment and the summary; an ordinary one is not', async () => {
    const box = pullRequestSandbox(15, 'sensitive-variable');
    const token = 'abcdef.0123456789abcdef';
    const run = await runProvision(
      withComment(box, 'pr-fifteen', {
        variables: `node_label: gpu-pool-b\nbootstrap: {token: "${token}", note: "first boot"}`
      }),
      box.env
    );
    expect(run.error).toBeUndefined();
    // Each string of a structured value is masked, and the value whole, before terraform runs.
    const masked = run.masks.filter((mask) => mask.logLength === 0).map((mask) => mask.value);
    expect(masked).toEqual(
      expect.arrayContaining([token, 'first boot', JSON.stringify({ token, note: 'first boot' })])
    );
    expect(masked).not.toContain('gpu-pool-b');
    expect(run.log.lines.some((line) => line.includes(`pr-fifteen/gpu-pool-b/${token}`))).toBe(true);
    const body = github.comments.get(15)?.[0]?.body ?? '';
    for (const text of [body, run.result?.summary ?? '']) {
      expect(text).toContain('pr-fifteen/gpu-pool-b/***');
      expect(text).not.toContain(token);
    }
  });

  test('a variable declared sensitive by an expression that is true to terraform is masked before terraform runs, whose failing plan quotes its value', async () => {
    // Checked against terraform 1.11.4: each of these makes the variable sensitive; the plan fails
    // on cidrsubnet, whose error quotes the value, before any saved plan could tell the action.
    const secret = 'not-a-cidr-s3cr3t-value';
    for (const [number, declared] of [
      [23, '(true)'],
      [24, '"true"'],
      [25, '!false'],
      [26, 'true ? true : false']
    ] as const) {
      const box = pullRequestSandbox(number, 'sensitive-variable');
      const main = join(box.module, 'main.tf');
      writeFileSync(
        main,
        readFileSync(main, 'utf8').replaceAll('sensitive = true', `sensitive = ${declared}`)
      );
      const run = await runProvision(
        withComment(box, `pr-${number}`, { variables: `pod_cidr: ${secret}` }),
        box.env
      );
      expect(run.error?.message).toBe('terraform plan failed with exit code 1: 1 error, annotated above.');
      expect(run.log.lines.some((line) => line.includes(`invalid CIDR address: ${secret}`))).toBe(true);
      expect(run.masks.find((mask) => mask.value === secret)?.logLength).toBe(0);
      const body = github.comments.get(number)?.[0]?.body ?? '';
      expect(body).toContain('invalid CIDR address: ***');
      expect(body).not.toContain(secret);
    }
  });

  test('a sensitive variable declared sensitive = (true) is masked before terraform runs and redacted from the comment and the summary', async () => {
    const box = pullRequestSandbox(16, 'sensitive-variable');
    // (true) is as good as true to terraform, and to the action, which reads it before terraform runs.
    const main = join(box.module, 'main.tf');
    writeFileSync(main, readFileSync(main, 'utf8').replaceAll('sensitive = true', 'sensitive = (true)'));
    const token = 'abcdef.0123456789abcdef';
    const run = await runProvision(
      withComment(box, 'pr-sixteen', { variables: `bootstrap: {token: "${token}", note: ""}` }),
      box.env
    );
    expect(run.error).toBeUndefined();
    expect(run.masks.find((mask) => mask.value === token)?.logLength).toBe(0);
    const body = github.comments.get(16)?.[0]?.body ?? '';
    for (const text of [body, run.result?.summary ?? '']) {
      expect(text).toContain('pr-sixteen/worker/***');
      expect(text).not.toContain(token);
    }
  });

  test('a var-file value for a variable declared sensitive = (true) is masked before terraform runs and redacted from the comment and the summary', async () => {
    const box = pullRequestSandbox(18, 'sensitive-variable');
    const main = join(box.module, 'main.tf');
    writeFileSync(main, readFileSync(main, 'utf8').replaceAll('sensitive = true', 'sensitive = (true)'));
    const token = 'abcdef.0123456789abcdef';
    writeFileSync(join(box.dir, 'secret.tfvars'), `bootstrap = { token = "${token}", note = "" }\n`);
    const run = await runProvision(
      withComment(box, 'pr-eighteen', { 'var-files': 'secret.tfvars' }),
      box.env
    );
    expect(run.error).toBeUndefined();
    expect(run.masks.find((mask) => mask.value === token)?.logLength).toBe(0);
    const body = github.comments.get(18)?.[0]?.body ?? '';
    for (const text of [body, run.result?.summary ?? '']) {
      expect(text).toContain('pr-eighteen/worker/***');
      expect(text).not.toContain(token);
    }
  });

  test('when the plan fails, the comment stops showing the old plan and gives the errors', async () => {
    const box = pullRequestSandbox(13);
    expect((await runProvision(withComment(box, 'pr-thirteen'), box.env)).error).toBeUndefined();
    const id = github.comments.get(13)?.[0]?.id;
    github.requests.length = 0;
    const failed = await runProvision(
      withComment(box, 'pr-thirteen', { variables: 'node_count: 900' }),
      box.env
    );
    expect(failed.error?.message).toBe('terraform plan failed with exit code 1: 1 error, annotated above.');
    expect(github.writes()).toEqual([`PATCH /repos/o/r/issues/comments/${id}`]);
    const body = github.comments.get(13)?.[0]?.body ?? '';
    expect(body.startsWith('<!-- talos-irsa:provision cluster=pr-thirteen -->\n')).toBe(true);
    expect(body).toContain(
      '**`terraform plan` failed.** The details are in the [workflow log](https://github.example/o/r/actions/runs/4242/attempts/1).'
    );
    expect(body).toMatch(
      /\n```text\nInvalid value for variable \(variables-input\.tfvars\.json line \d+\): node_count must be between 1 and 500\./
    );
    expect(body).not.toContain('```diff');
  });

  test('a refused comment (a read-only token) is a warning; the plan still succeeds', async () => {
    const box = pullRequestSandbox(10);
    github.failWith = 403;
    try {
      const run = await runProvision(withComment(box, 'pr-ten'), box.env);
      expect(run.error).toBeUndefined();
      expect(run.result?.outputs['has-changes']).toBe('true');
      expect(
        run.log.lines.some((l) =>
          /^::warning::Could not comment on pull request #10 \(.*\); the report is in the job summary and this log\.$/.test(
            l
          )
        )
      ).toBe(true);
    } finally {
      github.failWith = undefined;
    }
  });

  test('no comment without comment-on-pr, on other events, or for the output command', async () => {
    const box = pullRequestSandbox(11);
    github.requests.length = 0;
    expect(
      (await runProvision(withComment(box, 'pr-eleven', { 'comment-on-pr': 'false' }), box.env)).error
    ).toBeUndefined();
    expect(
      (await runProvision(withComment(box, 'pr-eleven', { command: 'output' }), box.env)).error
    ).toBeUndefined();
    const push = { ...box.env, GITHUB_EVENT_NAME: 'push' };
    expect((await runProvision(withComment(box, 'pr-eleven'), push)).error).toBeUndefined();
    expect(github.requests).toEqual([]);
  });

  test('an empty github-token on a pull request is refused before terraform runs', async () => {
    const box = pullRequestSandbox(12);
    const run = await runProvision(withComment(box, 'pr-twelve', { 'github-token': '' }), box.env);
    expect(run.error?.message).toMatch(/^Input 'github-token': is empty/);
    expect(run.log.lines).toEqual([]);
  });
});
