/**
 * The AWS adapters of every port, made on first use. The cloud's composition root wires them with the KMS
 * sealer, the local runtime's with a key file; both reach their engines through clients.ts.
 */
import { readSettings } from '#contract/settings';
import { systemClock } from '#ports/clock';
import { lazyPorts, type Ports } from '#ports/ports';
import type { Sealer } from '#ports/sealer';
import { DynamoBankIntakeStore } from './dynamo-bank-intakes.ts';
import { DynamoCreditCodeStore } from './dynamo-credit-codes.ts';
import { DynamoEnterpriseStore } from './dynamo-enterprises.ts';
import { DynamoHumanTaskStore } from './dynamo-human-tasks.ts';
import { DynamoIdempotencyStore } from './dynamo-idempotency.ts';
import { DynamoMaterialStore } from './dynamo-materials.ts';
import { DynamoNameIndex } from './dynamo-name-index.ts';
import { DynamoNotificationStore } from './dynamo-notifications.ts';
import { DynamoRegistrationStore } from './dynamo-registrations.ts';
import { DynamoReservationStore } from './dynamo-reservations.ts';
import { newId } from './ids.ts';
import { S3Documents } from './s3-documents.ts';
import { StepFunctionsEngine, StepFunctionsObserver } from './step-functions.ts';

export function awsAdapters(sealer: () => Sealer): Ports {
  return lazyPorts({
    clock: () => systemClock,
    ids: () => ({ newId: (at: Date) => newId(at.getTime()) }),
    settings: () => readSettings(process.env),
    reservations: () => new DynamoReservationStore(),
    nameIndex: () => new DynamoNameIndex(),
    registrations: () => new DynamoRegistrationStore(),
    creditCodes: () => new DynamoCreditCodeStore(),
    enterprises: () => new DynamoEnterpriseStore(),
    humanTasks: () => new DynamoHumanTaskStore(),
    bankIntakes: () => new DynamoBankIntakeStore(),
    materials: () => new DynamoMaterialStore(),
    documents: () => new S3Documents(),
    notifications: () => new DynamoNotificationStore(),
    idempotency: () => new DynamoIdempotencyStore(),
    workflows: () => new StepFunctionsEngine(),
    observer: () => new StepFunctionsObserver(),
    sealer,
  });
}
