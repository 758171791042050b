/**
 * A case's lifecycle as data, shared by every kind of case (registration, deregistration): its transitions
 * (from which statuses, to which, and the timeline entry each leaves), and `move`, which chains steps into
 * one status write, so the allowed "from" states are written once and a combination the lifecycle does
 * not allow fails in a unit test, not in the store.
 */
export interface TimelineEntry {
  step: string;
  status: string;
  at: string;
  detail?: string;
}

export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
  step: string;
  status: string;
}

/** A status write: allowed only from one of `from`; it leaves `to` and appends `entries` to the timeline. */
export interface Move<S extends string> {
  from: readonly S[];
  to: S;
  entries: TimelineEntry[];
}

export interface Step<N extends string> {
  name: N;
  detail?: string | undefined;
}

export function timelineEntry(step: string, status: string, at: Date, detail?: string): TimelineEntry {
  return { step, status, at: at.toISOString(), ...(detail ? { detail } : {}) };
}

/** `move` and `allows` over one kind of case's transitions; `kind` names it in errors. */
export function lifecycle<S extends string, N extends string>(
  kind: string,
  transitions: Readonly<Record<N, Transition<S>>>,
) {
  return {
    move(at: Date, ...steps: (N | Step<N>)[]): Move<S> {
      const named = steps.map((s) => (typeof s === 'string' ? { name: s } : s));
      const first = named[0];
      if (!first) throw new RangeError('a move needs at least one step');
      let current: S | undefined;
      const entries: TimelineEntry[] = [];
      for (const { name, detail } of named) {
        const t = transitions[name];
        if (current !== undefined && !t.from.includes(current))
          throw new RangeError(`${kind} lifecycle: ${name} cannot follow a move to ${current}`);
        current = t.to;
        entries.push(timelineEntry(t.step, t.status, at, detail));
      }
      return { from: transitions[first.name].from, to: current!, entries };
    },
    allows(status: S, name: N): boolean {
      return transitions[name].from.includes(status);
    },
  };
}
