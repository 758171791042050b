/** Lambda entry of functions/tasks/registration-checks.ts: its handlers, over the adapters they use. */
import { clock, settings } from '#adapters/wiring/basics';
import {
  creditCodes,
  enterprises,
  humanTasks,
  materials,
  notifications,
  registrations,
} from '#adapters/wiring/dynamo';
import { nameIndex } from '#adapters/wiring/name-index';
import { documents } from '#adapters/wiring/s3';
import { workflows } from '#adapters/wiring/step-functions';
import { handlers } from '#tasks/registration-checks';
import { cloudPorts, sealer } from '../ports.ts';

export const { checkApplication, checkMaterials, compensate, decide, reject } = handlers(
  cloudPorts({
    clock,
    creditCodes,
    documents,
    enterprises,
    humanTasks,
    materials,
    nameIndex,
    notifications,
    registrations,
    sealer,
    settings,
    workflows,
  }),
);
