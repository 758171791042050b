/**
 * The ops API, as the console calls it: JSON with the operator's token, relative to where the console is
 * served (so a stage or base path works too). Every error is RFC 9457 problem+json; a 401 or 403 ends
 * the session, and the router shows the sign-in form with the reason.
 */
import { t } from './i18n.ts';
import { signOut, token } from './session.ts';

export interface ProblemError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: ProblemError[] = [],
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

/** Called when the server refuses the token: the router goes back to sign-in. */
let onSignedOut: (reason: ApiError) => void = () => undefined;
export const whenSignedOut = (handler: (reason: ApiError) => void) => {
  onSignedOut = handler;
};

const base = () => new URL('.', location.href);

async function problemOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { title?: string; detail?: string; errors?: ProblemError[] };
    return new ApiError(res.status, body.title ?? `HTTP ${res.status}`, body.detail, body.errors ?? []);
  } catch {
    return new ApiError(res.status, `HTTP ${res.status}`, t('error.notJson'));
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(path, base()), {
      method: init.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token() ? { authorization: `Bearer ${token()}` } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch {
    throw new ApiError(0, t('error.network'), undefined);
  }
  if (!res.ok) {
    const problem = await problemOf(res);
    if (res.status === 401 || res.status === 403) {
      signOut();
      onSignedOut(problem);
    }
    throw problem;
  }
  if (res.status === 204) return undefined as T;
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, t('error.title'), t('error.notJson'));
  }
}

/** A query string of the values that are set. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
}
