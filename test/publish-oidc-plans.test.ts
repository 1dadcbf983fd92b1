// publish-oidc's inputs and the plans it makes from the bucket's and the provider's current state.
import type { DetailedPeerCertificate } from 'node:tls';
import { UserError } from '../src/io/errors.js';
import { mapInputReader } from '../src/io/inputs.js';
import { bucketNameProblem } from '../src/publish-oidc/bucket-name.js';
import {
  planBucketPolicy,
  publicReadStatement,
  STATEMENT_SID,
  statementSid
} from '../src/publish-oidc/bucket-policy.js';
import { planBucket, planPublicAccessBlock } from '../src/publish-oidc/bucket-plan.js';
import { parsePublishInputs } from '../src/publish-oidc/inputs.js';
import { lastCertificate, thumbprintOf } from '../src/publish-oidc/issuer-thumbprint.js';
import {
  MAX_THUMBPRINTS,
  planProvider,
  providerPlanChanges,
  thumbprintCapWarning
} from '../src/publish-oidc/provider-plan.js';
import { checkPublicDocuments, publicReadProblem } from '../src/publish-oidc/public-check.js';

const ENV = { AWS_REGION: 'eu-west-1' };
const BASE = { kubeconfig: 'apiVersion: v1', bucket: 'irsa-demo' };

