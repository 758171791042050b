/**
 * Starts the embedded runtime once for the integration tier: DynamoDB Local (in memory), s3rver, the
 * local Step Functions engine and the API server, on free ports. The tier refuses to run without them:
 * if Java or a port is missing, setup fails loudly instead of the tests passing against nothing.
 * Legal periods are shortened so workflows that wait for months finish within a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    runtime: { url: string; env: Record<string, string>; dataDir: string };
  }
}

export default async function setup(project: TestProject) {
  process.env.NAME_RESERVATION_PERIOD = 'PT3S';
  process.env.LOG_LEVEL ??= 'WARN';
  process.env.NAME_RESERVATION_PREAPPROVAL_PERIOD = 'PT120S';
  process.env.NAME_RESERVATION_REMINDER_LEAD = 'PT1S';
  // Registrations need their reservation for longer than the name tests do; examiners get 4 s.
  process.env.REVIEW_TIMEOUT = 'PT4S';
  process.env.SUPPLEMENT_TIMEOUT = 'PT60S';
  // Simple deregistration: a 6-second announcement, then 6 seconds to apply.
  process.env.ANNOUNCEMENT_PERIOD = 'PT6S';
  process.env.CONFIRMATION_PERIOD = 'PT6S';
  const { startRuntime } = await import('../../infra/local/runtime.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-it-'));
  const runtime = await startRuntime({ port: 0, dataDir, persistent: false, rateLimitPerSecond: 0 });
  // Every handler is held to the grants its route or task declares, as IAM holds it in the cloud.
  const { recordTableAccess } = await import('./table-access.ts');
  const grants = recordTableAccess();
  project.provide('runtime', { url: runtime.url, env: runtime.env, dataDir });
  return async () => {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
    grants.finish();
  };
}
