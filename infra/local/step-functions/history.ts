/**
 * Translates the local interpreter's event log into Step Functions history events, the shape
 * GetExecutionHistory returns, so the operators' handler reads both runtimes the same way.
 */
import type { StateMachine } from 'aws-local-stepfunctions';

/** The interpreter's event type, which the package does not export by name. */
type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export interface HistoryEventBody {
  /** Epoch seconds, as the Step Functions JSON protocol carries times. */
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

export type HistoryEventRecord = HistoryEventBody & { id: number; previousEventId: number };

const json = (v: unknown) => JSON.stringify(v ?? null);
const cause = (c: unknown) => (typeof c === 'string' ? c : c instanceof Error ? c.message : json(c));

/** The Step Functions events for one interpreter event (a failed task state yields TaskFailed). */
export function toHistory(e: EventLog): HistoryEventBody[] {
  const timestamp = e.timestamp / 1000;
  switch (e.type) {
    case 'ExecutionStarted':
      return [
        { timestamp, type: 'ExecutionStarted', executionStartedEventDetails: { input: json(e.input) } },
      ];
    case 'ExecutionSucceeded':
      return [
        { timestamp, type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: json(e.output) } },
      ];
    case 'ExecutionFailed':
      return [
        {
          timestamp,
          type: 'ExecutionFailed',
          executionFailedEventDetails: { error: e.Error, cause: cause(e.Cause) },
        },
      ];
    case 'ExecutionAborted':
      return [{ timestamp, type: 'ExecutionAborted', executionAbortedEventDetails: {} }];
    case 'ExecutionTimeout':
      return [{ timestamp, type: 'ExecutionTimedOut', executionTimedOutEventDetails: {} }];
    case 'StateEntered':
      return [
        {
          timestamp,
          type: `${e.state.type}StateEntered`,
          stateEnteredEventDetails: { name: e.state.name, input: json(e.state.input) },
        },
      ];
    case 'StateExited':
      return [
        {
          timestamp,
          type: `${e.state.type}StateExited`,
          stateExitedEventDetails: { name: e.state.name, output: json(e.state.output) },
        },
      ];
    case 'StateFailed':
      return [
        {
          timestamp,
          type: 'TaskFailed',
          taskFailedEventDetails: {
            resourceType: 'lambda',
            resource: e.state.name,
            error: e.Error,
            cause: cause(e.Cause),
          },
        },
      ];
    case 'StateRetried':
      return [
        {
          timestamp,
          type: 'TaskStateRetried',
          stateRetriedDetails: { name: e.state.name, attempt: e.retry.attempt },
        },
      ];
    case 'StateCaught':
      return [
        {
          timestamp,
          type: 'TaskStateCaught',
          stateCaughtDetails: { name: e.state.name, next: e.catch.catcher.Next },
        },
      ];
    default:
      return [];
  }
}
