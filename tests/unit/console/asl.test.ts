/**
 * The console's reading of a state machine (console/asl.ts), on the registration workflow's own ASL:
 * every transition, the path an execution took through it, and which arrows shape the drawing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#contract/workflows';
import { END, layoutEdges, machineGraph, pathTaken, START, stepKey } from '../../../console/asl.ts';
import type { ExecutionDetail, WorkflowDefinition } from '../../../console/types.ts';

const asl = JSON.parse(readFileSync(join(REPO_ROOT, 'workflows', 'registration.asl.json'), 'utf8'));
const registration: WorkflowDefinition = { name: 'registration', startAt: asl.StartAt, states: asl.States };

function execution(status: ExecutionDetail['status'], names: string[], failed?: string): ExecutionDetail {
  return {
    id: 'registration--r1',
    workflow: 'registration',
    status,
    startedAt: '2026-11-26T01:00:00.000Z',
    subjects: ['r1'],
    input: {},
    humanTasks: [],
    states: names.map((name, i) => ({
      name,
      enteredAt: new Date(Date.UTC(2026, 10, 26, 1, 0, i)).toISOString(),
      ...(status === 'RUNNING' && i === names.length - 1
        ? {}
        : { exitedAt: new Date(Date.UTC(2026, 10, 26, 1, 0, i, 500)).toISOString() }),
      ...(name === failed ? { error: { error: 'States.TaskFailed', cause: 'boom' } } : {}),
    })),
  };
}

describe("the console's reading of a state machine", () => {
  const { nodes, edges } = machineGraph(registration);
  const has = (from: string, to: string) => edges.find((e) => e.from === from && e.to === to)?.kind;

  it('has every state, a start and an end, and every kind of transition once per pair of states', () => {
    expect(nodes.map((n) => n.id)).toEqual([START, ...Object.keys(asl.States), END]);
    expect(has(START, 'CheckApplication')).toBe('next');
    expect(has('CheckApplication', 'Checked')).toBe('next');
    expect(has('Outcome', 'AssignCreditCode')).toBe('choice');
    expect(has('Outcome', 'AwaitReview')).toBe('default');
    expect(has('Decide', 'Compensate')).toBe('catch');
    expect(has('IssueLicense', END)).toBe('next');
    // Two Choice rules of Checked lead to RejectRegistration: one arrow.
    expect(edges.filter((e) => e.from === 'Checked' && e.to === 'RejectRegistration')).toHaveLength(1);
  });

  it('follows a rejection by the rules: each step taken, to the end', () => {
    const path = pathTaken(
      execution('SUCCEEDED', ['CheckApplication', 'Checked', 'Decide', 'Outcome', 'RejectRegistration']),
      registration,
    );
    expect(path.visited).toEqual(['CheckApplication', 'Checked', 'Decide', 'Outcome', 'RejectRegistration']);
    expect([...path.steps]).toEqual(
      expect.arrayContaining([
        stepKey(START, 'CheckApplication'),
        stepKey('Outcome', 'RejectRegistration'),
        stepKey('RejectRegistration', END),
      ]),
    );
    expect(path.failed.size).toBe(0);
    expect(path.current).toBeUndefined();
  });

  it('marks the state that failed, the Fail state reached, and where a running execution is', () => {
    const failed = pathTaken(
      execution(
        'FAILED',
        ['CheckApplication', 'Checked', 'Decide', 'Compensate', 'RegistrationFailed'],
        'Decide',
      ),
      registration,
    );
    expect([...failed.failed].sort()).toEqual(['Decide', 'RegistrationFailed']);
    expect(failed.steps.has(stepKey('RegistrationFailed', END))).toBe(false);
    const running = pathTaken(
      execution('RUNNING', ['CheckApplication', 'Checked', 'Decide', 'Outcome', 'AwaitReview']),
      registration,
    );
    expect(running.current).toBe('AwaitReview');
  });

  it('lays out the normal arrows, the Catch taken, and one Catch into each state reached only by Catch', () => {
    const taken = pathTaken(
      execution('FAILED', ['CheckApplication', 'Checked', 'Decide', 'Compensate'], 'Decide'),
      registration,
    );
    const { laidOut, aside } = layoutEdges(nodes, edges, taken.steps);
    expect(laidOut.filter((e) => e.kind !== 'catch')).toEqual(edges.filter((e) => e.kind !== 'catch'));
    expect(laidOut).toContainEqual({ from: 'Decide', to: 'Compensate', kind: 'catch' });
    expect(laidOut.filter((e) => e.to === 'Compensate')).toHaveLength(1);
    const untaken = layoutEdges(nodes, edges, new Set());
    for (const node of nodes.filter((n) => n.id !== START))
      expect(
        untaken.laidOut.some((e) => e.to === node.id),
        node.id,
      ).toBe(true);
    expect([...untaken.laidOut, ...untaken.aside]).toHaveLength(edges.length);
    expect(aside.every((e) => e.kind === 'catch')).toBe(true);
  });
});
