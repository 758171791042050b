/**
 * The local runtime's composition root: the same AWS adapters as the cloud, talking to DynamoDB Local,
 * s3rver and the local Step Functions endpoint over loopback (clients.ts reads the endpoints), the
 * sealer's key in a file under the data directory (docs/decisions/0010-sealing.md), and the license
 * signing keys in a directory beside it, with the server's own URL as the licenses' issuer; and the token
 * service's key beside them, the server's URL its issuer too.
 */
import { dirname, join } from 'node:path';
import { awsAdapters } from '#adapters/aws-ports';
import { requireEnv } from '#adapters/config';
import { LocalFileSealer } from '#adapters/sealer';
import { LocalKeyring } from '#adapters/signer-local';
import { LocalTokenKeyring } from '#adapters/token-signer-local';
import type { Ports } from '#ports/ports';
import { LOCAL_AUDIENCE } from './identity.ts';

export interface LocalPortsOptions {
  dataDir: string;
  /** Where the server answers: the issuer of every license and the base of every link. */
  publicUrl: string;
}

/**
 * The ports of the runtime on `dataDir`. Given only the sealing key's file (a tool beside a running
 * runtime), the license keys are the ones beside it and the base URL is LICENSE_BASE_URL's.
 */
export function localPorts(options: LocalPortsOptions | string): Ports {
  const keys = typeof options === 'string' ? dirname(options) : join(options.dataDir, 'keys');
  const sealingKeyFile = typeof options === 'string' ? options : join(keys, 'sealing-key');
  const license = {
    keyring: () => new LocalKeyring(join(keys, 'license')),
    baseUrl: () => (typeof options === 'string' ? requireEnv('LICENSE_BASE_URL') : options.publicUrl),
  };
  if (typeof options === 'string') return awsAdapters(() => new LocalFileSealer(sealingKeyFile), license);
  // The token service's issuer is the server itself: its discovery document is served below its URL.
  return awsAdapters(() => new LocalFileSealer(sealingKeyFile), license, {
    tokenIssuer: () => ({ issuer: options.publicUrl, audience: LOCAL_AUDIENCE }),
    tokenKeys: () => new LocalTokenKeyring(join(keys, 'platform-token')),
  });
}
