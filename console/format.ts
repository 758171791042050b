/** How values read on the console: times in China Standard Time, durations in units, JSON indented. */
import { ApiError } from './api.ts';
import { h } from './dom.ts';
import { label, locale, t } from './i18n.ts';

/** The registry keeps its legal time in Beijing; operators read the same clock wherever the browser is. */
export const TIME_ZONE = 'Asia/Shanghai';

const parts = (date: Date, options: Intl.DateTimeFormatOptions) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, hourCycle: 'h23', ...options })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );

/** `2026-11-26 19:20:13` (CST): one form in both languages, sortable by eye. */
export function time(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = parts(date, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** A time in a table cell: kept on one line. */
export const at = (iso: string | undefined) => h('span', { class: 'time' }, time(iso));

/** `14:00` (CST), for chart axes. */
export function hourOf(epochSeconds: number): string {
  const p = parts(new Date(epochSeconds * 1000), { hour: '2-digit', minute: '2-digit' });
  return `${p.hour}:${p.minute}`;
}

/** A time typed as `2026-11-26 09:30` (or a day alone), read as CST, as RFC 3339; undefined if not one. */
export function fromLocalInput(value: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?$/.exec(value.trim());
  return m ? `${m[1]}T${m[2] ?? '00:00'}:00+08:00` : undefined;
}

/** RFC 3339 as the filter shows it (CST, to the minute). */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : time(date.toISOString()).slice(0, 16);
}

/** `1.2 s`, `3 min 4 s`, `2 h 5 min`, `3 d 2 h`. */
export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const u = (key: 'unit.d' | 'unit.h' | 'unit.min' | 'unit.s' | 'unit.ms', n: number) => `${n} ${t(key)}`;
  if (ms < 1000) return u('unit.ms', Math.round(ms));
  const s = ms / 1000;
  if (s < 60) return u('unit.s', Math.round(s * 10) / 10);
  const whole = Math.floor(s);
  const [d, hr, min, sec] = [
    Math.floor(whole / 86_400),
    Math.floor(whole / 3600) % 24,
    Math.floor(whole / 60) % 60,
    whole % 60,
  ];
  if (d > 0) return `${u('unit.d', d)} ${u('unit.h', hr)}`;
  if (hr > 0) return `${u('unit.h', hr)} ${u('unit.min', min)}`;
  return `${u('unit.min', min)} ${u('unit.s', sec)}`;
}

export const between = (from: string, to: string | undefined) =>
  to ? duration(Date.parse(to) - Date.parse(from)) : '';

export const percent = (rate: number) =>
  new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);

export const count = (n: number) => new Intl.NumberFormat(locale()).format(n);

/** Indented JSON, shown as text (never markup). */
export const pretty = (value: unknown) => h('pre', { class: 'json' }, JSON.stringify(value, null, 2) ?? '');

export const statusBadge = (status: string) =>
  h('span', { class: `badge status-${status.toLowerCase()}`, title: status }, label('status', status));

export const workflowName = (workflow: string) => h('span', { title: workflow }, label('workflow', workflow));

export const executionLink = (id: string) =>
  h('a', { href: `#/executions/${encodeURIComponent(id)}`, class: 'mono' }, id);

/** What went wrong, as the API said it (problem+json title and detail, and each field's message). */
export function problemBox(error: unknown): HTMLElement {
  const e = error instanceof ApiError ? error : new ApiError(0, t('error.title'), String(error));
  return h(
    'div',
    { class: 'problem', role: 'alert' },
    h('strong', null, e.title),
    e.detail ? h('p', null, e.detail) : null,
    e.errors.length ? h('ul', null, ...e.errors.map((x) => h('li', null, `${x.path}: ${x.message}`))) : null,
  );
}

/** A notice after an action succeeded. */
export const notice = (text: string) => h('div', { class: 'notice', role: 'status' }, text);

/** A table with a header row; an empty body shows `empty` across the columns. */
export function table(headers: string[], rows: HTMLTableRowElement[], empty: string, cls = ''): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: cls },
      h('thead', null, h('tr', null, ...headers.map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        rows.length ? rows : h('tr', null, h('td', { colspan: headers.length, class: 'empty' }, empty)),
      ),
    ),
  );
}

export const row = (...cells: (Node | string | number | null | undefined)[]) =>
  h('tr', null, ...cells.map((c) => h('td', null, c ?? '')));
