import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';

/** The account of the AWS credentials. Every principal may ask this: no IAM permission is needed. */
export async function callerAccount(sts: STSClient): Promise<string> {
  const { Account } = await sts.send(new GetCallerIdentityCommand({}));
  if (!Account) throw new Error('STS GetCallerIdentity answered without an account.');
  return Account;
}
