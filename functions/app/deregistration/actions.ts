/**
 * What people do to a case while it runs: the owner reads it and applies to deregister after the window
 * (when the filing did not already count as that application); anyone signed in objects while the window
 * is open; anyone reads the open announcements. An answer to the workflow's waiting callback follows the
 * write that decides it, so the case is right even when that answer is lost (the step reads the case).
 */
import type { Caller } from '#domain/caller';
import { owns } from '#domain/caller';
import { announcementView } from '#domain/deregistration/announcement';
import { move } from '#domain/deregistration/lifecycle';
import { type DeregistrationRecord, deregistrationView } from '#domain/deregistration/record';
import { ConflictError, NotFoundError } from '#domain/errors';
import type { Page } from '#ports/page';
import type { Ports } from '#ports/ports';

type Deps = Pick<Ports, 'deregistrations' | 'clock' | 'ids' | 'workflows'>;

/** The case for its owner or an operator; 404 for anyone else, as for a case that does not exist. */
async function visible(ports: Pick<Deps, 'deregistrations'>, caller: Caller, id: string) {
  const record = await ports.deregistrations.get(id);
  // The owner, or the investor (verified by idHash) who filed it.
  const mine =
    caller.role === 'applicant' &&
    (owns(caller, record ?? { ownerSub: '' }) || caller.sub === record?.filedBy);
  if (!record || !(caller.role === 'operator' || mine)) throw new NotFoundError('deregistration');
  return record;
}

export async function getDeregistration(ports: Pick<Deps, 'deregistrations'>, caller: Caller, id: string) {
  return deregistrationView(await visible(ports, caller, id));
}

/** The owner applies to deregister: from `awaiting_confirmation` only (409 before the window ends or after the deadline). */
export async function confirmDeregistration(ports: Deps, caller: Caller, id: string) {
  const record = await visible(ports, caller, id);
  if (caller.role !== 'applicant') throw new NotFoundError('deregistration');
  if (record.status === 'deregistering' || record.status === 'deregistered')
    return deregistrationView(record); // applied already: a repeat converges
  const now = ports.clock.now();
  const late = Date.parse(record.confirmationDeadline) <= now.getTime();
  // The window has ended but the workflow has not yet closed it: the application counts from now.
  const windowOver =
    record.status === 'announced' &&
    Date.parse(record.announcement.endsAt) <= now.getTime() &&
    record.objections.length === 0;
  if (windowOver && !late) {
    if (
      await ports.deregistrations.move(
        id,
        move(now, 'windowPassed', { name: 'confirmed', detail: 'by the owner' }),
      )
    )
      return deregistrationView((await ports.deregistrations.get(id))!);
  }
  if (record.status !== 'awaiting_confirmation' || late)
    throw new ConflictError(
      'confirmation-not-open',
      record.status === 'announced' || record.status === 'checking'
        ? `the announcement runs until ${record.announcement.endsAt}: apply after it`
        : `the case is ${late ? 'past its confirmation deadline' : record.status}`,
    );
  if (!(await ports.deregistrations.move(id, move(now, { name: 'confirmed', detail: 'by the owner' }))))
    throw new ConflictError('confirmation-not-open', 'the case moved meanwhile');
  await answer(ports, record, 'confirmation', { confirmed: true });
  return deregistrationView((await ports.deregistrations.get(id))!);
}

/** Any signed-in caller objects while the window is open; 409 once it has closed. */
export async function objectToDeregistration(ports: Deps, caller: Caller, id: string, reason: string) {
  const record = await ports.deregistrations.get(id);
  if (!record || (record.announcement.kind === 'departments' && caller.role !== 'department'))
    throw new NotFoundError('deregistration');
  const now = ports.clock.now();
  const objection = {
    id: ports.ids.newId(now),
    by: caller.sub,
    role: caller.role,
    reason,
    at: now.toISOString(),
  };
  if (!(await ports.deregistrations.object(id, objection)))
    throw new ConflictError(
      'window-closed',
      record.status === 'checking'
        ? 'the announcement is not published yet: object once it is'
        : record.status === 'announced'
          ? `objections were taken until ${record.announcement.endsAt}`
          : `the case is ${record.status}: it takes no objection`,
    );
  await answer(ports, record, 'objections', { objected: true });
  return { id: objection.id, deregistrationId: id, reason, at: objection.at };
}

async function answer(
  ports: Pick<Deps, 'deregistrations' | 'workflows'>,
  record: DeregistrationRecord,
  kind: 'objections' | 'confirmation',
  output: Record<string, unknown>,
) {
  // The token as it stands now: the workflow may have opened its wait after `record` was read.
  const waiting = (await ports.deregistrations.get(record.id))?.waiting;
  if (waiting?.kind === kind) await ports.workflows.sendTaskSuccess(waiting.token, output);
}

/** The public announcements open now (公示), soonest end first. */
export async function openAnnouncements(
  ports: Pick<Deps, 'deregistrations' | 'clock'>,
  cursor: string | undefined,
  limit: number,
): Promise<Page<ReturnType<typeof announcementView>>> {
  const page = await ports.deregistrations.openAnnouncements(ports.clock.now(), cursor, limit);
  return {
    items: page.items
      .filter((r) => r.announcement.kind === 'public')
      .map((r) =>
        announcementView({
          deregistrationId: r.id,
          enterprise: r,
          commitment: r.commitment.text,
          window: {
            publishedAt: new Date(r.announcement.publishedAt),
            endsAt: new Date(r.announcement.endsAt),
          },
        }),
      ),
    nextCursor: page.nextCursor,
  };
}