function inputError(values: Record<string, string>, env: NodeJS.ProcessEnv = ENV): UserError {
  try {
    parsePublishInputs(mapInputReader(values), env);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('inputs', () => {
  it("checks an issuer on S3's own hosts against the bucket and region, with S3's host variants", () => {
    const issuerOk = (issuer: string) =>
      parsePublishInputs(mapInputReader({ ...BASE, 'issuer-url': issuer }), { AWS_REGION: 'us-east-1' })
        .issuerUrl;
    for (const issuer of [
      'https://irsa-demo.s3-external-1.amazonaws.com',
      'https://s3-external-1.amazonaws.com/irsa-demo',
      'https://irsa-demo.s3.dualstack.us-east-1.amazonaws.com/c',
      'https://irsa-demo.s3-fips.us-east-1.amazonaws.com',
      'https://irsa-demo.s3.amazonaws.com'
    ])
      expect(issuerOk(issuer)).toBe(issuer);
    for (const issuer of [
      'https://other.s3-fips.us-east-1.amazonaws.com',
      'https://other.s3.us-east-1.amazonaws.com.',
      'https://s3.us-east-1.amazonaws.com/other/c'
    ])
      expect(inputError({ ...BASE, 'issuer-url': issuer }, { AWS_REGION: 'us-east-1' }).message).toContain(
        "is served by the S3 bucket 'other', not by 'irsa-demo'"
      );
    expect(inputError({ ...BASE, 'client-ids': 'sts.amazonaws.com\u200bx' }).message).toContain(
      'holds a space or an invisible or control character'
    );
  });

  it("refuses, with AWS's own IAM, an issuer on a host STS can never reach; with an endpoint override it is the stack's", () => {
    for (const [issuer, problem] of [
      ['https://127.0.0.1:8443/irsa-demo', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
      ['https://localhost./irsa-demo', 'localhost always names the loopback address'],
      ['https://10.0.0.5', '10.0.0.5 is a private address (RFC 1918, 10.0.0.0/8)'],
      ['https://[fd00::5]/c', 'fd00::5 is a unique local (private) address (fc00::/7)'],
      ['https://169.254.169.254', '169.254.169.254 is a link-local address'],
      ['https://100.64.0.1', '100.64.0.1 is a carrier-grade NAT address (100.64.0.0/10)']
    ] as const) {
      const error = inputError({ ...BASE, 'issuer-url': issuer });
      expect(error.input).toBe('issuer-url');
      expect(error.message).toContain(`'${issuer}' cannot work with AWS: ${problem}`);
      expect(error.message).not.toContain('\n');
    }
    const loopback = { ...BASE, 'issuer-url': 'https://127.0.0.1:8443/irsa-demo' };
    for (const env of [
      { ...ENV, AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' },
      { ...ENV, AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:5000' },
      { AWS_REGION: 'us-iso-east-1' }
    ])
      expect(parsePublishInputs(mapInputReader(loopback), env).issuerUrl).toBe(loopback['issuer-url']);
    // S3 alone pointing elsewhere leaves IAM, and the check, AWS's.
    expect(inputError(loopback, { ...ENV, AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:5000' }).input).toBe(
      'issuer-url'
    );
  });

  it("checks an issuer on the S3 hosts of every partition's domain, not only amazonaws.com(.cn)", () => {
    const issuerIn = (region: string, issuer: string) =>
      parsePublishInputs(mapInputReader({ ...BASE, 'issuer-url': issuer }), { AWS_REGION: region }).issuerUrl;
    expect(issuerIn('eusc-de-east-1', 'https://irsa-demo.s3.eusc-de-east-1.amazonaws.eu')).toBe(
      'https://irsa-demo.s3.eusc-de-east-1.amazonaws.eu'
    );
    expect(
      inputError(
        { ...BASE, 'issuer-url': 'https://other.s3.eusc-de-east-1.amazonaws.eu' },
        { AWS_REGION: 'eusc-de-east-1' }
      ).message
    ).toContain("is served by the S3 bucket 'other', not by 'irsa-demo'");
    expect(
      inputError(
        { ...BASE, 'issuer-url': 'https://s3.us-isob-east-1.sc2s.sgov.gov/other' },
        { AWS_REGION: 'us-isob-east-1' }
      ).message
    ).toContain("is served by the S3 bucket 'other'");
    expect(
      inputError(
        { ...BASE, 'issuer-url': 'https://irsa-demo.s3.us-iso-west-1.c2s.ic.gov' },
        { AWS_REGION: 'us-iso-east-1' }
      ).message
    ).toContain('names the region us-iso-west-1, not us-iso-east-1');
  });

  it('applies the documented defaults', () => {
    expect(parsePublishInputs(mapInputReader(BASE), ENV)).toEqual({
      kubeconfig: { input: 'kubeconfig', value: 'apiVersion: v1' },
      bucket: 'irsa-demo',
      bucketOwner: undefined,
      region: 'eu-west-1',
      issuerUrl: 'https://irsa-demo.s3.eu-west-1.amazonaws.com',
      manageBucket: false,
      createProvider: true,
      clientIds: ['sts.amazonaws.com'],
      keyRetentionHours: 24,
      verifyPublic: true,
      dryRun: false
    });
  });

  it('reads every input', () => {
    const inputs = parsePublishInputs(
      mapInputReader({
        'kubeconfig-path': '/tmp/kc',
        bucket: 'b-1',
        'bucket-owner': '210987654321',
        region: 'us-west-2',
        'issuer-url': 'https://oidc.example.com/prod',
        'manage-bucket': 'true',
        'create-provider': 'false',
        'client-ids': 'sts.amazonaws.com\napp-1, app-1',
        'key-retention-hours': '0',
        'verify-public': 'false',
        'dry-run': 'true'
      }),
      {}
    );
    expect(inputs).toMatchObject({
      kubeconfig: { input: 'kubeconfig-path', value: '/tmp/kc' },
      bucketOwner: '210987654321',
      region: 'us-west-2',
      issuerUrl: 'https://oidc.example.com/prod',
      manageBucket: true,
      createProvider: false,
      clientIds: ['sts.amazonaws.com', 'app-1'],
      keyRetentionHours: 0,
      verifyPublic: false,
      dryRun: true
    });
  });

  it.each([
    [{ bucket: 'b-1' }, 'kubeconfig', 'is required'],
    [{ ...BASE, 'kubeconfig-path': '/x' }, 'kubeconfig', 'not both'],
    [{ kubeconfig: 'x' }, 'bucket', 'is required'],
    [{ ...BASE, bucket: 'Bad_Bucket' }, 'bucket', 'not a valid S3 bucket name'],
    [{ ...BASE, bucket: 'a.b' }, 'bucket', 'holds dots'],
    // The default issuer it names is on the region's partition's S3 domain.
    [
      { ...BASE, bucket: 'a.b', region: 'cn-north-1' },
      'bucket',
      'https://a.b.s3.cn-north-1.amazonaws.com.cn would'
    ],
    [
      { ...BASE, 'issuer-url': 'http://irsa-demo.s3.eu-west-1.amazonaws.com' },
      'issuer-url',
      'must use https'
    ],
    [{ ...BASE, 'issuer-url': 'https://x.example.com/' }, 'issuer-url', 'end with a slash'],
    [{ ...BASE, 'manage-bucket': 'yes' }, 'manage-bucket', 'not a boolean'],
    [{ ...BASE, 'key-retention-hours': '-1' }, 'key-retention-hours', 'below the minimum'],
    [{ ...BASE, 'key-retention-hours': '1.5' }, 'key-retention-hours', 'not a whole number'],
    [{ ...BASE, 'client-ids': 'x'.repeat(256) }, 'client-ids', 'longer than 255'],
    [{ ...BASE, region: 'mars' }, 'region', 'not an AWS region'],
    [{ ...BASE, 'bucket-owner': '1234-5678-9012' }, 'bucket-owner', 'is not an AWS account ID (12 digits)']
  ])('refuses %j naming %s', (values, input, text) => {
    const error = inputError(values as Record<string, string>);
    expect(error.input).toBe(input);
    expect(error.message).toContain(`Input '${input}'`);
    expect(error.message).toContain(text);
  });

  it('needs a region from the input or the environment', () => {
    expect(inputError(BASE, {}).input).toBe('region');
    expect(parsePublishInputs(mapInputReader(BASE), { AWS_DEFAULT_REGION: 'ap-south-1' }).region).toBe(
      'ap-south-1'
    );
  });
});

describe('bucket names', () => {
  it('follows the S3 naming rules', () => {
    expect(bucketNameProblem('irsa-demo')).toBeUndefined();
    expect(bucketNameProblem('a.b-c.1')).toBeUndefined();
    expect(bucketNameProblem('ab')).toContain('3 to 63');
    expect(bucketNameProblem('a'.repeat(64))).toContain('3 to 63');
    expect(bucketNameProblem('Upper')).toContain('lower-case');
    expect(bucketNameProblem('-abc')).toContain('begin and end');
    expect(bucketNameProblem('abc.')).toContain('begin and end');
    expect(bucketNameProblem('a..b')).toContain('adjacent dots');
    expect(bucketNameProblem('192.168.5.4')).toContain('IP address');
    expect(bucketNameProblem('xn--abc')).toContain("'xn--'");
    expect(bucketNameProblem('bucket-s3alias')).toContain("'-s3alias'");
  });
});

describe('bucket policy', () => {
  const statement = publicReadStatement('aws', 'b1', ['openid/v1/jwks', '.well-known/openid-configuration']);

  it('grants anonymous GetObject on exactly the two documents', () => {
    expect(statement).toEqual({
      Sid: STATEMENT_SID,
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::b1/.well-known/openid-configuration', 'arn:aws:s3:::b1/openid/v1/jwks']
    });
  });

  it('adds its statement to a bucket without a policy, keeping other statements of an existing one', () => {
    expect(JSON.parse(planBucketPolicy(undefined, statement).policy ?? '')).toEqual({
      Version: '2012-10-17',
      Statement: [statement]
    });
    const tls = {
      Sid: 'DenyHttp',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: 'arn:aws:s3:::b1/*'
    };
    const plan = planBucketPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [tls] }), statement);
    expect(plan.keptStatements).toBe(1);
    expect(JSON.parse(plan.policy ?? '').Statement).toEqual([tls, statement]);
  });

  it('writes nothing when its statement already says the same, however IAM formats it', () => {
    const reformatted = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: STATEMENT_SID,
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['s3:GetObject'],
          Resource: [...statement.Resource].reverse()
        }
      ]
    };
    expect(planBucketPolicy(JSON.stringify(reformatted), statement).policy).toBeUndefined();
  });

  it('replaces its statement when it grants more or other objects', () => {
    const wider = { ...statement, Resource: ['arn:aws:s3:::b1/*'] };
    const plan = planBucketPolicy(JSON.stringify({ Statement: [wider] }), statement);
    expect(JSON.parse(plan.policy ?? '').Statement).toEqual([statement]);
    const conditioned = { ...statement, Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    expect(planBucketPolicy(JSON.stringify({ Statement: [conditioned] }), statement).policy).toBeDefined();
  });
});

describe('bucket policy for issuers sharing a bucket', () => {
  const keys = (prefix: string) => [`${prefix}openid/v1/jwks`, `${prefix}.well-known/openid-configuration`];
  const a = publicReadStatement('aws', 'b1', keys('a/'), 'a/');
  const b = publicReadStatement('aws', 'b1', keys('b/'), 'b/');

  it('gives each prefixed issuer a Sid of its own and keeps the plain one for the root', () => {
    expect(a.Sid).toMatch(/^TalosIrsaPublicOidcDocuments[0-9a-f]{12}$/);
    expect(a.Sid).not.toBe(b.Sid);
    expect(statementSid('')).toBe(STATEMENT_SID);
    const both = planBucketPolicy(planBucketPolicy(undefined, a).policy, b).policy ?? '';
    expect(JSON.parse(both).Statement).toEqual([a, b]);
    expect(planBucketPolicy(both, a).policy).toBeUndefined();
    expect(planBucketPolicy(both, b).policy).toBeUndefined();
  });

  it("takes over its statement under the plain Sid, as earlier versions wrote it, and no other issuer's", () => {
    const legacyA = { ...a, Sid: STATEMENT_SID };
    const plan = planBucketPolicy(JSON.stringify({ Statement: [legacyA] }), b);
    expect(JSON.parse(plan.policy ?? '').Statement).toEqual([legacyA, b]);
    const migrated = planBucketPolicy(JSON.stringify({ Statement: [legacyA, b] }), a);
    expect(JSON.parse(migrated.policy ?? '').Statement).toEqual([b, a]);
  });

  it("counts a user's statement granting exactly the same as done, and keeps the policy's Version and Id", () => {
    const terraforms = { ...a, Sid: 'PublicReadOfOidcDiscoveryDocumentsOnly' };
    expect(planBucketPolicy(JSON.stringify({ Statement: [terraforms] }), a).policy).toBeUndefined();
    const legacyPolicy = { Version: '2008-10-17', Id: 'MyCompanyPolicy-42', Statement: [] };
    expect(JSON.parse(planBucketPolicy(JSON.stringify(legacyPolicy), a).policy ?? '')).toEqual({
      Version: '2008-10-17',
      Id: 'MyCompanyPolicy-42',
      Statement: [a]
    });
  });

  it("leaves, for the root issuer, an earlier version's plain-Sid statement that grants another issuer's documents", () => {
    const root = publicReadStatement('aws', 'b1', keys(''));
    const legacyB = { ...b, Sid: STATEMENT_SID };
    const plan = planBucketPolicy(JSON.stringify({ Statement: [legacyB] }), root);
    expect(JSON.parse(plan.policy ?? '').Statement).toEqual([legacyB, root]);
    // Its own plain-Sid statement, widened by hand, is still its own and is narrowed.
    const widened = { ...root, Resource: ['arn:aws:s3:::b1/*'] };
    expect(
      JSON.parse(planBucketPolicy(JSON.stringify({ Statement: [widened] }), root).policy ?? '').Statement
    ).toEqual([root]);
  });

  it('refuses a key IAM would read as a pattern or a variable', () => {
    for (const key of ['*', 'keys/jwk?', 'a/${aws:username}'])
      expect(() => publicReadStatement('aws', 'b1', [key])).toThrow(/IAM would read it as a pattern/);
  });
});

describe('public access block', () => {
  it('relaxes only the two policy settings, keeping the ACL settings', () => {
    expect(
      planPublicAccessBlock({
        exists: true,
        publicAccessBlock: {
          BlockPublicAcls: true,
          IgnorePublicAcls: false,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true
        },
        policy: undefined
      })
    ).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false
    });
  });

  it('writes nothing when the bucket already allows a public policy', () => {
    const relaxed = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false
    };
    expect(
      planPublicAccessBlock({ exists: true, publicAccessBlock: relaxed, policy: undefined })
    ).toBeUndefined();
    expect(
      planPublicAccessBlock({ exists: true, publicAccessBlock: undefined, policy: undefined })
    ).toBeUndefined();
  });

  it('sets the block on a bucket it creates, with ACLs blocked', () => {
    const plan = planBucket(
      { exists: false, publicAccessBlock: undefined, policy: 'ignored' },
      publicReadStatement('aws', 'b', ['k'])
    );
    expect(plan.create).toBe(true);
    expect(plan.publicAccessBlock).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false
    });
    expect(plan.policy).toBeDefined();
  });
});

