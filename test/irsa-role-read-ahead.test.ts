// irsa-role's first IAM call, sent before the AWS SDK has loaded (src/aws/read-ahead.ts): the SDK
// takes its answer only when it makes the very same call, a failed or throttled early call is sent or
// retried by the SDK as its own, and a run whose credentials the SDK would not take sends nothing early.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand
} from '@aws-sdk/client-iam';
import { clientConfig } from '../src/aws/clients.js';
import { isRecord } from '../src/json/shape.js';
import { settlesWithin } from '../src/io/cancel.js';
import { iamTarget, ReadAhead } from '../src/aws/read-ahead.js';
import { firstProviderCall } from '../src/irsa-role/first-call.js';
import { startFaultProxy, type FaultProxy, type ProxiedRequest } from './stack/fault-proxy.js';
import {
  countedIam,
  createProvider,
  runIrsaRole,
  trustOf,
  uniqueName
} from './fixtures/irsa-role/harness.js';

const REGION = 'eu-west-1';
const started: FaultProxy[] = [];
let provider: { issuer: string; arn: string; hostPath: string };
let dir: string;

beforeAll(async () => {
  provider = await createProvider(countedIam().iam);
  dir = mkdtempSync(join(tmpdir(), 'irsa-read-ahead-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  while (started.length) await started.pop()?.stop();
});

async function proxy(options: Partial<Parameters<typeof startFaultProxy>[0]> = {}): Promise<FaultProxy> {
  const p = await startFaultProxy({ target: process.env.AWS_ENDPOINT_URL ?? '', rate: 0, ...options });
  started.push(p);
  return p;
}

/**
 * The environment a run gets: the stack's, with IAM at `endpoint` and no profile, config file or
 * credentials file (the machine's ~/.aws would turn the read-ahead off).
 */
function envAt(endpoint: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL_IAM: endpoint,
    AWS_REGION: REGION,
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    ...extra
  };
  delete env.AWS_PROFILE;
  return env;
}

const envFor = (p: FaultProxy, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => envAt(p.url, extra);

/** The read-ahead of `call` (by default irsa-role's for issuer-url), which `env` must allow. */
async function readAheadIn(
  env: NodeJS.ProcessEnv,
  call = firstProviderCall({ input: 'issuer-url', url: provider.issuer })
): Promise<ReadAhead> {
  const readAhead = await ReadAhead.start(call, env, REGION);
  if (!readAhead) throw new Error('no read-ahead with environment keys and an endpoint variable');
  return readAhead;
}

const calls = (p: FaultProxy, action: string): ProxiedRequest[] => p.seen.filter((r) => r.action === action);
const readAheadLine = (lines: readonly string[]): string | undefined =>
  lines.find((line) => line.includes('Read-ahead of the first IAM call'));

describe('the first IAM call, sent early', () => {
  it.each([
    ['provider-arn', 'GetOpenIDConnectProvider'],
    ['issuer-url', 'ListOpenIDConnectProviders']
  ])('by %s: IAM gets %s once, first, and the SDK takes its answer', async (input, action) => {
    const p = await proxy();
    const roleName = uniqueName('irsa-ahead');
    const run = await runIrsaRole(
      {
        [input]: input === 'provider-arn' ? provider.arn : provider.issuer,
        'role-name': roleName,
        namespace: 'apps',
        'service-account': 'app'
      },
      { env: envFor(p) }
    );
    expect(run.error).toBeUndefined();
    expect(run.result?.outputs['role-arn']).toContain(roleName);
    expect(p.seen[0]?.action).toBe(action);
    expect(calls(p, action)).toHaveLength(1);
    expect(readAheadLine(run.log.lines)).toContain('the SDK took its answer (HTTP 200)');
    // The answer the SDK took was parsed as its own: the trust policy names the provider it found.
    expect(JSON.stringify(await trustOf(countedIam().iam, roleName))).toContain(provider.arn);
  });

  it.each([
    [
      'throttle',
      'answered with a throttle, is retried by the SDK as its own',
      /the SDK took its answer \(HTTP 400\)/
    ],
    [
      'reset',
      'whose connection is reset, is retried by the SDK as its first attempt',
      // The reset reached the proxy: it is the SDK's first attempt, which it retries.
      /GetOpenIDConnectProvider failed after it was sent \(.+\): the SDK took that as its first attempt/
    ]
  ] as const)('%s: %s', async (fault, _title, outcome) => {
    const p = await proxy({
      faults: [fault],
      failFirst: 1,
      match: (r) => r.action === 'GetOpenIDConnectProvider'
    });
    const run = await runIrsaRole(
      {
        'provider-arn': provider.arn,
        'role-name': uniqueName('irsa-ahead'),
        namespace: 'apps',
        'service-account': 'app'
      },
      { env: envFor(p) }
    );
    expect(run.error).toBeUndefined();
    expect(p.injected.map((f) => f.fault)).toEqual([fault]);
    expect(calls(p, 'GetOpenIDConnectProvider')).toHaveLength(2);
    expect(readAheadLine(run.log.lines)).toMatch(outcome);
  });

  it('is not sent when AWS_PROFILE makes the SDK skip the environment keys', async () => {
    const p = await proxy();
    const credentials = join(dir, 'credentials');
    writeFileSync(
      credentials,
      `[bench]\naws_access_key_id = ${process.env.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${process.env.AWS_SECRET_ACCESS_KEY}\n`,
      { mode: 0o600 }
    );
    const run = await runIrsaRole(
      {
        'provider-arn': provider.arn,
        'role-name': uniqueName('irsa-ahead'),
        namespace: 'apps',
        'service-account': 'app'
      },
      { env: { ...envFor(p), AWS_PROFILE: 'bench', AWS_SHARED_CREDENTIALS_FILE: credentials } }
    );
    expect(run.error).toBeUndefined();
    expect(calls(p, 'GetOpenIDConnectProvider')).toHaveLength(1);
    expect(readAheadLine(run.log.lines)).toBeUndefined();
  });
});

/**
 * Whether a request carries a valid SigV4 signature for `secret`, by the algorithm AWS documents
 * (canonical request, string to sign, derived key): the local stack does not check signatures, and
 * IAM refuses a wrong one with SignatureDoesNotMatch, which the SDK does not retry.
 */
function sigV4Problem(request: IncomingMessage, body: string, secret: string): string | undefined {
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      String(request.headers.authorization)
    );
  if (!auth) return `unparsed Authorization: ${String(request.headers.authorization)}`;
  const [, , day = '', region = '', service = '', signedHeaders = '', signature] = auth;
  const names = signedHeaders.split(';');
  const hex = (data: string): string => createHash('sha256').update(data).digest('hex');
  const url = new URL(request.url ?? '/', 'http://host');
  const canonical = [
    request.method,
    url.pathname,
    url.search.slice(1),
    ...names.map((name) => `${name}:${String(request.headers[name]).trim()}`),
    '',
    signedHeaders,
    hex(body)
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', String(request.headers['x-amz-date']), scope, hex(canonical)].join(
    '\n'
  );
  const key = [day, region, service, 'aws4_request'].reduce<Buffer>(
    (k, part) => createHmac('sha256', k).update(part).digest(),
    Buffer.from(`AWS4${secret}`)
  );
  const expected = createHmac('sha256', key).update(toSign).digest('hex');
  if (!names.includes('host') || !names.includes('x-amz-date')) return `signs only ${signedHeaders}`;
  if (request.headers['x-amz-security-token'] && !names.includes('x-amz-security-token'))
    return 'the session token is not signed';
  return expected === signature ? undefined : `signature ${signature} is not ${expected} (${signedHeaders})`;
}

describe('the SDK takes the early answer only for the same request', () => {
  async function clientWith(
    readAhead: ReadAhead,
    env: NodeJS.ProcessEnv,
    credentials?: { accessKeyId: string; secretAccessKey: string }
  ): Promise<IAMClient> {
    const config = readAhead.withAgent(clientConfig('IAM', REGION, env));
    return readAhead.attach(new IAMClient(credentials ? { ...config, credentials } : config));
  }

  async function started(p: FaultProxy): Promise<{ readAhead: ReadAhead; env: NodeJS.ProcessEnv }> {
    const env = envFor(p);
    return {
      readAhead: await readAheadIn(env, firstProviderCall({ input: 'provider-arn', arn: provider.arn })),
      env
    };
  }

  it('another call: the SDK sends its own, and the early answer is dropped', async () => {
    const p = await proxy();
    const { readAhead, env } = await started(p);
    const iam = await clientWith(readAhead, env);
    const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(listed.OpenIDConnectProviderList?.map((entry) => entry.Arn)).toContain(provider.arn);
    expect(readAhead.outcome).toMatch(/^not used/);
    expect(calls(p, 'ListOpenIDConnectProviders')).toHaveLength(1);
    // Nor is it taken by the next call, though that one is the same as the early call.
    await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: provider.arn }));
    expect(calls(p, 'GetOpenIDConnectProvider')).toHaveLength(2);
  });

  it('the same call with other parameters: the SDK sends its own', async () => {
    const p = await proxy();
    const { readAhead, env } = await started(p);
    const iam = await clientWith(readAhead, env);
    const other = provider.arn.replace(/[^/]+$/, 'another-issuer');
    await expect(
      iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: other }))
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    expect(readAhead.outcome).toMatch(/^not used/);
    expect(calls(p, 'GetOpenIDConnectProvider')).toHaveLength(2);
  });

  it('the same call signed with other credentials: the SDK sends its own', async () => {
    const p = await proxy();
    const { readAhead, env } = await started(p);
    const iam = await clientWith(readAhead, env, {
      accessKeyId: 'AKIDOTHER',
      secretAccessKey: 'other-secret'
    });
    const found = await iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: provider.arn })
    );
    expect(found.Url).toBeDefined();
    expect(readAhead.outcome).toMatch(/^not used/);
    expect(calls(p, 'GetOpenIDConnectProvider')).toHaveLength(2);
  });

  it("is signed as IAM checks it: the check that accepts the SDK's own request accepts the early call", async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    const token = 'FwoGZXIvYXdzE//token+with/slashes=';
    const problems: Array<[string, string | undefined]> = [];
    const server = createHttpServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        problems.push([new URLSearchParams(body).get('Action') ?? '', sigV4Problem(request, body, secret)]);
        response.writeHead(403, { 'content-type': 'text/xml' });
        response.end(
          '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error><RequestId>r</RequestId></ErrorResponse>'
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`;
    try {
      const readAhead = await ReadAhead.start(
        firstProviderCall({ input: 'provider-arn', arn: `${provider.arn}/a b+c` }),
        {
          AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
          AWS_SECRET_ACCESS_KEY: secret,
          AWS_SESSION_TOKEN: token,
          AWS_ENDPOINT_URL_IAM: endpoint,
          AWS_CONFIG_FILE: join(dir, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none')
        },
        REGION
      );
      expect(readAhead).toBeDefined();
      // The SDK's own request, through the same check: the check is AWS's algorithm.
      const config = clientConfig('IAM', REGION, { AWS_ENDPOINT_URL_IAM: endpoint });
      const iam = new IAMClient({
        ...config,
        maxAttempts: 1,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: secret, sessionToken: token }
      });
      await iam.send(new ListOpenIDConnectProvidersCommand({})).catch(() => undefined);
      expect(problems).toEqual([
        ['GetOpenIDConnectProvider', undefined],
        ['ListOpenIDConnectProviders', undefined]
      ]);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  it('an endpoint that accepts and never answers TLS holds the action for the connection timeout, not the answer timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const began = Date.now();
      await readAheadIn(envAt(`https://127.0.0.1:${port}`));
      // Bounded by the SDK's 5 s connection timeout; the answer timeout is 20 s.
      expect(Date.now() - began).toBeLessThan(15_000);
    } finally {
      silent.close();
    }
  }, 30_000);

  it("an early call that reached IAM and failed is one of the SDK's attempts: IAM gets no more requests than without it", async () => {
    // Every request reset once it has arrived: the SDK makes its 8 attempts, with its backoff.
    let requests = 0;
    const server = createHttpServer((request) => {
      requests += 1;
      request.socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const env = envAt(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const readAhead = await readAheadIn(env);
      const iam = await clientWith(readAhead, env);
      const failure: unknown = await iam.send(new ListOpenIDConnectProvidersCommand({})).catch((e) => e);
      expect(failure).toMatchObject({ $metadata: { attempts: 8 } });
      expect(requests).toBe(8);
      expect(readAhead.outcome).toMatch(
        /failed after it was sent \(.+\): the SDK took that as its first attempt/
      );
    } finally {
      server.close();
      server.closeAllConnections();
    }
  }, 60_000);

  it('nothing is sent to an endpoint variable where the SDK refuses its configuration and sends nothing', async () => {
    // A listener that counts connections: the early call must not reach it.
    let connections = 0;
    const listener = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    const fips = join(dir, 'fips-profile');
    writeFileSync(fips, '[default]\nuse_fips_endpoint = true\n');
    const env: NodeJS.ProcessEnv = {
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_ENDPOINT_URL_IAM: endpoint,
      AWS_CONFIG_FILE: join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none')
    };
    const call = firstProviderCall({ input: 'issuer-url', url: provider.issuer });
    const sent: Array<[object, string]> = [];
    try {
      // Each of these the SDK refuses before sending ("FIPS and custom endpoint are not supported",
      // "Dualstack and custom endpoint are not supported", "Region not accepted").
      for (const [extra, region] of [
        [{ AWS_USE_FIPS_ENDPOINT: 'true' }, REGION],
        [{ AWS_USE_DUALSTACK_ENDPOINT: 'true' }, REGION],
        [{}, 'fips-us-east-1'],
        [{}, 'eu-west-1-fips'],
        [{}, 'eu west 1'],
        [{ AWS_CONFIG_FILE: fips }, REGION],
        [{ AWS_SHARED_CREDENTIALS_FILE: fips }, REGION],
        // A leading ~/ is the home directory to the SDK (HOME, then USERPROFILE, HOMEPATH).
        [{ HOME: dir, AWS_CONFIG_FILE: '~/fips-profile' }, REGION],
        [{ HOME: dir, AWS_SHARED_CREDENTIALS_FILE: '~/fips-profile' }, REGION]
      ] as const)
        if (await ReadAhead.start(call, { ...env, ...extra }, region)) sent.push([extra, region]);
      expect(sent).toEqual([]);
      expect(connections).toBe(0);
    } finally {
      listener.close();
    }
  });

  it("nothing is sent to IAM's global endpoint where the SDK would send the call elsewhere, or nowhere", async () => {
    const env: NodeJS.ProcessEnv = {
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_CONFIG_FILE: join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none')
    };
    const call = firstProviderCall({ input: 'issuer-url', url: provider.issuer });
    // The shared credentials file is read for these settings too: the SDK merges its profile into the
    // config file's.
    const fips = join(dir, 'credentials-fips');
    writeFileSync(fips, '[default]\nuse_fips_endpoint = true\n');
    const elsewhere = join(dir, 'credentials-endpoint');
    writeFileSync(elsewhere, '[default]\nendpoint_url = http://127.0.0.1:9\n');
    const sent: Array<[object, string]> = [];
    for (const [extra, region] of [
      // iam-fips.amazonaws.com, iam.us-gov.amazonaws.com, iam-fips.amazonaws.com.cn
      [{}, 'fips-us-east-1'],
      [{}, 'us-east-1-fips'],
      [{}, 'fips-us-gov-west-1'],
      [{}, 'fips-cn-north-1'],
      // Another partition's global pseudo-region: iam.us-gov.amazonaws.com, iam.cn-north-1.amazonaws.com.cn, ...
      [{}, 'aws-us-gov-global'],
      [{}, 'aws-cn-global'],
      [{}, 'aws-iso-b-global'],
      // "Region not accepted": the SDK sends nothing.
      [{}, 'eu-west-1.example.com'],
      [{ AWS_SHARED_CREDENTIALS_FILE: fips }, 'us-east-1'],
      [{ AWS_SHARED_CREDENTIALS_FILE: elsewhere }, 'us-east-1']
    ] as const)
      if (await ReadAhead.start(call, { ...env, ...extra }, region)) sent.push([extra, region]);
    expect(sent).toEqual([]);
  }, 60_000);

  it('an endpoint variable that is no URL is left to the SDK, not thrown before it loads', async () => {
    const call = firstProviderCall({ input: 'issuer-url', url: provider.issuer });
    const env: NodeJS.ProcessEnv = {
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_CONFIG_FILE: join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      AWS_ENDPOINT_URL_IAM: 'localhost:5000'
    };
    await expect(ReadAhead.start(call, env, REGION)).resolves.toBeUndefined();
    await expect(
      ReadAhead.start(call, { ...env, AWS_ENDPOINT_URL_IAM: 'http://[::1' }, REGION)
    ).resolves.toBeUndefined();
  });

  it('keys or a token that Node refuses in a header: the early call fails, and the action goes on to the SDK', async () => {
    // http.request throws ERR_INVALID_CHAR for a header value with a control character (a secret
    // pasted with its newline); the SDK's own call then fails as it would without the read-ahead.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    const call = firstProviderCall({ input: 'issuer-url', url: provider.issuer });
    const env: NodeJS.ProcessEnv = {
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_CONFIG_FILE: join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:1'
    };
    try {
      for (const extra of [{ AWS_SESSION_TOKEN: 'token\n' }, { AWS_ACCESS_KEY_ID: 'AKID\n' }]) {
        const started = ReadAhead.start(call, { ...env, ...extra }, REGION);
        expect([extra, await settlesWithin(started, 3_000)]).toEqual([extra, true]);
      }
      // A rejection nobody handles is reported on a later turn.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it("an endpoint variable with a path: the early call goes to the SDK's path, and its answer is taken", async () => {
    const paths: string[] = [];
    const server = createHttpServer((request, response) => {
      paths.push(request.url ?? '');
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(
          '<ListOpenIDConnectProvidersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListOpenIDConnectProvidersResult><OpenIDConnectProviderList/></ListOpenIDConnectProvidersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListOpenIDConnectProvidersResponse>'
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const env = envAt(`http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`);
    try {
      const readAhead = await readAheadIn(env);
      const iam = await clientWith(readAhead, env);
      await iam.send(new ListOpenIDConnectProvidersCommand({}));
      expect(paths).toEqual(['/prefix/']);
      expect(readAhead.outcome).toContain('the SDK took its answer (HTTP 200)');
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  it("names IAM's global endpoint for the regions the SDK sends there, and only those", async () => {
    const env: NodeJS.ProcessEnv = {
      AWS_CONFIG_FILE: join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none')
    };
    // Where the SDK signs and sends ListOpenIDConnectProviders for each region, stopped before it is sent.
    async function sdkTarget(region: string): Promise<string> {
      const iam = new IAMClient({ region, credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });
      let seen = '';
      iam.middlewareStack.add(
        () => (args) => {
          if (isRecord(args.request) && isRecord(args.request.headers)) {
            const { protocol, hostname, path, headers } = args.request;
            const scope = /Credential=[^/]+\/[^/]+\/([^/]+)/.exec(String(headers.authorization))?.[1];
            seen = `${String(protocol)}//${String(hostname)}${args.request.port ? `:${String(args.request.port)}` : ''}${String(path)} ${scope ?? ''}`;
          }
          return Promise.reject(new Error('not sent'));
        },
        { step: 'finalizeRequest', priority: 'low' }
      );
      const refused = await iam.send(new ListOpenIDConnectProvidersCommand({})).catch((e: Error) => e);
      return seen || `refused: ${String(refused)}`;
    }
    const regions = [
      'us-east-1',
      'eu-west-1',
      'ap-southeast-7',
      'il-central-1',
      'mx-central-1',
      'aws-global',
      'us-gov-west-1',
      'cn-north-1',
      'eusc-de-east-1',
      'us-isob-east-1',
      'aws-us-gov-global',
      'aws-cn-global',
      'fips-us-east-1',
      'us-east-1-fips',
      'US-EAST-1',
      'xx-yy-1'
    ];
    const named: string[] = [];
    // The SDK reads these from the process: the stack's endpoint variables must not decide for it.
    const saved = { ...process.env };
    Object.assign(process.env, env, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' });
    delete process.env.AWS_USE_FIPS_ENDPOINT;
    delete process.env.AWS_USE_DUALSTACK_ENDPOINT;
    try {
      for (const region of regions) {
        const target = iamTarget(env, region);
        if (!target) continue;
        named.push(region);
        expect([region, `${target.url.href} ${target.signingRegion}`]).toEqual([
          region,
          await sdkTarget(region)
        ]);
      }
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    }
    // The read-ahead still serves the aws partition's regions.
    expect(named).toEqual([
      'us-east-1',
      'eu-west-1',
      'ap-southeast-7',
      'il-central-1',
      'mx-central-1',
      'aws-global'
    ]);
  });

  it('nothing is sent early where the SDK would choose the endpoint by its own rules', async () => {
    const env: NodeJS.ProcessEnv = { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret' };
    const call = firstProviderCall({ input: 'issuer-url', url: provider.issuer });
    const config = join(dir, 'config');
    writeFileSync(config, '[default]\nuse_fips_endpoint = true\n');
    for (const [extra, region] of [
      [{ AWS_USE_FIPS_ENDPOINT: 'true', AWS_CONFIG_FILE: join(dir, 'none') }, 'us-east-1'],
      [{ AWS_USE_DUALSTACK_ENDPOINT: 'true', AWS_CONFIG_FILE: join(dir, 'none') }, 'us-east-1'],
      [{ AWS_CONFIG_FILE: config }, 'us-east-1'],
      [{ AWS_CONFIG_FILE: join(dir, 'none') }, 'cn-north-1'],
      [{ AWS_CONFIG_FILE: join(dir, 'none'), AWS_SECRET_ACCESS_KEY: '' }, 'us-east-1']
    ] as const)
      expect(await ReadAhead.start(call, { ...env, ...extra }, region)).toBeUndefined();
  });
});
