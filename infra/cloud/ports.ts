/**
 * The cloud's composition root: every function's ports are the AWS adapters, and the sealer is the KMS
 * envelope sealer of the key whose id only the functions allowed to use it are given (grants.ts).
 */
import { awsAdapters } from '#adapters/aws-ports';
import { requireEnv } from '#adapters/config';
import { KmsEnvelopeSealer } from '#adapters/sealer';
import type { Ports } from '#ports/ports';

let ports: Ports | undefined;

export function cloudPorts(): Ports {
  ports ??= awsAdapters(() => new KmsEnvelopeSealer(requireEnv('SEALING_KEY_ID')));
  return ports;
}
