/**
 * The event EventBridge delivers for a Step Functions execution's status change, as the local engine makes
 * it at each start and end of an execution: what the execution index's writer reads in both runtimes.
 */
import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import { EXECUTION_STATUS_CHANGE } from '#contract/executions';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './definition.ts';
import type { ExecutionRecord } from './execution-log.ts';

export type StatusChangeEvent = EventBridgeEvent<typeof EXECUTION_STATUS_CHANGE, Record<string, unknown>>;

export function statusChangeEvent(r: ExecutionRecord): StatusChangeEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': EXECUTION_STATUS_CHANGE,
    source: 'aws.states',
    account: LOCAL_ACCOUNT,
    time: new Date().toISOString(),
    region: LOCAL_REGION,
    resources: [r.executionArn],
    detail: {
      executionArn: r.executionArn,
      stateMachineArn: r.stateMachineArn,
      name: r.name,
      status: r.status,
      startDate: Math.round(r.startDate * 1000),
      stopDate: r.stopDate ? Math.round(r.stopDate * 1000) : null,
      input: r.input,
      output: r.output ?? null,
      error: r.error ?? null,
      cause: r.cause ?? null,
      redriveCount: 0,
    },
  };
}
