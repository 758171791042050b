/** Lambda entry of functions/tasks/registration-completion.ts: its handlers, over the adapters they use. */
import { clock } from '#adapters/wiring/basics';
import { creditCodes, enterprises, registrations } from '#adapters/wiring/dynamo';
import { metrics } from '#adapters/wiring/metrics';
import { nameIndex } from '#adapters/wiring/name-index';
import { handlers } from '#tasks/registration-completion';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { assignCreditCode, registerEnterprise } = handlers(
  traced(cloudPorts({ clock, creditCodes, enterprises, metrics, nameIndex, registrations })),
);
