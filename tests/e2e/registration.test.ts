import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCreditCode } from '#domain/credit-code';
import { application } from '../unit/registration/fixtures.ts';
import { freePort, json, type Platform, startPlatform, uploadChecklist } from './platform.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'registry-e2e-reg-'));
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ PORT: String(await freePort()), DATA_DIR: dataDir });
});
afterAll(async () => {
  platform.child.kill('SIGTERM');
  await platform.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (method: string, path: string, body?: unknown, token?: string) =>
  json(`${platform.url}${path}`, method, body, token);
const token = async (claims: Record<string, string>) =>
  String((await api('POST', '/v1/dev/tokens', claims)).body.token);

async function until(path: string, who: string, statuses: string[]) {
  for (let i = 0; i < 300; i++) {
    const r = await api('GET', path, undefined, who);
    if (statuses.includes(String(r.body.status))) return r.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} never reached ${statuses.join('/')}`);
}

describe('registration over HTTP on npm start', () => {
  it('walks an applicant from the name check to registered', async () => {
    const name = '深圳市甲丙戊科技有限公司';
    expect((await api('POST', '/v1/names/check', { name, division: '440305' })).body).toMatchObject({
      verdict: 'available',
    });
    const applicant = await token({ role: 'applicant', sub: 'e2e-applicant' });
    const reservation = await api(
      'POST',
      '/v1/names/reservations',
      { name, division: '440305', entityType: 'limited_liability_company' },
      applicant,
    );
    expect(reservation.status).toBe(201);
    const materials = await uploadChecklist(platform.url, applicant);
    const submitted = await api(
      'POST',
      '/v1/registrations',
      { ...application('limited_liability_company'), reservationId: reservation.body.id, materials },
      applicant,
    );
    expect(submitted.status).toBe(202);
    const done = await until(`/v1/registrations/${submitted.body.id}`, applicant, ['registered', 'rejected']);
    expect(done.status).toBe('registered');
    expect(checkCreditCode(String(done.creditCode)).valid).toBe(true);
    expect((await api('POST', '/v1/names/check', { name, division: '440305' })).body).toMatchObject({
      verdict: 'unavailable',
    });
  });

  it('takes a clerk through a bank intake to the handover; a clerk of another branch gets 404', async () => {
    const clerk = await token({ role: 'bank_clerk', sub: 'e2e-clerk', branchId: 'ICBC-SZ-0001' });
    const holder = { name: '张三', idNumber: '440305199003070014' };
    const reservation = await api(
      'POST',
      '/v1/names/reservations',
      {
        name: '深圳市乙丁己科技有限公司',
        division: '440305',
        entityType: 'limited_liability_company',
        holder,
      },
      clerk,
    );
    expect(reservation.status).toBe(201);
    const materials = await uploadChecklist(platform.url, clerk, 'limited_liability_company', ['agent']);
    const intake = await api(
      'POST',
      '/v1/bank-intakes',
      {
        applicant: { ...holder, phone: '13800138000', consent: true },
        registration: {
          ...application('limited_liability_company'),
          reservationId: reservation.body.id,
          materials,
        },
      },
      clerk,
    );
    expect(intake.status).toBe(202);
    await until(`/v1/registrations/${intake.body.registrationId}`, clerk, ['registered']);
    // Printed once the license is issued (a step after `registered`).
    for (let i = 0; i < 100; i++) {
      if (
        (await api('GET', `/v1/registrations/${intake.body.registrationId}`, undefined, clerk)).body
          .licenseUrl
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const handed = await api('POST', `/v1/bank-intakes/${intake.body.id}/handover`, undefined, clerk);
    expect(handed.body).toMatchObject({ status: 'handed_over' });
    const other = await token({ role: 'bank_clerk', sub: 'e2e-other', branchId: 'CCB-GZ-0001' });
    expect((await api('GET', `/v1/bank-intakes/${intake.body.id}`, undefined, other)).status).toBe(404);
  });
});
