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
import { metrics } from '#adapters/wiring/metrics';
import { nameIndex } from '#adapters/wiring/name-index';
import { documents } from '#adapters/wiring/s3';
import { workflows } from '#adapters/wiring/step-functions';
import { handlers } from '#tasks/registration-checks';
import { cloudPorts, sealer } from '../ports.ts';

// Not `traced`: the X-Ray SDK (about 120 KB) would take this bundle past 1 MB (names, S3, KMS, Step
// Functions and DynamoDB already make 969 KB). Its invocations are still traced by Lambda and Step
// Functions; its SDK calls are not subsegments until the bundle shrinks (tests/infra/bundles.test.ts).
export const { checkApplication, checkMaterials, compensate, decide, reject } = handlers(
  cloudPorts({
    clock,
    creditCodes,
    documents,
    enterprises,
    humanTasks,
    materials,
    metrics,
    nameIndex,
    notifications,
    registrations,
    sealer,
    settings,
    workflows,
  }),
);
