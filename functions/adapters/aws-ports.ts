/**
 * The AWS adapters of every port, made on first use. The cloud's composition root wires them with the KMS
 * sealer and license key, the local runtime's with key files; both reach their engines through clients.ts.
 */
import { readSettings } from '#contract/settings';
import { systemClock } from '#ports/clock';
import { lazyPorts, type Ports } from '#ports/ports';
import type { Sealer } from '#ports/sealer';
import type { Keyring } from '#ports/signer';
import { requireEnv } from './config.ts';
import { DynamoBankIntakeStore } from './dynamo-bank-intakes.ts';
import { DynamoCreditCodeStore } from './dynamo-credit-codes.ts';
import { DynamoDeliveryStore } from './dynamo-deliveries.ts';
import { DynamoEnterpriseStore } from './dynamo-enterprises.ts';
import { DynamoHumanTaskStore } from './dynamo-human-tasks.ts';
import { DynamoIdempotencyStore } from './dynamo-idempotency.ts';
import { DynamoLicenseStore } from './dynamo-licenses.ts';
import { DynamoMaterialStore } from './dynamo-materials.ts';
import { DynamoNameIndex } from './dynamo-name-index.ts';
import { DynamoNotificationStore } from './dynamo-notifications.ts';
import { DynamoRegistrationStore } from './dynamo-registrations.ts';
import { DynamoReservationStore } from './dynamo-reservations.ts';
import { DynamoStartLedger } from './dynamo-start-ledger.ts';
import { idFromKey, newId } from './ids.ts';
import { renderLicensePdf } from './license-pdf.ts';
import { S3Documents } from './s3-documents.ts';
import { S3LicenseDocuments } from './s3-license-documents.ts';
import { StepFunctionsEngine, StepFunctionsObserver } from './step-functions.ts';

/** The e-license's signing keys and public base URL: a KMS key and the API's domain, or a key directory and loopback. */
export interface LicenseWiring {
  keyring: () => Keyring;
  baseUrl: () => string;
}

const UNWIRED_LICENSES: LicenseWiring = {
  keyring: () => {
    throw new Error('configuration error: no license keyring is wired into these ports');
  },
  baseUrl: () => requireEnv('LICENSE_BASE_URL'),
};

export function awsAdapters(sealer: () => Sealer, license: LicenseWiring = UNWIRED_LICENSES): Ports {
  return lazyPorts({
    clock: () => systemClock,
    ids: () => ({ newId: (at: Date) => newId(at.getTime()), fromKey: idFromKey }),
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
    startLedger: () => new DynamoStartLedger(),
    observer: () => new StepFunctionsObserver(),
    sealer,
    licenses: () => new DynamoLicenseStore(),
    licenseDocuments: () => new S3LicenseDocuments(),
    licensePdf: () => ({ render: renderLicensePdf }),
    keyring: license.keyring,
    licensing: () => ({ baseUrl: license.baseUrl() }),
    deliveries: () => new DynamoDeliveryStore(),
  });
}
