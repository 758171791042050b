/**
 * One state of an execution, as the operator reads it on click: its type, and for each time it was
 * entered when, how long, how many retries, its error, what it added to the data (the part of its output
 * that differs from its input: a Task's result, a decision), then its whole output and input, folded.
 */
import { h } from '../dom.ts';
import { between, duration, pretty, time } from '../format.ts';
import { t } from '../i18n.ts';
import type { ExecutionDetail, StateRun, WorkflowDefinition } from '../types.ts';

export const term = (name: string, ...value: (Node | string)[]) => [
  h('dt', null, name),
  h('dd', null, ...value),
];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The keys of `output` that the state set or changed (ASL states pass their input on, plus a result). */
export function addedBy(input: unknown, output: unknown): Json | undefined {
  if (!isObject(input) || !isObject(output)) return undefined;
  const added = Object.fromEntries(
    Object.entries(output).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(input[k])),
  );
  return Object.keys(added).length ? added : undefined;
}

/** Nesting depth of a value: 0 for a scalar, 1 for a list or record of scalars, and so on. */
const depth = (v: unknown): number =>
  typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;

/**
 * The same data with each record's shallow fields first (a decision's outcome and failed rules before the
 * long list of every rule it ran), so what decided a case is read first.
 */
export function shallowFirst(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shallowFirst);
  if (!isObject(value)) return value;
  const entries = Object.entries(value).map(([k, v], i) => ({ k, v: shallowFirst(v), d: depth(v), i }));
  entries.sort((a, b) => a.d - b.d || a.i - b.i);
  return Object.fromEntries(entries.map((e) => [e.k, e.v]));
}

function data(part: 'result' | 'output' | 'input' | 'error', value: unknown): HTMLElement {
  const block = pretty(value);
  block.dataset.part = part;
  return block;
}

function folded(title: string, part: 'output' | 'input', value: unknown): HTMLElement {
  return h('details', { class: 'folded' }, h('summary', null, title), data(part, value));
}

function runDetail(run: StateRun, n: number, of: number): HTMLElement {
  const added = addedBy(run.input, run.output);
  return h(
    'div',
    { class: 'run' },
    of > 1 ? h('h4', null, t('state.run', { n })) : null,
    h(
      'dl',
      { class: 'summary compact' },
      ...term(t('state.entered'), time(run.enteredAt)),
      ...term(t('state.exited'), time(run.exitedAt) || '—'),
      ...term(t('state.duration'), duration(run.durationMs) || between(run.enteredAt, run.exitedAt) || '—'),
      ...term(t('state.retries'), String(run.retries ?? 0)),
    ),
    run.error
      ? h('div', { class: 'state-error' }, h('h5', null, t('state.error')), data('error', run.error))
      : null,
    added ? h('div', null, h('h5', null, t('state.added')), data('result', shallowFirst(added))) : null,
    run.output !== undefined ? folded(t('state.output'), 'output', run.output) : null,
    run.input !== undefined ? folded(t('state.input'), 'input', run.input) : null,
  );
}

export function stateDetail(name: string, e: ExecutionDetail, def: WorkflowDefinition): HTMLElement[] {
  const runs = e.states.filter((r) => r.name === name);
  const type = (def.states[name] as { Type?: string } | undefined)?.Type ?? '';
  return [
    h('h3', { class: 'mono' }, name),
    h('p', { class: 'muted' }, `${t('state.type')}: ${type}`),
    ...(runs.length
      ? runs.map((r, i) => runDetail(r, i + 1, runs.length))
      : [h('p', null, t('state.notEntered'))]),
  ];
}
