// Sorting AWS API requests into reads and writes, as seen by a proxy in front of the emulator. S3 is
// REST, so its HTTP method says what a call does; IAM and STS are query APIs whose Action names
// follow AWS's verb convention (Get/List/Head/Describe never change state).
import type { Row } from './report.js';

export interface SeenRequest {
  /** The service from the SigV4 credential scope (s3, iam, sts), or 'unknown' when unsigned. */
  service: string;
  /** Query Action for IAM/STS; for S3 "METHOD /path". */
  action: string;
  method: string;
  /** The request target with its query, which names S3 sub-resources (?policy, ?publicAccessBlock). */
  path: string;
}

export type RequestKind = 'read' | 'write';

const READ_METHODS = new Set(['GET', 'HEAD']);
const READ_ACTION = /^(Get|List|Head|Describe)/;

export function requestKind(request: SeenRequest): RequestKind {
  if (request.service === 's3') return READ_METHODS.has(request.method.toUpperCase()) ? 'read' : 'write';
  return READ_ACTION.test(request.action) ? 'read' : 'write';
}

/** A short name for the call: the IAM/STS Action, or S3's method on a bucket or object with its sub-resource. */
export function callName(request: SeenRequest): string {
  if (request.service !== 's3') return `${request.service}:${request.action}`;
  const [pathname = '', query = ''] = request.path.split('?');
  // x-id only repeats the operation name (the SDK adds it to GetObject/PutObject); it is no sub-resource.
  const names = query
    .split('&')
    .map((pair) => pair.split('=')[0] ?? '')
    .filter((name) => name !== '' && name !== 'x-id');
  const subresource = names.length === 0 ? '' : `?${names[0]}`;
  const depth = pathname.split('/').filter((part) => part !== '').length;
  return `s3:${request.method.toUpperCase()} ${depth <= 1 ? 'bucket' : 'object'}${subresource}`;
}

export interface RequestTally {
  reads: number;
  writes: number;
  /** Count per call name, for the breakdown under the table. */
  calls: Map<string, number>;
}

export function tally(requests: readonly SeenRequest[]): RequestTally {
  const result: RequestTally = { reads: 0, writes: 0, calls: new Map() };
  for (const request of requests) {
    if (requestKind(request) === 'read') result.reads += 1;
    else result.writes += 1;
    const name = `${callName(request)} (${requestKind(request)})`;
    result.calls.set(name, (result.calls.get(name) ?? 0) + 1);
  }
  return result;
}

export interface RequestRowSpec {
  run: string;
  requests: RequestTally;
  /** A run that must write nothing (a no-op resync or converge). */
  mustNotWrite: boolean;
}

/** One row per run: reads and writes, with the zero-write target where it applies. */
export function requestRows(specs: readonly RequestRowSpec[]): Row[] {
  return specs.map(({ run, requests, mustNotWrite }) => ({
    section: 'AWS requests',
    figure: run,
    measured: `${requests.reads} reads, ${requests.writes} writes`,
    target: mustNotWrite ? '0 writes' : '',
    verdict: mustNotWrite ? (requests.writes === 0 ? 'PASS' : 'MISS') : ''
  }));
}

/** The calls behind each count, for the lines under the table. */
export function callBreakdown(run: string, requests: RequestTally): string {
  const calls = [...requests.calls.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, count]) => `${name} ×${count}`);
  return `${run}: ${calls.length === 0 ? 'no requests' : calls.join(', ')}`;
}
