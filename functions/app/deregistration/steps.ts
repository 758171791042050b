/**
 * The deregistration workflow's steps. Each reads the case and acts on its status, so that a run started
 * again from the beginning (after a crash) finds what is done and goes on from where the case stands:
 * the first step answers with the status, and the definition routes by it. Waits are absolute deadlines
 * stored with the case; each step answers the seconds left, 0 once passed (a Choice then skips the wait).
 */
import { secondsLeft } from '#domain/deregistration/announcement';
import { eligibility } from '#domain/deregistration/eligibility';
import { deregisteredEvent, deregisteringEvent, deregistrationNotice } from '#domain/deregistration/events';
import { move, type Step } from '#domain/deregistration/lifecycle';
import type { DeregistrationRecord } from '#domain/deregistration/record';
import type { EnterpriseRecord } from '#domain/enterprise';
import { NotFoundError } from '#domain/errors';
import type { Ports } from '#ports/ports';
import { revokeLicense } from '../license/revoke.ts';
import { enterpriseFacts } from './filing.ts';

type Deps = Pick<
  Ports,
  'deregistrations' | 'enterprises' | 'registrations' | 'registryLists' | 'clock' | 'workflows'
>;

export interface CaseState {
  status: DeregistrationRecord['status'];
  /** Seconds left in the objection window (0 once it has ended). */
  windowSecondsLeft: number;
  /** Seconds left to apply to deregister after the window (0 once the deadline has passed). */
  confirmationSecondsLeft: number;
}

async function load(ports: Pick<Deps, 'deregistrations'>, id: string): Promise<DeregistrationRecord> {
  const record = await ports.deregistrations.get(id);
  if (!record) throw new NotFoundError('deregistration');
  return record;
}

function stateOf(r: DeregistrationRecord, now: Date): CaseState {
  return {
    status: r.status,
    windowSecondsLeft: secondsLeft(new Date(r.announcement.endsAt), now),
    confirmationSecondsLeft: secondsLeft(new Date(r.confirmationDeadline), now),
  };
}

async function enterpriseOf(ports: Pick<Deps, 'enterprises'>, creditCode: string) {
  const enterprise = await ports.enterprises.get(creditCode);
  if (!enterprise) throw new NotFoundError('enterprise');
  return enterprise;
}

/** Eligibility with the lists as they stand now, of an enterprise this very case holds `deregistering`. */
async function eligibilityNow(
  ports: Pick<Deps, 'enterprises' | 'registrations' | 'registryLists'>,
  record: DeregistrationRecord,
  held?: EnterpriseRecord,
) {
  const enterprise = held ?? (await enterpriseOf(ports, record.creditCode));
  const [facts, entries] = await Promise.all([
    enterpriseFacts(ports, enterprise),
    ports.registryLists.entriesFor(record.creditCode),
  ]);
  return eligibility({
    // Judged as the active enterprise it was at filing.
    enterprise: { ...enterprise, status: 'active', businessScope: facts.businessScope },
    entries,
    commitment: { debtsSettled: record.commitment.debtsSettled },
  });
}

/** Ineligible (at the first step, or again at the end): the case rejected with the reasons, the enterprise active again. */
function refuse(
  ports: Pick<Deps, 'deregistrations'>,
  record: DeregistrationRecord,
  verdict: Awaited<ReturnType<typeof eligibilityNow>>,
  eventSeq: number,
  now: Date,
) {
  return ports.deregistrations.move(
    record.id,
    move(now, { name: 'ineligible', detail: verdict.reasons.map((r) => r.rule).join(', ') }),
    {
      set: { reasons: verdict.reasons, rulesVersion: verdict.version },
      enterprise: {
        creditCode: record.creditCode,
        from: 'deregistering',
        to: 'active',
        expectedEventSeq: eventSeq,
      },
      notice: deregistrationNotice(record, 'rejected', now),
    },
  );
}

/**
 * Eligibility again with the lists as they stand now, then, in one write, the commitment recorded and the
 * announcement published with `enterprise.deregistering` in the outbox; or the case rejected and the
 * enterprise active again. A case past checking is left as it is.
 */
export async function checkAndAnnounce(ports: Deps, id: string): Promise<CaseState> {
  const record = await load(ports, id);
  const now = ports.clock.now();
  if (record.status !== 'checking') return stateOf(record, now);
  const enterprise = await enterpriseOf(ports, record.creditCode);
  const verdict = await eligibilityNow(ports, record, enterprise);
  const seq = enterprise.eventSeq + 1;
  if (!verdict.eligible) {
    await refuse(ports, record, verdict, enterprise.eventSeq, now);
  } else {
    await ports.deregistrations.move(id, move(now, 'eligibilityPassed', 'commitmentRecorded', 'announced'), {
      enterprise: {
        creditCode: record.creditCode,
        from: 'deregistering',
        to: 'deregistering',
        event: deregisteringEvent(record, seq, now),
        expectedEventSeq: enterprise.eventSeq,
      },
    });
  }
  // A lost race (the case moved meanwhile) is read back rather than guessed.
  return stateOf(await load(ports, id), now);
}

