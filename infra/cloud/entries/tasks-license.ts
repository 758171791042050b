/** Lambda entry of functions/tasks/license.ts: its handlers, over the adapters they use. */
import { clock } from '#adapters/wiring/basics';
import { enterprises, licenses, registrations } from '#adapters/wiring/dynamo';
import { licensePdf } from '#adapters/wiring/license-pdf';
import { licenseDocuments } from '#adapters/wiring/s3';
import { handlers } from '#tasks/license';
import { cloudPorts, keyring, licensing } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { issueLicense, reissueLicense } = handlers(
  traced(
    cloudPorts({
      clock,
      enterprises,
      keyring,
      licenseDocuments,
      licensePdf,
      licenses,
      licensing,
      registrations,
    }),
  ),
);
