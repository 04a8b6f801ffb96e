import { alertBox, button, hidden, postForm, textField } from './components.js';
import { html } from './html.js';
import { layout } from './layout.js';
import type { ViewContext } from './view-context.js';
import type { ViewProps } from './view-props.js';

/** The password step (only when the host gives otpkit an `authenticate` function). */
export function loginView(props: ViewProps['login'], ctx: ViewContext) {
  const { t } = ctx;
  const body = html`${alertBox(props.error)}
${postForm(
  ctx,
  `${ctx.basePath}/login`,
  html`${hidden('next', props.next)}
${textField(ctx, { name: 'username', label: 'field.username', value: props.username, autocomplete: 'username', autofocus: true, error: Boolean(props.error) })}
${textField(ctx, { name: 'password', label: 'field.password', type: 'password', autocomplete: 'current-password', maxlength: 1024 })}
${button(t('action.signIn'))}`,
)}`;
  return layout(ctx, { title: t('login.title'), body });
}
