import { readFileSync } from 'node:fs';
import { UserError } from '../io/errors.js';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The pull request this run is for, from the runner's event payload; undefined on other events. */
export function pullRequestFromEvent(env: NodeJS.ProcessEnv): PullRequestRef | undefined {
  if (!PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? '')) return undefined;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || !env.GITHUB_EVENT_PATH) return undefined;
  let payload: { pull_request?: { number?: unknown }; number?: unknown };
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof payload;
  } catch {
    return undefined;
  }
  const number = payload.pull_request?.number ?? payload.number;
  return typeof number === 'number' && Number.isInteger(number) ? { owner, repo, number } : undefined;
}

export type UpsertResult = 'created' | 'updated' | 'unchanged';

/** One comment per pull request and marker, created once and then kept up to date. */
export interface PlanCommenter {
  readonly pullRequest: PullRequestRef;
  upsert(marker: string, body: string): Promise<UpsertResult>;
}

/** The GitHub REST API through @actions/github's Octokit, at GITHUB_API_URL (or api.github.com). */
export async function githubCommenter(
  token: string,
  pullRequest: PullRequestRef,
  env: NodeJS.ProcessEnv
): Promise<PlanCommenter> {
  if (token === '')
    throw new UserError('is empty, so the plan cannot be commented on the pull request.', 'github-token');
  // Loaded only on pull requests that want a comment.
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(token, { baseUrl: env.GITHUB_API_URL || 'https://api.github.com' });
  const where = { owner: pullRequest.owner, repo: pullRequest.repo };
  return {
    pullRequest,
    async upsert(marker, body) {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        ...where,
        issue_number: pullRequest.number,
        per_page: 100
      });
      // Its comment starts with the marker; a reply that quotes it holds the marker further in.
      const existing = comments.find((comment) => comment.body?.startsWith(marker));
      if (existing?.body === body) return 'unchanged';
      if (existing) {
        await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body });
        return 'updated';
      }
      await octokit.rest.issues.createComment({ ...where, issue_number: pullRequest.number, body });
      return 'created';
    }
  };
}
