// AWS partitions as the SDK's partitions.json defines them: which regions each holds (by name
// prefix) and the DNS suffix of its endpoints. A region of an isolated or sovereign partition read
// as `aws` would pair it with the wrong IAM, STS or ARNs.
interface Partition {
  id: string;
  regionPrefix: string;
  dnsSuffix: string;
}

const PARTITIONS: readonly Partition[] = [
  { id: 'aws-cn', regionPrefix: 'cn-', dnsSuffix: 'amazonaws.com.cn' },
  { id: 'aws-us-gov', regionPrefix: 'us-gov-', dnsSuffix: 'amazonaws.com' },
  { id: 'aws-iso-b', regionPrefix: 'us-isob-', dnsSuffix: 'sc2s.sgov.gov' },
  { id: 'aws-iso-f', regionPrefix: 'us-isof-', dnsSuffix: 'csp.hci.ic.gov' },
  { id: 'aws-iso-e', regionPrefix: 'eu-isoe-', dnsSuffix: 'cloud.adc-e.uk' },
  { id: 'aws-iso', regionPrefix: 'us-iso-', dnsSuffix: 'c2s.ic.gov' },
  { id: 'aws-eusc', regionPrefix: 'eusc-', dnsSuffix: 'amazonaws.eu' }
];
const STANDARD: Partition = { id: 'aws', regionPrefix: '', dnsSuffix: 'amazonaws.com' };

function partitionOf(region: string): Partition {
  return PARTITIONS.find((partition) => region.startsWith(partition.regionPrefix)) ?? STANDARD;
}

/** The partition a region belongs to: where its STS can assume roles, and no other. */
export function partitionOfRegion(region: string): string {
  return partitionOf(region).id;
}

/** The domain under which the region's service endpoints live (s3.REGION.<suffix>). */
export function dnsSuffixOfRegion(region: string): string {
  return partitionOf(region).dnsSuffix;
}
