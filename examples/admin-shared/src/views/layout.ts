/**
 * The frame of every demo page: otpkit's stylesheet (the same look as its sign-in pages) plus the
 * demo's own few rules, the navigation, who is signed in, and a sign-out form.
 */
import { html, type SafeHtml } from '@otpkit/web';
import type { DemoUser } from '../users.js';

export interface PageContext {
  /** The signed-in user; null on pages reachable before sign-in (the outbox). */
  user: DemoUser | null;
  csrf: string;
  /** The development outbox is mounted (no SMTP_URL). */
  outbox: boolean;
}

const NAV = [
  { href: '/admin', label: 'Dashboard', adminOnly: false },
  { href: '/admin/users', label: 'Users', adminOnly: false },
  { href: '/admin/audit', label: 'Audit log', adminOnly: true },
  { href: '/admin/security', label: 'Security', adminOnly: true },
] as const;

const time = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

/** An instant as the pages show it. */
export function formatTime(ms: number): string {
  return `${time.format(ms)} UTC`;
}

/** A one-line message above the page's content. */
export function notice(kind: 'info' | 'warning' | 'alert', text: string | null | undefined): SafeHtml {
  if (!text) return html``;
  return html`<p class="otp-${kind}" role="${kind === 'alert' ? 'alert' : 'status'}">${text}</p>`;
}

/** The whole page. `active` is the navigation entry to mark as current. */
export function page(
  ctx: PageContext,
  options: { title: string; body: SafeHtml; active?: string; narrow?: boolean },
): string {
  const user = ctx.user;
  const nav = user
    ? NAV.filter((entry) => !entry.adminOnly || user.role === 'admin').map(
        (entry) =>
          html`<a href="${entry.href}"${entry.href === options.active ? html` aria-current="page"` : ''}>${entry.label}</a>`,
      )
    : [];
  return String(html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Acme Admin</title>
<link rel="stylesheet" href="/auth/assets/otpkit.css">
<link rel="stylesheet" href="/static/demo.css">
</head>
<body>
<header class="otp-top demo-top">
  <a class="otp-site demo-brand" href="/admin">Acme Admin</a>
  ${nav.length > 0 ? html`<nav class="demo-nav" aria-label="Main">${nav}</nav>` : ''}
  ${
    user
      ? html`<span class="otp-user">${user.displayName} <span class="otp-badge">${user.role === 'admin' ? 'Administrator' : 'Editor'}</span>
  <a href="/auth/devices">Your sign-in security</a>
  <form method="post" action="/logout" class="otp-inline"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button type="submit" class="otp-button otp-link">Sign out</button></form></span>`
      : html`<a class="demo-signin" href="/admin">Sign in</a>`
  }
</header>
<main class="otp-main ${options.narrow ? '' : 'demo-wide'}">
<div class="otp-card">
<h1>${options.title}</h1>
${options.body}
</div>
<p class="otp-footer">otpkit demo · ${ctx.outbox ? html`emails go to the <a href="/outbox">development outbox</a>` : 'emails go out by SMTP'}</p>
</main>
</body>
</html>
`);
}
