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
import type { DeregistrationStore, RegistryListStore } from './deregistrations.ts';
import type { DocumentStore } from './documents.ts';
import type { EnterpriseStore } from './enterprises.ts';
import type { ExecutionIndex } from './executions.ts';
import type { HumanTaskStore } from './human-tasks.ts';
import type { IdempotencyStore } from './idempotency.ts';
import type { IdentityProviders, TokenIssuer, TokenKeyring } from './identity.ts';
import type { Ids } from './ids.ts';
import type { LicenseDocuments, LicensePdfRenderer, LicenseStore, LicensingConfig } from './licenses.ts';
import type { MaterialStore } from './materials.ts';
import type { Metrics } from './metrics.ts';
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
  /** The platform's own index of executions and their counters, fed by status changes. */
  executions: ExecutionIndex;
  sealer: Sealer;
  /** The e-license: records and status lists, PDFs, the renderer, the signing keys, the public base URL. */
  licenses: LicenseStore;
  licenseDocuments: LicenseDocuments;
  licensePdf: LicensePdfRenderer;
  keyring: Keyring;
  licensing: LicensingConfig;
  /** The department push: inboxes, pair cursors and queues, receipts, webhooks. */
  deliveries: DeliveryStore;
  /** Simple deregistrations, and the registry's lists their eligibility reads. */
  deregistrations: DeregistrationStore;
  registryLists: RegistryListStore;
  /** The token service: the platform's issuer, its signing key, the providers it trusts (0017). */
  tokenIssuer: TokenIssuer;
  tokenKeys: TokenKeyring;
  identityProviders: IdentityProviders;
  /** Business metrics: counters where things happen, gauges on a schedule (contract/metrics.ts). */
  metrics: Metrics;
}

/** How a composition root makes one port, on first use. */
export type PortFactory<K extends keyof Ports> = () => Ports[K];

/** The factories of the ports a composition root wires. */
export type PortFactories<K extends keyof Ports = keyof Ports> = { [P in K]: PortFactory<P> };

/** Every port's name: a port left unwired is still known by name, so reading it says which one. */
const PORT_NAMES: Record<keyof Ports, true> = {
  clock: true,
  ids: true,
  settings: true,
  reservations: true,
  nameIndex: true,
  registrations: true,
  creditCodes: true,
  enterprises: true,
  humanTasks: true,
  bankIntakes: true,
  materials: true,
  documents: true,
  notifications: true,
  idempotency: true,
  workflows: true,
  startLedger: true,
  observer: true,
  executions: true,
  sealer: true,
  licenses: true,
  licenseDocuments: true,
  licensePdf: true,
  keyring: true,
  licensing: true,
  deliveries: true,
  deregistrations: true,
  registryLists: true,
  tokenIssuer: true,
  tokenKeys: true,
  identityProviders: true,
  metrics: true,
};

/**
 * The ports whose factories are given, each made on first use, once. A composition root wires only what
 * its handlers use (their parameter is a `Pick` of `Ports`, so a port they need and that is not wired is a
 * compile error); a port read anyway through a wider type fails with its name instead of `undefined`.
 */
export function lazyPorts<K extends keyof Ports>(factories: PortFactories<K>): Pick<Ports, K> {
  const given: Partial<Record<keyof Ports, () => unknown>> = factories;
  const made = new Map<keyof Ports, unknown>();
  const ports = {} as Pick<Ports, K>;
  for (const key of Object.keys(PORT_NAMES) as (keyof Ports)[]) {
    const factory = given[key];
    Object.defineProperty(
      ports,
      key,
      factory
        ? {
            enumerable: true,
            get: () => {
              if (!made.has(key)) made.set(key, factory());
              return made.get(key);
            },
          }
        : {
            enumerable: false,
            get: () => {
              throw new Error(`configuration error: port ${key} is not wired into this function`);
            },
          },
    );
  }
  return ports;
}
