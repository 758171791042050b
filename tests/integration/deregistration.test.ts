/**
 * Simple deregistration over HTTP on the local runtime (announcement and confirmation periods shortened to
 * 6 s): the registry's lists kept by an examiner, a refusal with every reason at once, a filing that is
 * announced, passes its window and ends with the enterprise deregistered, its license revoked and the tax
 * department told; and a filing that an objection ends.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { body, reserve, statusOf, uploadAll, useIndustry } from './registration-support.ts';
import { call, eventually, tokenFor } from './support.ts';

useIndustry('广告');

interface Case {
  id: string;
  status: string;
  announcementEndsAt: string;
  timeline: Array<{ step: string; status: string }>;
  objections: Array<{ id: string }>;
}

let applicant: string;
let stranger: string;
let examiner: string;
let tax: string;
let operator: string;

/** An enterprise registered (and licensed) over HTTP, with its investors' names as its registration shows them. */
async function registeredEnterprise() {
  const submitted = await call('POST', '/v1/registrations', {
    token: applicant,
    body: body(await reserve(applicant), await uploadAll(applicant)),
  });
  expect(submitted.status).toBe(202);
  const done = await statusOf(applicant, String(submitted.body.id), ['registered']);
  await eventually(async () => {
    const r = await call<{ licenseUrl?: string }>('GET', `/v1/registrations/${done.id}`, {
      token: applicant,
    });
    return r.body.licenseUrl;
  });
  const signatories = body('x', []).investors.map((i) => i.name);
  return { creditCode: done.creditCode!, signatories };
}

