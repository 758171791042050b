/**
 * When a waiting execution next needs to act, and the order executions left running by the last stop are
 * resumed in: the soonest deadline first, so a case whose deadline passed while the process was down is
 * settled before the cases that still have months to wait.
 */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';

type WaitState = {
  Seconds?: number;
  Timestamp?: string;
  SecondsPath?: string;
  TimestampPath?: string;
};

/** Reads a simple reference path (`$`, `$.a.b`) from a state's input; anything fancier reads undefined. */
function read(input: unknown, path: string): unknown {
  if (!/^\$(\.[A-Za-z_][\w-]*)*$/.test(path)) return undefined;
  let value: unknown = input;
  for (const key of path.split('.').slice(1)) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Epoch seconds at which a Wait state entered now with `input` ends; undefined if it cannot be told. */
export function wakeAtOf(state: WaitState, input: unknown, nowMs: number): number | undefined {
  const seconds = state.SecondsPath ? read(input, state.SecondsPath) : state.Seconds;
  if (typeof seconds === 'number' && Number.isFinite(seconds)) return nowMs / 1000 + seconds;
  const stamp = state.TimestampPath ? read(input, state.TimestampPath) : state.Timestamp;
  const ms = typeof stamp === 'string' ? Date.parse(stamp) : Number.NaN;
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/** The Wait states of a definition's top level, by name. */
export function waitStatesOf(definition: StateMachineDefinition): Map<string, WaitState> {
  const waits = new Map<string, WaitState>();
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Wait') waits.set(name, state as WaitState);
  }
  return waits;
}

export interface Resumable {
  /** When the execution next acts (the end of the Wait it sleeps in), epoch seconds; undefined: at once. */
  wakeAt?: number;
  /** Epoch seconds. */
  startDate: number;
}

/**
 * Soonest deadline first. An execution with no recorded wait was stopped between states, so it acts at
 * once: its start time (in the past) stands for its deadline, which also orders a log written before
 * deadlines were recorded by start time, the next best guess.
 */
export function resumeOrder<T extends Resumable>(records: readonly T[]): T[] {
  const key = (r: T) => r.wakeAt ?? r.startDate;
  return [...records].sort((a, b) => key(a) - key(b));
}

/**
 * Runs `work` over `items` in order with at most `limit` at once; stops taking new items once
 * `stopped()` says so. Resolves with how many items were started.
 */
export async function inOrderBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  stopped: () => boolean,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stopped()) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return next;
}
