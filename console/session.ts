/**
 * The operator's token. It arrives typed into the sign-in form, or in the URL fragment
 * (`/console#token=…`, `/console#/executions/…?token=…`), which browsers never send to a server; it is
 * taken out of the address bar at once (history, bookmarks and screenshots keep no token) and kept in
 * sessionStorage, so it lasts as long as the tab and no other tab or site sees it.
 */
const KEY = 'ops-console.token';

export const token = (): string | undefined => sessionStorage.getItem(KEY) ?? undefined;

export function signIn(value: string): void {
  sessionStorage.setItem(KEY, value.trim());
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/** Moves a token handed in the fragment into the session, leaving the rest of the fragment as it was. */
export function takeTokenFromFragment(): void {
  const fragment = location.hash.replace(/^#/, '');
  const [route, query = ''] = fragment.startsWith('token=') ? ['', fragment] : fragment.split(/\?(.*)/s);
  const params = new URLSearchParams(query);
  const handed = params.get('token');
  if (handed === null) return;
  params.delete('token');
  if (handed.trim()) signIn(handed);
  const rest = params.toString();
  const next = `${route ?? ''}${rest ? `?${rest}` : ''}`;
  history.replaceState(history.state, '', `${location.pathname}${location.search}${next ? `#${next}` : ''}`);
}
