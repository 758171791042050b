/**
 * The operators' console in a real browser: Debian's chromium driven by playwright-core, against
 * `npm start`'s own command. A new operator, with only the console, finds the execution behind a
 * registration the rules rejected and reads which rule it was; finds a delivery parked as failed and
 * redrives it; and no page shows an identity number. Every wait is a locator's own (auto-waiting) or a
 * deadline poll of the API while the platform works; nothing is asserted on timing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentSimulator } from '../../infra/local/department-simulator.ts';
import { P } from '../unit/registration/fixtures.ts';
import { ConsoleData } from './console-data.ts';
import { identityNumbers, identityNumbersIn } from './console-pages.ts';
import { freePort, json, type Platform, startPlatform, until } from './platform.ts';

const CHROMIUM = '/usr/bin/chromium';
const dataDir = mkdtempSync(join(tmpdir(), 'registry-e2e-console-'));

let platform: Platform | undefined;
let browser: Browser | undefined;
let tax: DepartmentSimulator | undefined;
let data: ConsoleData;
let operator: string;
let applicant: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`no browser at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk (as .ci/run does)`);
  // Two attempts, then a delivery parks as failed: seconds, not the policy's 18 hours.
  platform = await startPlatform({
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    PUSH_MAX_ATTEMPTS: '2',
  });
  browser = await chromium.launch({ executablePath: CHROMIUM });
  data = new ConsoleData(platform.url);
  operator = await data.token({ role: 'operator', sub: 'op-new' });
  applicant = await data.token({ role: 'applicant', sub: 'console-e2e' });
  tax = await data.failingTaxWebhook();
});

afterAll(async () => {
  await browser?.close();
  await tax?.close();
  if (platform && platform.child.exitCode === null && platform.child.signalCode === null) {
    platform.child.kill('SIGTERM');
    await platform.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh tab in English (the language switch is the operator's; the tests read English labels). */
async function tab(): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  return context.newPage();
}

describe('the operators’ console', () => {
  it('sends a token that is not an operator’s back to sign-in, saying why, and keeps no token in the address', async () => {
    const page = await tab();
    await page.goto(`${platform!.url}/console#token=${applicant}`);
    await page.getByRole('heading', { name: 'Operator sign-in' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Forbidden' }).waitFor();
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.context().close();
  });

  it('finds the execution behind a rejected registration and the rule that rejected it', async () => {
    const registration = await data.rejectedByRule(applicant);
    const page = await tab();
    await page.goto(`${platform!.url}/console`);
    // A new operator: signs in with the token typed into the form.
    await page.getByLabel('Operator token').fill(operator);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('link', { name: 'Executions', exact: true }).click();
    await page.getByLabel('Case id or credit code').fill(registration);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: `registration--${registration}`, exact: true }).click();

    await page.getByRole('heading', { name: `registration--${registration}`, exact: true }).waitFor();
    const outcome = page.locator('.summary .outcome');
    await outcome.filter({ hasText: 'rejected' }).waitFor();
    expect(await outcome.textContent()).toBe('rejected: name-available');
    // The path taken: checked, decided, refused; never a credit code.
    const classes = async (state: string) =>
      ((await page.locator(`[data-state="${state}"]`).getAttribute('class')) ?? '').split(' ');
    for (const state of ['CheckApplication', 'Decide', 'Outcome', 'RejectRegistration'])
      expect(await classes(state), state).toContain('visited');
    expect(await classes('AssignCreditCode')).toContain('unvisited');

    await page.locator('[data-state="Decide"]').click();
    const detail = page.locator('#state-detail');
    await detail.getByRole('heading', { name: 'Decide', exact: true }).waitFor();
    // What the decision added is shown unfolded: the rule that failed is read without opening anything.
    await detail.locator('[data-part="result"]').filter({ hasText: 'name-available' }).waitFor();
    const output = JSON.parse((await detail.locator('[data-part="output"]').textContent()) ?? '{}');
    expect(output.decision).toMatchObject({ outcome: 'reject', failedRules: ['name-available'] });
    await page.context().close();
  });

  it('finds a failed delivery and redrives it', async () => {
    const { creditCode } = await data.approved(applicant);
    // The tax department's system answers 500: the delivery of the new enterprise parks as failed.
    const parked = await data.failedDelivery(operator, creditCode);
    tax!.failShare(0);

    const page = await tab();
    // Signed in by the address (as scripts do): the token leaves the address bar at once.
    await page.goto(`${platform!.url}/console#token=${operator}`);
    await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
    expect(page.url()).not.toContain('token');
    const row = page.locator(`tr[data-delivery="${parked.id}"]`);
    expect(await row.textContent()).toContain(creditCode);
    await row.getByRole('button', { name: 'Redrive', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${parked.id} redriven` })
      .waitFor();
    await row.waitFor({ state: 'detached' });

    const delivered = await until(
      async () =>
        tax!.received().find((e) => e.creditCode === creditCode && e.type === 'enterprise.registered'),
      `the redriven delivery of ${creditCode} to reach the tax department`,
    );
    expect(delivered.sequence).toBe(1);
    const after = await json(
      `${platform!.url}/v1/ops/deliveries?status=failed&limit=100`,
      'GET',
      undefined,
      operator,
    );
    expect((after.body.items as { id: string }[]).map((d) => d.id)).not.toContain(parked.id);
    await page.context().close();
  });

  it('shows no identity number on any page', async () => {
    // The reading itself finds one where there is one (the applications below carry these).
    expect(identityNumbers(`<td title="x">${P.zhang.idNumber}</td>`)).toEqual([P.zhang.idNumber]);
    await data.approved(applicant);
    // Every registration so far (approved, rejected, redriven), each with its applicants' identity numbers.
    const listed = await json(
      `${platform!.url}/v1/ops/executions?workflow=registration&limit=100`,
      'GET',
      undefined,
      operator,
    );
    const executions = (listed.body.items as { id: string }[]).map((e) => e.id);
    expect(executions.length).toBeGreaterThanOrEqual(3);
    const page = await tab();
    await page.goto(`${platform!.url}/console#token=${operator}`);
    expect(await identityNumbersIn(page, platform!.url, executions)).toEqual([]);
    await page.context().close();
  });
});
