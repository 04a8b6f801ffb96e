/** The everyday pages: the dashboard, the users, the audit log. */
import type { UserStatus } from '@otpkit/core';
import { html, type LoginMethod, type SafeHtml } from '@otpkit/web';
import type { AuditEntry } from '../audit.js';
import type { DemoUser } from '../users.js';
import { formatTime, notice, type PageContext, page } from './layout.js';

/** A user with what otpkit knows of them. */
export interface UserOverview {
  user: DemoUser;
  status: UserStatus;
  required: boolean;
}

/** The sign-in of the current session, as `req.otp` reports it. */
export interface CurrentLogin {
  method: LoginMethod | null;
  device: { kind: string; name: string } | null;
}

const KIND_NAMES: Record<string, string> = {
  totp: 'Authenticator app',
  hotp: 'Hardware token',
  email: 'Email codes',
  'backup-codes': 'Backup codes',
};

export const kindName = (kind: string) => KIND_NAMES[kind] ?? kind;

const EVENT_NAMES: Record<string, string> = {
  'otp.verified': 'Code accepted',
  'otp.failed': 'Wrong code',
  'otp.throttled': 'Try refused (too many wrong codes)',
  'otp.locked': 'Verification locked',
  'otp.device.unreadable': 'Method unreadable with these keys',
  'otp.device.added': 'Method added',
  'otp.device.confirmed': 'Method confirmed',
  'otp.device.removed': 'Method removed',
  'otp.backup-codes.generated': 'Backup codes generated',
  'otp.backup-code.used': 'Backup code used',
  'otp.email.sent': 'Email code sent',
  'web.login.completed': 'Signed in',
  'web.browser.trusted': 'Browser trusted',
  'web.browser.revoked': 'Trusted browsers revoked',
  'web.step-up': 'Verified again before a sensitive change',
  'web.logout': 'Signed out',
  'web.pending.abandoned': 'Sign-in left before the second step',
  'login.password': 'Password accepted',
  'login.password-failed': 'Wrong username or password',
  'admin.unlock': 'Unlocked by an administrator',
  'admin.remove-device': 'Method removed by an administrator',
};

/** A short, readable state of a user's two-step verification. */
export function twoStepState(overview: UserOverview): SafeHtml {
  const { status } = overview;
  if (status.locked) return html`<span class="demo-bad">Locked</span>`;
  if (status.enrolled) return html`<span class="demo-ok">On</span>`;
  return overview.required
    ? html`<span class="demo-bad">Not set up</span> <span class="demo-muted">(asked at next sign-in)</span>`
    : html`<span class="demo-muted">Off</span>`;
}

function describeLogin(login: CurrentLogin): string {
  if (login.method === 'trusted-browser') return 'You signed in on a trusted browser, without a code.';
  if (login.method === 'exempt') {
    return 'You signed in with your password only: two-step verification is optional for your account.';
  }
  if (login.device) {
    const kind = kindName(login.device.kind).toLowerCase();
    const named =
      login.device.name.toLowerCase() === kind ? `your ${kind}` : `${login.device.name} (${kind})`;
    return `You signed in with ${named}.`;
  }
  return 'You signed in with a code.';
}

export function dashboardView(
  ctx: PageContext,
  props: { login: CurrentLogin; users: UserOverview[]; recent: AuditEntry[]; names: Map<string, string> },
): string {
  const enrolled = props.users.filter((o) => o.status.enrolled).length;
  const locked = props.users.filter((o) => o.status.locked).length;
  const missing = props.users.filter((o) => o.required && !o.status.enrolled).length;
  const body = html`<p>Welcome, ${ctx.user?.displayName}. ${describeLogin(props.login)}</p>
<div class="demo-stats">
  <div class="demo-stat"><strong>${props.users.length}</strong><span>users</span></div>
  <div class="demo-stat"><strong>${enrolled}</strong><span>with two-step verification</span></div>
  <div class="demo-stat"><strong>${missing}</strong><span>required but not set up</span></div>
  <div class="demo-stat"><strong>${locked}</strong><span>locked out</span></div>
</div>
${
  ctx.user?.role === 'admin'
    ? html`<h2>Recent activity</h2>${auditTable(props.recent, props.names)}<p><a href="/admin/audit">The whole audit log</a></p>`
    : html`<p>Manage your verification methods and trusted browsers on <a href="/auth/devices">your sign-in security</a> page.</p>`
}`;
  return page(ctx, { title: 'Dashboard', body, active: '/admin' });
}

export function usersView(ctx: PageContext, props: { users: UserOverview[] }): string {
  const rows = props.users.map(
    (o) => html`<tr>
<th scope="row">${o.user.displayName}<span class="otp-detail">${o.user.username}</span></th>
<td>${o.user.role === 'admin' ? 'Administrator' : 'Editor'}</td>
<td>${o.user.email}</td>
<td>${o.required ? 'Required' : 'Optional'}</td>
<td>${twoStepState(o)}</td>
</tr>`,
  );
  const body = html`<p>Administrators must use two-step verification; editors may.</p>
<table class="otp-table"><thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Email</th><th scope="col">Two-step policy</th><th scope="col">Two-step verification</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  return page(ctx, { title: 'Users', body, active: '/admin/users' });
}

const METHOD_NAMES: Record<string, string> = {
  code: 'a code',
  'trusted-browser': 'a trusted browser, no code',
  exempt: 'the password only',
};

function detailValue(key: string, value: unknown): string {
  if (key === 'kind') return kindName(String(value));
  if (key === 'method') return METHOD_NAMES[String(value)] ?? String(value);
  return String(value);
}

function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(
      ([key, value]) => value !== null && value !== undefined && key !== 'deviceId' && key !== 'lockedAt',
    )
    .map(([key, value]) => `${key}: ${detailValue(key, value)}`)
    .join(', ');
}

function auditTable(entries: AuditEntry[], names: Map<string, string>): SafeHtml {
  if (entries.length === 0) return html`<p class="demo-muted">Nothing yet.</p>`;
  const who = (id: string | null) => (id ? (names.get(id) ?? id) : '');
  return html`<table class="otp-table"><thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">User</th><th scope="col">Details</th></tr></thead>
<tbody>${entries.map(
    (e) => html`<tr>
<td class="demo-nowrap">${formatTime(e.at)}</td>
<td>${EVENT_NAMES[e.event] ?? e.event}</td>
<td>${who(e.userId)}${e.actorId ? html`<span class="otp-detail">by ${who(e.actorId)}</span>` : ''}</td>
<td class="demo-detail">${detailText(e.detail)}</td>
</tr>`,
  )}</tbody></table>`;
}

export function auditView(
  ctx: PageContext,
  props: { entries: AuditEntry[]; names: Map<string, string> },
): string {
  const body = html`${notice('info', 'Every event of otpkit’s service and sign-in pages, with the demo’s password checks and administrators’ actions. Events never hold a code, a secret or a cookie.')}
${auditTable(props.entries, props.names)}`;
  return page(ctx, { title: 'Audit log', body, active: '/admin/audit' });
}
