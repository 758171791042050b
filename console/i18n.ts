/**
 * Every label in Chinese and English. The language is the operator's choice (kept in localStorage),
 * else the browser's; a key missing in either language fails to compile.
 */
import { MESSAGES, type MessageKey } from './messages.ts';

export type Lang = 'zh' | 'en';

const STORE_KEY = 'ops-console.lang';

function initial(): Lang {
  const chosen = localStorage.getItem(STORE_KEY);
  if (chosen === 'zh' || chosen === 'en') return chosen;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let current: Lang = initial();

export const lang = (): Lang => current;

/** The BCP 47 tag of the page: it also makes the browser pick the Simplified Chinese glyphs. */
export const locale = (): string => (current === 'zh' ? 'zh-CN' : 'en');

export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem(STORE_KEY, next);
  document.documentElement.lang = locale();
}

/** A label, with `{name}` placeholders filled. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[key][current].replace(/\{(\w+)\}/g, (_m, name: string) =>
    String(vars[name] ?? `{${name}}`),
  );
}

/** A label for a value the API returns (a status, a workflow), or the value itself when none is known. */
export function label(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in MESSAGES ? t(key as MessageKey) : value;
}
