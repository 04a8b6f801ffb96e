import { html, type SafeHtml } from './html.js';
import type { ViewContext } from './view-context.js';

/**
 * The page around every otpkit view: otpkit's stylesheet and script (both from this origin, as the
 * Content-Security-Policy requires), the site name (a link to the host's home page), who is signed
 * in and a sign-out form.
 */
export function layout(
  ctx: ViewContext,
  options: { title: string; body: SafeHtml; wide?: boolean },
): SafeHtml {
  const { t, basePath } = ctx;
  return html`<!doctype html>
<html lang="${t('site.lang')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${t('site.name')}</title>
<link rel="stylesheet" href="${basePath}/assets/otpkit.css">
<script src="${basePath}/assets/otpkit.js" defer></script>
</head>
<body>
<header class="otp-top">
  <a class="otp-site" href="${ctx.homeUrl}">${t('site.name')}</a>
  ${
    ctx.userName
      ? html`<span class="otp-user">${t('site.signedInAs', { user: ctx.userName })}
    <form method="post" action="${basePath}/logout" class="otp-inline"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button type="submit" class="otp-button otp-link">${t('action.signOut')}</button></form></span>`
      : ''
  }
</header>
<main class="otp-main${options.wide ? ' otp-wide' : ''}">
<div class="otp-card">
<h1>${options.title}</h1>
${options.body}
</div>
<p class="otp-footer">${t('site.secured')}</p>
</main>
</body>
</html>
`;
}
