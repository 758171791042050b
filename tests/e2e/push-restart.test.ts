/**
 * The push across a crash: the platform is killed with SIGKILL while it is delivering to a slow tax
 * receiver, then started again on the same data. Every event the tax inbox holds for the enterprises
 * reaches the receiver (a redelivery is allowed and deduplicated by id), none out of order, no gap.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type DepartmentSimulator,
  startDepartmentSimulators,
} from '../../infra/local/department-simulator.ts';
import { application } from '../unit/registration/fixtures.ts';
import { freePort, json, type Platform, startPlatform, until, uploadChecklist } from './platform.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'registry-e2e-push-'));
const ENTERPRISES = 12;
/** Characters of distinct toneless pinyin: three-character sets of them are neither identical nor similar. */
const TRADE = [...'甲乙丙丁戊己庚辛壬癸琅瑙'];

let platform: Platform;
let sim: DepartmentSimulator | undefined;
afterAll(async () => {
  if (platform && platform.child.exitCode === null && platform.child.signalCode === null) {
    platform.child.kill('SIGTERM');
    await platform.exited;
  }
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (method: string, path: string, body?: unknown, token?: string) =>
  json(`${platform.url}${path}`, method, body, token);
const token = async (claims: Record<string, string>) =>
  String((await api('POST', '/v1/dev/tokens', claims)).body.token);

describe('the push across a SIGKILL', () => {
  it('loses no event and delivers none out of order after a crash mid-delivery', async () => {
    const port = String(await freePort());
    platform = await startPlatform({ PORT: port, DATA_DIR: dataDir });
    const jwks = async () => (await api('GET', '/.well-known/jwks.json')).body as unknown as JSONWebKeySet;
    [sim] = [
      ...(
        await startDepartmentSimulators(
          [{ department: 'tax', secret: `whsec_${Buffer.alloc(32).toString('base64')}` }],
          jwks,
        )
      ).values(),
    ];
    const tax = sim!;
    tax.slow(300);
    const department = await token({ role: 'department', sub: 'tax-e2e', departmentCode: 'tax' });
    const hook = await api('PUT', '/v1/departments/tax/webhook', { url: tax.url }, department);
    expect(hook.status).toBe(200);
    tax.useSecret(String(hook.body.secret));

    const applicant = await token({ role: 'applicant', sub: 'e2e-push' });
    const registrations: string[] = [];
    for (let i = 0; i < ENTERPRISES; i++) {
      const trade = `${TRADE[i]}${TRADE[(i + 4) % TRADE.length]}${TRADE[(i + 9) % TRADE.length]}`;
      const reservation = await api(
        'POST',
        '/v1/names/reservations',
        { name: `深圳市${trade}餐饮有限公司`, division: '440305', entityType: 'limited_liability_company' },
        applicant,
      );
      expect(reservation.status, JSON.stringify(reservation.body)).toBe(201);
      const materials = await uploadChecklist(platform.url, applicant);
      const submitted = await api(
        'POST',
        '/v1/registrations',
        { ...application('limited_liability_company'), reservationId: reservation.body.id, materials },
        applicant,
      );
      expect(submitted.status).toBe(202);
      registrations.push(String(submitted.body.id));
    }

    // Killed while the slow receiver is taking the deliveries: some arrived, not all.
    await until(async () => (tax.received().length >= 3 ? true : undefined), 'the first deliveries');
    platform.child.kill('SIGKILL');
    await platform.exited;
    const before = tax.received().length;
    tax.slow(0);
    platform = await startPlatform({ PORT: port, DATA_DIR: dataDir });

    const codes = new Set<string>();
    for (const id of registrations) {
      let last: unknown;
      const done = await until(async () => {
        const r = await api('GET', `/v1/registrations/${id}`, undefined, applicant);
        last = r.body;
        return r.body.licenseUrl ? r.body : undefined;
      }, `the license of ${id}`).catch(async (error: Error) => {
        const operator = await token({ role: 'operator', sub: 'e2e-ops' });
        const execution = await api('GET', `/v1/ops/executions/registration--${id}`, undefined, operator);
        throw new Error(
          `${error.message}: ${JSON.stringify(last).slice(0, 300)}\n${JSON.stringify(execution.body).slice(-4000)}`,
        );
      });
      expect(done.status).toBe('registered');
      codes.add(String(done.creditCode));
    }
    // What the tax inbox holds for these enterprises: registered and license.issued each.
    const inbox = await until(async () => {
      const page = await api('GET', '/v1/departments/tax/events?limit=100', undefined, department);
      const mine = (page.body.items as Array<{ event: { id: string; subject: string } }>).filter((e) =>
        codes.has(e.event.subject),
      );
      return mine.length === 2 * ENTERPRISES ? mine : undefined;
    }, 'the tax inbox');
    const want = new Set(inbox.map((e) => e.event.id));
    await until(
      async () => (tax.received().filter((r) => want.has(r.id)).length === want.size ? true : undefined),
      'every tax delivery',
    );
    expect(before).toBeLessThan(want.size);
    expect(tax.received().filter((r) => want.has(r.id))).toHaveLength(want.size);
    expect(tax.gaps()).toEqual([]);
    expect(tax.outOfOrder()).toEqual([]);
    // The requests in flight when the kill came arrive cut short (unreadable); nothing else is refused.
    expect(tax.rejected().filter((r) => r.reason !== 'unreadable request')).toEqual([]);
  }, 400_000);
});
