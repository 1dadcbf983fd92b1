// The README's generated region: per-action input and output tables from each action.yml, the
// minimal IAM policy of each action from docs/iam/<action>.json, a quick start for using the
// actions from another repository, the repository's own workflows, and how releases work.
// Pure: it takes the parsed interfaces and policies and returns markdown.
import type { ActionInterface, Interfaces } from './check-workflows.js';

export const REGION_START = '<!-- action-docs:start -->';
export const REGION_END = '<!-- action-docs:end -->';

/** Markdown table cell: pipes escaped, line breaks kept as <br>, nothing else touched. */
export function cell(value: string): string {
  return value.trim().replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function code(value: string): string {
  // A backtick inside the value needs a longer fence.
  return value.includes('`') ? `\`\` ${value} \`\`` : `\`${value}\``;
}

export function inputsTable(action: ActionInterface): string {
  if (action.inputs.size === 0) return '_No inputs._';
  const rows = [...action.inputs].map(([name, input]) => {
    const required = input.required && !input.hasDefault ? '**yes**' : 'no';
    const byDefault = input.default === undefined || input.default === '' ? '' : code(input.default);
    return `| ${code(name)} | ${required} | ${cell(byDefault)} | ${cell(input.description)} |`;
  });
  return ['| Input | Required | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function outputsTable(action: ActionInterface): string {
  if (action.outputs.size === 0) return '_No outputs._';
  const rows = [...action.outputs].map(([name, description]) => `| ${code(name)} | ${cell(description)} |`);
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

/** What the policy of each action is for, and where it is broader or narrower than it looks. */
const POLICY_NOTES: Record<string, string> = {
  provision:
    'Terraform needs far more than the actions: read and write the state (and its `.tflock` lock object) in the state ' +
    "bucket, under the `talos-irsa/` prefix this repository's workflows put it at (`talos-irsa/<cluster>/terraform.tfstate`: " +
    'widen `StateObjectsAndLocks` if your backend `key` lies elsewhere), and create, change and delete everything the module makes — the VPC, subnets, routes, security groups, ' +
    'EC2 instances, the network load balancer, the discovery bucket with its policy, and the IAM OIDC provider. ' +
    'The policy below is that broad on purpose; narrow `ec2:*` and `elasticloadbalancing:*` with tag conditions if ' +
    'your organisation requires it. A plan-only role (`plan.yml`) needs the read actions of the same services ' +
    'plus the state and lock objects.',
  'publish-oidc':
    'Writes exactly the two public documents. The `OnlyWithManageBucketTrue` statement is needed only with ' +
    '`manage-bucket: true`, and the `Create`/`Tag`/`Add`/`Update` provider actions only with `create-provider: true`. ' +
    '`iam:TagOpenIDConnectProvider` tags a provider it creates as its own for the issuer (without it the provider is ' +
    'created untagged, with a warning, and `remove: true` leaves it). The `OnlyWithRemove…` statements are needed only ' +
    'with `remove: true`: it deletes the two documents, its own bucket-policy statement (`s3:DeleteBucketPolicy` when ' +
    'that was the only one, with `manage-bucket: true`) and a provider tagged `managed-by: talos-irsa` for the issuer; ' +
    '`iam:ListRoles` is optional and only names the roles that still trust that provider. ' +
    'If the cluster serves its JWKS under another path, list that object key instead of `openid/v1/jwks`; if ' +
    'issuer-url has a path after the bucket, prefix both keys with it.',
  'irsa-role':
    'Scope `role/*` down to a path (`role/irsa/*` with `role-path: /irsa/`) to keep the action away from other roles. ' +
    'It needs no `iam:PassRole`: nothing here hands a role to a service. `iam:UntagRole` removes only the ' +
    '`talos-irsa/creating` marker a role carries from its creation until its policies are in place. ' +
    '`iam:DeleteRole` is used only to remove a role that was never finished (created by the same run, or still ' +
    'carrying that marker) when IAM then refuses its policy, and only on roles tagged `managed-by: talos-irsa`. ' +
    "`iam:GetAccountSummary` is optional, and read only when a role goes past one of IAM's default quotas (more than " +
    "10 managed policies, or a trust policy over 2,048 characters), to check it against the account's own quotas " +
    "before writing; without it IAM's documented ceilings (20 managed policies, 4,096 characters) stand in: past " +
    'them the run is refused, up to them it warns. `annotate-service-account` talks to the cluster, not to AWS.',
  'verify-irsa':
    'Only reads. `sts:AssumeRoleWithWebIdentity` needs no credentials at all — the service account token is the ' +
    'credential and the role’s trust policy is the permission — and `sts:GetCallerIdentity` is allowed for everyone. ' +
    "IAM is read with credentials of the role's own account, whose provider STS uses: with another account's " +
    "(GetCallerIdentity tells), the run warns and leaves the provider and the role to STS's answer (not checked, and the job summary says why)."
};

/**
 * What each action asks of the Kubernetes API, as the RBAC rules a Role (or ClusterRole) would grant;
 * the code's calls are in src/<action>/ (cluster.ts, cluster-documents.ts, service-account-annotation.ts).
 */
const KUBERNETES_PERMISSIONS: Record<string, string> = {
  provision: "None: it runs Terraform, and hands the cluster's kubeconfig on as an output.",
  'publish-oidc':
    "`get` on the non-resource URLs `/.well-known/openid-configuration` and `/openid/v1/jwks` (the cluster's " +
    '`system:service-account-issuer-discovery` ClusterRole grants exactly these).',
  'irsa-role':
    "Only with `annotate-service-account: true`: `get`, `create` and `patch` on `serviceaccounts` in the bindings' " +
    'namespaces, `get` on `namespaces` (a refusal of that one is tolerated), and `get` on the non-resource URL ' +
    '`/.well-known/openid-configuration` (the `system:service-account-issuer-discovery` ClusterRole), whose issuer ' +
    "must be the provider's: a kubeconfig of another cluster is refused before any write. Without that grant the run warns " +
    'that it cannot tell.',
  'verify-irsa':
    'In the namespace: `get`, `create`, `patch` and `delete` on `serviceaccounts`; `create` on ' +
    '`serviceaccounts/token`; `create`, `get`, `list`, `watch` and `delete` on `pods`; `get` on `pods/log`; ' +
    '`list` on `events`. Without `patch` a run uses the service account as it finds it and leaves it in place; ' +
    "without `list` on pods it cannot clear a killed run's pod, which is all token mode asks of pods, and pod " +
    "mode's watch starts from the present instead of from a fresh read of its pod (a pod deleted before the " +
    'watch opens is then seen only at the timeout).'
};

const PLACEHOLDERS = ['ACCOUNT_ID', 'DISCOVERY_BUCKET', 'STATE_BUCKET', 'CLUSTER_REGION'];

/** Names the placeholders a policy uses, so the reader knows what to fill in. */
export function placeholderNote(policy: string): string {
  const used = PLACEHOLDERS.filter((p) => policy.includes(p)).map((p) => `\`${p}\``);
  if (used.length === 0) return 'Use it as it is.';
  const list = used.length === 1 ? used[0] : `${used.slice(0, -1).join(', ')} and ${used.at(-1)}`;
  return `Replace ${list} with yours.`;
}

export function actionSection(action: ActionInterface, policy: string | undefined): string {
  const lines = [
    `### ${action.name}`,
    '',
    `\`uses: OWNER/REPO/actions/${action.name}@v1\` — ${action.description.replace(/\s+/g, ' ')}`,
    '',
    '#### Inputs',
    '',
    inputsTable(action),
    '',
    '#### Outputs',
    '',
    outputsTable(action),
    ''
  ];
  const kubernetes = KUBERNETES_PERMISSIONS[action.name];
  if (kubernetes !== undefined) lines.push('#### Kubernetes permissions', '', kubernetes, '');
  if (policy !== undefined) {
    lines.push(
      '#### Minimal IAM policy',
      '',
      POLICY_NOTES[action.name] ?? '',
      '',
      placeholderNote(policy),
      '',
      '```json',
      policy.trim(),
      '```',
      ''
    );
  }
  return lines.join('\n');
}

const QUICK_START = `## Using the actions from another repository

Each action is a directory of this repository with its own \`action.yml\`; reference it by path and tag.
The job needs \`id-token: write\` to get AWS credentials from GitHub's OIDC provider, and the role it assumes needs
the minimal policy listed under each action below.

\`\`\`yaml
name: IRSA for my-app
on:
  workflow_dispatch:
permissions: {}
jobs:
  irsa:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c # v6.2.3
        with:
          role-to-assume: arn:aws:iam::123456789012:role/talos-irsa-publisher
          aws-region: eu-west-1
      - id: publish
        uses: OWNER/REPO/actions/publish-oidc@v1
        with:
          kubeconfig: \${{ secrets.KUBECONFIG }}
          bucket: my-cluster-oidc # must exist and serve the two documents publicly (the bundled Terraform makes it so), or add manage-bucket: true
      - id: role
        uses: OWNER/REPO/actions/irsa-role@v1
        with:
          issuer-url: \${{ steps.publish.outputs.issuer-url }}
          role-name: my-app
          namespace: apps
          service-account: my-app
          policy-arns: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
      - uses: OWNER/REPO/actions/verify-irsa@v1
        with:
          kubeconfig: \${{ secrets.KUBECONFIG }}
          role-arn: \${{ steps.role.outputs.role-arn }}
          namespace: apps
          service-account: my-app
\`\`\`

A pod gets the role only through its environment. Talos runs no pod-identity webhook unless you install one
(amazon-eks-pod-identity-webhook), and without one the \`eks.amazonaws.com/role-arn\` annotation does nothing: the
workload sets \`AWS_ROLE_ARN\`, \`AWS_WEB_IDENTITY_TOKEN_FILE\` and a projected service account token of audience
\`sts.amazonaws.com\` itself, as verify-irsa's pod does (its \`webhook\` check says which case a cluster is, and
fails when a webhook would give the service account's pods another role or audience than the one verified).
The pod also sets \`AWS_ROLE_SESSION_NAME\` to its own name, which carries the run's random id; the AWS CLI passes it
to AssumeRoleWithWebIdentity as the session name, and the \`pod\` check passes only for an assumed-role ARN of that
session, so that an answer in its log is bound to this run's pod.

Secrets stay in the job that reads them: pass the kubeconfig from step to step (\`provision\`'s
\`kubeconfig-path\` output, or the secret itself), never through job outputs. To create a whole cluster from another
repository, call the reusable workflow; its inputs, secrets and outputs are described in
[\`.github/workflows/reusable-cluster.yml\`](.github/workflows/reusable-cluster.yml):

\`\`\`yaml
name: Cluster
on:
  workflow_dispatch:
permissions: {}
jobs:
  cluster:
    uses: OWNER/REPO/.github/workflows/reusable-cluster.yml@v1
    permissions:
      contents: read
      id-token: write
    with:
      suite-repository: OWNER/REPO
      suite-ref: v1
      cluster-name: demo
      region: eu-west-1
      admin-cidrs: 203.0.113.10/32
      api-cidrs: 203.0.113.0/24
      state-bucket: my-terraform-state
      state-region: eu-west-1
    secrets:
      AWS_ROLE_ARN: \${{ secrets.TALOS_AWS_ROLE_ARN }}
\`\`\`

\`suite-repository\` and \`suite-ref\` repeat what the \`uses:\` line says because, inside a called workflow, \`./\` is the
caller's checkout: the workflow checks the suite out beside it to run the actions and the bundled Terraform.
Pin both to the same ref. \`suite-ref\` defaults to \`v1\`, which is right only for \`@v1\`: a caller that pins the
workflow by commit (\`reusable-cluster.yml@<sha>\`) and leaves \`suite-ref\` out runs that commit's workflow with the
actions and Terraform of whatever \`v1\` points to today, so give \`suite-ref: <sha>\` too.
`;

const WORKFLOWS = `## This repository's workflows

| Workflow | Runs on | What it does |
| --- | --- | --- |
| \`create-cluster.yml\` | \`workflow_dispatch\` | provision \`apply\` → publish-oidc → irsa-role → verify-irsa, in one job in the \`talos-clusters\` environment |
| \`plan.yml\` | \`pull_request\` on \`terraform/**\`, \`actions/provision/**\` and the workflow itself | provision \`plan\` for every cluster, one PR comment each; PRs from forks (a head repository other than this one) are skipped with a notice |
| \`oidc-resync.yml\` | \`schedule\`, \`workflow_dispatch\` | provision \`output\` (kubeconfig from state) → publish-oidc for each cluster (one job each: one failing hides no other); the summary says whether keys rotated (publish-oidc's \`keys-changed\`: \`changed\` is also true when only the discovery document was rewritten), and a cluster destroyed while its job waited is skipped with a notice |
| \`destroy-cluster.yml\` | \`workflow_dispatch\` | after the cluster name is typed twice: publish-oidc \`remove: true\` (its two discovery documents, only when the stored discovery document names its issuer; another issuer's, in a bucket shared by mistake, fail the job with nothing removed and nothing destroyed; a JWKS a first publish cut short left goes too when publish-oidc marked it for this issuer, else its summary says how to delete it before \`terraform destroy\` fails on the bucket) → provision \`destroy\` (Terraform owns the bucket, its policy and the IAM OIDC provider) → the IRSA probe role; run again after a failed destroy, it finds no documents left and goes on |
| \`reusable-cluster.yml\` | \`workflow_call\` | create and verify a cluster from another repository |
| \`ci.yml\` | push to \`main\`, pull request, \`workflow_dispatch\` | lint, tests, \`dist/\` equals a fresh build, the four actions on the local stack |

Every workflow starts from \`permissions: {}\` (or \`contents: read\`) and each job asks for what it needs; every
third-party action is pinned to a full commit SHA with its version in a comment; every job has \`timeout-minutes\`;
\`create\`, \`destroy\`, \`resync\` and the reusable workflow share the concurrency group \`talos-irsa-cluster-<name>\`, so two
operations on one cluster never overlap, and queue there with \`queue: max\` (up to 100 pending runs): without it a new
pending run cancels the older pending one, so the 6-hourly resync could cancel a queued destroy. \`plan.yml\` is in
no cluster group (a pull request neither waits behind nor holds up a cluster's operations), but its plans take the
state lock: every provision step that plans or applies a cluster's state sets \`TF_CLI_ARGS_plan\` and
\`TF_CLI_ARGS_apply\` to \`-lock-timeout=10m\`, so that a destroy waits for a pull request's plan instead of failing
with its discovery documents already removed. Nothing uses \`pull_request_target\`.

Settings they read. The state's bucket and region are configuration variables (\`vars\`), not secrets: they are not
secret, and GitHub drops (with only a warning) any job output that contains the value of a secret the job reads. With
the region \`eu-west-1\` kept as a secret, the list of clusters \`["prod-eu-west-1"]\` never reached the plan or resync
jobs.

| Setting | Kind | Where | Used by |
| --- | --- | --- | --- |
| \`TALOS_IRSA_STATE_BUCKET\`, \`TALOS_IRSA_STATE_REGION\` | variable | repository (not per environment: plan runs in none, and all four must find the same state) | create, destroy, resync, plan |
| \`AWS_ROLE_ARN\` | secret | environment \`talos-clusters\` (apply/destroy role; require reviewers here): provision's policy is not enough: create also runs publish-oidc, irsa-role and verify-irsa, and destroy publish-oidc \`remove: true\` and the deletion of the probe role irsa-role made, so give it the minimal policies of all four actions | create, destroy |
| \`AWS_ROLE_ARN\` | secret | environment \`talos-oidc-resync\` (state read + the publish-oidc policy; no reviewers, it runs unattended) | resync |
| \`AWS_PLAN_ROLE_ARN\` | secret | repository (read-only role that may also write the state lock object) | plan |
| \`TALOS_IRSA_RUNNER\` | variable | repository, optional: the runner label of the jobs that reach the cluster (default \`ubuntu-latest\`; see below) | create, destroy, resync, plan |

The role ARNs stay secrets so that the account ID in them is masked in the logs; a whole ARN cannot be part of a
list of cluster names, so it never costs a job its output. Upgrading from a version that read the bucket and region
as secrets: create the two variables, then delete the two secrets (nothing reads them any more).

Trust each role for GitHub's OIDC provider with a \`sub\` condition that pins the repository and environment,
e.g. \`repo:OWNER/REPO:environment:talos-clusters\`, and the plan role with \`repo:OWNER/REPO:pull_request\`.

After a successful apply, \`create-cluster.yml\` stores the cluster's Terraform variables beside its state
(\`talos-irsa/<cluster>/cluster.tfvars.json\`), which is how plan, resync and destroy find the clusters and use the
same variables (plan and resync skip, with a warning, any such key whose \`<cluster>\` is not a name create-cluster.yml
accepts, or that lies deeper under \`talos-irsa/\`). Before the apply it records them as
\`talos-irsa/<cluster>/pending.tfvars.json\`, which nothing lists: a first apply that fails half-way leaves a cluster
that plan and resync skip (it has no kubeconfig to resync) and that \`destroy-cluster.yml\` can still destroy with
those variables.

### Who can use the roles

The Terraform state holds each cluster's kubeconfig and talosconfig (admin credentials) in plain text, so a role
that can read it can take over the clusters.

- **Restrict both environments to \`main\`.** In the repository's settings, give \`talos-oidc-resync\` and
  \`talos-clusters\` a deployment branch policy that allows only \`main\` (Environments → the environment → Deployment
  branches and tags → Selected branches). \`talos-oidc-resync\` has no reviewers, since it runs unattended, and its
  role reads the state and writes the public JWKS. Without the policy, anyone who can push a branch can add a job
  with \`environment: talos-oidc-resync\` to it, get that role, and read every cluster's admin credentials or publish
  signing keys of their own, which every IRSA role of those clusters would then accept. The \`sub\` the role trusts
  means "from \`main\`" only because the environment admits nothing else.
- **The plan role can read what plan needs, and that is already a lot.** \`terraform plan\` reads the whole state
  object, so the plan role reads the admin credentials in it; let it read nothing more: \`s3:GetObject\` on
  \`talos-irsa/*/terraform.tfstate\` and \`talos-irsa/*/cluster.tfvars.json\`, \`s3:ListBucket\` on the \`talos-irsa/\`
  prefix, \`s3:PutObject\` and \`s3:DeleteObject\` on \`talos-irsa/*/terraform.tfstate.tflock\` only, and the read-only
  actions of what the module makes; no write to the state or to any other prefix, no IAM or S3 writes elsewhere.
- **Why pull requests from this repository run with it.** \`plan.yml\` runs on \`pull_request\`, and GitHub gives a pull
  request from a branch of the repository (not from a fork) its secrets and an OIDC token. What runs is the pull
  request's own \`plan.yml\` and Terraform, so anyone who can push a branch can make that job do whatever the plan
  role allows, printing the state included. That is the price of plans on pull requests: give write access only to
  people you would trust with the clusters' admin credentials, or put the plan job in an environment with required
  reviewers (its role then trusts \`repo:OWNER/REPO:environment:<name>\`).

### The runners must reach the cluster

These workflows talk to the cluster from the runner that runs them, not from AWS:

- \`create-cluster.yml\` applies the Talos configuration and bootstraps through the Talos API (TCP 50000, allowed by
  \`admin-cidrs\`), and publish-oidc and verify-irsa use the Kubernetes API (TCP 6443, allowed by \`api-cidrs\`).
- \`oidc-resync.yml\`'s publish-oidc reads the signing keys (\`/openid/v1/jwks\`) from the Kubernetes API every 6 hours,
  so \`api-cidrs\` must admit its runner for the cluster's whole life, not only while it is created. When it does not,
  each resync fails and rotated keys never reach the public JWKS.
- \`destroy-cluster.yml\` and \`plan.yml\` run Terraform, whose Talos resources may reach the Talos API when they are
  refreshed (always with \`wait_for_health\`).

GitHub-hosted runners have no fixed address: their ranges (the \`actions\` list of GitHub's \`/meta\` API) are thousands
of CIDRs that change, more than a security group holds, and admitting them admits every GitHub Actions job. So run
these jobs on a runner with a known address — a self-hosted runner inside (or peered with) the VPC, or a larger
runner with a static IP range — put its address in \`admin-cidrs\` and \`api-cidrs\`, and set the repository variable
\`TALOS_IRSA_RUNNER\` to its label (the reusable workflow takes it as its \`runs-on\` input). Each of those jobs first
checks that the runner has bash, the AWS CLI and jq on \`PATH\`, as GitHub's ubuntu runners do. \`plan.yml\` runs the
pull request's code on that runner: use ephemeral runners (one job each) there.

\`ci.yml\`'s \`local-stack\` job can be run on your machine, step by step as the runner would, against a running
\`npm run stack\` (export its environment first): \`npx tsx scripts/run-workflow-job.ts .github/workflows/ci.yml local-stack\`.
It skips the set-up steps and runs the four actions from their committed \`dist/\`; \`test/workflows-local-stack.test.ts\`
does the same inside \`npm test\`. It prints a failed step's log as GitHub would show it: without the \`::add-mask::\`
commands, and with every value masked in the job as \`***\`. Run it once per stack: its last step checks that the
actions' first runs change things and their second runs change nothing, so a run against a stack that an earlier
run already set up fails that check (\`publish-oidc first run changed: expected 'true', got 'false'\`); start the
stack afresh.
`;

const RELEASES = `## Releases

Consumers run \`actions/<name>/dist/index.js\` exactly as committed — the runner installs nothing — so \`dist/\` is
part of the source: every change to \`src/\` is committed together with \`npm run build\`'s output, and CI's
\`check-dist\` job fails when a fresh build differs from what is committed.

1. On \`main\`, with CI green, tag the release: \`git tag -a v1.4.0 -m "v1.4.0" && git push origin v1.4.0\`, and publish
   a GitHub release from the tag with the notes.
2. Move the major tag to it, so that \`@v1\` users get the release:
   \`git tag -fa v1 -m "v1 -> v1.4.0" v1.4.0^{} && git push --force origin v1\`.
3. A change that breaks a user of \`@v1\` — an input or output removed or renamed, a default or an output's meaning
   changed, a new required permission, a newer \`runs.using\` — is released as \`v2.0.0\` with a new \`v2\` tag; \`v1\`
   stays where it is.

\`v1\` moves; \`v1.4.0\` does not. Pin \`@v1\` to follow fixes, or the full commit SHA of a release for an immutable
reference (\`uses: OWNER/REPO/actions/publish-oidc@<sha> # v1.4.0\`).
`;

/** `policies` holds each action's policy JSON as written in docs/iam/<action>.json. */
export function actionDocs(interfaces: Interfaces, policies: Map<string, string>): string {
  const sections = [...interfaces.values()].map((action) => actionSection(action, policies.get(action.name)));
  return [
    REGION_START,
    '<!-- Generated by `npx tsx scripts/gen-readme-tables.ts` from actions/*/action.yml and docs/iam/*.json: edit those and regenerate; a test fails when this region is out of step. -->',
    '',
    QUICK_START,
    '## Action reference',
    '',
    ...sections,
    WORKFLOWS,
    RELEASES.trimEnd(),
    REGION_END
  ].join('\n');
}

/** The README with its generated region replaced, or appended when the markers are missing. */
export function withActionDocs(readme: string, region: string): string {
  const start = readme.indexOf(REGION_START);
  const end = readme.indexOf(REGION_END);
  if (start < 0 || end < start) {
    return `${readme.replace(/\s*$/, '')}\n\n${region}\n`;
  }
  return readme.slice(0, start) + region + readme.slice(end + REGION_END.length);
}

/** The generated region as it stands in a README, or undefined when the markers are missing. */
export function currentActionDocs(readme: string): string | undefined {
  const start = readme.indexOf(REGION_START);
  const end = readme.indexOf(REGION_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start, end + REGION_END.length);
}
