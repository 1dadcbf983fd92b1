// AWS partitions as the SDK's partitions.json defines them: which regions each holds (by name
// prefix), the DNS suffix of its endpoints, and a region to call its global IAM in when none is set.
// A region of an isolated or sovereign partition read as `aws` would pair it with the wrong IAM, STS
// or ARNs.
interface Partition {
  id: string;
  regionPrefix: string;
  dnsSuffix: string;
  defaultRegion: string;
}

const PARTITIONS: readonly Partition[] = [
  { id: 'aws-cn', regionPrefix: 'cn-', dnsSuffix: 'amazonaws.com.cn', defaultRegion: 'cn-north-1' },
  { id: 'aws-us-gov', regionPrefix: 'us-gov-', dnsSuffix: 'amazonaws.com', defaultRegion: 'us-gov-west-1' },
  { id: 'aws-iso-b', regionPrefix: 'us-isob-', dnsSuffix: 'sc2s.sgov.gov', defaultRegion: 'us-isob-east-1' },
  {
    id: 'aws-iso-f',
    regionPrefix: 'us-isof-',
    dnsSuffix: 'csp.hci.ic.gov',
    defaultRegion: 'us-isof-south-1'
  },
  { id: 'aws-iso-e', regionPrefix: 'eu-isoe-', dnsSuffix: 'cloud.adc-e.uk', defaultRegion: 'eu-isoe-west-1' },
  { id: 'aws-iso', regionPrefix: 'us-iso-', dnsSuffix: 'c2s.ic.gov', defaultRegion: 'us-iso-east-1' },
  { id: 'aws-eusc', regionPrefix: 'eusc-', dnsSuffix: 'amazonaws.eu', defaultRegion: 'eusc-de-east-1' }
];
const STANDARD: Partition = {
  id: 'aws',
  regionPrefix: '',
  dnsSuffix: 'amazonaws.com',
  defaultRegion: 'us-east-1'
};

function partitionOf(region: string): Partition {
  // Each partition's global pseudo-region (aws-us-gov-global, ...), which the SDK's table lists too:
  // read by its prefix, it would be aws's.
  const global = /^(aws(?:-[a-z]+)*)-global$/.exec(region)?.[1];
  const named = global && PARTITIONS.find((partition) => partition.id === global);
  if (named) return named;
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

/** Every partition's DNS suffix, the standard partition's first. */
export function dnsSuffixes(): string[] {
  return [...new Set([STANDARD, ...PARTITIONS].map((partition) => partition.dnsSuffix))];
}

/** A region of the partition (of aws when the id is unknown) whose endpoint signs for its IAM. */
export function defaultRegionOfPartition(id: string): string {
  return (PARTITIONS.find((partition) => partition.id === id) ?? STANDARD).defaultRegion;
}

/**
 * The partition an AWS endpoint's host name shows: the label before the DNS suffix names a region
 * of the partition that suffix belongs to (BUCKET.s3.cn-north-1.amazonaws.com.cn is aws-cn, and so
 * are s3-REGION and EKS's oidc.eks.REGION). Undefined for any other host, such as a custom domain.
 */
export function partitionOfHost(host: string): string | undefined {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  for (let end = labels.length - 1; end > 0; end -= 1) {
    const region = /^(?:s3-)?([a-z]{2}(?:[a-z]{2})?(?:-[a-z]+)+-\d+)$/.exec(labels[end - 1] ?? '')?.[1];
    if (region && labels.slice(end).join('.') === dnsSuffixOfRegion(region)) return partitionOfRegion(region);
  }
  return undefined;
}
