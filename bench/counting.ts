// Counting AWS requests per run: the suite's fault-injection proxy at a fault rate of 0 forwards
// everything and keeps a list of what it saw, with the service and Action. One proxy sits in front
// of moto (S3, IAM) and one in front of the strict STS gateway, so a request is counted exactly once
// and the gateway's own look-ups behind STS (which AWS would make internally) are not.
import { startFaultProxy, type FaultProxy } from '../test/stack/fault-proxy.js';
import { tally, type RequestTally } from './request-kinds.js';

export interface RequestCounter {
  /** Endpoint variables that route a process's AWS calls through the counting proxies. */
  env: { AWS_ENDPOINT_URL: string; AWS_ENDPOINT_URL_STS?: string };
  /** Starts a window; calling the result ends it and tallies what arrived in between. */
  window(): () => RequestTally;
  stop(): Promise<void>;
}

export async function startRequestCounter(targets: { aws: string; sts?: string }): Promise<RequestCounter> {
  const proxies: FaultProxy[] = [await startFaultProxy({ target: targets.aws, rate: 0 })];
  if (targets.sts) proxies.push(await startFaultProxy({ target: targets.sts, rate: 0 }));
  const [aws, sts] = proxies;
  return {
    env: {
      AWS_ENDPOINT_URL: (aws as FaultProxy).url,
      ...(sts ? { AWS_ENDPOINT_URL_STS: sts.url } : {})
    },
    window() {
      const marks = proxies.map((proxy) => proxy.seen.length);
      // AssumeRoleWithWebIdentity is unsigned (the token is the credential), so the proxy cannot
      // read a service from it; whatever reaches the STS endpoint is STS.
      return () =>
        tally(
          proxies.flatMap((proxy, i) =>
            proxy.seen
              .slice(marks[i])
              .map((seen) =>
                proxy === sts && seen.service === 'unknown' ? { ...seen, service: 'sts' } : seen
              )
          )
        );
    },
    stop: async () => {
      for (const proxy of proxies) await proxy.stop();
    }
  };
}
