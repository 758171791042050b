/** The announcement window and the confirmation deadline, in legal time (Beijing days, 24:00 of the last day). */
import { describe, expect, it } from 'vitest';
import {
  announcementKindOf,
  announcementView,
  announcementWindow,
  commitmentText,
  confirmationDeadline,
  confirmsAtWindowEnd,
  isWindowOpen,
  secondsLeft,
} from '#domain/deregistration/announcement';
import { parseDuration } from '#domain/legal-time';

const periods = {
  announcement: parseDuration('P20D'),
  individualObjection: parseDuration('P10D'),
  confirmation: parseDuration('P20D'),
};
const company = 'limited_liability_company';
const endsAt = (publishedAt: string, entityType = company) =>
  announcementWindow(new Date(publishedAt), entityType, periods).endsAt.toISOString();

describe('announcementWindow', () => {
  it('counts from the Beijing day: 20:00 UTC on 30 November is already 1 December in Beijing', () => {
    // Days 2–21 December; ends at 24:00 on 21 December Beijing time.
    expect(endsAt('2026-11-30T20:00:00Z')).toBe('2026-12-21T16:00:00.000Z');
    // A second before Beijing midnight is still 30 November: the window ends a day earlier.
    expect(endsAt('2026-11-30T15:59:59Z')).toBe('2026-12-20T16:00:00.000Z');
  });

  it('runs across month and year ends and short Februaries', () => {
    expect(endsAt('2027-01-15T02:00:00Z')).toBe('2027-02-04T16:00:00.000Z');
    expect(endsAt('2026-12-20T02:00:00Z')).toBe('2027-01-09T16:00:00.000Z');
    expect(endsAt('2027-02-10T02:00:00Z')).toBe('2027-03-02T16:00:00.000Z');
    expect(endsAt('2028-02-10T02:00:00Z')).toBe('2028-03-01T16:00:00.000Z');
  });

  it('gives an individual business no public announcement, but ten days for the departments', () => {
    const w = announcementWindow(new Date('2026-11-30T20:00:00Z'), 'individual_business', periods);
    expect(w.kind).toBe('departments');
    expect(w.period).toEqual(periods.individualObjection);
    expect(w.endsAt.toISOString()).toBe('2026-12-11T16:00:00.000Z');
    expect(announcementKindOf(company)).toBe('public');
    expect(announcementKindOf('farmer_cooperative')).toBe('public');
  });

  it('adds a period with a time part only exactly, as demos and tests shorten it', () => {
    const w = announcementWindow(new Date('2026-11-30T20:00:00Z'), company, {
      ...periods,
      announcement: parseDuration('PT5S'),
    });
    expect(w.endsAt.toISOString()).toBe('2026-11-30T20:00:05.000Z');
  });

  it('takes objections until the end, excluded', () => {
    const w = { endsAt: new Date('2026-12-21T16:00:00Z') };
    expect(isWindowOpen(w, new Date('2026-12-21T15:59:59.999Z'))).toBe(true);
    expect(isWindowOpen(w, new Date('2026-12-21T16:00:00Z'))).toBe(false);
  });
});

describe('confirmationDeadline', () => {
  it('runs CONFIRMATION_PERIOD from the day after the window’s last day', () => {
    // Window's last day 21 December; 22 December to 10 January; ends at 24:00 on 10 January Beijing time.
    const deadline = confirmationDeadline(new Date('2026-12-21T16:00:00Z'), periods.confirmation);
    expect(deadline.toISOString()).toBe('2027-01-10T16:00:00.000Z');
  });

  it('runs across a short February', () => {
    const deadline = confirmationDeadline(new Date('2027-02-14T16:00:00Z'), periods.confirmation);
    expect(deadline.toISOString()).toBe('2027-03-06T16:00:00.000Z');
  });

  it('counts a shortened window’s end by its Beijing day, and a time-only period exactly', () => {
    // A PT5S window ending at 05:00:05 on 1 December Beijing time: 2–21 December.
    expect(confirmationDeadline(new Date('2026-11-30T21:00:05Z'), periods.confirmation).toISOString()).toBe(
      '2026-12-21T16:00:00.000Z',
    );
    expect(confirmationDeadline(new Date('2026-11-30T21:00:05Z'), parseDuration('PT10S')).toISOString()).toBe(
      '2026-11-30T21:00:15.000Z',
    );
  });
});

describe('secondsLeft', () => {
  const deadline = new Date('2026-12-21T16:00:00Z');
  it('rounds up, so a wait never ends before the deadline', () => {
    expect(secondsLeft(deadline, new Date('2026-12-21T15:59:59.800Z'))).toBe(1);
    expect(secondsLeft(deadline, new Date('2026-12-21T15:00:00Z'))).toBe(3600);
  });
  it('is 0 once the deadline has passed, for the workflow to skip the wait', () => {
    expect(secondsLeft(deadline, deadline)).toBe(0);
    expect(secondsLeft(deadline, new Date('2026-12-25T00:00:00Z'))).toBe(0);
  });
});

describe('confirmsAtWindowEnd', () => {
  it('confirms with autoConfirm, and always for an individual business', () => {
    expect(confirmsAtWindowEnd('public', true)).toBe(true);
    expect(confirmsAtWindowEnd('public', false)).toBe(false);
    expect(confirmsAtWindowEnd('departments', false)).toBe(true);
  });
});

describe('the public announcement', () => {
  const enterprise = { name: '深圳市星河蓝海科技有限公司', creditCode: '91440300MA5F000181' };

  it('writes the commitment of all investors with their names', () => {
    const text = commitmentText(enterprise, {
      debtsSettled: true,
      signatories: ['张伟', ' Ｊｏｈｎ　Ｓｍｉｔｈ '],
    });
    const [title, body, signedBy] = text.split('\n');
    expect(title).toBe('全体投资人承诺书');
    expect(body).toContain(
      '深圳市星河蓝海科技有限公司（统一社会信用代码：91440300MA5F000181）申请简易注销登记',
    );
    expect(body).toContain('已将债权债务清偿完结');
    expect(body).toContain('承担法律责任');
    expect(signedBy).toBe('全体投资人：张伟、John Smith');
  });

  it('is never written for a filing whose debts are not settled', () => {
    expect(() => commitmentText(enterprise, { debtsSettled: false, signatories: ['张伟'] })).toThrow(
      /debts are settled/,
    );
  });

  it('shows the window in Beijing time, with its last day', () => {
    const window = announcementWindow(new Date('2026-11-30T20:00:00Z'), company, periods);
    expect(announcementView({ deregistrationId: 'd-1', enterprise, commitment: 'text', window })).toEqual({
      deregistrationId: 'd-1',
      creditCode: '91440300MA5F000181',
      name: '深圳市星河蓝海科技有限公司',
      commitment: 'text',
      announcedAt: '2026-12-01T04:00:00+08:00',
      endsAt: '2026-12-22T00:00:00+08:00',
      lastDay: '2026-12-21',
    });
  });
});