describe('IAM OIDC provider plan', () => {
  const thumbprint = 'a'.repeat(40);

  it('creates a missing provider with the client IDs and thumbprint', () => {
    expect(planProvider(undefined, ['sts.amazonaws.com'], thumbprint)).toEqual({
      create: true,
      addClientIds: ['sts.amazonaws.com'],
      thumbprints: [thumbprint],
      extraClientIds: []
    });
  });

  it('adds only missing client IDs, and the served thumbprint first, keeping the others listed', () => {
    const other = 'b'.repeat(40);
    const current = { arn: 'arn', clientIds: ['sts.amazonaws.com', 'other'], thumbprints: [other] };
    const plan = planProvider(current, ['sts.amazonaws.com', 'app'], thumbprint);
    expect(plan).toEqual({
      create: false,
      addClientIds: ['app'],
      thumbprints: [thumbprint, other],
      extraClientIds: ['other']
    });
    expect(providerPlanChanges(plan, 'https://h/b', current)).toEqual([
      'add client ID(s) app to the provider',
      `update the provider's thumbprints from ${other} to ${thumbprint}, ${other}: add ${thumbprint} ` +
        `(the last certificate the issuer's host sends); keep ${other}`
    ]);
    expect(thumbprintCapWarning(plan, false)).toBeUndefined();
  });

  it('changes nothing when the provider matches, thumbprint case aside', () => {
    const current = { arn: 'arn', clientIds: ['sts.amazonaws.com'], thumbprints: ['A'.repeat(40)] };
    expect(planProvider(current, ['sts.amazonaws.com'], thumbprint)).toMatchObject({
      create: false,
      addClientIds: [],
      thumbprints: undefined
    });
  });

  it('changes nothing when the served thumbprint is listed among others, wherever', () => {
    const current = {
      arn: 'arn',
      clientIds: ['sts.amazonaws.com'],
      thumbprints: ['1', '2', '3', '4'].map((digit) => digit.repeat(40)).concat(thumbprint)
    };
    expect(planProvider(current, ['sts.amazonaws.com'], thumbprint, '1'.repeat(40))).toEqual({
      create: false,
      addClientIds: [],
      thumbprints: undefined,
      extraClientIds: []
    });
  });

  it('drops the unsent root that earlier versions registered, keeps the others, and says so', () => {
    const root = 'c'.repeat(40);
    const other = 'd'.repeat(40);
    const current = {
      arn: 'arn',
      clientIds: ['sts.amazonaws.com'],
      thumbprints: [other, root.toUpperCase()]
    };
    const plan = planProvider(current, ['sts.amazonaws.com'], thumbprint, root);
    expect(plan).toMatchObject({ thumbprints: [thumbprint, other], droppedRoot: root.toUpperCase() });
    expect(plan.droppedPastCap).toBeUndefined();
    expect(providerPlanChanges(plan, 'https://h/b', current)).toEqual([
      `update the provider's thumbprints from ${other}, ${root.toUpperCase()} to ${thumbprint}, ${other}: ` +
        `add ${thumbprint} (the last certificate the issuer's host sends); keep ${other}; ` +
        `drop ${root.toUpperCase()} (the issuer host's root CA, not sent by the host, was registered by ` +
        'publish-oidc before it took the last certificate the host sends, as IAM documents)'
    ]);
    // Another old thumbprint is a changed certificate or one the user added, not the root: kept.
    const rotated = { ...current, thumbprints: ['b'.repeat(40)] };
    const kept = planProvider(rotated, ['sts.amazonaws.com'], thumbprint, root);
    expect(kept.thumbprints).toEqual([thumbprint, 'b'.repeat(40)]);
    expect(kept.droppedRoot).toBeUndefined();
    // Current already: nothing to replace, whatever else is listed.
    const both = { ...current, thumbprints: [root, thumbprint] };
    expect(planProvider(both, ['sts.amazonaws.com'], thumbprint, root)).toMatchObject({
      thumbprints: undefined
    });
    expect(planProvider(both, ['sts.amazonaws.com'], thumbprint, root).droppedRoot).toBeUndefined();
  });

  it(`keeps within IAM's ${MAX_THUMBPRINTS} thumbprints by dropping the last listed, with a warning naming them`, () => {
    const listed = ['1', '2', '3', '4', '5'].map((digit) => digit.repeat(40));
    const current = { arn: 'arn', clientIds: ['sts.amazonaws.com'], thumbprints: listed };
    const plan = planProvider(current, ['sts.amazonaws.com'], thumbprint);
    expect(plan).toMatchObject({
      thumbprints: [thumbprint, ...listed.slice(0, 4)],
      droppedPastCap: [listed[4]]
    });
    expect(providerPlanChanges(plan, 'https://h/b', current)[0]).toBe(
      `update the provider's thumbprints from ${listed.join(', ')} to ${[thumbprint, ...listed.slice(0, 4)].join(', ')}: ` +
        `add ${thumbprint} (the last certificate the issuer's host sends); keep ${listed.slice(0, 4).join(', ')}; ` +
        `drop ${listed[4]} (past IAM's 5 per provider)`
    );
    expect(thumbprintCapWarning(plan, false)).toBe(
      `IAM keeps at most 5 thumbprints per OIDC provider: with ${thumbprint} added first, ${listed[4]}, the last ` +
        'listed, is dropped. To keep one, put it back in place of another with aws iam ' +
        'update-open-id-connect-provider-thumbprint.'
    );
    expect(thumbprintCapWarning(plan, true)).toContain('would be dropped');
    // The root goes first: dropping it makes room, and nothing the user added is lost.
    const withRoot = planProvider(current, ['sts.amazonaws.com'], thumbprint, listed[2]);
    expect(withRoot.thumbprints).toEqual([thumbprint, listed[0], listed[1], listed[3], listed[4]]);
    expect(withRoot.droppedRoot).toBe(listed[2]);
    expect(withRoot.droppedPastCap).toBeUndefined();
    expect(thumbprintCapWarning(withRoot, false)).toBeUndefined();
  });
});

