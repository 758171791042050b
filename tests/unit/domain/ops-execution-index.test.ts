import { describe, expect, it } from 'vitest';
import { applyChange, type ExecutionEntry } from '#domain/ops/execution-index';
import { outcomeOf, subjectsIn } from '#domain/ops/outcome';
import { redact } from '#domain/ops/redact';

const base: ExecutionEntry = {
  name: 'registration--r1',
  workflow: 'registration',
  status: 'RUNNING',
  startedAt: '2026-11-20T08:00:00.000Z',
  redriveCount: 0,
  subjects: ['r1'],
};
const failed: ExecutionEntry = { ...base, status: 'FAILED', stoppedAt: '2026-11-20T09:10:00.000Z' };

describe('applyChange', () => {
  it('a first sight counts its status and its start hour, and its end hour when it has ended', () => {
    expect(applyChange(undefined, base)).toMatchObject({
      counts: { RUNNING: 1 },
      hourly: [{ hour: '2026-11-20T08', field: 'started' }],
    });
    expect(applyChange(undefined, failed)?.hourly).toEqual([
      { hour: '2026-11-20T08', field: 'started' },
      { hour: '2026-11-20T09', field: 'failed' },
    ]);
  });

  it('an end moves the count from RUNNING; a repeat, a late start or an older run changes nothing', () => {
    expect(applyChange(base, failed)).toMatchObject({ counts: { RUNNING: -1, FAILED: 1 } });
    expect(applyChange(failed, failed)).toBeUndefined();
    expect(applyChange(failed, base)).toBeUndefined();
    expect(applyChange({ ...failed, redriveCount: 2 }, { ...base, redriveCount: 1 })).toBeUndefined();
  });

  it('a redrive runs it again: the error and end go, the subjects learnt stay', () => {
    const effect = applyChange(
      { ...failed, error: { error: 'X' }, subjects: ['r1', 'code'] },
      { ...base, redriveCount: 1 },
    );
    expect(effect?.counts).toEqual({ FAILED: -1, RUNNING: 1 });
    expect(effect?.entry).not.toHaveProperty('error');
    expect(effect?.entry).not.toHaveProperty('stoppedAt');
    expect(effect?.entry.subjects).toEqual(['r1', 'code']);
  });

  it('an aborted execution is no failure in the hourly counts; issuance counts only on success', () => {
    const aborted = { ...base, status: 'ABORTED' as const, stoppedAt: '2026-11-20T08:30:00.000Z' };
    expect(applyChange(base, aborted)?.hourly).toEqual([]);
    const issuance = { authority: '440304', onTheSpot: true };
    expect(applyChange(base, { ...failed, issuance })?.issuance).toBeUndefined();
    expect(
      applyChange(base, { ...base, status: 'SUCCEEDED', stoppedAt: failed.stoppedAt!, issuance })?.issuance,
    ).toEqual(issuance);
  });
});

describe('outcomeOf and subjectsIn', () => {
  it('says which rules rejected a registration, or who approved it and where', () => {
    expect(
      outcomeOf('registration', {
        rejection: { rejected: true },
        decision: { outcome: 'reject', failedRules: ['name.taken', 'capital.minimum'] },
      }),
    ).toEqual({ outcome: 'rejected: name.taken, capital.minimum' });
    expect(
      outcomeOf('registration', {
        check: { facts: { authority: '440304' } },
        decision: { outcome: 'approve', by: 'examiner' },
        enterprise: { creditCode: 'X' },
        license: { version: 1 },
      }),
    ).toEqual({
      outcome: 'licensed, approved by the examiner',
      issuance: { authority: '440304', onTheSpot: false },
    });
    // A case the rules sent to review is the examiner's, approved or rejected (found by a tester).
    const referred = { outcome: 'review', by: 'rules', failedRules: ['entity-type-standard'] };
    expect(
      outcomeOf('registration', {
        check: { facts: { authority: '440304' } },
        decision: referred,
        review: { decision: 'approve' },
        enterprise: { creditCode: 'X' },
      }),
    ).toEqual({
      outcome: 'registered, approved by the examiner',
      issuance: { authority: '440304', onTheSpot: false },
    });
    expect(
      outcomeOf('registration', {
        decision: referred,
        review: { decision: 'reject' },
        rejection: { rejected: true },
      }),
    ).toEqual({ outcome: 'rejected by the examiner' });
    expect(outcomeOf('deregistration', { result: { status: 'deregistered' } })).toEqual({
      outcome: 'deregistered',
    });
    expect(outcomeOf('deregistration', 'nothing')).toEqual({});
  });

  it('takes ids from two levels of a state’s data, and nothing that is not an id', () => {
    expect(
      subjectsIn(
        {
          registrationId: 'r1',
          code: { creditCode: '91440300MA5G000001' },
          deep: { a: { creditCode: 'no' } },
        },
        { creditCode: 'has space' },
      ),
    ).toEqual(['r1', '91440300MA5G000001']);
  });
});

describe('redact', () => {
  it('masks valid identity numbers anywhere in a value, and leaves credit codes and other digits', () => {
    expect(
      redact({ a: ['x 11010519491231002X y'], b: 123, c: '91440300MA5G000001', d: '110105194912310021' }),
    ).toEqual({
      a: ['x 1101************2X y'],
      b: 123,
      c: '91440300MA5G000001',
      d: '110105194912310021',
    });
  });
});
