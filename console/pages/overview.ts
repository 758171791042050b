/**
 * The overview: what needs a person now (failures, overdue tasks, failed deliveries) at the top, then the
 * counts per workflow and status, the throughput of the last 24 hours, the deliveries by department and
 * the on-the-spot issuance rate per authority. Every count links to the executions behind it.
 */
import { api, query } from '../api.ts';
import { throughputChart } from '../charts.ts';
import { fill, h } from '../dom.ts';
import {
  at,
  count,
  duration,
  executionLink,
  percent,
  problemBox,
  row,
  statusBadge,
  table,
  time,
  workflowName,
} from '../format.ts';
import { label, t } from '../i18n.ts';
import type { PageContext } from '../main.ts';
import { type OpsOverview, STATUSES } from '../types.ts';
import { departmentsSection, failedDeliveriesSection } from './deliveries.ts';
import { overdueTasksSection } from './overdue-tasks.ts';

const section = (id: string, title: string, ...body: (Node | null)[]) =>
  h(
    'section',
    { class: 'panel', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    ...body,
  );

/** A tile links to a route (`#/…`), or scrolls to a section of this page (a hash would be a route). */
function tile(name: string, value: string, target: string, alarm = false): HTMLElement {
  const content = [h('span', { class: 'tile-value' }, value), h('span', { class: 'tile-name' }, name)];
  const cls = `tile${alarm ? ' alarm' : ''}`;
  if (target.startsWith('#/')) return h('a', { class: cls, href: target }, ...content);
  const scroll = () => document.getElementById(target)?.scrollIntoView({ behavior: 'smooth' });
  return h('button', { type: 'button', class: cls, onclick: scroll }, ...content);
}

function tiles(o: OpsOverview): HTMLElement {
  const running = o.workflows.reduce((n, w) => n + w.counts.RUNNING, 0);
  const age = o.deliveries.oldestUnacknowledgedAgeSeconds;
  return h(
    'div',
    { class: 'tiles' },
    tile(t('tile.running'), count(running), `#/executions${query({ status: 'RUNNING' })}`),
    tile(t('tile.failed24h'), count(o.failures.last24h), 'failures', o.failures.last24h > 0),
    tile(t('tile.overdue'), count(o.overdueTasks.count), 'overdue', o.overdueTasks.count > 0),
    tile(
      t('tile.deliveriesFailed'),
      count(o.deliveries.failed),
      'failed-deliveries',
      o.deliveries.failed > 0,
    ),
    tile(t('tile.outstanding'), count(o.deliveries.outstanding), 'departments'),
    tile(t('tile.oldest'), age === undefined ? '—' : duration(age * 1000), 'departments'),
  );
}

function countsTable(o: OpsOverview): HTMLElement {
  const link = (workflow: string, status: string | undefined, n: number) =>
    n === 0
      ? h('span', { class: 'zero' }, '0')
      : h('a', { href: `#/executions${query({ workflow, status })}` }, count(n));
  const rows = o.workflows.map((w) => {
    const total = STATUSES.reduce((n, s) => n + w.counts[s], 0);
    return row(
      workflowName(w.workflow),
      ...STATUSES.map((s) => link(w.workflow, s, w.counts[s])),
      link(w.workflow, undefined, total),
    );
  });
  return table(
    [t('col.workflow'), ...STATUSES.map((s) => label('status', s)), t('counts.total')],
    rows,
    t('executions.none'),
    'numbers',
  );
}

function charts(o: OpsOverview): HTMLElement {
  return h(
    'div',
    { class: 'charts' },
    ...o.workflows.map((w) => throughputChart(workflowName(w.workflow), w.throughput)),
  );
}

function failures(o: OpsOverview): HTMLElement {
  const rows = o.failures.recent.map((e) =>
    row(
      executionLink(e.id),
      workflowName(e.workflow),
      statusBadge(e.status),
      at(e.stoppedAt ?? e.startedAt),
      e.outcome ?? '',
      e.error ? [e.error.error, e.error.cause].filter(Boolean).join(': ') : '',
    ),
  );
  return table(
    [t('col.id'), t('col.workflow'), t('col.status'), t('col.stopped'), t('col.outcome'), t('col.error')],
    rows,
    t('failures.none'),
  );
}

function issuance(o: OpsOverview): HTMLElement {
  const rows = o.issuance.map((a) => {
    const bar = h('span', { class: 'bar-fill' });
    bar.style.width = `${Math.round(Math.min(1, Math.max(0, a.rate)) * 100)}%`;
    return row(
      h('span', { class: 'mono' }, a.authority),
      count(a.decided),
      count(a.onTheSpot),
      h('span', { class: 'rate' }, h('span', { class: 'bar', 'aria-hidden': 'true' }, bar), percent(a.rate)),
    );
  });
  return table(
    [t('issuance.authority'), t('issuance.decided'), t('issuance.onTheSpot'), t('issuance.rate')],
    rows,
    t('issuance.none'),
    'numbers',
  );
}

export async function overviewPage({ root, isCurrent }: PageContext): Promise<void> {
  document.title = `${t('overview.title')} · ${t('app.title')}`;
  fill(root, h('p', { class: 'loading' }, t('app.loading')));
  let o: OpsOverview;
  try {
    o = await api<OpsOverview>('v1/ops/overview');
  } catch (error) {
    if (isCurrent()) fill(root, h('h1', null, t('overview.title')), problemBox(error));
    return;
  }
  if (!isCurrent()) return;
  const refresh = h(
    'button',
    { type: 'button', class: 'secondary', onclick: () => void overviewPage({ root, isCurrent }) },
    t('app.refresh'),
  );
  fill(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, t('overview.title')),
      h('span', { class: 'muted' }, t('overview.generatedAt', { at: time(o.generatedAt) })),
      refresh,
    ),
    tiles(o),
    section('failures', t('failures.title'), failures(o)),
    section('overdue', t('tasks.title'), overdueTasksSection(o.overdueTasks)),
    section('failed-deliveries', t('failedDeliveries.title'), failedDeliveriesSection()),
    section('counts', t('counts.title'), countsTable(o)),
    section('throughput', t('throughput.title'), charts(o)),
    section('departments', t('deliveries.title'), departmentsSection(o.deliveries.departments)),
    section('issuance', t('issuance.title'), issuance(o)),
  );
}
