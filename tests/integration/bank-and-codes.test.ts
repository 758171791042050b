import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/clients';
import { checkCreditCode } from '#domain/credit-code';
import {
  body,
  LLC_MATERIALS,
  reserve,
  statusOf,
  uniqueName,
  uploadAll,
  useIndustry,
} from './registration-support.ts';

useIndustry('商贸');

import { call, eventually, runtime, tokenFor } from './support.ts';

const HOLDER = { name: '张三', idNumber: '440305199003070014' };

describe('bank window (银政直通车)', () => {
  let clerk: string;
  beforeAll(async () => {
    clerk = await tokenFor({ role: 'bank_clerk', sub: 'clerk-sz-1', branchId: 'ICBC-SZ-0001' });
  });

  it('takes the materials at the counter, registers, hands the license over; other branches see nothing', async () => {
    const reservationId = await reserve(clerk, uniqueName(), HOLDER);
    // A filing by a clerk is a filing by an agent: the applicant's authorization is filed too.
    const materials = await uploadAll(clerk, [...LLC_MATERIALS, 'agent_authorization']);
    const intake = await call<{ id: string; registrationId: string; status: string }>(
      'POST',
      '/v1/bank-intakes',
      {
        token: clerk,
        body: {
          applicant: { ...HOLDER, phone: '13800138000', consent: true },
          registration: body(reservationId, materials),
        },
      },
    );
    expect(intake.status).toBe(202);
    const done = await statusOf(clerk, intake.body.registrationId, ['registered', 'rejected']);
    expect(done.status).toBe('registered');

    const seen = await call<{
      custody: { event: string; materials?: { sha256: string }[] }[];
      registrationStatus: string;
      applicant: Record<string, string>;
    }>('GET', `/v1/bank-intakes/${intake.body.id}`, { token: clerk });
    expect(seen.body.registrationStatus).toBe('registered');
    expect(seen.body.custody[0]?.materials).toHaveLength(materials.length);
    expect(seen.body.custody[0]?.materials?.every((m) => /^[0-9a-f]{64}$/.test(m.sha256))).toBe(true);
    expect(JSON.stringify(seen.body)).not.toContain(HOLDER.idNumber);
    expect(seen.body.applicant.idNumberMasked).toBe('4403************14');

    // The license is printed once it is issued (a step after `registered`): the handover records its version.
    await eventually(async () => {
      const r = await call<{ licenseUrl?: string }>(
        'GET',
        `/v1/registrations/${intake.body.registrationId}`,
        {
          token: clerk,
        },
      );
      return r.body.licenseUrl;
    });
    const handed = await call<{ status: string; custody: { event: string; licenseVersion?: number }[] }>(
      'POST',
      `/v1/bank-intakes/${intake.body.id}/handover`,
      { token: clerk },
    );
    expect(handed.body.status).toBe('handed_over');
    expect(handed.body.custody.at(-1)).toMatchObject({ event: 'license-handed-over', licenseVersion: 1 });
    expect((await call('POST', `/v1/bank-intakes/${intake.body.id}/handover`, { token: clerk })).status).toBe(
      409,
    );

    const elsewhere = await tokenFor({ role: 'bank_clerk', sub: 'clerk-gz-1', branchId: 'ICBC-GZ-0001' });
    expect((await call('GET', `/v1/bank-intakes/${intake.body.id}`, { token: elsewhere })).status).toBe(404);
    expect(
      (await call('POST', `/v1/bank-intakes/${intake.body.id}/handover`, { token: elsewhere })).status,
    ).toBe(404);
    expect(
      (await call('GET', `/v1/registrations/${intake.body.registrationId}`, { token: elsewhere })).status,
    ).toBe(404);
    const theirs = await call<{ items: { id: string }[] }>('GET', '/v1/bank-intakes', { token: elsewhere });
    expect(theirs.body.items.map((i) => i.id)).not.toContain(intake.body.id);

    // Public disclosure; an examiner of the authority orders the name corrected: it is then shown by its code.
    const code = String(done.creditCode);
    const disclosed = await call('GET', `/v1/enterprises/${code}`);
    expect(disclosed.body).toMatchObject({
      creditCode: code,
      status: 'active',
      nameCorrectionPending: false,
    });
    expect(String(disclosed.body.name)).toMatch(/商贸有限公司$/);
    const otherCity = await tokenFor({ role: 'examiner', sub: 'exam-gz', authority: '440106' });
    expect(
      (
        await call('POST', `/v1/enterprises/${code}/name-corrections`, {
          token: otherCity,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(404);
    const examiner = await tokenFor({ role: 'examiner', sub: 'exam-sz', authority: '440305' });
    const ordered = await call('POST', `/v1/enterprises/${code}/name-corrections`, {
      token: examiner,
      body: { reason: '名称含有误导性内容' },
    });
    expect(ordered.status).toBe(201);
    expect((await call('GET', `/v1/enterprises/${code}`)).body).toMatchObject({
      name: code,
      nameCorrectionPending: true,
    });
    expect((await call('GET', '/v1/enterprises/914403001922038217')).status).toBe(404);

    // The applicant signs in online with a real-name token and sees the registration as their own.
    const person = await tokenFor({ role: 'applicant', sub: 'zhang-online-2', idNumber: HOLDER.idNumber });
    const mine = await call<{ items: { id: string; status: string }[] }>('GET', '/v1/registrations', {
      token: person,
    });
    expect(mine.body.items).toContainEqual(
      expect.objectContaining({ id: intake.body.registrationId, status: 'registered' }),
    );
  });

  it('refuses a registration whose reservation is not held for the applicant at the counter (404)', async () => {
    const reservationId = await reserve(clerk, uniqueName(), HOLDER);
    const r = await call('POST', '/v1/bank-intakes', {
      token: clerk,
      body: {
        applicant: { name: '李四', idNumber: '11010519491231002X', phone: '13800138000', consent: true },
        registration: body(reservationId, []),
      },
    });
    expect(r.status).toBe(404);
  });
});

describe('credit codes under concurrency', () => {
  it('gives 100 parallel registrations 100 distinct valid codes', async () => {
    const applicant = await tokenFor({ role: 'applicant', sub: 'parallel-applicant' });
    const materials = await uploadAll(applicant);
    // Reservations ten at a time (they are not what this test is about); the registrations all at once.
    const reservations: string[] = [];
    for (let i = 0; i < 10; i++)
      reservations.push(...(await Promise.all(Array.from({ length: 10 }, () => reserve(applicant)))));
    const submitted = await Promise.all(
      reservations.map((id) =>
        call<{ id: string }>('POST', '/v1/registrations', { token: applicant, body: body(id, materials) }),
      ),
    );
    expect(submitted.map((r) => r.status)).toEqual(Array(100).fill(202));
    const done = await Promise.all(
      submitted.map((r) => statusOf(applicant, r.body.id, ['registered', 'rejected'], 90_000)),
    );
    expect(done.map((d) => d.status)).toEqual(Array(100).fill('registered'));
    const codes = done.map((d) => d.creditCode!);
    expect(new Set(codes).size).toBe(100);
    expect(codes.every((c) => checkCreditCode(c).valid)).toBe(true);
  }, 180_000);
});

describe('compensation', () => {
  it('voids the code and restores the reservation when a step after the code fails, leaving no enterprise', async () => {
    runtime();
    const applicant = await tokenFor({ role: 'applicant', sub: 'compensated' });
    const materials = await uploadAll(applicant);
    const name = uniqueName();
    const reservationId = await reserve(applicant, name);
    // Sabotage: the reservation now names an industry class its lock does not hold, so handing the name
    // to the enterprise fails after the code was assigned (the name check itself is unaffected).
    const db = dynamoDocumentClient();
    const key = { pk: `RES#${reservationId}`, sk: 'RES' };
    await db.send(
      new UpdateCommand({
        TableName: 'registry',
        Key: key,
        UpdateExpression: 'SET #lock.industryClass = :other',
        ExpressionAttributeNames: { '#lock': 'lock' },
        ExpressionAttributeValues: { ':other': 'sabotaged' },
      }),
    );

    const r = await call<{ id: string }>('POST', '/v1/registrations', {
      token: applicant,
      body: body(reservationId, materials),
    });
    const done = await statusOf(applicant, r.body.id, ['rejected', 'registered']);
    expect(done.status).toBe('rejected');
    expect(done.reasons?.map((x) => x.code)).toContain('processing-failed');
    expect(done.creditCode).toBeUndefined();
    expect(done.timeline.map((t) => t.step)).toEqual(expect.arrayContaining(['credit-code', 'compensation']));

    const registration = (
      await db.send(new GetCommand({ TableName: 'registry', Key: { pk: `REG#${r.body.id}`, sk: 'REG' } }))
    ).Item!;
    const code = registration.creditCode as string;
    expect(checkCreditCode(code).valid).toBe(true);
    expect(
      (await db.send(new GetCommand({ TableName: 'registry', Key: { pk: `CODE#${code}`, sk: 'CODE' } })))
        .Item,
    ).toMatchObject({ status: 'void' });
    expect(
      (await db.send(new GetCommand({ TableName: 'registry', Key: { pk: `ENT#${code}`, sk: 'ENT' } }))).Item,
    ).toBeUndefined();
    const restored = await eventually(async () => {
      const got = await call('GET', `/v1/names/reservations/${reservationId}`, { token: applicant });
      return got.body.status === 'reserved' ? got.body : undefined;
    });
    expect(restored.status).toBe('reserved');
  });
});
