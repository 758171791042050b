import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { statesOf } from '#adapters/step-functions';

const at = (s: number) => new Date(Date.UTC(2026, 10, 26, 8, 0, s));

describe('statesOf', () => {
  it('folds a history into state runs with input, output, duration, retries and error', () => {
    const events: HistoryEvent[] = [
      {
        timestamp: at(0),
        type: 'TaskStateEntered',
        id: 2,
        stateEnteredEventDetails: { name: 'Decide', input: '{"a":1}' },
      },
      { timestamp: at(0), type: 'TaskScheduled', id: 3 },
      {
        timestamp: at(1),
        type: 'TaskFailed',
        id: 4,
        taskFailedEventDetails: {
          error: 'Lambda.ServiceException',
          cause: 'x',
          resource: 'invoke',
          resourceType: 'lambda',
        },
      },
      { timestamp: at(3), type: 'TaskScheduled', id: 5 },
      {
        timestamp: at(4),
        type: 'TaskStateExited',
        id: 6,
        stateExitedEventDetails: { name: 'Decide', output: '{"b":2}' },
      },
      {
        timestamp: at(4),
        type: 'PassStateEntered',
        id: 7,
        stateEnteredEventDetails: { name: 'Done', input: '{}' },
      },
      {
        timestamp: at(5),
        type: 'PassStateExited',
        id: 8,
        stateExitedEventDetails: { name: 'Done', output: 'not json' },
      },
    ];
    expect(statesOf(events)).toEqual([
      {
        name: 'Decide',
        type: 'Task',
        enteredAt: at(0).toISOString(),
        exitedAt: at(4).toISOString(),
        durationMs: 4000,
        retries: 1,
        input: { a: 1 },
        output: { b: 2 },
        error: { error: 'Lambda.ServiceException', cause: 'x' },
      },
      {
        name: 'Done',
        type: 'Pass',
        enteredAt: at(4).toISOString(),
        exitedAt: at(5).toISOString(),
        durationMs: 1000,
        input: {},
        output: 'not json',
      },
    ]);
  });

  it('counts the local engine’s retries, said outright', () => {
    const events = [
      { timestamp: at(0), type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'T', input: '{}' } },
      { timestamp: at(1), type: 'TaskStateRetried' },
      { timestamp: at(2), type: 'TaskStateRetried' },
    ] as HistoryEvent[];
    expect(statesOf(events)[0]?.retries).toBe(2);
  });
});
