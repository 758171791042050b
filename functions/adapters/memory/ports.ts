/**
 * Every port as its in-memory twin, over one shared state: what the application layer's unit tests and
 * the in-process workflow scenarios run on. The twins are typed as themselves, so a test reaches their
 * inspection helpers (`ports.enterprises.outbox(code)`, `ports.workflows.started`, `ports.documents.put`).
 */
import { readSettings, type Settings } from '#contract/settings';
import type { IdentityProvider } from '#domain/identity/provider';
import type { Clock } from '#ports/clock';
import type { LicensePdfRenderer } from '#ports/licenses';
import type { Ports } from '#ports/ports';
import { MemoryBankIntakeStore } from './bank-intakes.ts';
import { type ManualClock, manualClock, SequentialIds } from './clock.ts';
import { MemoryCreditCodeStore } from './credit-codes.ts';
import { MemoryDeliveryStore } from './deliveries.ts';
import { MemoryDeregistrationStore } from './deregistrations.ts';
import { MemoryDocumentStore } from './documents.ts';
import { MemoryEnterpriseStore } from './enterprises.ts';
import { MemoryExecutionIndex } from './executions.ts';
import { MemoryHumanTaskStore } from './human-tasks.ts';
import { MemoryIdempotencyStore } from './idempotency.ts';
import { memoryIdentity } from './identity.ts';
import { FakeLicensePdf, MemoryKeyring, MemoryLicenseDocuments } from './license-documents.ts';
import { MemoryLicenseStore } from './licenses.ts';
import { MemoryMaterialStore } from './materials.ts';
import { MemoryMetrics } from './metrics.ts';
import { MemoryNameIndex } from './name-index.ts';
import { MemoryNotificationStore } from './notifications.ts';
import { MemoryRegistrationStore } from './registrations.ts';
import { type MemoryRegistry, newRegistry } from './registry.ts';
import { MemoryRegistryListStore } from './registry-lists.ts';
import { MemoryReservationStore } from './reservations.ts';
import { MemorySealer } from './sealer.ts';
import { MemoryStartLedger } from './start-ledger.ts';
import { MemoryExecutionObserver, RecordingWorkflowEngine } from './workflows.ts';

export interface MemoryPorts<C extends Clock = ManualClock> extends Ports {
  clock: C;
  ids: SequentialIds;
  reservations: MemoryReservationStore;
  nameIndex: MemoryNameIndex;
  registrations: MemoryRegistrationStore;
  creditCodes: MemoryCreditCodeStore;
  enterprises: MemoryEnterpriseStore;
  humanTasks: MemoryHumanTaskStore;
  bankIntakes: MemoryBankIntakeStore;
  materials: MemoryMaterialStore;
  documents: MemoryDocumentStore;
  notifications: MemoryNotificationStore;
  idempotency: MemoryIdempotencyStore;
  workflows: RecordingWorkflowEngine;
  startLedger: MemoryStartLedger;
  observer: MemoryExecutionObserver;
  executions: MemoryExecutionIndex;
  sealer: MemorySealer;
  licenses: MemoryLicenseStore;
  licenseDocuments: MemoryLicenseDocuments;
  keyring: MemoryKeyring;
  deliveries: MemoryDeliveryStore;
  deregistrations: MemoryDeregistrationStore;
  registryLists: MemoryRegistryListStore;
  metrics: MemoryMetrics;
  /**
   * The raw shared state, for a situation no port call makes (a record from before a migration).
   * Writing to it skips every condition: prefer the ports.
   */
  registry: MemoryRegistry;
}

export interface MemoryPortsOptions {
  settings?: Partial<Settings>;
  /** Where the manual clock starts (the real time by default); ignored when `clock` is given. */
  now?: Date;
  /** The license renderer: a fast stand-in by default; give adapters/license-pdf.ts's for a real PDF. */
  licensePdf?: LicensePdfRenderer;
  /** The registry's public base URL on credentials and links (default https://license.registry.test). */
  licenseBaseUrl?: string;
  /** The providers the token service trusts (none by default), their keys inline. */
  identityProviders?: readonly IdentityProvider[];
}

export function memoryPorts(options?: MemoryPortsOptions): MemoryPorts<ManualClock>;
export function memoryPorts<C extends Clock>(options: MemoryPortsOptions & { clock: C }): MemoryPorts<C>;
export function memoryPorts(options: MemoryPortsOptions & { clock?: Clock } = {}): MemoryPorts<Clock> {
  const clock = options.clock ?? manualClock(options.now ?? new Date());
  const registry = newRegistry();
  const observer = new MemoryExecutionObserver();
  const startLedger = new MemoryStartLedger();
  return {
    clock,
    ids: new SequentialIds(),
    settings: { ...readSettings({}), ...options.settings },
    reservations: new MemoryReservationStore(registry, startLedger),
    nameIndex: new MemoryNameIndex(registry),
    registrations: new MemoryRegistrationStore(registry, startLedger),
    creditCodes: new MemoryCreditCodeStore(registry),
    enterprises: new MemoryEnterpriseStore(registry, startLedger),
    humanTasks: new MemoryHumanTaskStore(registry),
    bankIntakes: new MemoryBankIntakeStore(registry),
    materials: new MemoryMaterialStore(registry),
    documents: new MemoryDocumentStore(),
    notifications: new MemoryNotificationStore(registry),
    idempotency: new MemoryIdempotencyStore(registry),
    workflows: new RecordingWorkflowEngine({ clock, observer }),
    startLedger,
    observer,
    executions: new MemoryExecutionIndex(),
    sealer: new MemorySealer(),
    licenses: new MemoryLicenseStore(registry),
    licenseDocuments: new MemoryLicenseDocuments(),
    licensePdf: options.licensePdf ?? new FakeLicensePdf(),
    keyring: new MemoryKeyring(),
    licensing: { baseUrl: options.licenseBaseUrl ?? 'https://license.registry.test' },
    deliveries: new MemoryDeliveryStore(registry),
    deregistrations: new MemoryDeregistrationStore(registry, startLedger),
    registryLists: new MemoryRegistryListStore(),
    ...memoryIdentity(options.identityProviders),
    metrics: new MemoryMetrics(),
    registry,
  };
}
