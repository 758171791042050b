/**
 * The cloud's composition root. Each entry (entries/<layer>-<module>.ts) gives `cloudPorts` the factories
 * of exactly the ports its handlers use, from the adapters' wiring modules (functions/adapters/wiring/)
 * and the cloud's own below, so a function bundles only those adapters: one that never renders a PDF has
 * no pdf-lib, one that never compares names no pinyin (docs/decisions/0015-per-entry-wiring.md).
 *
 * The cloud's own: the sealer is the KMS envelope sealer of the key whose id only the functions allowed to
 * use it are given (grants.ts); the license keyring is the asymmetric KMS key named by
 * LICENSE_SIGNING_KEY_ID (given only with the license-signing or public-key grant), with
 * LICENSE_RETIRED_KEY_IDS still published after a rotation; the platform-token key is another KMS key,
 * named by TOKEN_SIGNING_KEY_ID to the token service alone (docs/decisions/0017-identity.md).
 */
import { kmsClient } from '#adapters/clients';
import { optionalEnv, requireEnv } from '#adapters/config';
import { KmsEnvelopeSealer } from '#adapters/sealer';
import { KmsKeyring } from '#adapters/signer-kms';
import { KmsTokenKeyring } from '#adapters/token-signer-kms';
import { TOKEN_ENV } from '#contract/identity';
import { lazyPorts, type PortFactories, type PortFactory, type Ports } from '#ports/ports';

/** The ports of one function, each made on first use; a handler's port that is not given fails to compile. */
export function cloudPorts<K extends keyof Ports>(factories: PortFactories<K>): Pick<Ports, K> {
  return lazyPorts(factories);
}

export const sealer: PortFactory<'sealer'> = () => new KmsEnvelopeSealer(requireEnv('SEALING_KEY_ID'));

export const keyring: PortFactory<'keyring'> = () =>
  new KmsKeyring(kmsClient(), {
    currentKeyId: requireEnv('LICENSE_SIGNING_KEY_ID'),
    retiredKeyIds: optionalEnv('LICENSE_RETIRED_KEY_IDS', '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  });

export const licensing: PortFactory<'licensing'> = () => ({ baseUrl: requireEnv('LICENSE_BASE_URL') });

/** The platform-token key (RSA_2048), named only to the token service's functions (identity.ts). */
export const tokenKeys: PortFactory<'tokenKeys'> = () =>
  new KmsTokenKeyring(kmsClient(), requireEnv(TOKEN_ENV.signingKey));
