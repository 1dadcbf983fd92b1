// A pass-through in front of moto that answers GetAccountSummary with the quotas of an account that
// raised some in Service Quotas, or whose summary lacks one. moto's summary holds IAM's defaults only
// (10 managed policies per role, a 2048-character trust policy), and an account's raised quotas are
// what irsa-role reads there; every other request, and every other entry of the summary, is moto's own.
import { createServer, type IncomingMessage } from 'node:http';
import { closeServer, listenOnLoopback } from './http-plumbing.js';
import { askUpstream, readBody, signedService } from './fault-proxy.js';

export interface IamAccountQuotas {
  url: string;
  /** GetAccountSummary requests answered so far. */
  summaries(): number;
  stop(): Promise<void>;
}

function isAccountSummary(req: IncomingMessage, body: Buffer): boolean {
  if (signedService(req.headers, req.url ?? '/') !== 'iam') return false;
  const fromBody = new URLSearchParams(body.toString('utf8')).get('Action');
  return (
    (fromBody ?? new URL(req.url ?? '/', 'http://moto').searchParams.get('Action')) === 'GetAccountSummary'
  );
}

/**
 * moto's SummaryMap with `quotas` (e.g. AttachedPoliciesPerRoleQuota: 20) in place of its values;
 * a key given null is left out, as from a summary that does not report it.
 */
export function withQuotas(xml: string, quotas: Record<string, number | null>): string {
  let rewritten = xml;
  for (const [key, value] of Object.entries(quotas)) {
    const entry = new RegExp(`(<entry>\\s*<key>${key}</key>\\s*<value>)\\d+(</value>\\s*</entry>)`);
    if (!entry.test(rewritten)) throw new Error(`moto's account summary has no ${key}`);
    rewritten = rewritten.replace(entry, value === null ? '' : `$1${value}$2`);
  }
  return rewritten;
}

export async function startIamAccountQuotas(options: {
  target: string;
  quotas: Record<string, number | null>;
}): Promise<IamAccountQuotas> {
  const target = new URL(options.target);
  let summaries = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const summary = isAccountSummary(req, body);
      const answer = await askUpstream(target, req, body);
      if (!summary || answer.status !== 200) {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      }
      summaries += 1;
      const rewritten = Buffer.from(withQuotas(answer.body.toString('utf8'), options.quotas));
      const { 'transfer-encoding': _chunked, ...headers } = answer.headers;
      res.writeHead(answer.status, { ...headers, 'content-length': String(rewritten.length) });
      res.end(rewritten);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`iam-account-quotas: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    summaries: () => summaries,
    stop: () => closeServer(server)
  };
}
