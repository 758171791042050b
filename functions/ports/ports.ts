/**
 * Every port the application uses, in one record. A composition root (infra/cloud, infra/local, a test)
 * builds it; handlers and tasks receive it and pass each use case what it needs. Built lazily there, so a
 * function that never seals has no sealing key configured and never needs one.
 */
import type { Settings } from '#contract/settings';
import type { BankIntakeStore } from './bank-intakes.ts';
import type { Clock } from './clock.ts';
import type { CreditCodeStore } from './credit-codes.ts';
import type { DeliveryStore } from './deliveries.ts';
import type { DocumentStore } from './documents.ts';
import type { EnterpriseStore } from './enterprises.ts';
import type { HumanTaskStore } from './human-tasks.ts';
import type { IdempotencyStore } from './idempotency.ts';
import type { Ids } from './ids.ts';
import type { LicenseDocuments, LicensePdfRenderer, LicenseStore, LicensingConfig } from './licenses.ts';
import type { MaterialStore } from './materials.ts';
import type { NameIndex } from './name-index.ts';
import type { NotificationStore } from './notifications.ts';
import type { ExecutionObserver } from './observer.ts';
import type { RegistrationStore } from './registrations.ts';
import type { ReservationStore } from './reservations.ts';
import type { Sealer } from './sealer.ts';
import type { Keyring } from './signer.ts';
import type { StartLedger } from './start-ledger.ts';
import type { WorkflowEngine } from './workflows.ts';

export interface Ports {
  clock: Clock;
  ids: Ids;
  settings: Settings;
  reservations: ReservationStore;
  nameIndex: NameIndex;
  registrations: RegistrationStore;
  creditCodes: CreditCodeStore;
  enterprises: EnterpriseStore;
  humanTasks: HumanTaskStore;
  bankIntakes: BankIntakeStore;
  materials: MaterialStore;
  documents: DocumentStore;
  notifications: NotificationStore;
  idempotency: IdempotencyStore;
  workflows: WorkflowEngine;
  /** Workflow starts owed by committed writes, settled once started (start-ledger.ts). */
  startLedger: StartLedger;
  observer: ExecutionObserver;
  sealer: Sealer;
  /** The e-license: records and status lists, PDFs, the renderer, the signing keys, the public base URL. */
  licenses: LicenseStore;
  licenseDocuments: LicenseDocuments;
  licensePdf: LicensePdfRenderer;
  keyring: Keyring;
  licensing: LicensingConfig;
  /** The department push: inboxes, pair cursors and queues, receipts, webhooks. */
  deliveries: DeliveryStore;
}

/** Builds a `Ports` whose parts are made on first use, each once. */
export function lazyPorts(factories: { [K in keyof Ports]: () => Ports[K] }): Ports {
  const made: Partial<Ports> = {};
  const ports = {} as Ports;
  for (const key of Object.keys(factories) as (keyof Ports)[]) {
    Object.defineProperty(ports, key, {
      enumerable: true,
      get: () => {
        if (!(key in made)) (made as Record<string, unknown>)[key] = factories[key]();
        return made[key];
      },
    });
  }
  return ports;
}
