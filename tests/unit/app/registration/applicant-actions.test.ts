import { describe, expect, it } from 'vitest';
import { supplementRegistration, withdrawRegistration } from '#app/registration/applicant-actions';
import { openSupplement } from '#app/registration/human-steps';
import { decideReview } from '#app/registration/reviews';
import { ConflictError, NotFoundError } from '#domain/errors';
import { move } from '#domain/registration/lifecycle';
import { alice, bob, checked, examiner, freshPorts, inReview, submitted, T0, upload } from '../support.ts';

describe('supplementRegistration', () => {
  it('adds the materials, closes the request and answers its token', async () => {
    const ports = freshPorts();
    const { registration, materials } = await checked(ports, alice);
    await openSupplement(ports, registration.id, 'token-s', 'materials', { detail: 'x' });
    const added = await upload(ports, alice, 'agent_authorization');
    const result = await supplementRegistration(ports, alice, registration.id, [added, materials[0]!]);
    expect(result).toMatchObject({ status: 'checking', materials: [...materials, added] });
    expect(await ports.registrations.get(registration.id)).toMatchObject({
      status: 'checking',
      materials: [...materials, added],
    });
    expect(await ports.humanTasks.get(`${registration.id}-supplement-0-materials`)).toMatchObject({
      status: 'done',
      decision: 'supplied',
    });
    expect(ports.workflows.taskSuccesses).toEqual([
      { token: 'token-s', output: { supplied: materials.length + 1 } },
    ]);
  });

  it("answers the examiner's request too, in the case's current round", async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    await decideReview(ports, examiner, `${registration.id}-review-0`, 'request_changes', '请补充');
    await openSupplement(ports, registration.id, 'token-e', 'examiner');
    await supplementRegistration(ports, alice, registration.id, []);
    expect((await ports.humanTasks.get(`${registration.id}-supplement-1-examiner`))?.status).toBe('done');
    expect(ports.workflows.taskSuccesses.at(-1)?.token).toBe('token-e');
  });

  it('answers 409 unless changes are requested', async () => {
    const ports = freshPorts();
    const { registration } = await submitted(ports, alice);
    const refused = supplementRegistration(ports, alice, registration.id, []);
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({ code: 'not-changes-requested' });
  });

  it('answers 409 when changes are requested but no request is open', async () => {
    const ports = freshPorts();
    const { registration } = await checked(ports, alice);
    await ports.registrations.move(registration.id, move(T0, 'materialsIncomplete'));
    await expect(supplementRegistration(ports, alice, registration.id, [])).rejects.toMatchObject({
      code: 'no-open-request',
    });
    expect((await ports.registrations.get(registration.id))?.status).toBe('changes_requested');
    expect(ports.workflows.taskSuccesses).toEqual([]);
  });

  it("answers 404 to anyone but the owner or the branch's clerk", async () => {
    const ports = freshPorts();
    const { registration } = await checked(ports, alice);
    await openSupplement(ports, registration.id, 'token-s', 'materials');
    await expect(supplementRegistration(ports, bob, registration.id, [])).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(supplementRegistration(ports, examiner, registration.id, [])).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('withdrawRegistration', () => {
  it('gives the reservation back, stops the execution and closes the open tasks', async () => {
    const ports = freshPorts();
    const { registration, reservation } = await inReview(ports, alice);
    ports.clock.advance(1000);
    expect((await withdrawRegistration(ports, alice, registration.id)).status).toBe('withdrawn');
    expect((await ports.registrations.get(registration.id))?.status).toBe('withdrawn');
    const held = ports.registry.reservations.get(reservation.id);
    expect(held?.status).toBe('reserved');
    expect(held?.registrationId).toBeUndefined();
    expect(ports.workflows.stopped).toEqual([
      {
        workflow: 'registration',
        executionName: `registration--${registration.id}`,
        cause: 'withdrawn by the applicant',
      },
    ]);
    expect(await ports.humanTasks.get(`${registration.id}-review-0`)).toMatchObject({
      status: 'done',
      decision: 'withdrawn',
    });
    expect((await ports.humanTasks.listOpen('review', '440300', undefined, 10)).items).toEqual([]);
  });

  it('hands the consumed reservation back to its own lifecycle: a new reservation workflow, the name still indexed', async () => {
    const ports = freshPorts();
    const { registration, reservation } = await inReview(ports, alice);
    const before = ports.workflows.startsOf('name-reservation').length;
    await withdrawRegistration(ports, alice, registration.id);
    const restarted = ports.workflows.startsOf('name-reservation').slice(before);
    expect(restarted).toEqual([
      expect.objectContaining({
        executionName: expect.stringMatching(new RegExp(`^name-reservation--${reservation.id}--r`)),
        input: expect.objectContaining({ reservationId: reservation.id, generation: 0 }),
      }),
    ]);
  });

  it('answers 409 after a decision, changing nothing', async () => {
    const ports = freshPorts();
    const { registration, reservation } = await inReview(ports, alice);
    await decideReview(ports, examiner, `${registration.id}-review-0`, 'approve', 'ok');
    const refused = withdrawRegistration(ports, alice, registration.id);
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({
      code: 'already-decided',
      message: expect.stringContaining('approved'),
    });
    expect((await ports.registrations.get(registration.id))?.status).toBe('approved');
    expect(ports.registry.reservations.get(reservation.id)?.status).toBe('consumed');
    expect(ports.workflows.stopped).toEqual([]);
  });

  it("answers 404 to another's case", async () => {
    const ports = freshPorts();
    const { registration } = await submitted(ports, alice);
    await expect(withdrawRegistration(ports, bob, registration.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await ports.registrations.get(registration.id))?.status).toBe('submitted');
  });
});
