/**
 * The operators' console: a hash router over four pages (sign-in, overview, executions, one execution)
 * inside one frame with the navigation and the language switch. Without a token every route shows the
 * sign-in form, and after signing in the route asked for is shown.
 */
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import './pages.css';
import './execution.css';
import { type ApiError, whenSignedOut } from './api.ts';
import { h } from './dom.ts';
import { lang, setLang, t } from './i18n.ts';
import { executionPage } from './pages/execution.ts';
import { executionsPage } from './pages/executions.ts';
import { overviewPage } from './pages/overview.ts';
import { signInPage } from './pages/sign-in.ts';
import { signOut, takeTokenFromFragment, token } from './session.ts';

/** What a page gets: where to draw, and whether a newer navigation has replaced it meanwhile. */
export interface PageContext {
  root: HTMLElement;
  isCurrent: () => boolean;
}

type Route =
  | { page: 'overview' }
  | { page: 'executions'; params: URLSearchParams }
  | { page: 'execution'; id: string };

function parse(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split(/\?(.*)/s);
  const execution = /^\/executions\/([^/]+)$/.exec(path);
  if (execution) return { page: 'execution', id: decodeURIComponent(execution[1]!) };
  if (path === '/executions') return { page: 'executions', params: new URLSearchParams(query) };
  return { page: 'overview' };
}

let generation = 0;
let endedBecause: ApiError | undefined;

function frame(route: Route | undefined): { main: HTMLElement; shell: HTMLElement } {
  const main = h('main', { id: 'page' });
  const link = (href: string, text: string, active: boolean) =>
    h('a', { href, ...(active ? { 'aria-current': 'page', class: 'active' } : {}) }, text);
  const shell = h(
    'div',
    { class: 'shell' },
    h(
      'header',
      { class: 'top' },
      h('div', { class: 'brand' }, h('strong', null, t('app.title')), h('span', null, t('app.subtitle'))),
      route
        ? h(
            'nav',
            { 'aria-label': t('nav.main') },
            link('#/overview', t('nav.overview'), route.page === 'overview'),
            link('#/executions', t('nav.executions'), route.page !== 'overview'),
          )
        : h('span', { class: 'spacer' }),
      h(
        'div',
        { class: 'tools' },
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': t('app.switchLangLabel'),
            lang: lang() === 'zh' ? 'en' : 'zh-CN',
            onclick: () => {
              setLang(lang() === 'zh' ? 'en' : 'zh');
              void render();
            },
          },
          t('app.switchLang'),
        ),
        route
          ? h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                onclick: () => {
                  signOut();
                  void render();
                },
              },
              t('nav.signOut'),
            )
          : null,
      ),
    ),
    main,
    h('footer', null, t('app.times')),
  );
  return { main, shell };
}

async function render(): Promise<void> {
  takeTokenFromFragment();
  const mine = ++generation;
  const isCurrent = () => mine === generation;
  const signedIn = token() !== undefined;
  const route = signedIn ? parse(location.hash) : undefined;
  const { main, shell } = frame(route);
  document.body.replaceChildren(shell);
  const context: PageContext = { root: main, isCurrent };
  if (!route) {
    const reason = endedBecause;
    endedBecause = undefined;
    document.title = `${t('signIn.title')} · ${t('app.title')}`;
    signInPage(context, reason, () => void render());
    return;
  }
  if (route.page === 'overview') await overviewPage(context);
  else if (route.page === 'executions') await executionsPage(context, route.params);
  else await executionPage(context, route.id);
}

whenSignedOut((reason) => {
  endedBecause = reason;
  void render();
});
window.addEventListener('hashchange', () => void render());
setLang(lang());
void render();
