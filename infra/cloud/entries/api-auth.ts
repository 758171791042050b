/** Lambda entry of functions/api/auth.ts: the token service, over the KMS token key and the configured providers. */
import { clock } from '#adapters/wiring/basics';
import { identityProviders, tokenIssuer } from '#adapters/wiring/identity';
import { handlers } from '#api/auth';
import { cloudPorts, tokenKeys } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { exchange, configuration, jwks } = handlers(
  traced(cloudPorts({ clock, tokenIssuer, tokenKeys, identityProviders })),
);
