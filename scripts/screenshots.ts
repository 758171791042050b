/**
 * `npm run screenshots`: the operators' console's three pages as docs/console.md shows them. Starts the
 * platform as `npm start` does (its own DATA_DIR, a free port), makes cases through the API (registrations
 * approved and rejected, one waiting for an examiner, a delivery parked as failed), then opens the
 * overview, the executions and the rejected registration's execution (its Decide state selected) in
 * Debian's chromium at 1280 px, in Chinese and in English, and writes docs/screenshots/*.png.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from '#contract/workflows';
import type { DepartmentSimulator } from '../infra/local/department-simulator.ts';
import { ConsoleData } from '../tests/e2e/console-data.ts';
import { freePort, type Platform, startPlatform } from '../tests/e2e/platform.ts';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = join(REPO_ROOT, 'docs', 'screenshots');
const WIDTH = 1280;

async function makeCases(data: ConsoleData) {
  const operator = await data.token({ role: 'operator', sub: 'op-screens' });
  const applicant = await data.token({ role: 'applicant', sub: 'screens' });
  const approved = [];
  for (let i = 0; i < 3; i++) approved.push(await data.approved(applicant));
  const rejected = await data.rejectedByRule(applicant);
  await data.inReview(applicant);
  // The tax system answers 500: the first enterprise's delivery parks, the others wait behind their own.
  await data.failedDelivery(operator, approved[0]!.creditCode);
  return { operator, rejected };
}

/** Waits until every section has loaded and the charts are drawn. */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  // Each section shows "Loading…" until its answer is drawn (a string predicate would be eval: the CSP forbids it).
  const loading = page.locator('.loading');
  while ((await loading.count()) > 0) await loading.first().waitFor({ state: 'detached' });
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`  ${path}`);
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no browser at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk`);
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-screenshots-'));
  let platform: Platform | undefined;
  let tax: DepartmentSimulator | undefined;
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    platform = await startPlatform({
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      PUSH_MAX_ATTEMPTS: '2',
    });
    const data = new ConsoleData(platform.url);
    tax = await data.failingTaxWebhook();
    console.log('Making cases…');
    const { operator, rejected } = await makeCases(data);
    mkdirSync(OUT, { recursive: true });
    for (const [lang, locale] of [
      ['zh', 'zh-CN'],
      ['en', 'en-US'],
    ] as const) {
      const context = await browser.newContext({ viewport: { width: WIDTH, height: 900 }, locale });
      const page = await context.newPage();
      const suffix = lang === 'zh' ? '' : '.en';
      await page.goto(`${platform.url}/console#/overview?token=${operator}`);
      await settled(page);
      await page.locator('.chart canvas').first().waitFor();
      await page
        .locator('th', { hasText: lang === 'zh' ? '已发送' : 'Sent' })
        .first()
        .waitFor();
      await shoot(page, `overview${suffix}`);
      await page.goto(`${platform.url}/console#/executions`);
      await settled(page);
      await shoot(page, `executions${suffix}`);
      await page.goto(`${platform.url}/console#/executions/registration--${rejected}`);
      await settled(page);
      await page.locator('[data-state="Decide"]').click();
      await page.locator('#state-detail h3').waitFor();
      await shoot(page, `execution${suffix}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await tax?.close();
    if (platform && platform.child.exitCode === null) {
      platform.child.kill('SIGTERM');
      await platform.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log('Screenshots of the operators’ console:');
await main();
