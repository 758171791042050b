/**
 * Sign-in: the operator pastes a token; it is checked against the ops API before the console opens, so
 * a wrong or expired token is refused here, with the server's reason.
 */
import { type ApiError, api } from '../api.ts';
import { fill, h } from '../dom.ts';
import { problemBox } from '../format.ts';
import { t } from '../i18n.ts';
import type { PageContext } from '../main.ts';
import { signIn } from '../session.ts';

export function signInPage({ root }: PageContext, reason: ApiError | undefined, signedIn: () => void): void {
  const input = h('textarea', {
    id: 'token',
    name: 'token',
    rows: 4,
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'token-help',
  });
  const messages = h('div', { class: 'messages' });
  const submit = h('button', { type: 'submit' }, t('signIn.submit'));
  if (reason) fill(messages, h('p', null, t('signIn.ended')), problemBox(reason));

  const form = h(
    'form',
    {
      class: 'sign-in',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const value = input.value.trim();
        if (!value) {
          fill(messages, problemBox(t('signIn.empty')));
          return;
        }
        signIn(value);
        submit.disabled = true;
        fill(messages, h('p', null, t('signIn.checking')));
        try {
          // Any operator route proves the token; the workflows are the smallest answer.
          await api('v1/ops/workflows');
          signedIn();
        } catch (error) {
          // A 401 or 403 has already ended the session and drawn this form again with the reason.
          if (input.isConnected) fill(messages, problemBox(error));
          submit.disabled = false;
        }
      },
    },
    h('h1', null, t('signIn.title')),
    h('label', { for: 'token' }, t('signIn.token')),
    input,
    h('p', { id: 'token-help', class: 'help' }, t('signIn.help')),
    submit,
    messages,
  );
  fill(root, form);
  input.focus();
}
