/** The deregistration's lifecycle as data: the moves the workflow and the routes make, and those refused. */
import { describe, expect, it } from 'vitest';
import {
  allows,
  DEREGISTRATION_STATUSES,
  type DeregistrationStatus,
  isEnded,
  move,
  TRANSITIONS,
  type TransitionName,
} from '#domain/deregistration/lifecycle';

const at = new Date('2026-12-01T02:00:00Z');

/** Follows a chain of moves from `checking`, each from where the last one left the case. */
function run(...moves: TransitionName[][]): DeregistrationStatus {
  let status: DeregistrationStatus = 'checking';
  for (const steps of moves) {
    const m = move(at, ...steps);
    if (!m.from.includes(status)) throw new RangeError(`${steps.join('+')} from ${status}`);
    status = m.to;
  }
  return status;
}

describe('deregistration lifecycle', () => {
  it('closes a business filed with autoConfirm: the window passing is its application', () => {
    expect(
      run(
        ['eligibilityPassed', 'commitmentRecorded'],
        ['announced'],
        ['windowPassed', 'confirmed'],
        ['licenseRevoked', 'deregistered'],
      ),
    ).toBe('deregistered');
  });

  it('waits for the owner without autoConfirm, then closes on confirmation or lapses', () => {
    const waiting = run(['eligibilityPassed', 'commitmentRecorded', 'announced'], ['windowPassed']);
    expect(waiting).toBe('awaiting_confirmation');
    expect(allows(waiting, 'confirmed')).toBe(true);
    expect(allows(waiting, 'lapsed')).toBe(true);
    expect(run(['eligibilityPassed', 'announced'], ['windowPassed'], ['lapsed'])).toBe('lapsed');
  });

  it('ends the case rejected on an objection in the window, and on ineligibility at the re-check', () => {
    expect(run(['eligibilityPassed', 'announced'], ['objected'])).toBe('rejected');
    expect(run(['ineligible'])).toBe('rejected');
  });

  it('leaves a timeline entry per step, with its detail', () => {
    const m = move(at, 'windowPassed', { name: 'confirmed', detail: 'autoConfirm' });
    expect(m).toEqual({
      from: ['announced'],
      to: 'deregistering',
      entries: [
        { step: 'announcement', status: 'closed', at: at.toISOString() },
        { step: 'confirmation', status: 'confirmed', at: at.toISOString(), detail: 'autoConfirm' },
      ],
    });
  });

  it('refuses steps that cannot follow one another', () => {
    expect(() => move(at, 'ineligible', 'announced')).toThrow(/announced cannot follow a move to rejected/);
    expect(() => move(at, 'announced', 'confirmed')).toThrow(/confirmed cannot follow a move to announced/);
    expect(() => move(at, 'windowPassed', 'objected')).toThrow(/objected cannot follow/);
    expect(() => move(at, 'lapsed', 'deregistered')).toThrow(/deregistered cannot follow/);
    expect(() => move(at)).toThrow(/at least one step/);
  });

  it('takes objections only while the window is open, and confirmation only after it', () => {
    const allowing = (name: TransitionName) => DEREGISTRATION_STATUSES.filter((s) => allows(s, name));
    expect(allowing('objected')).toEqual(['announced']);
    expect(allowing('confirmed')).toEqual(['awaiting_confirmation']);
    expect(allowing('deregistered')).toEqual(['deregistering']);
  });

  it('moves nowhere from an end, and every status but the ends holds the enterprise', () => {
    const ends = DEREGISTRATION_STATUSES.filter(isEnded);
    expect(ends).toEqual(['deregistered', 'rejected', 'lapsed']);
    for (const status of ends)
      for (const name of Object.keys(TRANSITIONS) as TransitionName[])
        expect(allows(status, name)).toBe(false);
  });
});
