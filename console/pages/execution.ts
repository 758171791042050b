/**
 * One execution: what it is and how it ended, its state machine with the path it took, each state's
 * input, output, duration, retries and error on click, the states in the order entered, and the human
 * tasks its case waits on. A failed execution opens on its failed state.
 */
import { api, query } from '../api.ts';
import { machineGraph, pathTaken } from '../asl.ts';
import { fill, h } from '../dom.ts';
import {
  between,
  duration,
  pretty,
  problemBox,
  row,
  statusBadge,
  table,
  time,
  workflowName,
} from '../format.ts';
import { label, t } from '../i18n.ts';
import type { PageContext } from '../main.ts';
import { stateGraph } from '../state-graph.ts';
import type { ExecutionDetail, HumanTask, WorkflowDefinition } from '../types.ts';
import { loadWorkflows } from '../workflows.ts';
import { stateDetail, term } from './state-detail.ts';

function summary(e: ExecutionDetail): HTMLElement {
  const errorText = e.error ? [e.error.error, e.error.cause].filter(Boolean).join(': ') : '';
  return h(
    'dl',
    { class: 'summary' },
    ...term(t('col.workflow'), workflowName(e.workflow)),
    ...term(t('col.status'), statusBadge(e.status)),
    ...term(t('col.started'), time(e.startedAt)),
    ...term(t('col.stopped'), time(e.stoppedAt) || '—'),
    ...term(t('execution.duration'), between(e.startedAt, e.stoppedAt) || '—'),
    ...term(
      t('col.subjects'),
      ...e.subjects.map((s) =>
        h('a', { href: `#/executions${query({ subject: s })}`, class: 'mono subject' }, s),
      ),
    ),
    ...term(t('col.outcome'), h('span', { class: 'outcome' }, e.outcome ?? '—')),
    ...(errorText ? term(t('col.error'), h('span', { class: 'error-text' }, errorText)) : []),
  );
}

function legend(): HTMLElement {
  const item = (cls: string, text: string) =>
    h('li', null, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text);
  return h(
    'ul',
    { class: 'legend' },
    item('visited', t('legend.taken')),
    item('failed', t('legend.failed')),
    item('current', t('legend.current')),
    item('unvisited', t('legend.notEntered')),
    item('catch', t('legend.catch')),
  );
}

function runsTable(e: ExecutionDetail, select: (name: string) => void): HTMLElement {
  const rows = e.states.map((r) => {
    const tr = row(
      h('button', { type: 'button', class: 'link mono', onclick: () => select(r.name) }, r.name),
      r.type ?? '',
      time(r.enteredAt),
      duration(r.durationMs) || between(r.enteredAt, r.exitedAt),
      String(r.retries ?? 0),
      r.error
        ? h('span', { class: 'error-text' }, [r.error.error, r.error.cause].filter(Boolean).join(': '))
        : '',
    );
    if (r.error) tr.classList.add('failed-row');
    return tr;
  });
  return table(
    [
      t('state.name'),
      t('state.type'),
      t('state.entered'),
      t('state.duration'),
      t('state.retries'),
      t('state.error'),
    ],
    rows,
    '—',
  );
}

function tasksTable(tasks: HumanTask[]): HTMLElement {
  const rows = tasks.map((task) =>
    row(
      h('span', { class: 'mono' }, task.taskId),
      label('taskKind', task.kind),
      label('taskStatus', task.status),
      time(task.openedAt),
      time(task.deadline) || '—',
      task.overdue ? h('strong', { class: 'bad' }, t('yes')) : t('no'),
      task.assignee ?? '—',
    ),
  );
  return table(
    [
      t('tasks.task'),
      t('tasks.kind'),
      t('col.status'),
      t('task.opened'),
      t('tasks.deadline'),
      t('task.overdue'),
      t('tasks.assignee'),
    ],
    rows,
    t('execution.noHumanTasks'),
  );
}

export async function executionPage({ root, isCurrent }: PageContext, id: string): Promise<void> {
  document.title = `${id} · ${t('app.title')}`;
  const back = h('a', { href: '#/executions', class: 'back' }, t('execution.back'));
  fill(root, back, h('p', { class: 'loading' }, t('app.loading')));
  let e: ExecutionDetail;
  let definitions: WorkflowDefinition[];
  try {
    [e, definitions] = await Promise.all([
      api<ExecutionDetail>(`v1/ops/executions/${encodeURIComponent(id)}`),
      loadWorkflows(),
    ]);
  } catch (error) {
    if (isCurrent()) fill(root, back, h('h1', { class: 'mono' }, id), problemBox(error));
    return;
  }
  if (!isCurrent()) return;
  const def = definitions.find((d) => d.name === e.workflow);
  const detail = h(
    'div',
    { class: 'state-detail', id: 'state-detail', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, t('execution.pick')),
  );
  let graphPanel: HTMLElement;
  let select: (name: string) => void = () => undefined;
  if (def) {
    const { nodes, edges } = machineGraph(def);
    const path = pathTaken(e, def);
    const graph = stateGraph(nodes, edges, path, (name) => select(name));
    select = (name) => {
      graph.select(name);
      fill(detail, ...stateDetail(name, e, def));
    };
    graphPanel = h('div', { class: 'graph-scroll' }, graph.svg);
    const firstFailed = e.states.find((r) => path.failed.has(r.name));
    if (firstFailed) select(firstFailed.name);
  } else {
    graphPanel = problemBox(t('execution.noDefinition', { workflow: e.workflow }));
  }
  fill(
    root,
    back,
    h('div', { class: 'page-head' }, h('h1', { class: 'mono execution-id' }, e.id)),
    summary(e),
    h(
      'div',
      { class: 'execution-grid' },
      h('section', { class: 'panel graph-panel' }, h('h2', null, t('execution.graph')), legend(), graphPanel),
      h('aside', { class: 'panel state-panel' }, detail),
    ),
    h(
      'section',
      { class: 'panel' },
      h('h2', null, t('execution.humanTasks')),
      tasksTable(e.humanTasks ?? []),
    ),
    h(
      'section',
      { class: 'panel' },
      h('h2', null, t('execution.runs')),
      runsTable(e, (name) => select(name)),
    ),
    h(
      'section',
      { class: 'panel io' },
      h('details', null, h('summary', null, t('execution.input')), pretty(e.input)),
      e.output !== undefined
        ? h('details', null, h('summary', null, t('execution.output')), pretty(e.output))
        : null,
    ),
  );
}
