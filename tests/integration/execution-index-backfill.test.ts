/**
 * A data directory from before the execution index: the local engine hands every execution its log holds
 * to the index once, then marks the log, so the next start does not do it again.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ensureTables } from '../../infra/local/bootstrap.ts';
import { LocalStepFunctions, type StatusChangeEvent } from '../../infra/local/step-functions/engine.ts';
import { EXECUTIONS_TABLE, ExecutionLog } from '../../infra/local/step-functions/execution-log.ts';
import { runtime } from './support.ts';

describe('indexing the executions of an older data directory', () => {
  it('hands each logged execution to the index once, with its status and times', async () => {
    const { env } = runtime();
    const db = new DynamoDBClient({
      endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const table = `local-executions-${randomUUID().slice(0, 8)}`;
    await ensureTables(db, [{ ...EXECUTIONS_TABLE, id: table }]);
    const log = new ExecutionLog(DynamoDBDocumentClient.from(db), table);
    const base = {
      stateMachineArn: 'arn:aws:states:local:0:stateMachine:registration',
      input: '{}',
      attempts: 1,
    };
    await log.startedOnce({
      ...base,
      executionArn: 'e1',
      name: 'registration--old-1',
      status: 'RUNNING',
      startDate: 1_700_000_000,
    });
    const done = {
      ...base,
      executionArn: 'e2',
      name: 'registration--old-2',
      status: 'RUNNING' as const,
      startDate: 1_700_000_100,
    };
    await log.startedOnce(done);
    await log.finished({ ...done, status: 'SUCCEEDED', output: '{}', stopDate: 1_700_000_200 });
    await log.close();

    const engine = new LocalStepFunctions(new ExecutionLog(DynamoDBDocumentClient.from(db), table));
    const seen: StatusChangeEvent[] = [];
    engine.onStatusChange(async (e) => seen.push(e));
    expect(await engine.backfillIndex()).toBe(2);
    expect(seen.map((e) => [e.detail.name, e.detail.status, e.detail.startDate]).sort()).toEqual([
      ['registration--old-1', 'RUNNING', 1_700_000_000_000],
      ['registration--old-2', 'SUCCEEDED', 1_700_000_100_000],
    ]);
    expect(seen.find((e) => e.detail.name === 'registration--old-2')?.detail.stopDate).toBe(
      1_700_000_200_000,
    );
    expect(await engine.backfillIndex()).toBe(0);
    db.destroy();
  });
});
