/**
 * The cloud's composition root: every function's ports are the AWS adapters, the sealer is the KMS
 * envelope sealer of the key whose id only the functions allowed to use it are given (grants.ts), and
 * the license keyring is the asymmetric KMS key named by LICENSE_SIGNING_KEY_ID (given only with the
 * license-signing or public-key grant), with LICENSE_RETIRED_KEY_IDS still published after a rotation.
 */
import { awsAdapters } from '#adapters/aws-ports';
import { kmsClient } from '#adapters/clients';
import { optionalEnv, requireEnv } from '#adapters/config';
import { KmsEnvelopeSealer } from '#adapters/sealer';
import { KmsKeyring } from '#adapters/signer-kms';
import type { Ports } from '#ports/ports';

let ports: Ports | undefined;

export function cloudPorts(): Ports {
  ports ??= awsAdapters(() => new KmsEnvelopeSealer(requireEnv('SEALING_KEY_ID')), {
    keyring: () =>
      new KmsKeyring(kmsClient(), {
        currentKeyId: requireEnv('LICENSE_SIGNING_KEY_ID'),
        retiredKeyIds: optionalEnv('LICENSE_RETIRED_KEY_IDS', '')
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      }),
    baseUrl: () => requireEnv('LICENSE_BASE_URL'),
  });
  return ports;
}
