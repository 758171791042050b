/**
 * The one in-memory state every twin shares, a map per item family, so that a write crossing aggregates
 * (registration ↔ reservation ↔ name lock ↔ enterprise) sees and changes one consistent state.
 *
 * Atomicity: each twin method checks all its conditions, then applies all its changes, with no `await`
 * in between. Node runs that stretch without interleaving, which is what a DynamoDB transaction gives.
 * State goes in and comes out through `clone`, so no caller can change it by mutating what it holds.
 */
import type { BankIntake } from '#domain/bank-intake';
import type { EnterpriseRecord, OutboxEvent } from '#domain/enterprise';
import type { HumanTask } from '#domain/human-task';
import type { MaterialRecord } from '#domain/material';
import type { IndexMember } from '#domain/names/index-entries';
import type { Notice } from '#domain/notices';
import type { Move } from '#domain/registration/lifecycle';
import type { RegistrationRecord } from '#domain/registration/record';
import type { NameLockKey, ReservationRecord } from '#domain/reservation';
import type { StoredResponse } from '#ports/idempotency';
import type { LockHolder } from '#ports/reservations';

/** A reservation with what the store adds: the registration holding it, and when it was settled. */
export type StoredReservation = ReservationRecord & { registrationId?: string; settledAt?: string };

/** A registration with the attributes writes add beside the record (`set`, `enterpriseCreated`). */
export type StoredRegistration = RegistrationRecord & { enterpriseCreated?: boolean };

/** A lock's holder always records its industry class: it is what the conflicts are decided on. */
export type StoredHolder = LockHolder & { industryClass: string | null };

export interface IssuedCode {
  registrationId: string;
  status: 'issued' | 'void';
  issuedAt: string;
  voidedAt?: string;
}

/** What the e-license issuance takes up: written with the enterprise. */
export interface LicenseRequest {
  creditCode: string;
  registrationId: string;
  requestedAt: string;
  status: 'requested';
}

export interface IdempotencyRecord {
  state: 'in_progress' | 'completed';
  requestHash?: string;
  /** Epoch seconds, as the Dynamo adapter keeps them. */
  inProgressUntil?: number;
  ttl: number;
  response?: StoredResponse;
}

export interface MemoryRegistry {
  reservations: Map<string, StoredReservation>;
  /** Name locks by `<scope>#<tradeKey>`: one holder per industry class (`*` for a name without industry). */
  locks: Map<string, Map<string, StoredHolder>>;
  /** Name index entries by `<scope>#<pair>`: members by id, at most INDEX_ENTRY_CAP of them. */
  index: Map<string, Map<string, IndexMember>>;
  registrations: Map<string, StoredRegistration>;
  sequences: Map<string, number>;
  codes: Map<string, IssuedCode>;
  enterprises: Map<string, EnterpriseRecord>;
  outbox: Map<string, OutboxEvent[]>;
  licenseRequests: Map<string, LicenseRequest>;
  notices: Map<string, Notice>;
  tasks: Map<string, HumanTask>;
  intakes: Map<string, BankIntake>;
  materials: Map<string, MaterialRecord>;
  idempotency: Map<string, IdempotencyRecord>;
}

export function newRegistry(): MemoryRegistry {
  return {
    reservations: new Map(),
    locks: new Map(),
    index: new Map(),
    registrations: new Map(),
    sequences: new Map(),
    codes: new Map(),
    enterprises: new Map(),
    outbox: new Map(),
    licenseRequests: new Map(),
    notices: new Map(),
    tasks: new Map(),
    intakes: new Map(),
    materials: new Map(),
    idempotency: new Map(),
  };
}

export const clone = <T>(value: T): T => structuredClone(value);

/** The same key as the Dynamo adapter's lock item: identical-name variants meet on one lock. */
export const lockId = (k: Pick<NameLockKey, 'scope' | 'tradeKey'>) => `${k.scope}#${k.tradeKey}`;
const NO_INDUSTRY = '*';
export const classSlot = (industryClass: string | null) => industryClass ?? NO_INDUSTRY;

export function holdersOf(
  registry: MemoryRegistry,
  key: Pick<NameLockKey, 'scope' | 'tradeKey'>,
): StoredHolder[] {
  return [...(registry.locks.get(lockId(key))?.values() ?? [])].map(clone);
}

/**
 * Who stands in the way of taking `key`: a name without industry needs the whole lock free; a name with
 * one needs its class free and no holder without industry (which collides with every class).
 */
export function conflictOf(registry: MemoryRegistry, key: NameLockKey): StoredHolder | undefined {
  const slots = registry.locks.get(lockId(key));
  if (!slots || slots.size === 0) return undefined;
  if (key.industryClass === null) return slots.values().next().value;
  return slots.get(classSlot(key.industryClass)) ?? slots.get(NO_INDUSTRY);
}

export function setHolder(registry: MemoryRegistry, key: NameLockKey, holder: StoredHolder): void {
  const id = lockId(key);
  const slots = registry.locks.get(id) ?? new Map<string, StoredHolder>();
  slots.set(classSlot(key.industryClass), clone(holder));
  registry.locks.set(id, slots);
}

/** Who holds `key`'s own class slot (not the slots that merely conflict with it). */
export function slotHolder(registry: MemoryRegistry, key: NameLockKey): StoredHolder | undefined {
  const holder = registry.locks.get(lockId(key))?.get(classSlot(key.industryClass));
  return holder ? clone(holder) : undefined;
}

export const heldBy = (registry: MemoryRegistry, key: NameLockKey, holderId: string) =>
  slotHolder(registry, key)?.id === holderId;

/**
 * Frees `key`'s class slot when `holderId` holds it. The Dynamo write would fail its whole transaction
 * on a slot held by someone else; here that slot is left alone, since freeing it would be the bug.
 */
export function freeLock(registry: MemoryRegistry, key: NameLockKey, holderId: string): void {
  if (!heldBy(registry, key, holderId)) return;
  const id = lockId(key);
  const slots = registry.locks.get(id);
  slots?.delete(classSlot(key.industryClass));
  if (slots?.size === 0) registry.locks.delete(id);
}

/** Sets each defined field of `set`, and of `setIfAbsent` where the record has none (`if_not_exists`). */
export function applySet(
  target: object,
  set: Record<string, unknown> = {},
  setIfAbsent: Record<string, unknown> = {},
): void {
  const record = target as Record<string, unknown>;
  for (const [k, v] of Object.entries(set)) if (v !== undefined) record[k] = clone(v);
  for (const [k, v] of Object.entries(setIfAbsent))
    if (v !== undefined && record[k] === undefined) record[k] = clone(v);
}

export const allowed = (reg: StoredRegistration, move: Move) => move.from.includes(reg.status);

/** status, timeline and updatedAt (the last entry's time), then `set`, as the Dynamo status move writes them. */
export function applyMove(
  reg: StoredRegistration,
  move: Move,
  set?: Record<string, unknown>,
  setIfAbsent?: Record<string, unknown>,
): void {
  reg.status = move.to;
  reg.timeline.push(...clone(move.entries));
  const last = move.entries.at(-1);
  if (last) reg.updatedAt = last.at;
  applySet(reg, set, setIfAbsent);
}

/** Records a notice once; false when its id is there already. */
export function putNotice(registry: MemoryRegistry, notice: Notice): boolean {
  if (registry.notices.has(notice.id)) return false;
  registry.notices.set(notice.id, clone(notice));
  return true;
}
