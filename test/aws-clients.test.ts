import { describe, expect, it } from '@jest/globals';
import { IAMClient, ListRolesCommand, CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import {
  AWS_REQUEST_TIMEOUT_MS,
  clientConfig,
  endpointFor,
  namingFailedCalls,
  RequestCounter,
  resolveRegion
} from '../src/aws/clients.js';
import { dnsSuffixOfRegion, partitionOfRegion } from '../src/aws/partitions.js';
import { failureText } from '../src/io/errors.js';
import { startFaultProxy } from './stack/fault-proxy.js';

describe('AWS client configuration', () => {
  it('prefers the service variable over the global endpoint variable', () => {
    const env = { AWS_ENDPOINT_URL: 'http://global:1', AWS_ENDPOINT_URL_S3: 'http://s3:2' };
    expect(endpointFor('S3', env)).toBe('http://s3:2');
    expect(endpointFor('IAM', env)).toBe('http://global:1');
    expect(endpointFor('STS', {})).toBeUndefined();
    // AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true makes the SDKs ignore them: AWS's endpoints, not the variables'.
    expect(endpointFor('IAM', { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBeUndefined();
    expect(
      clientConfig('S3', 'eu-west-1', { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })
    ).not.toHaveProperty('endpoint');
    expect(endpointFor('S3', { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' })).toBe('http://s3:2');
  });

  it('switches S3 to path-style only when an endpoint is overridden', () => {
    expect(clientConfig('S3', 'eu-west-1', { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' })).toEqual({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:5000',
      forcePathStyle: true,
      retryMode: 'adaptive',
      maxAttempts: 8,
      requestHandler: {
        requestTimeout: AWS_REQUEST_TIMEOUT_MS,
        throwOnRequestTimeout: true,
        socketTimeout: AWS_REQUEST_TIMEOUT_MS,
        connectionTimeout: 5000
      }
    });
    expect(clientConfig('S3', 'eu-west-1', {})).toEqual({
      region: 'eu-west-1',
      retryMode: 'adaptive',
      maxAttempts: 8,
      requestHandler: {
        requestTimeout: AWS_REQUEST_TIMEOUT_MS,
        throwOnRequestTimeout: true,
        socketTimeout: AWS_REQUEST_TIMEOUT_MS,
        connectionTimeout: 5000
      }
    });
    expect(
      clientConfig('IAM', 'eu-west-1', { AWS_ENDPOINT_URL: 'http://x:1' }).forcePathStyle
    ).toBeUndefined();
  });

  it('resolves the region from the input, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(resolveRegion('eu-central-1', { AWS_REGION: 'us-east-1' })).toBe('eu-central-1');
    expect(resolveRegion(undefined, { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'us-west-1' })).toBe(
      'us-east-2'
    );
    expect(resolveRegion(undefined, { AWS_DEFAULT_REGION: 'us-west-1' })).toBe('us-west-1');
    expect(() => resolveRegion(undefined, {})).toThrow("Input 'region': is not set");
    expect(() => resolveRegion('Mars', {})).toThrow("Input 'region': 'Mars' is not an AWS region.");
    // Every partition's regions are regions, the European Sovereign Cloud's four-letter ones too.
    for (const region of [
      'cn-northwest-1',
      'us-gov-east-1',
      'us-iso-east-1',
      'us-isob-east-1',
      'eu-isoe-west-1',
      'us-isof-south-1',
      'eusc-de-east-1'
    ])
      expect(resolveRegion(region, {})).toBe(region);
    expect(() => resolveRegion('euscx-de-east-1', {})).toThrow('is not an AWS region');
  });

  it("reads a region's partition and endpoint domain as the SDK's partitions.json does", () => {
    const expected: Array<[string, string, string]> = [
      ['eu-west-1', 'aws', 'amazonaws.com'],
      ['il-central-1', 'aws', 'amazonaws.com'],
      ['cn-north-1', 'aws-cn', 'amazonaws.com.cn'],
      ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com'],
      ['us-iso-east-1', 'aws-iso', 'c2s.ic.gov'],
      ['us-isob-east-1', 'aws-iso-b', 'sc2s.sgov.gov'],
      ['eu-isoe-west-1', 'aws-iso-e', 'cloud.adc-e.uk'],
      ['us-isof-south-1', 'aws-iso-f', 'csp.hci.ic.gov'],
      ['eusc-de-east-1', 'aws-eusc', 'amazonaws.eu'],
      // The partitions' global pseudo-regions, which the SDK's partitions.json lists as regions of each.
      ['aws-global', 'aws', 'amazonaws.com'],
      ['aws-us-gov-global', 'aws-us-gov', 'amazonaws.com'],
      ['aws-cn-global', 'aws-cn', 'amazonaws.com.cn'],
      ['aws-iso-global', 'aws-iso', 'c2s.ic.gov'],
      ['aws-iso-b-global', 'aws-iso-b', 'sc2s.sgov.gov'],
      ['aws-iso-e-global', 'aws-iso-e', 'cloud.adc-e.uk'],
      ['aws-iso-f-global', 'aws-iso-f', 'csp.hci.ic.gov']
    ];
    for (const [region, partition, suffix] of expected) {
      expect(partitionOfRegion(region)).toBe(partition);
      expect(dnsSuffixOfRegion(region)).toBe(suffix);
    }
  });

  it('sends requests to the overridden endpoint and counts reads and writes', async () => {
    const endpoint = process.env.AWS_ENDPOINT_URL;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const counter = new RequestCounter();
    const iam = counter.attach(new IAMClient(clientConfig('IAM', 'us-east-1', process.env)));
    await iam.send(new ListRolesCommand({}));
    await iam.send(
      new CreateRoleCommand({
        RoleName: `clients-test-${Date.now()}`,
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] })
      })
    );
    expect(counter.readCount).toBe(1);
    expect(counter.writeCount).toBe(1);
    expect([...counter.writes.keys()]).toEqual(['CreateRole']);
  });

  // hang: the request is taken and never answered. stall-body: status, headers and half the body
  // arrive, then nothing more on an open connection; the SDK's request timeout is over once the
  // headers are in, so only the idle timeout (socketTimeout) ends that wait.
  it.each([
    ['hang', 'a request that is never answered'],
    ['stall-body', 'an answer whose body stops coming']
  ] as const)(
    '%s: gives up on %s and sends the request again, instead of waiting for ever',
    async (fault, _what) => {
      const stuck = await startFaultProxy({
        target: process.env.AWS_ENDPOINT_URL ?? '',
        faults: [fault],
        failFirst: 1
      });
      try {
        // The attempt after the fault reaches moto and must be answered within the same timeout: moto
        // is woken first (its first IAM call loads the managed policies, ~2 s), and the timeout leaves
        // a loaded machine room (ListRoles took up to 0.2 s at load 19; 300 ms failed a cold or slow
        // moto with four more attempts). A client without one would wait for ever.
        const moto = new IAMClient(clientConfig('IAM', 'us-east-1', process.env));
        await moto.send(new ListRolesCommand({}));
        moto.destroy();
        const iam = new IAMClient(clientConfig('IAM', 'us-east-1', { AWS_ENDPOINT_URL: stuck.url }, 2000));
        const started = Date.now();
        await iam.send(new ListRolesCommand({}));
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(stuck.injected.map((injected) => injected.fault)).toEqual([fault]);
        expect(stuck.seen.map((request) => request.action)).toEqual(['ListRoles', 'ListRoles']);
        iam.destroy();
      } finally {
        await stuck.stop();
      }
    },
    30_000
  );

  it('names the service, call and HTTP status of a failed call that the action did not foresee', async () => {
    const failing = await startFaultProxy({
      target: process.env.AWS_ENDPOINT_URL ?? '',
      faults: ['server-error'],
      rate: 1
    });
    try {
      const iam = namingFailedCalls(
        new IAMClient({
          ...clientConfig('IAM', 'us-east-1', { AWS_ENDPOINT_URL: failing.url }),
          maxAttempts: 1
        }),
        'IAM'
      );
      const error = await iam
        .send(new GetRoleCommand({ RoleName: 'anything' }))
        .catch((caught: unknown) => caught);
      expect(failureText(error)).toBe(
        'AWS IAM GetRole failed: ServiceFailureException (HTTP 500): An internal error occurred.'
      );
      expect(failureText(new Error('plain\nfailure'))).toBe('plain failure');
      iam.destroy();
    } finally {
      await failing.stop();
    }
  });
});
