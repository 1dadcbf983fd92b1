// A snapshot of everything a run could have written in moto (S3 objects, bucket policies and public
// access blocks, IAM roles with their trust and policies, OIDC providers), so a test can prove that
// a rejected run wrote nothing. Compare snapshots of a moto that no other test shares.
import {
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListOpenIDConnectProvidersCommand,
  ListRolePoliciesCommand,
  ListRolesCommand
} from '@aws-sdk/client-iam';
import {
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  S3Client
} from '@aws-sdk/client-s3';

export interface AwsState {
  buckets: Record<string, { objects: string[]; policy: string; publicAccessBlock: string }>;
  roles: Record<string, { trust: string; attached: string[]; inline: string[]; tags: string }>;
  providers: Record<string, { clientIds: string[]; thumbprints: string[] }>;
}

async function orEmpty(read: () => Promise<string>): Promise<string> {
  try {
    return await read();
  } catch {
    return '';
  }
}

export async function snapshotAwsState(endpoint: string, region = 'us-east-1'): Promise<AwsState> {
  const common = { region, endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  const s3 = new S3Client({ ...common, forcePathStyle: true });
  const iam = new IAMClient(common);
  const state: AwsState = { buckets: {}, roles: {}, providers: {} };
  for (const bucket of (await s3.send(new ListBucketsCommand({}))).Buckets ?? []) {
    const name = bucket.Name ?? '';
    const objects = (await s3.send(new ListObjectsV2Command({ Bucket: name }))).Contents ?? [];
    state.buckets[name] = {
      objects: objects.map((o) => `${o.Key}@${o.ETag}`).sort(),
      policy: await orEmpty(
        async () => (await s3.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy ?? ''
      ),
      publicAccessBlock: await orEmpty(async () =>
        JSON.stringify(
          (await s3.send(new GetPublicAccessBlockCommand({ Bucket: name }))).PublicAccessBlockConfiguration
        )
      )
    };
  }
  for (const role of (await iam.send(new ListRolesCommand({ MaxItems: 1000 }))).Roles ?? []) {
    const name = role.RoleName ?? '';
    const attached =
      (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies ?? [];
    const inline = (await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? [];
    state.roles[name] = {
      trust: role.AssumeRolePolicyDocument ?? '',
      attached: attached.map((p) => p.PolicyArn ?? '').sort(),
      inline: [...inline].sort(),
      tags: JSON.stringify(role.Tags ?? [])
    };
  }
  for (const provider of (await iam.send(new ListOpenIDConnectProvidersCommand({})))
    .OpenIDConnectProviderList ?? []) {
    const arn = provider.Arn ?? '';
    const detail = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    state.providers[arn] = {
      clientIds: [...(detail.ClientIDList ?? [])].sort(),
      thumbprints: [...(detail.ThumbprintList ?? [])].sort()
    };
  }
  return state;
}
