import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, json, startPlatform } from './platform.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'registry-e2e-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
  expect(done()).toBe(true);
}

describe('npm start, as a user runs it', () => {
  it('serves the API, survives SIGKILL with nothing lost, resumes the workflow, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    // Reservations last 5 s here, so the workflow interrupted by the kill must finish after the restart.
    const env = { PORT: String(port), DATA_DIR: dataDir, NAME_RESERVATION_PERIOD: 'PT5S' };

    const first = await startPlatform(env, 'npm');
    expect(first.output()).toContain(`http://127.0.0.1:${port}/openapi.json`);
    expect((await json(`${first.url}/healthz`, 'GET')).body).toEqual({ status: 'ok' });
    expect((await json(`${first.url}/v1/credit-codes/9144030071526726XG/check`, 'GET')).body).toMatchObject({
      valid: true,
    });
    const openapi = await json(`${first.url}/openapi.json`, 'GET');
    expect(openapi.body).toMatchObject({ openapi: '3.1.0' });
    expect(Object.keys(openapi.body.paths as object)).toContain('/v1/names/reservations');

    const token = String(
      (await json(`${first.url}/v1/dev/tokens`, 'POST', { role: 'applicant', sub: 'e2e' })).body.token,
    );
    const reserved = await json(
      `${first.url}/v1/names/reservations`,
      'POST',
      { name: '深圳市云岫书声科技有限公司', division: '440305', entityType: 'limited_liability_company' },
      token,
    );
    expect(reserved.status).toBe(201);
    const check = await json(`${first.url}/v1/names/check`, 'POST', {
      name: '深圳雲岫書聲科技有限公司',
      division: '440306',
    });
    expect(check.body).toMatchObject({ verdict: 'unavailable' });

    // SIGKILL the server process: no shutdown runs, and DynamoDB Local, its child, is left behind.
    const enginePid = Number(readFileSync(join(dataDir, 'dynamodb.pid'), 'utf8'));
    const serverPid = Number(readFileSync(join(dataDir, 'runtime.pid'), 'utf8'));
    process.kill(serverPid, 'SIGKILL');
    await first.exited;
    expect(alive(enginePid)).toBe(true);

    const second = await startPlatform(env);
    // Ready first; the execution the kill interrupted resumes in the background.
    await until(() => /Resumed 1 workflow execution/.test(second.output()));
    expect(alive(enginePid)).toBe(false); // the stale engine was found and ended
    const again = await json(
      `${second.url}/v1/names/reservations/${reserved.body.id}`,
      'GET',
      undefined,
      token,
    );
    expect(again.status).toBe(200);
    const operator = String(
      (await json(`${second.url}/v1/dev/tokens`, 'POST', { role: 'operator', sub: 'ops' })).body.token,
    );
    const executionId = `name-reservation--${reserved.body.id}--g0`;
    let execution: Record<string, unknown> = {};
    for (let i = 0; i < 200 && execution.status !== 'SUCCEEDED'; i++) {
      execution = (await json(`${second.url}/v1/ops/executions/${executionId}`, 'GET', undefined, operator))
        .body;
      if (execution.status !== 'SUCCEEDED') await new Promise((r) => setTimeout(r, 100));
    }
    expect(execution.status).toBe('SUCCEEDED');
    const expired = await json(
      `${second.url}/v1/names/reservations/${reserved.body.id}`,
      'GET',
      undefined,
      token,
    );
    expect(expired.body.status).toBe('expired');

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('SIGTERM: stopping');
  });
});
