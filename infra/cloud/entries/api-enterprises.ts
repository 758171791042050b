/** Lambda entry of functions/api/enterprises.ts: its handlers, over the adapters they use. */
import { clock } from '#adapters/wiring/basics';
import { enterprises, reservations, startLedger } from '#adapters/wiring/dynamo';
import { nameIndex } from '#adapters/wiring/name-index';
import { workflows } from '#adapters/wiring/step-functions';
import { handlers } from '#api/enterprises';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

// The corrected name starts the license-reissue workflow instead of rendering here: no PDF toolkit in
// this bundle (docs/decisions/0013-e-license.md).
export const { getOne, orderNameCorrection, fileCorrectedName } = handlers(
  traced(cloudPorts({ clock, enterprises, nameIndex, reservations, startLedger, workflows })),
);
