/**
 * The announcement (公示) of a simple deregistration and its deadlines, in legal time (legal-time.ts):
 * the window runs ANNOUNCEMENT_PERIOD from the day after publication and ends at 24:00 Beijing time of
 * its last day; the owner then has CONFIRMATION_PERIOD to apply to deregister (市场主体登记管理条例
 * 第三十三条: 公示期届满之日起20日内). An individual business is not announced publicly: the departments
 * get the push and have INDIVIDUAL_OBJECTION_PERIOD to object, after which the registry deregisters it
 * directly.
 */
import { cstDate, type Duration, periodEnd, toCstIso } from '../legal-time.ts';
import { normalizeName } from './commitment.ts';
import { type DeregistrationRules, fill, loadDeregistrationRules } from './rules.ts';

/** `public`: the national announcement anyone may object to; `departments`: the push to the departments. */
export type AnnouncementKind = 'public' | 'departments';

/** The periods as the settings give them (ANNOUNCEMENT_PERIOD, INDIVIDUAL_OBJECTION_PERIOD, CONFIRMATION_PERIOD). */
export interface DeregistrationPeriods {
  announcement: Duration;
  individualObjection: Duration;
  confirmation: Duration;
}

export interface AnnouncementWindow {
  kind: AnnouncementKind;
  period: Duration;
  publishedAt: Date;
  /** Objections are taken until this instant, excluded. */
  endsAt: Date;
}

export const announcementKindOf = (entityType: string): AnnouncementKind =>
  entityType === 'individual_business' ? 'departments' : 'public';

/** The objection window opened by publishing (or pushing) at `publishedAt`. */
export function announcementWindow(
  publishedAt: Date,
  entityType: string,
  periods: Pick<DeregistrationPeriods, 'announcement' | 'individualObjection'>,
): AnnouncementWindow {
  const kind = announcementKindOf(entityType);
  const period = kind === 'public' ? periods.announcement : periods.individualObjection;
  return { kind, period, publishedAt, endsAt: periodEnd(publishedAt, period) };
}

/**
 * The last moment the owner may apply to deregister. The window ends at 24:00 of its last day, which is
 * already the next day's first instant; the period runs from the day after that last day (民法典 第二百零一条),
 * so it is counted from the instant before the end. A period with no calendar part (tests) is exact.
 */
export function confirmationDeadline(windowEndsAt: Date, confirmation: Duration): Date {
  const calendar = confirmation.years || confirmation.months || confirmation.days;
  if (!calendar) return new Date(windowEndsAt.getTime() + confirmation.timeMs);
  return periodEnd(new Date(windowEndsAt.getTime() - 1), confirmation);
}

/** Whether an objection made at `at` is in time. */
export const isWindowOpen = (window: Pick<AnnouncementWindow, 'endsAt'>, at: Date): boolean =>
  at.getTime() < window.endsAt.getTime();

/**
 * Whole seconds from `now` to `deadline`, rounded up so a wait never ends before the deadline; 0 once it
 * has passed, so that the workflow skips the wait instead of asking the engine for a timeout below 1 s.
 */
export function secondsLeft(deadline: Date, now: Date): number {
  return Math.max(0, Math.ceil((deadline.getTime() - now.getTime()) / 1000));
}

/**
 * Whether the window's end is itself the application to deregister: a filing with autoConfirm applies in
 * advance (条例 第三十三条 allows it within the period), and an individual business has nothing to confirm,
 * the registry deregisters it once the departments' period passes with no objection.
 */
export const confirmsAtWindowEnd = (kind: AnnouncementKind, autoConfirm: boolean): boolean =>
  kind === 'departments' || autoConfirm;

export interface CommitmentFiling {
  debtsSettled: boolean;
  /** Every investor's name, as filed. */
  signatories: readonly string[];
}

/** The 全体投资人承诺书 as announced, in the seed's wording, signed by the filing's names. */
export function commitmentText(
  enterprise: { name: string; creditCode: string },
  filing: CommitmentFiling,
  rules: DeregistrationRules = loadDeregistrationRules(),
): string {
  // The text commits every investor to debts being settled: it is never written for a filing that says not.
  if (!filing.debtsSettled) throw new RangeError('a commitment is written only when debts are settled');
  const { title, body, signedBy } = rules.commitment;
  return [
    title,
    fill(body, { name: enterprise.name, creditCode: enterprise.creditCode }),
    fill(signedBy, { names: filing.signatories.map(normalizeName).join('、') }),
  ].join('\n');
}

/** An announcement as GET /v1/announcements shows it; times in Beijing time. */
export interface AnnouncementView {
  deregistrationId: string;
  creditCode: string;
  /** The disclosed name: the credit code while a name correction is pending (enterprise.ts `disclosureOf`). */
  name: string;
  commitment: string;
  announcedAt: string;
  endsAt: string;
  /** The window's last day (YYYY-MM-DD, Beijing), as the national announcement states it. */
  lastDay: string;
}

export function announcementView(input: {
  deregistrationId: string;
  enterprise: { creditCode: string; name: string };
  commitment: string;
  window: Pick<AnnouncementWindow, 'publishedAt' | 'endsAt'>;
}): AnnouncementView {
  const { window } = input;
  return {
    deregistrationId: input.deregistrationId,
    creditCode: input.enterprise.creditCode,
    name: input.enterprise.name,
    commitment: input.commitment,
    announcedAt: toCstIso(window.publishedAt),
    endsAt: toCstIso(window.endsAt),
    lastDay: cstDate(new Date(window.endsAt.getTime() - 1)),
  };
}