/**
 * The objection window's callback: its token kept with the case, so an objection answers it. An
 * objection that came before the token, or a window already over, answers at once.
 */
export async function openObjectionWindow(ports: Deps, id: string, token: string): Promise<void> {
  const record = await load(ports, id);
  const stored = await ports.deregistrations.await(id, 'announced', { kind: 'objections', token });
  const now = ports.clock.now();
  if (!stored || record.objections.length > 0)
    await ports.workflows.sendTaskSuccess(token, { objected: record.objections.length > 0 });
  else if (secondsLeft(new Date(record.announcement.endsAt), now) === 0)
    await ports.workflows.sendTaskSuccess(token, { objected: false });
}

/**
 * The window is over: with an objection the case ends `rejected` and the enterprise is active again;
 * with none it awaits the owner's application, or (autoConfirm, an individual business) goes on at once.
 */
export async function closeWindow(ports: Deps, id: string): Promise<CaseState> {
  const record = await load(ports, id);
  const now = ports.clock.now();
  if (record.status !== 'announced') return stateOf(record, now);
  const enterprise = await enterpriseOf(ports, record.creditCode);
  if (record.objections.length > 0) {
    await ports.deregistrations.move(
      id,
      move(now, { name: 'objected', detail: `${record.objections.length}` }),
      {
        enterprise: {
          creditCode: record.creditCode,
          from: 'deregistering',
          to: 'active',
          expectedEventSeq: enterprise.eventSeq,
        },
        notice: deregistrationNotice(record, 'objected', now),
      },
    );
  } else {
    const confirms = record.autoConfirm || record.announcement.kind === 'departments';
    const steps: Step[] = [{ name: 'windowPassed' }];
    if (confirms) steps.push({ name: 'confirmed', detail: 'with the filing' });
    await ports.deregistrations.move(id, move(now, ...steps), {
      ...(confirms ? {} : { notice: deregistrationNotice(record, 'awaiting_confirmation', now) }),
    });
  }
  return stateOf(await load(ports, id), now);
}

/** The owner's application to deregister, awaited until the deadline; a confirmation made already answers at once. */
export async function openConfirmation(ports: Deps, id: string, token: string): Promise<void> {
  const stored = await ports.deregistrations.await(id, 'awaiting_confirmation', {
    kind: 'confirmation',
    token,
  });
  if (!stored)
    await ports.workflows.sendTaskSuccess(token, {
      confirmed: (await load(ports, id)).status === 'deregistering',
    });
}

/** No application in time: the case lapses, and the enterprise is active again. */
export async function lapse(ports: Deps, id: string): Promise<CaseState> {
  const record = await load(ports, id);
  const now = ports.clock.now();
  if (record.status === 'awaiting_confirmation') {
    const enterprise = await enterpriseOf(ports, record.creditCode);
    await ports.deregistrations.move(id, move(now, 'lapsed'), {
      enterprise: {
        creditCode: record.creditCode,
        from: 'deregistering',
        to: 'active',
        expectedEventSeq: enterprise.eventSeq,
      },
      notice: deregistrationNotice(record, 'lapsed', now),
    });
  }
  return stateOf(await load(ports, id), now);
}

/**
 * Deregisters: the license revoked (its own write, `license.revoked` in the outbox), then the enterprise
 * `deregistered` with `enterprise.deregistered` and the case done, in one write. An enterprise registered
 * before this registry has no e-license to revoke.
 */
export async function deregister(
  ports: Deps & Parameters<typeof revokeLicense>[0],
  id: string,
): Promise<CaseState & { licenseVersion?: number }> {
  const record = await load(ports, id);
  const now = ports.clock.now();
  if (record.status !== 'deregistering') return stateOf(record, now);
  // The lists again, as they stand at the end: an entry made during the announcement still refuses.
  const verdict = await eligibilityNow(ports, record);
  if (!verdict.eligible) {
    const enterprise = await enterpriseOf(ports, record.creditCode);
    await refuse(ports, record, verdict, enterprise.eventSeq, now);
    return stateOf(await load(ports, id), now);
  }
  let licenseVersion: number | undefined;
  try {
    licenseVersion = (await revokeLicense(ports, record.creditCode, 'enterprise deregistered')).version;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  const enterprise = await enterpriseOf(ports, record.creditCode);
  const steps: Step[] = [
    { name: 'eligibilityConfirmed' },
    { name: 'licenseRevoked', detail: licenseVersion ? `v${licenseVersion}` : 'no e-license' },
    { name: 'deregistered' },
  ];
  await ports.deregistrations.move(id, move(now, ...steps), {
    enterprise: {
      creditCode: record.creditCode,
      from: 'deregistering',
      to: 'deregistered',
      event: deregisteredEvent(record, enterprise.eventSeq + 1, now),
      expectedEventSeq: enterprise.eventSeq,
    },
    notice: deregistrationNotice(record, 'deregistered', now),
  });
  return { ...stateOf(await load(ports, id), now), ...(licenseVersion ? { licenseVersion } : {}) };
}
