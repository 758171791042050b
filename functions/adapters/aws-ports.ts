/**
 * Every port over the AWS adapters, made on first use: what the local runtime, the integration tests and
 * the benchmarks wire (each with key files). A Lambda function wires only the factories its handlers use
 * (infra/cloud/entries/, docs/decisions/0015-per-entry-wiring.md); both reach their engines through
 * clients.ts.
 */

import type { TokenIssuer, TokenKeyring } from '#ports/identity';
import { lazyPorts, type Ports } from '#ports/ports';
import type { Sealer } from '#ports/sealer';
import type { Keyring } from '#ports/signer';
import { requireEnv } from './config.ts';
import { LogMetrics } from './metrics-log.ts';
import { clock, ids, settings } from './wiring/basics.ts';
import * as dynamo from './wiring/dynamo.ts';
import { identityProviders } from './wiring/identity.ts';
import { licensePdf } from './wiring/license-pdf.ts';
import { nameIndex } from './wiring/name-index.ts';
import { documents, licenseDocuments } from './wiring/s3.ts';
import { observer, workflows } from './wiring/step-functions.ts';

/** The e-license's signing keys and public base URL: a KMS key and the API's domain, or a key directory and loopback. */
export interface LicenseWiring {
  keyring: () => Keyring;
  baseUrl: () => string;
}

const UNWIRED_LICENSES: LicenseWiring = {
  keyring: () => {
    throw new Error('configuration error: no license keyring is wired into these ports');
  },
  baseUrl: () => requireEnv('LICENSE_BASE_URL'),
};

/** The token service's issuer and signing key: the local runtime's URL and key file (docs/decisions/0017). */
export interface TokenWiring {
  tokenIssuer: () => TokenIssuer;
  tokenKeys: () => TokenKeyring;
}

const UNWIRED_TOKENS: TokenWiring = {
  tokenIssuer: () => {
    throw new Error('configuration error: no token issuer is wired into these ports');
  },
  tokenKeys: () => {
    throw new Error('configuration error: no token signing key is wired into these ports');
  },
};

export function awsAdapters(
  sealer: () => Sealer,
  license: LicenseWiring = UNWIRED_LICENSES,
  tokens: TokenWiring = UNWIRED_TOKENS,
): Ports {
  return lazyPorts({
    clock,
    ids,
    settings,
    ...dynamo,
    nameIndex,
    documents,
    licenseDocuments,
    workflows,
    observer,
    licensePdf,
    sealer,
    keyring: license.keyring,
    licensing: () => ({ baseUrl: license.baseUrl() }),
    ...tokens,
    identityProviders,
    // No CloudWatch reads embedded metric format here: readings go to the DEBUG log.
    metrics: () => new LogMetrics(),
  });
}
