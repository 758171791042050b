import { describe, expect, it } from 'vitest';
import { listRegistrations, registrationView, visibleRegistration } from '#app/registration/follow';
import { NotFoundError } from '#domain/errors';
import { maySupplement } from '#domain/registration/access';
import { P } from '../../registration/fixtures.ts';
import { alice, bob, clerk, examiner, freshPorts, submitted } from '../support.ts';

/** The registry's licensing base URL: every link a view carries is absolute on it. */
const LINKS = { baseUrl: 'https://license.registry.test' };

describe('visibleRegistration', () => {
  it('shows the case to its owner, the same person signed in otherwise, its examiners and operators', async () => {
    const ports = freshPorts();
    const { registration } = await submitted(ports, alice);
    const callers = [
      alice,
      { sub: 'alice-web', role: 'applicant' as const, idHash: alice.idHash! },
      examiner,
      { sub: 'e2', role: 'examiner' as const, authority: '440305' },
      { sub: 'ops', role: 'operator' as const },
    ];
    for (const caller of callers)
      expect((await visibleRegistration(ports, caller, registration.id)).id).toBe(registration.id);
  });

  it('answers 404, never 403, to anyone else and to a case that does not exist', async () => {
    const ports = freshPorts();
    const { registration } = await submitted(ports, alice);
    for (const caller of [
      bob,
      clerk,
      { sub: 'e', role: 'examiner' as const, authority: '110105' },
      { sub: 'd', role: 'department' as const, departmentCode: 'tax' },
    ])
      await expect(visibleRegistration(ports, caller, registration.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(visibleRegistration(ports, alice, 'missing')).rejects.toBeInstanceOf(NotFoundError);
    await expect(visibleRegistration(ports, examiner, registration.id, maySupplement)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('listRegistrations and registrationView', () => {
  it("lists the caller's cases only, newest first", async () => {
    const ports = freshPorts();
    const { registration } = await submitted(ports, alice);
    await submitted(ports, bob, {}, '深圳市青岚科技有限公司');
    const page = await listRegistrations(ports, alice, undefined, 10);
    expect(page.items.map((r) => r.id)).toEqual([registration.id]);
  });

  it('shows no identity number and no sealed data, and the code only once registered', async () => {
    const ports = freshPorts();
    const { registration } = await submitted(ports, alice);
    const view = registrationView({ ...registration, creditCode: '91440305MA5G000011' }, LINKS);
    const text = JSON.stringify(view);
    expect(text).not.toContain(P.zhang.idNumber);
    expect(view).not.toHaveProperty('sealedApplication');
    expect(view).not.toHaveProperty('summary');
    expect(view).not.toHaveProperty('creditCode');
    const registered = { ...registration, status: 'registered' as const, creditCode: '91440305MA5G000011' };
    // licenseUrl appears only once a license exists.
    expect(registrationView(registered, LINKS)).not.toHaveProperty('licenseUrl');
    expect(registrationView({ ...registered, licenseVersion: 1 }, LINKS)).toMatchObject({
      creditCode: '91440305MA5G000011',
      licenseUrl: 'https://license.registry.test/v1/licenses/91440305MA5G000011',
    });
  });
});