/** Where a department's inbox ends now: its events from here on are the ones written after this call. */
async function tailOf(department: string, token: string): Promise<string | undefined> {
  let cursor: string | undefined;
  for (;;) {
    const page = await call<{ items: unknown[]; nextCursor: string | null }>(
      'GET',
      `/v1/departments/${department}/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    if (page.body.nextCursor) cursor = page.body.nextCursor;
    if (page.body.items.length < 100) return cursor;
  }
}

const caseOf = (id: string, token = applicant) => call<Case>('GET', `/v1/deregistrations/${id}`, { token });

beforeAll(async () => {
  applicant = await tokenFor({ role: 'applicant', sub: 'dereg-owner' });
  stranger = await tokenFor({ role: 'applicant', sub: 'dereg-stranger' });
  examiner = await tokenFor({ role: 'examiner', sub: 'dereg-examiner', authority: '440305' });
  tax = await tokenFor({ role: 'department', sub: 'tax-dereg', departmentCode: 'tax' });
  operator = await tokenFor({ role: 'operator', sub: 'dereg-ops' });
});

describe('simple deregistration over HTTP', () => {
  it('refuses with every reason at once, then announces, passes the window and deregisters', async () => {
    const taxCursor = await tailOf('tax', tax);
    const { creditCode, signatories } = await registeredEnterprise();
    const entry = `/v1/registry-lists/abnormal-operation/entries/${creditCode}`;
    expect((await call('POST', entry, { token: examiner, body: { reason: '住所无法联系' } })).status).toBe(
      201,
    );
    const listed = await call<{ items: Array<{ creditCode: string }> }>(
      'GET',
      '/v1/registry-lists/abnormal-operation',
      { token: examiner },
    );
    expect(listed.body.items.map((i) => i.creditCode)).toContain(creditCode);

    const refused = await call<{ reasons: Array<{ rule: string; basis: string }> }>(
      'POST',
      '/v1/deregistrations',
      {
        token: applicant,
        body: { creditCode, commitment: { debtsSettled: false, signatories: signatories.slice(1) } },
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.reasons.map((r) => r.rule)).toEqual(
      expect.arrayContaining(['abnormal-operation', 'debts-not-settled', 'signatory-missing']),
    );
    const filing = { creditCode, commitment: { debtsSettled: true, signatories } };
    expect((await call('POST', '/v1/deregistrations', { token: stranger, body: filing })).status).toBe(404);
    expect((await call('POST', '/v1/deregistrations', { token: tax, body: filing })).status).toBe(403);
    expect((await call('DELETE', entry, { token: examiner })).status).toBe(200);
    expect((await call('DELETE', entry, { token: examiner })).status).toBe(404);

    const filed = await call<Case>('POST', '/v1/deregistrations', { token: applicant, body: filing });
    expect(filed.status).toBe(202);
    expect(Date.parse(filed.body.announcementEndsAt)).toBeGreaterThan(Date.now());
    expect((await call('POST', '/v1/deregistrations', { token: applicant, body: filing })).status).toBe(409);
    const announced = await eventually(async () => {
      const page = await call<{ items: Array<{ deregistrationId: string; creditCode: string }> }>(
        'GET',
        '/v1/announcements',
      );
      return page.body.items.find((a) => a.deregistrationId === filed.body.id);
    });
    expect(announced.creditCode).toBe(creditCode);
    expect((await caseOf(filed.body.id, stranger)).status).toBe(404);
    expect((await caseOf(filed.body.id, operator)).status).toBe(200);

    const done = await eventually(async () => {
      const r = await caseOf(filed.body.id);
      return r.body.status === 'deregistered' ? r.body : undefined;
    }, 60_000);
    expect(done.timeline.map((t) => t.step)).toEqual(expect.arrayContaining(['announcement', 'license']));
    const disclosure = await call('GET', `/v1/enterprises/${creditCode}`);
    expect(disclosure.body.status).toBe('deregistered');
    const license = await call<{ credential: string }>('GET', `/v1/licenses/${creditCode}`);
    const verdict = await call('POST', '/v1/licenses/verify', {
      body: { credential: license.body.credential },
    });
    expect(verdict.body).toMatchObject({ valid: false, status: 'revoked' });
    // The tax inbox holds other files' events too: read it from where it stood before this case, page by page.
    const mine: string[] = [];
    let cursor = taxCursor;
    const types = await eventually(async () => {
      for (;;) {
        const page = await call<{
          items: Array<{ event: { subject: string; type: string } }>;
          nextCursor: string | null;
        }>('GET', `/v1/departments/tax/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: tax });
        for (const e of page.body.items) if (e.event.subject === creditCode) mine.push(e.event.type);
        if (page.body.nextCursor) cursor = page.body.nextCursor;
        if (page.body.items.length < 100) break;
      }
      return mine.includes('enterprise.deregistered') ? mine : undefined;
    }, 30_000);
    expect(types).toEqual(expect.arrayContaining(['enterprise.deregistering', 'enterprise.deregistered']));
  }, 120_000);

  it('ends on an objection: rejected, the enterprise active again; no objection once the case has ended', async () => {
    const { creditCode, signatories } = await registeredEnterprise();
    const filed = await call<Case>('POST', '/v1/deregistrations', {
      token: applicant,
      body: { creditCode, commitment: { debtsSettled: true, signatories } },
    });
    expect(filed.status).toBe(202);
    await eventually(async () =>
      (await caseOf(filed.body.id)).body.status === 'announced' ? true : undefined,
    );
    const objecting = {
      token: tax,
      body: { reason: '该企业尚有欠缴税款' },
      headers: { 'idempotency-key': `objection-${filed.body.id}` },
    };
    const objection = await call('POST', `/v1/deregistrations/${filed.body.id}/objections`, objecting);
    expect(objection.status).toBe(201);
    // A retry of the same request is answered with the first answer, and records nothing twice.
    const retried = await call('POST', `/v1/deregistrations/${filed.body.id}/objections`, objecting);
    expect(retried.body.id).toBe(objection.body.id);
    const ended = await eventually(async () => {
      const r = await caseOf(filed.body.id);
      return r.body.status === 'rejected' ? r.body : undefined;
    });
    expect(ended.timeline.at(-1)).toMatchObject({ step: 'objection', status: 'received' });
    expect((await caseOf(filed.body.id)).body.objections).toHaveLength(1);
    expect((await call('GET', `/v1/enterprises/${creditCode}`)).body.status).toBe('active');
    const late = await call('POST', `/v1/deregistrations/${filed.body.id}/objections`, {
      token: tax,
      body: { reason: '再次异议' },
    });
    expect(late.status).toBe(409);
  }, 120_000);
});
