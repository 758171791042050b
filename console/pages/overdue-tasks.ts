/**
 * Human tasks past their deadline, most overdue first, and the reassignment of a review to another
 * examiner of its authority (POST /v1/reviews/{taskId}/assign). A supplement waits on the applicant:
 * nobody at the registry can take it over.
 */
import { api, query } from '../api.ts';
import { fill, h } from '../dom.ts';
import { count, duration, notice, problemBox, row, table, time } from '../format.ts';
import { label, t } from '../i18n.ts';
import type { OpsOverview, OverdueTask, Page } from '../types.ts';

function reassignForm(task: OverdueTask, messages: HTMLElement, assignee: HTMLElement): HTMLElement {
  if (task.kind !== 'review') return h('span', { class: 'muted' }, t('tasks.applicants'));
  const examiner = h('input', {
    type: 'text',
    required: true,
    maxlength: 128,
    'aria-label': `${t('tasks.examiner')} (${task.taskId})`,
    placeholder: t('tasks.examiner'),
  });
  const submit: HTMLButtonElement = h('button', { type: 'submit' }, t('tasks.reassign'));
  return h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const who = examiner.value.trim();
        if (!who) return;
        submit.disabled = true;
        try {
          await api(`v1/reviews/${encodeURIComponent(task.taskId)}/assign`, {
            method: 'POST',
            body: { examiner: who },
          });
          fill(assignee, who);
          fill(messages, notice(t('tasks.reassigned', { task: task.taskId, who })));
          examiner.value = '';
        } catch (error) {
          fill(messages, problemBox(error));
        }
        submit.disabled = false;
      },
    },
    examiner,
    submit,
  );
}

function taskRow(task: OverdueTask, messages: HTMLElement): HTMLTableRowElement {
  const assignee = h('span', null, task.assignee ?? h('span', { class: 'muted' }, t('tasks.unassigned')));
  return row(
    h('span', { class: 'mono' }, task.taskId),
    label('taskKind', task.kind),
    h(
      'a',
      { href: `#/executions${query({ subject: task.registrationId })}`, class: 'mono' },
      task.registrationId,
    ),
    h('span', { class: 'mono' }, task.queue),
    time(task.deadline),
    h('strong', { class: 'bad' }, duration(task.overdueSeconds * 1000)),
    assignee,
    reassignForm(task, messages, assignee),
  );
}

export function overdueTasksSection(overdue: OpsOverview['overdueTasks']): HTMLElement {
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const rows = overdue.oldest.map((task) => taskRow(task, messages));
  const headers = [
    t('tasks.task'),
    t('tasks.kind'),
    t('tasks.registration'),
    t('tasks.queue'),
    t('tasks.deadline'),
    t('tasks.overdueBy'),
    t('tasks.assignee'),
    t('tasks.reassign'),
  ];
  const body = h('div', null, table(headers, rows, t('tasks.none')));
  const pager = h('div', { class: 'pager' });
  // The overview carries the oldest few; the rest come page by page from the overdue list.
  const load = async (cursor?: string) => {
    try {
      const page = await api<Page<OverdueTask>>(`v1/ops/human-tasks/overdue${query({ limit: 50, cursor })}`);
      if (!cursor) rows.length = 0;
      rows.push(...page.items.map((task) => taskRow(task, messages)));
      fill(body, table(headers, rows, t('tasks.none')));
      const next = page.items.length >= 50 ? page.nextCursor : null;
      fill(pager, next ? moreButton(() => load(next)) : null);
    } catch (error) {
      fill(messages, problemBox(error));
    }
  };
  const moreButton = (onclick: () => Promise<void>) =>
    h('button', { type: 'button', class: 'secondary', onclick: () => void onclick() }, t('more'));
  if (overdue.count > overdue.oldest.length)
    fill(
      pager,
      h('span', { class: 'muted' }, `${count(overdue.oldest.length)} / ${count(overdue.count)} `),
      moreButton(() => load()),
    );
  return h('div', null, messages, body, pager);
}
