import { describe, expect, it } from 'vitest';
import { branchIntake, handOver, listBranchIntakes, takeIntake } from '#app/bank/intakes';
import { issueLicense } from '#app/license/issue';
import { checkApplication, decide } from '#app/registration/checks';
import { assignCreditCode, registerEnterprise } from '#app/registration/completion';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation } from '#domain/errors';
import { identityHash } from '#domain/identity';
import { application } from '../../registration/fixtures.ts';
import {
  clerk,
  freshPorts,
  HOLDER,
  requiredMaterials,
  reserve,
  sha256,
  T0,
  type TestPorts,
  upload,
} from '../support.ts';

const otherBranch = { sub: 'clerk-9', role: 'bank_clerk' as const, branchId: 'B-2' };

const applicant = { ...HOLDER, idType: 'resident_id', phone: '13912345678', consent: true } as const;

/** What the clerk takes at the counter: every required material, and the applicant's authorization. */
async function counterMaterials(ports: TestPorts) {
  return [...(await requiredMaterials(ports, clerk)), await upload(ports, clerk, 'agent_authorization')];
}

async function takenIntake(ports: TestPorts) {
  const reservation = await reserve(ports, clerk);
  const materials = await counterMaterials(ports);
  return takeIntake(ports, clerk, {
    applicant,
    registration: application('limited_liability_company', { reservationId: reservation.id, materials }),
  });
}

/** The intake's case carried to `registered`, as the workflow would. */
async function registered(ports: TestPorts, registrationId: string) {
  const check = await checkApplication(ports, registrationId);
  const decision = await decide(ports, registrationId, check.facts, check.assessment!);
  const { creditCode } = await assignCreditCode(ports, registrationId, check.facts, decision);
  await registerEnterprise(ports, registrationId, creditCode);
  return creditCode;
}

