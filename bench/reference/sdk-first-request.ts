// A reference, not an action: the least a bundle can do to send one IAM request through the AWS
// SDK. The bench bundles it with ncc exactly as the actions are bundled, and times it from spawn to
// its first connection like them, so its figure is the floor under any action whose first request
// is an AWS call (irsa-role's is GetOpenIDConnectProvider).
const { IAMClient, GetOpenIDConnectProviderCommand } = await import('@aws-sdk/client-iam');
const iam = new IAMClient({ region: process.env.AWS_REGION ?? 'us-east-1', maxAttempts: 1 });
await iam
  .send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: process.env.REFERENCE_PROVIDER_ARN }))
  .catch(() => {
    process.exitCode = 1;
  });