describe('thumbprint', () => {
  it('takes the last certificate of the chain Node links, stopping at the self-signed root', () => {
    const root = { fingerprint: 'AA:BB:CC' } as DetailedPeerCertificate;
    root.issuerCertificate = root;
    const intermediate = { fingerprint: '11:22', issuerCertificate: root } as DetailedPeerCertificate;
    const leaf = { fingerprint: '33:44', issuerCertificate: intermediate } as DetailedPeerCertificate;
    expect(lastCertificate(leaf)).toBe(root);
    expect(thumbprintOf(lastCertificate(leaf))).toBe('aabbcc');
    const lone = { fingerprint: '55:66' } as DetailedPeerCertificate;
    expect(lastCertificate(lone)).toBe(lone);
  });
});

describe('public read check', () => {
  const doc = {
    name: 'JWKS',
    url: 'https://h/b/openid/v1/jwks',
    key: 'openid/v1/jwks',
    bytes: Buffer.from('{"keys":[]}')
  };

  it('accepts the same bytes and explains a refusal, a miss and stale bytes', () => {
    expect(publicReadProblem(doc, { status: 200, body: Buffer.from('{"keys":[]}') }, 'b')).toBeUndefined();
    const refused = publicReadProblem(doc, { status: 403, body: Buffer.from('AccessDenied') }, 'b');
    expect(refused).toContain('Block Public Access');
    expect(refused).toContain('manage-bucket: true');
    expect(refused).toContain('BlockPublicPolicy and RestrictPublicBuckets');
    expect(publicReadProblem(doc, { status: 404, body: Buffer.alloc(0) }, 'b')).toContain(
      'issuer-url does not lead'
    );
    expect(publicReadProblem(doc, { status: 200, body: Buffer.from('{"keys":[1]}') }, 'b')).toContain(
      'other bytes'
    );
    expect(publicReadProblem(doc, { status: 200, body: Buffer.from('<html>Oops</html>') }, 'b')).toContain(
      'answered 200 with something other than JSON'
    );
    expect(publicReadProblem(doc, { status: 200, body: Buffer.from('{"keys":[') }, 'b')).toContain(
      'a body cut short'
    );
    expect(
      publicReadProblem(doc, { status: 503, body: Buffer.from('<Error><Code>SlowDown</Code></Error>') }, 'b')
    ).toBe(`anonymous GET ${doc.url} answered HTTP 503 (SlowDown).`);
    expect(
      publicReadProblem(
        doc,
        { status: 301, body: Buffer.alloc(0), location: 'https://elsewhere.example/jwks' },
        'b'
      )
    ).toBe(
      `anonymous GET ${doc.url} answered HTTP 301, a redirect to https://elsewhere.example/jwks, which STS does not follow.`
    );
  });

  it('asks again after each pause while S3 may still be applying a change, and stops once it reads back', async () => {
    const answers = [403, 403, 200];
    const asked: string[] = [];
    const sleeps: number[] = [];
    const problems = await checkPublicDocuments(
      async (url) => {
        asked.push(url);
        return { status: answers.shift() ?? 200, body: Buffer.from('{"keys":[]}') };
      },
      [doc],
      'b',
      { delaysMs: [10, 20, 40], sleep: async (ms) => void sleeps.push(ms) }
    );
    expect(problems).toEqual([]);
    expect(sleeps).toEqual([10, 20]);
    expect(asked).toHaveLength(3);
  });

  it('reports the problems of the last attempt when every attempt fails', async () => {
    const problems = await checkPublicDocuments(
      async () => {
        throw new Error('connect ECONNREFUSED');
      },
      [doc],
      'b',
      { delaysMs: [1], sleep: async () => undefined }
    );
    expect(problems).toEqual([`JWKS: anonymous GET ${doc.url} failed (connect ECONNREFUSED).`]);
  });
});
