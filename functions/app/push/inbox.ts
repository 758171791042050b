/**
 * A department's side of the push: its inbox read from a resumable cursor (pull), its receipts, and
 * its daily reconciliation. A department sees only its own inbox (404 for another's); operators read
 * the webhook status and the reconciliation of any department. A code that names no department is 404.
 */
import { decodeCursor, encodeCursor } from '#adapters/cursor';
import type { Caller } from '#domain/caller';
import { ForbiddenError, GoneError, NotFoundError, ValidationError } from '#domain/errors';
import { endOfCstDay, periodEnd } from '#domain/legal-time';
import type { DepartmentEvent } from '#domain/push/events';
import { isKnownDepartment } from '#domain/push/recipients';
import { type DailyCount, dailyReconciliation } from '#domain/push/reconciliation';
import type { Ports } from '#ports/ports';

const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z(#\d{12})?$/;

/**
 * A department the registry shares with (seeds/departments/departments.json; codes are case-sensitive):
 * any other code has no inbox, webhook or counts, for anyone, even a token that names it.
 */
export function knownDepartment(department: string): void {
  if (!isKnownDepartment(department)) throw new NotFoundError(`department ${department}`);
}

/** The department's own inbox only: another department's, or none, reads as not found. */
export function ownInbox(caller: Caller, department: string): void {
  if (caller.role !== 'department') throw new ForbiddenError();
  knownDepartment(department);
  if (caller.departmentCode !== department) throw new NotFoundError(`the inbox of ${department}`);
}

/** The department itself, or an operator. */
export function departmentOrOperator(caller: Caller, department: string): void {
  if (caller.role === 'operator') knownDepartment(department);
  else ownInbox(caller, department);
}

const cursorKind = (department: string) => `events-${department}`;

export interface InboxItem {
  event: DepartmentEvent;
  /** The compact JWS (ES256) over the event. */
  jws: string;
  sentAt: string;
  acknowledgedAt?: string;
}

export interface InboxPage {
  items: InboxItem[];
  /** Where to read on from: always given once the inbox has anything, so a caller polls from it. */
  nextCursor: string | null;
}

function position(department: string, cursor: string | undefined): string | undefined {
  const decoded = decodeCursor<{ after?: unknown }>(cursorKind(department), cursor);
  if (decoded === undefined) return undefined;
  if (typeof decoded.after !== 'string' || !POSITION.test(decoded.after))
    throw new ValidationError('the cursor is not one this inbox gave out', [
      { path: 'query.cursor', message: 'invalid cursor' },
    ]);
  return decoded.after;
}

export async function pullEvents(
  ports: Pick<Ports, 'deliveries' | 'clock' | 'settings'>,
  caller: Caller,
  department: string,
  cursor: string | undefined,
  limit: number,
): Promise<InboxPage> {
  ownInbox(caller, department);
  const after = position(department, cursor);
  const now = ports.clock.now();
  if (after !== undefined) {
    const sentAt = after.slice(0, 24);
    if (periodEnd(new Date(sentAt), ports.settings.eventRetention) < now) {
      const oldest = (await ports.deliveries.inbox(department, undefined, 1))[0];
      throw new GoneError('cursor-expired', 'this cursor is older than the inbox keeps events', {
        resumeCursor: oldest ? encodeCursor(cursorKind(department), { after: oldest.sentAt }) : null,
        oldestSentAt: oldest?.sentAt ?? null,
        reconciliation: `/v1/departments/${department}/reconciliation`,
      });
    }
    // A time position (handed out by a 410) needs no entry; an entry position must be one this inbox has.
    if (after.length > 24 && !(await ports.deliveries.hasPosition(department, after)))
      throw new ValidationError('the cursor is not one this inbox gave out', [
        { path: 'query.cursor', message: 'invalid cursor' },
      ]);
  }
  const found = await ports.deliveries.inbox(department, after, limit);
  const last = found.at(-1)?.position ?? after;
  return {
    items: found.map((d) => ({
      event: d.event,
      jws: d.jws,
      sentAt: d.sentAt,
      ...(d.acknowledgedAt ? { acknowledgedAt: d.acknowledgedAt } : {}),
    })),
    nextCursor: last === undefined ? null : encodeCursor(cursorKind(department), { after: last }),
  };
}

export async function acknowledge(
  ports: Pick<Ports, 'deliveries' | 'clock'>,
  caller: Caller,
  department: string,
  eventId: string,
): Promise<{ eventId: string; acknowledgedAt: string }> {
  ownInbox(caller, department);
  const outcome = await ports.deliveries.acknowledge(department, eventId, ports.clock.now());
  if (outcome === 'missing') throw new NotFoundError(`event ${eventId} in the inbox of ${department}`);
  const delivery = await ports.deliveries.get(eventId);
  return { eventId, acknowledgedAt: delivery?.acknowledgedAt ?? ports.clock.now().toISOString() };
}

export async function reconciliation(
  ports: Pick<Ports, 'deliveries' | 'clock'>,
  caller: Caller,
  department: string,
  date: string,
): Promise<DailyCount> {
  departmentOrOperator(caller, department);
  const to = endOfCstDay(date);
  const from = new Date(to.getTime() - 86_400_000);
  const records = await ports.deliveries.sentBetween(department, from.toISOString(), to.toISOString());
  return dailyReconciliation(records, date, [department], ports.clock.now())[0]!;
}
