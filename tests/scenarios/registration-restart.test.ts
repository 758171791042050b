/**
 * A registration's workflow started again from the beginning, as the local runtime does with the
 * executions a crash interrupted: every finished task finds its work done. A case approved (by the rules
 * or by an examiner) and registered stays registered with one code and one license; the name, registered
 * by then to this very case, is not judged again as if another held it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { REGISTRATION_WORKFLOW } from '#contract/workflows';
import { decide, registrationOf, similarName, submit, uniqueName } from './actors.ts';
import { ScenarioHarness, statesEntered } from './harness.ts';

let h: ScenarioHarness;
afterEach(() => h?.dispose());

async function runAgain(registrationId: string, executionName: string) {
  const again = h.start(REGISTRATION_WORKFLOW.name, `${executionName}-again`, { registrationId });
  return h.ended(`${executionName}-again`).then((e) => ({ ...e, started: again }));
}

describe('registration: a run started again from the beginning', () => {
  it('finds a case approved by the rules registered, and ends with its one license', async () => {
    h = await ScenarioHarness.create({ waitMs: 3_600_000 });
    const s = await submit(h, { name: uniqueName() });
    expect((await h.ended(s.executionName)).status).toBe('SUCCEEDED');
    const first = await registrationOf(h, s.registration.id);
    expect(first.status).toBe('registered');

    const again = await runAgain(s.registration.id, s.executionName);
    expect(again.status).toBe('SUCCEEDED');
    expect(statesEntered(again)).toEqual(
      expect.arrayContaining(['Decide', 'AssignCreditCode', 'RegisterEnterprise', 'IssueLicense']),
    );
    expect(statesEntered(again)).not.toContain('RejectRegistration');
    const after = await registrationOf(h, s.registration.id);
    expect(after.status).toBe('registered');
    expect(after.creditCode).toBe(first.creditCode);
    expect(after.timeline).toHaveLength(first.timeline.length);
    expect(h.ports.licenses.versions(first.creditCode!)).toHaveLength(1);
  });

  it('finds a case approved by an examiner registered, without a second review', async () => {
    h = await ScenarioHarness.create({ waitMs: 3_600_000 });
    const s = await submit(h, { name: similarName() });
    await decide(h, s.registration.id, 'approve', '材料齐全，符合法定形式');
    expect((await h.ended(s.executionName)).status).toBe('SUCCEEDED');
    const first = await registrationOf(h, s.registration.id);
    expect(first).toMatchObject({ status: 'registered', decision: { by: 'examiner', outcome: 'approve' } });

    const again = await runAgain(s.registration.id, s.executionName);
    expect(again.status).toBe('SUCCEEDED');
    expect(statesEntered(again)).not.toContain('AwaitReview');
    expect(statesEntered(again)).not.toContain('RejectRegistration');
    expect(statesEntered(again)).toContain('IssueLicense');
    const after = await registrationOf(h, s.registration.id);
    expect(after).toMatchObject({ status: 'registered', creditCode: first.creditCode });
    expect(h.ports.licenses.versions(first.creditCode!)).toHaveLength(1);
  });
});
