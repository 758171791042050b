/**
 * A name correction end to end over HTTP, on the embedded engines: an examiner orders it (the owner is
 * told), the owner files a name they reserved, the disclosure shows the new name at once, the
 * license-reissue workflow issues version 2 under the new name (version 1 then verifies as revoked,
 * online and offline), and the tax department's inbox receives `enterprise.changed`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyLicense } from '../../functions/verifier/index.ts';
import {
  body,
  type RegistrationView,
  reserve,
  uniqueName,
  uploadAll,
  useIndustry,
} from './registration-support.ts';
import { call, eventually, tokenFor } from './support.ts';

interface LicenseView {
  version: number;
  status: string;
  credential: string;
  statusList: { id: string };
}

interface Verdict {
  valid: boolean;
  status: string;
  checks: { status: { code?: string } };
}

// An industry of its own: the runtime is shared with the other files, which count names from zero.
useIndustry('设计');

let applicant: string;
let code: string;
let formerName: string;
let newName: string;
let v1: LicenseView;

const subjectName = (jws: string) =>
  JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')).credentialSubject.name as string;

beforeAll(async () => {
  applicant = await tokenFor({ role: 'applicant', sub: 'rename-applicant' });
  const materials = await uploadAll(applicant);
  formerName = uniqueName();
  const reservationId = await reserve(applicant, formerName);
  const submitted = await call<{ id: string }>('POST', '/v1/registrations', {
    token: applicant,
    body: body(reservationId, materials),
  });
  expect(submitted.status).toBe(202);
  const done = await eventually(async () => {
    const r = await call<RegistrationView>('GET', `/v1/registrations/${submitted.body.id}`, {
      token: applicant,
    });
    return r.body.licenseUrl ? r.body : undefined;
  });
  code = done.creditCode!;
  v1 = (await call<LicenseView>('GET', `/v1/licenses/${code}`)).body;
  expect(v1).toMatchObject({ version: 1, status: 'active' });
});

describe('a name correction, ordered and filed', () => {
  it('shows the enterprise by its code once ordered, and by the filed name once the owner files it', async () => {
    const examiner = await tokenFor({ role: 'examiner', sub: 'rename-examiner', authority: '440305' });
    const ordered = await call('POST', `/v1/enterprises/${code}/name-corrections`, {
      token: examiner,
      body: { reason: '名称含有误导性内容' },
    });
    expect(ordered.status).toBe(201);
    expect((await call('GET', `/v1/enterprises/${code}`)).body).toMatchObject({
      name: code,
      nameCorrectionPending: true,
    });
    // The owner is told, in the order's own write.
    const notices = await call<{ items: { kind: string; subject: { id: string }; message: string }[] }>(
      'GET',
      '/v1/notifications',
      { token: applicant },
    );
    expect(notices.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'enterprise.name_correction_ordered',
        subject: { type: 'enterprise', id: code },
        message: expect.stringContaining('名称含有误导性内容'),
      }),
    );

    newName = uniqueName();
    const reservationId = await reserve(applicant, newName);
    const stranger = await tokenFor({ role: 'applicant', sub: 'rename-stranger' });
    expect(
      (await call('POST', `/v1/enterprises/${code}/name`, { token: stranger, body: { reservationId } }))
        .status,
    ).toBe(404);
    const filed = await call('POST', `/v1/enterprises/${code}/name`, {
      token: applicant,
      body: { reservationId },
    });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({
      creditCode: code,
      name: newName,
      formerName,
      licenseReissue: 'started',
    });
    expect((await call('GET', `/v1/enterprises/${code}`)).body).toMatchObject({
      name: newName,
      nameCorrectionPending: false,
    });
    expect(
      (await call(`GET`, `/v1/names/reservations/${reservationId}`, { token: applicant })).body,
    ).toMatchObject({
      status: 'consumed',
    });
    // The old name stays refused, identical, as changed less than a year ago; nobody may reserve it.
    const check = await call<{
      verdict: string;
      findings: { conflictsWith?: { name: string; status: string } }[];
    }>('POST', '/v1/names/check', { body: { name: formerName, division: '440305' } });
    expect(check.body.verdict).toBe('unavailable');
    expect(check.body.findings.map((f) => f.conflictsWith)).toContainEqual(
      expect.objectContaining({ name: formerName, status: 'changed' }),
    );
    const taken = await call('POST', '/v1/names/reservations', {
      token: stranger,
      body: { name: formerName, division: '440305', entityType: 'limited_liability_company' },
    });
    expect(taken.status).toBe(409);
    // A repeat converges on the change made.
    const again = await call('POST', `/v1/enterprises/${code}/name`, {
      token: applicant,
      body: { reservationId },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ name: newName, formerName });
  });

  it('reissues the license: version 2 verifies under the new name, version 1 as revoked', async () => {
    const v2 = await eventually(async () => {
      const r = await call<LicenseView>('GET', `/v1/licenses/${code}`);
      return r.body.version === 2 ? r.body : undefined;
    });
    expect(v2.status).toBe('active');
    expect(subjectName(v2.credential)).toBe(newName);
    expect(subjectName(v1.credential)).toBe(formerName);

    const online = async (credential: string) =>
      (await call<Verdict>('POST', '/v1/licenses/verify', { body: { credential } })).body;
    expect(await online(v2.credential)).toMatchObject({ valid: true, status: 'active' });
    expect(await online(v1.credential)).toMatchObject({
      valid: false,
      status: 'revoked',
      checks: { status: { code: 'revoked' } },
    });
    expect((await call<LicenseView>('GET', `/v1/licenses/${code}/versions/1`)).body.status).toBe('revoked');

    const jwks = (await call<{ keys: [] }>('GET', '/.well-known/jwks.json')).body;
    const offline = async (license: LicenseView) => {
      const list = await call<{ credential: string }>(
        'GET',
        `/v1/licenses/status-lists/${license.statusList.id}`,
      );
      return verifyLicense(license.credential, { jwks, statusList: list.body.credential, now: new Date() });
    };
    expect(await offline(v2)).toMatchObject({ valid: true, status: 'active' });
    expect(await offline(v1)).toMatchObject({ valid: false, status: 'revoked' });
  });

  it('tells the tax department: enterprise.changed with the new name in its inbox', async () => {
    const tax = await tokenFor({ role: 'department', sub: 'tax-system', departmentCode: 'tax' });
    type Page = { items: { event: { type: string; subject: string; data: Record<string, unknown> } }[] };
    const changed = await eventually(async () => {
      let cursor: string | undefined;
      for (let page = 0; page < 100; page++) {
        const r = await call<Page & { nextCursor: string | null }>(
          'GET',
          `/v1/departments/tax/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
          { token: tax },
        );
        expect(r.status).toBe(200);
        const found = r.body.items.find(
          (i) => i.event.type === 'enterprise.changed' && i.event.subject === code,
        );
        if (found) return found.event;
        if (r.body.items.length === 0 || !r.body.nextCursor) return undefined;
        cursor = r.body.nextCursor;
      }
      return undefined;
    });
    expect(changed.data).toMatchObject({ creditCode: code, name: newName, changedFields: ['name'] });
  });
});
