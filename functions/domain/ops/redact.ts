/**
 * Identity numbers never reach an operator's screen: workflow data carries ids only, and whatever
 * slipped into an input, output or error (a free-text cause) is masked here before it is shown.
 */
import { checkResidentId, maskIdentity } from '../identity.ts';

const CANDIDATE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

export function redactText(text: string): string {
  return text.replace(CANDIDATE, (m) => (checkResidentId(m).valid ? maskIdentity(m) : m));
}

/** A copy of `value` with every identity number in its strings masked. */
export function redact<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map(redact) as T;
  // Plain records only: a Date (or any other instance) is no text and stays as it is.
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)])) as T;
  return value;
}
