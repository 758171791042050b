/**
 * An ASL definition read as a graph (its states and every transition: Next, each Choice's Next, Default,
 * each Catch's Next, End), and an execution's path through it: the states entered, in the order entered,
 * each step between two of them, the states that failed and the one still running.
 */
import type { ExecutionDetail, WorkflowDefinition } from './types.ts';

/** Ids no state can have (ASL names are printable): the start and end markers of the drawing. */
export const START = '\u0000start';
export const END = '\u0000end';

export type EdgeKind = 'next' | 'choice' | 'default' | 'catch';

export interface MachineNode {
  id: string;
  type: string;
}

export interface MachineEdge {
  from: string;
  to: string;
  kind: EdgeKind;
}

interface AslState {
  Type?: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next?: string }[];
  Catch?: { Next?: string }[];
}

const asState = (value: unknown): AslState =>
  typeof value === 'object' && value !== null ? (value as AslState) : {};

export const stepKey = (from: string, to: string) => `${from}\u0001${to}`;

export function machineGraph(def: WorkflowDefinition): { nodes: MachineNode[]; edges: MachineEdge[] } {
  const nodes: MachineNode[] = [{ id: START, type: 'start' }];
  const edges = new Map<string, MachineEdge>();
  // One arrow per pair of states: two Choice rules to one state are one way to go; a normal way wins
  // over a Catch to the same state.
  const add = (from: string, to: string | undefined, kind: EdgeKind) => {
    if (!to) return;
    const key = stepKey(from, to);
    const had = edges.get(key);
    if (!had || (had.kind === 'catch' && kind !== 'catch')) edges.set(key, { from, to, kind });
  };
  add(START, def.startAt, 'next');
  let ends = false;
  for (const [name, raw] of Object.entries(def.states)) {
    const state = asState(raw);
    nodes.push({ id: name, type: state.Type ?? '' });
    add(name, state.Next, 'next');
    for (const choice of state.Choices ?? []) add(name, choice.Next, 'choice');
    add(name, state.Default, 'default');
    for (const c of state.Catch ?? []) add(name, c.Next, 'catch');
    if (state.End || state.Type === 'Succeed') {
      add(name, END, 'next');
      ends = true;
    }
  }
  if (ends) nodes.push({ id: END, type: 'end' });
  return { nodes, edges: [...edges.values()] };
}

export interface PathTaken {
  /** The states entered, each once, in the order first entered. */
  visited: string[];
  failed: Set<string>;
  /** The state an execution still running is in. */
  current: string | undefined;
  /** `stepKey(from, to)` of each step taken (the markers included). */
  steps: Set<string>;
}

export function pathTaken(detail: ExecutionDetail, def: WorkflowDefinition): PathTaken {
  const runs = [...detail.states].sort((a, b) => Date.parse(a.enteredAt) - Date.parse(b.enteredAt));
  const visited = [...new Set(runs.map((r) => r.name))];
  const failed = new Set(
    runs.filter((r) => r.error || asState(def.states[r.name]).Type === 'Fail').map((r) => r.name),
  );
  const steps = new Set<string>();
  const first = runs[0];
  if (first) steps.add(stepKey(START, first.name));
  for (let i = 1; i < runs.length; i++) steps.add(stepKey(runs[i - 1]!.name, runs[i]!.name));
  const last = runs.at(-1);
  const lastState = last ? asState(def.states[last.name]) : undefined;
  if (last && detail.status === 'SUCCEEDED' && (lastState?.End || lastState?.Type === 'Succeed'))
    steps.add(stepKey(last.name, END));
  const current = detail.status === 'RUNNING' && last && !last.exitedAt ? last.name : undefined;
  return { visited, failed, current, steps };
}

/**
 * Which arrows shape the drawing. Most states catch errors into one compensation or failure state; laid
 * out, those Catch arrows cross the whole machine. So the layout takes every normal arrow, each Catch the
 * execution took, and, for a state reached only by Catch, the one from its catcher farthest from the
 * start (so it sits below them all). The other Catch arrows (`aside`) are drawn only for a selected state.
 */
export function layoutEdges(
  nodes: MachineNode[],
  edges: MachineEdge[],
  steps: Set<string>,
): { laidOut: MachineEdge[]; aside: MachineEdge[] } {
  const depth = new Map<string, number>([[START, 0]]);
  const queue = [START];
  for (let at = queue.shift(); at !== undefined; at = queue.shift())
    for (const e of edges)
      if (e.from === at && e.kind !== 'catch' && !depth.has(e.to)) {
        depth.set(e.to, depth.get(at)! + 1);
        queue.push(e.to);
      }
  const shapes = (e: MachineEdge) => e.kind !== 'catch' || steps.has(stepKey(e.from, e.to));
  const laidOut = edges.filter(shapes);
  const reached = new Set(laidOut.map((e) => e.to));
  for (const node of nodes) {
    if (node.id === START || reached.has(node.id)) continue;
    const deepest = edges
      .filter((e) => e.to === node.id)
      .sort((a, b) => (depth.get(b.from) ?? -1) - (depth.get(a.from) ?? -1))[0];
    if (deepest) laidOut.push(deepest);
  }
  const kept = new Set(laidOut);
  return { laidOut, aside: edges.filter((e) => !kept.has(e)) };
}
