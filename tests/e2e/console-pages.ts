/**
 * Every console page an operator can reach, read whole (the HTML, so titles and attributes count, and
 * each state's detail opened), for anything shaped like a resident identity number (GB 11643: 17 digits
 * and a check digit) that passes its check digit and date. Credit codes, ids and hashes do not.
 */
import type { Page } from 'playwright-core';
import { checkResidentId } from '#domain/identity';

const CANDIDATE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

export function identityNumbers(text: string): string[] {
  return [...new Set(text.match(CANDIDATE) ?? [])].filter((m) => checkResidentId(m).valid);
}

/** Waits until no section of the page is still loading. */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  // Each section shows "Loading…" until its answer is drawn (a string predicate would be eval: the CSP forbids it).
  const loading = page.locator('.loading');
  while ((await loading.count()) > 0) await loading.first().waitFor({ state: 'detached' });
}

/** The identity numbers found on the overview, the executions list and each execution (all states opened). */
export async function identityNumbersIn(page: Page, base: string, executions: string[]): Promise<string[]> {
  const found: string[] = [];
  const read = async (where: string) => {
    for (const id of identityNumbers(await page.content())) found.push(`${where}: ${id}`);
  };
  await page.goto(`${base}/console#/overview`);
  await settled(page);
  await page.getByRole('columnheader', { name: 'Sent', exact: true }).waitFor();
  await read('overview');
  await page.goto(`${base}/console#/executions?limit=100`);
  await settled(page);
  await read('executions');
  for (const execution of executions) {
    await page.goto(`${base}/console#/executions/${execution}`);
    await settled(page);
    for (const state of await page.locator('g.state.visited').all()) {
      await state.click();
      await page.locator('#state-detail h3').waitFor();
      await read(`${execution} ${await state.getAttribute('data-state')}`);
    }
  }
  return found;
}
