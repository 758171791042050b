/** Lambda entry of functions/tasks/sweep.ts: its handlers, over the adapters they use. */
import { clock } from '#adapters/wiring/basics';
import { startLedger } from '#adapters/wiring/dynamo';
import { workflows } from '#adapters/wiring/step-functions';
import { handlers } from '#tasks/sweep';
import { cloudPorts } from '../ports.ts';

export const { sweep } = handlers(cloudPorts({ clock, startLedger, workflows }));
