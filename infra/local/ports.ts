/**
 * The local runtime's composition root: the same AWS adapters as the cloud, talking to DynamoDB Local,
 * s3rver and the local Step Functions endpoint over loopback (clients.ts reads the endpoints), and the
 * sealer's key in a file under the data directory (docs/decisions/0010-sealing.md).
 */
import { awsAdapters } from '#adapters/aws-ports';
import { LocalFileSealer } from '#adapters/sealer';
import type { Ports } from '#ports/ports';

export function localPorts(sealingKeyFile: string): Ports {
  return awsAdapters(() => new LocalFileSealer(sealingKeyFile));
}
