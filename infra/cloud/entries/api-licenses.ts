/** Lambda entry of functions/api/licenses.ts: its handlers, over the adapters they use. */
import { clock } from '#adapters/wiring/basics';
import { licenses } from '#adapters/wiring/dynamo';
import { licenseDocuments } from '#adapters/wiring/s3';
import { handlers } from '#api/licenses';
import { cloudPorts, keyring, licensing } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { getOne, getVersion, pdf, verify, jwks, statusList } = handlers(
  traced(cloudPorts({ clock, keyring, licenseDocuments, licenses, licensing })),
);
