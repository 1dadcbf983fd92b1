import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  callBreakdown,
  callName,
  requestKind,
  requestRows,
  tally,
  type SeenRequest
} from '../request-kinds.js';

const s3 = (method: string, path: string): SeenRequest => ({
  service: 's3',
  method,
  path,
  action: `${method} ${path.split('?')[0]}`
});
const query = (service: string, action: string): SeenRequest => ({
  service,
  action,
  method: 'POST',
  path: '/'
});

describe('requestKind', () => {
  it('reads S3 by GET and HEAD, whatever the path', () => {
    assert.equal(requestKind(s3('GET', '/b/openid/v1/jwks?x-id=GetObject')), 'read');
    assert.equal(requestKind(s3('HEAD', '/b')), 'read');
    assert.equal(requestKind(s3('PUT', '/b/.well-known/openid-configuration')), 'write');
    assert.equal(requestKind(s3('DELETE', '/b/old')), 'write');
    assert.equal(requestKind(s3('POST', '/b?delete')), 'write');
  });
  it('reads IAM and STS by the Get/List/Head/Describe prefix of the Action', () => {
    assert.equal(requestKind(query('iam', 'GetRole')), 'read');
    assert.equal(requestKind(query('iam', 'ListAttachedRolePolicies')), 'read');
    assert.equal(requestKind(query('sts', 'GetCallerIdentity')), 'read');
    assert.equal(requestKind(query('iam', 'CreateRole')), 'write');
    assert.equal(requestKind(query('iam', 'TagRole')), 'write');
    // The rule is by name: a query API POST is not a write because of its method.
    assert.equal(requestKind(query('iam', 'GetOpenIDConnectProvider')), 'read');
    assert.equal(requestKind(query('sts', 'AssumeRoleWithWebIdentity')), 'write');
  });
});

describe('callName', () => {
  it('names S3 calls by method, bucket or object, and sub-resource, ignoring the SDK x-id', () => {
    assert.equal(callName(s3('GET', '/b/openid/v1/jwks?x-id=GetObject')), 's3:GET object');
    assert.equal(callName(s3('PUT', '/b?policy')), 's3:PUT bucket?policy');
    assert.equal(callName(s3('GET', '/b?publicAccessBlock=')), 's3:GET bucket?publicAccessBlock');
    assert.equal(callName(s3('HEAD', '/b')), 's3:HEAD bucket');
  });
  it('names query calls by service and Action', () => {
    assert.equal(callName(query('iam', 'CreateRole')), 'iam:CreateRole');
  });
});

describe('tally and rows', () => {
  const requests = [
    query('iam', 'GetRole'),
    query('iam', 'GetRole'),
    query('iam', 'CreateRole'),
    s3('PUT', '/b/k')
  ];

  it('counts reads, writes and each call', () => {
    const counted = tally(requests);
    assert.equal(counted.reads, 2);
    assert.equal(counted.writes, 2);
    assert.equal(counted.calls.get('iam:GetRole (read)'), 2);
    assert.equal(
      callBreakdown('run', counted),
      'run: iam:CreateRole (write) ×1, iam:GetRole (read) ×2, s3:PUT object (write) ×1'
    );
  });

  it('passes a no-op run only when it wrote nothing, and gives other runs no target', () => {
    const [noOpWithWrites, noOpClean, firstRun] = requestRows([
      { run: 'a', requests: tally(requests), mustNotWrite: true },
      { run: 'b', requests: tally([query('iam', 'GetRole')]), mustNotWrite: true },
      { run: 'c', requests: tally(requests), mustNotWrite: false }
    ]);
    assert.equal(noOpWithWrites?.verdict, 'MISS');
    assert.equal(noOpClean?.verdict, 'PASS');
    assert.equal(noOpClean?.measured, '1 reads, 0 writes');
    assert.equal(firstRun?.verdict, '');
    assert.equal(firstRun?.target, '');
  });
});