describe('takeIntake', () => {
  it("records the applicant masked, the custody of the materials, and submits on the applicant's behalf", async () => {
    const ports = freshPorts();
    const { intake, registration } = await takenIntake(ports);
    expect(registration).toMatchObject({
      channel: 'bank',
      branchId: 'B-1',
      bankIntakeId: intake.id,
      ownerIdHash: identityHash(HOLDER.idNumber),
    });
    const stored = await ports.bankIntakes.get(intake.id);
    expect(stored).toMatchObject({
      branchId: 'B-1',
      clerkSub: 'clerk-1',
      status: 'submitted',
      registrationId: registration.id,
      applicant: { name: HOLDER.name, idHash: identityHash(HOLDER.idNumber), phoneMasked: '139****5678' },
      consent: { given: true, at: T0.toISOString() },
    });
    expect(stored!.custody.map((e) => e.event)).toEqual(['materials-received', 'submitted']);
    expect(stored!.custody[0]!.materials).toEqual(
      registration.materials.map((id) => ({
        id,
        kind: expect.any(String),
        sha256: ports.registry.materials.get(id)!.sha256,
      })),
    );
    expect(stored!.custody[0]!.materials![0]!.sha256).toBe(sha256('%PDF-1.7 application_form'));
    expect(JSON.stringify(stored)).not.toContain(HOLDER.idNumber);
    expect(ports.workflows.startsOf('registration')).toHaveLength(1);
  });

  it("refuses an intake without the agent's authorization (422), writing no intake and no registration", async () => {
    const ports = freshPorts();
    const reservation = await reserve(ports, clerk);
    const materials = await requiredMaterials(ports, clerk);
    const refused = await takeIntake(ports, clerk, {
      applicant,
      registration: application('limited_liability_company', { reservationId: reservation.id, materials }),
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RuleViolation);
    expect((refused as RuleViolation).details).toEqual({
      reasons: [
        expect.objectContaining({
          code: 'agent-material-missing',
          severity: 'block',
          path: 'body.registration.materials',
          basis: '《市场主体登记管理条例》第十六条、第十八条',
        }),
      ],
    });
    expect(ports.registry.intakes.size).toBe(0);
    expect(ports.registry.registrations.size).toBe(0);
    expect((await ports.registrations.getReservation(reservation.id))?.status).toBe('reserved');
  });

  it('gives the agent finding with the application’s own, all at once', async () => {
    const ports = freshPorts();
    const reservation = await reserve(ports, clerk);
    const refused = await takeIntake(ports, clerk, {
      applicant,
      registration: application('limited_liability_company', {
        reservationId: reservation.id,
        taxContact: undefined,
        materials: [],
      }),
    }).catch((e: RuleViolation) => e);
    const { reasons } = (refused as RuleViolation).details as { reasons: { path: string; code: string }[] };
    expect(reasons.map((r) => `${r.path} ${r.code}`)).toEqual([
      'body.registration.taxContact tax-contact-missing',
      'body.registration.materials agent-material-missing',
    ]);
  });

  it('answers 404 for a reservation not held for the applicant before it looks at the materials', async () => {
    const ports = freshPorts();
    const reservation = await reserve(ports, clerk);
    const other = { ...applicant, name: '刘洋', idNumber: '310115197806150038' };
    await expect(
      takeIntake(ports, clerk, {
        applicant: other,
        registration: application('limited_liability_company', {
          reservationId: reservation.id,
          materials: [],
        }),
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(ports.registry.intakes.size).toBe(0);
  });

  it('refuses a clerk token bound to no branch', async () => {
    const ports = freshPorts();
    await expect(
      takeIntake(
        ports,
        { sub: 'c', role: 'bank_clerk' },
        {
          applicant,
          registration: application('limited_liability_company'),
        },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(ports.registry.intakes.size).toBe(0);
  });
});

describe('branchIntake and listBranchIntakes', () => {
  it("shows an intake to its branch's clerks only: any other branch gets 404", async () => {
    const ports = freshPorts();
    const { intake, registration } = await takenIntake(ports);
    const colleague = { sub: 'clerk-2', role: 'bank_clerk' as const, branchId: 'B-1' };
    expect(await branchIntake(ports, colleague, intake.id)).toMatchObject({
      intake: { id: intake.id },
      registration: { id: registration.id, status: 'submitted' },
    });
    await expect(branchIntake(ports, otherBranch, intake.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listBranchIntakes(ports, colleague, undefined, 10)).items.map((i) => i.id)).toEqual([
      intake.id,
    ]);
    expect((await listBranchIntakes(ports, otherBranch, undefined, 10)).items).toEqual([]);
  });
});

describe('takeIntake with another branch’s materials (found by a new user)', () => {
  it('refuses them as missing, revealing and recording nothing of them', async () => {
    const ports = freshPorts();
    const reservation = await reserve(ports, clerk);
    const materials = await counterMaterials(ports);
    // A clerk of another branch files branch B-1's material ids for a reservation held for the applicant.
    const refused = takeIntake(ports, otherBranch, {
      applicant,
      registration: application('limited_liability_company', { reservationId: reservation.id, materials }),
    });
    await expect(refused).rejects.toBeInstanceOf(RuleViolation);
    const reasons = (await refused.catch((e: RuleViolation) => e.details)) as {
      reasons: { code: string; path: string; message: string }[];
    };
    expect(reasons.reasons.filter((r) => r.code === 'material-not-found').map((r) => r.path)).toEqual(
      materials.map((_, i) => `body.registration.materials.${i}`),
    );
    expect(JSON.stringify(reasons)).not.toMatch(/[0-9a-f]{64}/);
    expect((await listBranchIntakes(ports, otherBranch, undefined, 10)).items).toEqual([]);
  });
});

describe('handOver', () => {
  it('answers 409 before the case is registered', async () => {
    const ports = freshPorts();
    const { intake } = await takenIntake(ports);
    const refused = handOver(ports, clerk, intake.id);
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({ code: 'not-registered' });
    expect((await ports.bankIntakes.get(intake.id))?.status).toBe('submitted');
  });

  it('answers 409 while the license is not issued yet', async () => {
    const ports = freshPorts();
    const { intake, registration } = await takenIntake(ports);
    await registered(ports, registration.id);
    await expect(handOver(ports, clerk, intake.id)).rejects.toMatchObject({ code: 'no-license' });
  });

  it('hands the license over once, recording its version; a second handover is 409', async () => {
    const ports = freshPorts();
    const { intake, registration } = await takenIntake(ports);
    const creditCode = await registered(ports, registration.id);
    await issueLicense(ports, registration.id, creditCode);
    const done = await handOver(ports, clerk, intake.id);
    expect(done.intake).toMatchObject({ status: 'handed_over' });
    expect(done.intake.custody.at(-1)).toMatchObject({
      event: 'license-handed-over',
      registrationId: registration.id,
      licenseVersion: 1,
    });
    expect((await ports.bankIntakes.get(intake.id))?.custody.map((e) => e.event)).toEqual([
      'materials-received',
      'submitted',
      'license-handed-over',
    ]);
    await expect(handOver(ports, clerk, intake.id)).rejects.toMatchObject({ code: 'already-handed-over' });
    await expect(handOver(ports, otherBranch, intake.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
