/**
 * The department push on the overview: each department's unacknowledged and parked deliveries, and the
 * failed deliveries themselves, each with a redrive (send it again now) and a skip (give it up, with a
 * reason kept on record, so the pair's next delivery goes on).
 */
import { api, query } from '../api.ts';
import { fill, h } from '../dom.ts';
import { at, count, duration, notice, problemBox, row, table } from '../format.ts';
import { label, t } from '../i18n.ts';
import type { Delivery, DepartmentRow, OpsOverview, Page } from '../types.ts';

type DepartmentLine = OpsOverview['deliveries']['departments'][number];

const HEADERS = () => [
  t('deliveries.department'),
  t('deliveries.webhook'),
  t('deliveries.sent'),
  t('deliveries.acknowledged'),
  t('deliveries.outstanding'),
  t('deliveries.oldest'),
  t('deliveries.failed'),
];

const age = (seconds: number | undefined) => (seconds === undefined ? '—' : duration(seconds * 1000));
const failedCount = (n: number) => (n > 0 ? h('strong', { class: 'bad' }, count(n)) : count(n));

/** A department that registered no webhook pulls its inbox: that is not a disabled webhook. */
function webhookCell(status: string, why?: string): HTMLElement {
  return h(
    'span',
    { class: `webhook webhook-${status}`, ...(why ? { title: why } : {}) },
    label('webhook', status),
  );
}

function fullRow(d: DepartmentRow): HTMLTableRowElement {
  const status = d.webhook.url ? d.webhook.status : 'none';
  return row(
    h('span', { class: 'mono' }, d.department),
    webhookCell(status, d.webhook.why),
    count(d.sent),
    count(d.acknowledged),
    count(d.outstanding),
    age(d.oldestUnacknowledgedAgeSeconds),
    failedCount(d.failed),
  );
}

function overviewRow(d: DepartmentLine): HTMLTableRowElement {
  return row(
    h('span', { class: 'mono' }, d.department),
    webhookCell(d.webhook),
    '—',
    '—',
    count(d.outstanding),
    age(d.oldestUnacknowledgedAgeSeconds),
    failedCount(d.failed),
  );
}

/**
 * Each department's push: GET /v1/ops/departments tells a department that pulls from one whose webhook
 * is disabled, and what was sent and acknowledged; the overview's own lines stand in if it cannot be read.
 */
export function departmentsSection(fallback: DepartmentLine[]): HTMLElement {
  const holder = h('div', null, table(HEADERS(), fallback.map(overviewRow), '—', 'numbers'));
  void api<{ items: DepartmentRow[] }>('v1/ops/departments').then(
    (r) => fill(holder, table(HEADERS(), r.items.map(fullRow), '—', 'numbers')),
    () => undefined,
  );
  return holder;
}

const path = (d: Delivery, action: 'redrive' | 'skip') =>
  `v1/ops/deliveries/${encodeURIComponent(d.id)}/${action}`;

function deliveryRow(
  d: Delivery,
  messages: HTMLElement,
  done: (tr: HTMLElement) => void,
): HTMLTableRowElement {
  const actions = h('div', { class: 'actions' });
  const tr = row(
    h('span', { class: 'mono' }, d.id),
    h('span', { class: 'mono' }, d.department),
    h('span', { class: 'mono' }, d.creditCode),
    d.type,
    String(d.sequence),
    String(d.attempts),
    at(d.failedAt),
    h('span', { class: 'error-text' }, d.lastError ?? ''),
    actions,
  );
  tr.dataset.delivery = d.id;
  const act = async (button: HTMLButtonElement, action: 'redrive' | 'skip', body?: { reason: string }) => {
    button.disabled = true;
    try {
      const after = await api<Delivery>(path(d, action), { method: 'POST', ...(body ? { body } : {}) });
      fill(
        messages,
        notice(
          action === 'redrive'
            ? t('delivery.redriven', { id: d.id, status: after.status })
            : t('delivery.skipped', { id: d.id }),
        ),
      );
      done(tr);
    } catch (error) {
      fill(messages, problemBox(error));
      button.disabled = false;
    }
  };
  const redrive: HTMLButtonElement = h(
    'button',
    { type: 'button', onclick: () => void act(redrive, 'redrive') },
    t('delivery.redrive'),
  );
  const skipForm = () => {
    const reason = h('input', {
      type: 'text',
      required: true,
      maxlength: 500,
      'aria-label': t('delivery.skipReason'),
      placeholder: t('delivery.skipReason'),
    });
    const confirm: HTMLButtonElement = h(
      'button',
      { type: 'submit', class: 'danger' },
      t('delivery.skipConfirm'),
    );
    const form = h(
      'form',
      {
        class: 'inline-form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          if (reason.value.trim()) void act(confirm, 'skip', { reason: reason.value.trim() });
        },
      },
      reason,
      confirm,
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => fill(actions, redrive, skip) },
        t('delivery.cancel'),
      ),
    );
    fill(actions, form);
    reason.focus();
  };
  const skip = h('button', { type: 'button', class: 'secondary', onclick: skipForm }, t('delivery.skip'));
  fill(actions, redrive, skip);
  return tr;
}

/** The failed deliveries, page by page; redriven or skipped ones leave the list. */
export function failedDeliveriesSection(): HTMLElement {
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const body = h('div', null, h('p', { class: 'loading' }, t('app.loading')));
  const more = h('div', { class: 'pager' });
  const rows: HTMLTableRowElement[] = [];
  const headers = [
    t('delivery.id'),
    t('deliveries.department'),
    t('delivery.creditCode'),
    t('delivery.type'),
    t('delivery.sequence'),
    t('delivery.attempts'),
    t('delivery.failedAt'),
    t('delivery.lastError'),
    t('delivery.actions'),
  ];
  const draw = () => fill(body, table(headers, rows, t('failedDeliveries.none'), 'deliveries'));
  const done = (tr: HTMLElement) => {
    rows.splice(rows.indexOf(tr as HTMLTableRowElement), 1);
    draw();
  };
  const load = async (cursor?: string) => {
    try {
      const page = await api<Page<Delivery>>(
        `v1/ops/deliveries${query({ status: 'failed', limit: 20, cursor })}`,
      );
      rows.push(...page.items.map((d) => deliveryRow(d, messages, done)));
      draw();
      // A short page is the last, whatever its cursor says (some lists always hand one, to poll from).
      const next = page.items.length >= 20 ? page.nextCursor : null;
      fill(
        more,
        next
          ? h('button', { type: 'button', class: 'secondary', onclick: () => void load(next) }, t('more'))
          : null,
      );
    } catch (error) {
      fill(messages, problemBox(error));
      if (!rows.length) fill(body);
    }
  };
  void load();
  return h('div', null, messages, body, more);
}
