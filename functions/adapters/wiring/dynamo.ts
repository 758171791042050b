/**
 * The stores on the registry table, one factory each: a composition root imports the ones its handlers
 * use, and the bundler leaves the others out. The name index is apart (name-index.ts): it carries the
 * normalization tables and pinyin.
 */
import type { PortFactory } from '#ports/ports';
import { DynamoBankIntakeStore } from '../dynamo-bank-intakes.ts';
import { DynamoCreditCodeStore } from '../dynamo-credit-codes.ts';
import { DynamoDeliveryStore } from '../dynamo-deliveries.ts';
import { DynamoDeregistrationStore } from '../dynamo-deregistrations.ts';
import { DynamoEnterpriseStore } from '../dynamo-enterprises.ts';
import { DynamoExecutionIndex } from '../dynamo-executions.ts';
import { DynamoHumanTaskStore } from '../dynamo-human-tasks.ts';
import { DynamoIdempotencyStore } from '../dynamo-idempotency.ts';
import { DynamoLicenseStore } from '../dynamo-licenses.ts';
import { DynamoMaterialStore } from '../dynamo-materials.ts';
import { DynamoNotificationStore } from '../dynamo-notifications.ts';
import { DynamoRegistrationStore } from '../dynamo-registrations.ts';
import { DynamoRegistryListStore } from '../dynamo-registry-lists.ts';
import { DynamoReservationStore } from '../dynamo-reservations.ts';
import { DynamoStartLedger } from '../dynamo-start-ledger.ts';

export const reservations: PortFactory<'reservations'> = () => new DynamoReservationStore();
export const registrations: PortFactory<'registrations'> = () => new DynamoRegistrationStore();
export const creditCodes: PortFactory<'creditCodes'> = () => new DynamoCreditCodeStore();
export const enterprises: PortFactory<'enterprises'> = () => new DynamoEnterpriseStore();
export const humanTasks: PortFactory<'humanTasks'> = () => new DynamoHumanTaskStore();
export const bankIntakes: PortFactory<'bankIntakes'> = () => new DynamoBankIntakeStore();
export const materials: PortFactory<'materials'> = () => new DynamoMaterialStore();
export const notifications: PortFactory<'notifications'> = () => new DynamoNotificationStore();
export const idempotency: PortFactory<'idempotency'> = () => new DynamoIdempotencyStore();
export const startLedger: PortFactory<'startLedger'> = () => new DynamoStartLedger();
export const licenses: PortFactory<'licenses'> = () => new DynamoLicenseStore();
export const deliveries: PortFactory<'deliveries'> = () => new DynamoDeliveryStore();
export const deregistrations: PortFactory<'deregistrations'> = () => new DynamoDeregistrationStore();
export const registryLists: PortFactory<'registryLists'> = () => new DynamoRegistryListStore();
export const executions: PortFactory<'executions'> = () => new DynamoExecutionIndex();
