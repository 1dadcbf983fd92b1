// Sorting AWS API requests into reads and writes, as seen by a proxy in front of the emulator. S3 is
// REST, so its HTTP method says what a call does; IAM and STS are query APIs whose Action names
// follow AWS's verb convention (Get/List/Head/Describe never change state).
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
  const subresource = query === '' ? '' : `?${query.split('&')[0]?.split('=')[0] ?? ''}`;
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
