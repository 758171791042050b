/** Lambda entry of functions/tasks/deregistration.ts: its handlers, over the adapters they use. */
import { clock } from '#adapters/wiring/basics';
import {
  deregistrations,
  enterprises,
  licenses,
  registrations,
  registryLists,
} from '#adapters/wiring/dynamo';
import { workflows } from '#adapters/wiring/step-functions';
import { handlers } from '#tasks/deregistration';
import { cloudPorts, keyring, licensing } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { checkAndAnnounce, closeWindow, deregister, lapse, openConfirmation, openObjectionWindow } =
  handlers(
    traced(
      cloudPorts({
        clock,
        deregistrations,
        enterprises,
        keyring,
        licenses,
        licensing,
        registrations,
        registryLists,
        workflows,
      }),
    ),
  );
