/** Lambda entry of functions/tasks/sweep.ts: its handlers, over the adapters they use. */
import { clock } from '#adapters/wiring/basics';
import { startLedger } from '#adapters/wiring/dynamo';
import { metrics } from '#adapters/wiring/metrics';
import { workflows } from '#adapters/wiring/step-functions';
import { handlers } from '#tasks/sweep';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { sweep } = handlers(traced(cloudPorts({ clock, metrics, startLedger, workflows })));
