/**
 * Every execution of every workflow, newest first, filtered by workflow, status, start time and the case
 * it worked on (an application, reservation or deregistration id, or a credit code), page by page. The
 * filters live in the address (`#/executions?workflow=…`), so a view can be bookmarked or handed on.
 */
import { api, query } from '../api.ts';
import { fill, h } from '../dom.ts';
import {
  at,
  count,
  executionLink,
  fromLocalInput,
  problemBox,
  row,
  statusBadge,
  table,
  toLocalInput,
} from '../format.ts';
import { label, t } from '../i18n.ts';
import type { PageContext } from '../main.ts';
import { type ExecutionSummary, type Page, STATUSES } from '../types.ts';
import { workflowDefinitions } from '../workflows.ts';

const FILTERS = ['workflow', 'status', 'from', 'to', 'subject', 'limit'] as const;
const LIMITS = ['20', '50', '100'];

const go = (params: URLSearchParams) => {
  location.hash = `#/executions${params.size ? `?${params}` : ''}`;
};

function select(name: string, options: [string, string][], value: string | null): HTMLSelectElement {
  const el = h(
    'select',
    { id: `f-${name}`, name },
    ...options.map(([v, text]) => h('option', { value: v }, text)),
  );
  el.value = value ?? '';
  return el;
}

/** Typed, not a date picker: one form in every browser and language, read as Beijing time. */
function timeInput(name: string, value: string | null): HTMLInputElement {
  return h('input', {
    id: `f-${name}`,
    name,
    type: 'text',
    class: 'time-input',
    inputmode: 'numeric',
    placeholder: 'YYYY-MM-DD HH:mm',
    pattern: '\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2})?',
    value: toLocalInput(value ?? undefined),
  });
}

function filterForm(params: URLSearchParams, workflows: string[]): HTMLFormElement {
  const field = (name: string, text: string, control: HTMLElement) =>
    h('div', { class: 'field' }, h('label', { for: `f-${name}` }, text), control);
  const any: [string, string] = ['', t('filter.any')];
  const workflow = select(
    'workflow',
    [any, ...workflows.map((w): [string, string] => [w, label('workflow', w)])],
    params.get('workflow'),
  );
  const status = select(
    'status',
    [any, ...STATUSES.map((s): [string, string] => [s, label('status', s)])],
    params.get('status'),
  );
  const from = timeInput('from', params.get('from'));
  const to = timeInput('to', params.get('to'));
  const subject = h('input', {
    id: 'f-subject',
    name: 'subject',
    type: 'search',
    maxlength: 80,
    pattern: '[0-9A-Za-z_\\-]{1,80}',
    value: params.get('subject') ?? '',
  });
  const limit = select(
    'limit',
    LIMITS.map((n): [string, string] => [n, n]),
    params.get('limit') ?? '20',
  );
  return h(
    'form',
    {
      class: 'filters',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const next = new URLSearchParams();
        const values: Record<(typeof FILTERS)[number], string | undefined> = {
          workflow: workflow.value,
          status: status.value,
          from: fromLocalInput(from.value),
          to: fromLocalInput(to.value),
          subject: subject.value.trim(),
          limit: limit.value === '20' ? '' : limit.value,
        };
        for (const name of FILTERS) if (values[name]) next.set(name, values[name]!);
        go(next);
      },
    },
    field('workflow', t('filter.workflow'), workflow),
    field('status', t('filter.status'), status),
    field('from', t('filter.from'), from),
    field('to', t('filter.to'), to),
    field('subject', t('filter.subject'), subject),
    field('limit', t('filter.limit'), limit),
    h(
      'div',
      { class: 'field buttons' },
      h('button', { type: 'submit' }, t('filter.apply')),
      h('a', { href: '#/executions', class: 'button secondary' }, t('filter.reset')),
    ),
  );
}

function subjects(list: string[]): HTMLElement {
  return h(
    'span',
    { class: 'subjects' },
    ...list.map((s) => h('a', { href: `#/executions${query({ subject: s })}`, class: 'mono' }, s)),
  );
}

function results(page: Page<ExecutionSummary>, params: URLSearchParams): HTMLElement {
  const rows = page.items.map((e) =>
    row(
      executionLink(e.id),
      label('workflow', e.workflow),
      statusBadge(e.status),
      at(e.startedAt),
      at(e.stoppedAt),
      subjects(e.subjects ?? []),
      e.outcome ?? '',
      e.error
        ? h('span', { class: 'error-text' }, [e.error.error, e.error.cause].filter(Boolean).join(': '))
        : '',
    ),
  );
  const pager = h(
    'div',
    { class: 'pager' },
    h('span', { class: 'muted' }, t('page.count', { n: count(page.items.length) })),
  );
  if (params.has('cursor')) {
    const first = new URLSearchParams(params);
    first.delete('cursor');
    pager.append(
      h('button', { type: 'button', class: 'secondary', onclick: () => go(first) }, t('page.first')),
    );
  }
  const limit = Number(params.get('limit') ?? 20);
  if (page.nextCursor && page.items.length >= limit) {
    const next = new URLSearchParams(params);
    next.set('cursor', page.nextCursor);
    pager.append(h('button', { type: 'button', onclick: () => go(next) }, t('page.next')));
  }
  return h(
    'div',
    null,
    table(
      [
        t('col.id'),
        t('col.workflow'),
        t('col.status'),
        t('col.started'),
        t('col.stopped'),
        t('col.subjects'),
        t('col.outcome'),
        t('col.error'),
      ],
      rows,
      t('executions.none'),
      'executions',
    ),
    pager,
  );
}

export async function executionsPage(
  { root, isCurrent }: PageContext,
  params: URLSearchParams,
): Promise<void> {
  document.title = `${t('executions.title')} · ${t('app.title')}`;
  const list = h('div', null, h('p', { class: 'loading' }, t('app.loading')));
  const workflows = (await workflowDefinitions()).map((w) => w.name);
  if (!isCurrent()) return;
  fill(
    root,
    h('div', { class: 'page-head' }, h('h1', null, t('executions.title'))),
    filterForm(params, workflows),
    list,
  );
  const wanted = Object.fromEntries([...FILTERS, 'cursor'].map((k) => [k, params.get(k) ?? undefined]));
  try {
    const page = await api<Page<ExecutionSummary>>(`v1/ops/executions${query(wanted)}`);
    if (isCurrent()) fill(list, results(page, params));
  } catch (error) {
    if (isCurrent()) fill(list, problemBox(error));
  }
}
