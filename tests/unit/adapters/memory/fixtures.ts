/** Records to feed the in-memory twins: a reservation, a registration on it, and the plan that registers it. */
import { memoryPorts } from '#adapters/memory/ports';
import { registeredEnterprise } from '#domain/enterprise';
import { registeredNotice } from '#domain/notices';
import { move } from '#domain/registration/lifecycle';
import type { RegistrationRecord } from '#domain/registration/record';
import type { NameLockKey, ReservationRecord } from '#domain/reservation';
import type { EnterpriseRegistration } from '#ports/enterprises';

export const T0 = new Date('2026-03-16T02:00:00.000Z');
export const DAY = 86_400_000;
export const later = (ms: number, from = T0) => new Date(from.getTime() + ms);

export const lock = (industryClass: string | null, tradeKey = '星河'): NameLockKey => ({
  scope: '440300',
  tradeKey,
  industryClass,
});

export function reservation(id: string, extra: Partial<ReservationRecord> = {}): ReservationRecord {
  return {
    id,
    name: '深圳市星河科技有限公司',
    tradeName: '星河',
    industry: '科技',
    division: '440300',
    entityType: 'limited_liability_company',
    status: 'reserved',
    lock: lock('I65'),
    ownerSub: 'user-1',
    channel: 'online',
    preApprovalRequired: false,
    reservedAt: T0.toISOString(),
    expiresAt: later(60 * DAY).toISOString(),
    ruleVersion: 'test',
    ...extra,
  };
}

export function registration(id: string, reservationId: string, extra: Partial<RegistrationRecord> = {}) {
  const record: RegistrationRecord = {
    id,
    channel: 'online',
    ownerSub: 'user-1',
    reservationId,
    name: '深圳市星河科技有限公司',
    authority: '440300',
    authorityScope: '440300',
    entityType: 'limited_liability_company',
    status: 'submitted',
    timeline: [],
    sealedApplication: 'v1.memory.x',
    summary: {},
    materials: [],
    reviewRound: 0,
    createdAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    ...extra,
  };
  return record;
}

/** Ports with one reservation and one registration on it, moved to `checking`. */
export async function checkingCase(reservationExtra: Partial<ReservationRecord> = {}) {
  const ports = memoryPorts({ now: T0 });
  const res = reservation('res-1', reservationExtra);
  await ports.reservations.reserve(res);
  const reg = registration('reg-1', res.id);
  await ports.registrations.create(reg);
  await ports.registrations.move(reg.id, move(T0, 'validated'));
  return { ports, res, reg };
}

/** The registration plan of an approved case holding `code`. */
export function registrationPlan(reg: RegistrationRecord, res: ReservationRecord, code: string, at = T0) {
  const { enterprise, event } = registeredEnterprise(
    {
      registrationId: reg.id,
      creditCode: code,
      name: reg.name,
      entityType: 'limited_liability_company',
      authority: reg.authority,
      businessScope: [],
      ownerSub: reg.ownerSub,
      channel: reg.channel,
    },
    at,
  );
  const plan: EnterpriseRegistration = {
    enterprise,
    event,
    lock: { key: res.lock, reservationId: res.id, tradeName: res.tradeName, industry: res.industry },
    registration: { id: reg.id, move: move(at, 'registered') },
    notice: registeredNotice(reg, code, at),
  };
  return plan;
}
