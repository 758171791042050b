/**
 * A simple deregistration's window across a crash: the platform is killed with SIGKILL while the
 * announcement is open and started again only after the window has ended. The restarted workflow finds the
 * deadline passed (no wait below a second: a Choice skips it) and deregisters the enterprise; the
 * deregistration is never recorded before the window's end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { application } from '../unit/registration/fixtures.ts';
import { freePort, json, type Platform, startPlatform, until, uploadChecklist } from './platform.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'registry-e2e-dereg-'));
const PERIODS = { ANNOUNCEMENT_PERIOD: 'PT8S', CONFIRMATION_PERIOD: 'PT20S' };
let platform: Platform;

afterAll(async () => {
  if (platform && platform.child.exitCode === null && platform.child.signalCode === null) {
    platform.child.kill('SIGTERM');
    await platform.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (method: string, path: string, body?: unknown, token?: string) =>
  json(`${platform.url}${path}`, method, body, token);

describe('a deregistration across a SIGKILL', () => {
  it('deregisters after a restart that comes when the window has already ended', async () => {
    const port = String(await freePort());
    platform = await startPlatform({ PORT: port, DATA_DIR: dataDir, ...PERIODS });
    const owner = String(
      (await api('POST', '/v1/dev/tokens', { role: 'applicant', sub: 'e2e-dereg' })).body.token,
    );
    const reservation = await api(
      'POST',
      '/v1/names/reservations',
      { name: '深圳市壬琅瑙服装有限公司', division: '440305', entityType: 'limited_liability_company' },
      owner,
    );
    expect(reservation.status).toBe(201);
    const app = application('limited_liability_company');
    const submitted = await api(
      'POST',
      '/v1/registrations',
      { ...app, reservationId: reservation.body.id, materials: await uploadChecklist(platform.url, owner) },
      owner,
    );
    const registered = await until(async () => {
      const r = await api('GET', `/v1/registrations/${submitted.body.id}`, undefined, owner);
      return r.body.licenseUrl ? r.body : undefined;
    }, 'the license');
    const creditCode = String(registered.creditCode);

    const filed = await api(
      'POST',
      '/v1/deregistrations',
      { creditCode, commitment: { debtsSettled: true, signatories: app.investors.map((i) => i.name) } },
      owner,
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(202);
    const endsAt = Date.parse(String(filed.body.announcementEndsAt));
    await until(async () => {
      const r = await api('GET', `/v1/deregistrations/${filed.body.id}`, undefined, owner);
      return r.body.status === 'announced' ? true : undefined;
    }, 'the announcement');

    platform.child.kill('SIGKILL');
    await platform.exited;
    // Down until the window has ended: the restart finds the deadline passed.
    await new Promise((r) => setTimeout(r, Math.max(0, endsAt - Date.now()) + 500));
    platform = await startPlatform({ PORT: port, DATA_DIR: dataDir, ...PERIODS });

    const done = await until(async () => {
      const r = await api('GET', `/v1/deregistrations/${filed.body.id}`, undefined, owner);
      return r.body.status === 'deregistered' ? r.body : undefined;
    }, 'the deregistration');
    const timeline = done.timeline as Array<{ step: string; status: string; at: string }>;
    const closed = timeline.find((t) => t.step === 'announcement' && t.status === 'closed')!;
    expect(Date.parse(closed.at)).toBeGreaterThanOrEqual(endsAt);
    expect((await api('GET', `/v1/enterprises/${creditCode}`)).body.status).toBe('deregistered');
  }, 300_000);
});
