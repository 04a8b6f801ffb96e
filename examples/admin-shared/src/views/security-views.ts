/**
 * The administrators' page (each user's verification methods and throttle state, with unlock and
 * remove actions: the recovery path when someone loses their phone), its confirmation pages, the
 * development outbox and the error page.
 */
import type { DeviceInfo } from '@otpkit/core';
import { html, type SafeHtml } from '@otpkit/web';
import type { OutboxMessage } from '../mail.js';
import type { DemoUser } from '../users.js';
import { kindName, type UserOverview } from './admin-views.js';
import { formatTime, notice, type PageContext, page } from './layout.js';

export interface UserSecurity extends UserOverview {
  devices: DeviceInfo[];
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function throttleState(o: UserSecurity): SafeHtml {
  const { status } = o;
  if (status.locked) {
    return html`<span class="demo-bad">Locked</span> since ${status.lockedAt ? formatTime(status.lockedAt) : 'a while'}, after ${status.failures} wrong codes in a row. No code is accepted until an administrator unlocks it.`;
  }
  if (status.failures > 0) {
    return html`<span class="demo-bad">${status.failures} wrong ${status.failures === 1 ? 'code' : 'codes'} in a row.</span> ${
      status.retryAfterMs
        ? `Next try allowed in ${seconds(status.retryAfterMs)} s.`
        : 'The next try is allowed.'
    }`;
  }
  return html`<span class="demo-ok">No failed tries.</span>`;
}

/** A method's name, with its address for email codes. */
export function deviceLabel(device: DeviceInfo): string {
  return typeof device.details.email === 'string' ? `${device.name} (${device.details.email})` : device.name;
}

function deviceDetail(device: DeviceInfo): string {
  const remaining = device.details.remaining;
  if (typeof remaining === 'number') return `${remaining} left`;
  if (typeof device.details.email === 'string') return device.details.email;
  return '';
}

function userSection(o: UserSecurity): SafeHtml {
  const id = encodeURIComponent(o.user.id);
  // Backup codes last: the methods people use come first.
  const devices = o.devices
    .filter((d) => d.confirmed)
    .sort((a, b) => Number(a.kind === 'backup-codes') - Number(b.kind === 'backup-codes'));
  const action = o.status.locked || o.status.failures > 0;
  return html`<section class="demo-user" aria-labelledby="user-${o.user.id}">
<div class="demo-user-head">
<div><h2 id="user-${o.user.id}">${o.user.displayName} <span class="otp-badge">${o.user.role === 'admin' ? 'Administrator' : 'Editor'}</span></h2>
<p class="demo-muted">${o.user.username} · ${o.user.email} · two-step ${o.required ? 'required' : 'optional'}</p></div>
${action ? html`<a class="otp-button otp-secondary" href="/admin/security/users/${id}/unlock">Unlock</a>` : ''}
</div>
<p class="demo-state">${throttleState(o)}</p>
${
  devices.length > 0
    ? html`<table class="otp-table"><thead><tr><th scope="col">Method</th><th scope="col">Type</th><th scope="col">Added</th><th scope="col">Last used</th><th scope="col"><span class="otp-sr">Actions</span></th></tr></thead>
<tbody>${devices.map(
        (d) => html`<tr>
<th scope="row">${d.name}${deviceDetail(d) ? html`<span class="otp-detail">${deviceDetail(d)}</span>` : ''}</th>
<td>${kindName(d.kind)}</td>
<td>${formatTime(d.createdAt)}</td>
<td>${d.lastUsedAt ? formatTime(d.lastUsedAt) : 'Never'}</td>
<td class="otp-row-actions"><a class="otp-danger-link" href="/admin/security/users/${id}/devices/${encodeURIComponent(d.id)}/remove">Remove</a></td>
</tr>`,
      )}</tbody></table>`
    : html`<p class="demo-muted">No verification method.${o.required ? ' They will be asked to set one up at their next sign-in.' : ''}</p>`
}
</section>`;
}

export function securityView(
  ctx: PageContext,
  props: { users: UserSecurity[]; message: string | null },
): string {
  const body = html`${notice('info', props.message)}
<p>When someone loses their phone, remove the lost method here: if two-step verification is required for them, they set up a new one at their next sign-in. Unlocking clears the wrong-code count of an account that was locked or slowed down.</p>
${props.users.map(userSection)}`;
  return page(ctx, { title: 'Two-step verification of users', body, active: '/admin/security' });
}

/** A confirmation page for one administrator's action: a POST to the same address. */
export function confirmView(
  ctx: PageContext,
  props: { title: string; lines: string[]; action: string; button: string; danger?: boolean },
): string {
  const body = html`${props.lines.map((line) => html`<p>${line}</p>`)}
<form method="post" action="${props.action}" class="otp-actions">
<input type="hidden" name="_csrf" value="${ctx.csrf}">
<button type="submit" class="otp-button ${props.danger ? 'otp-danger' : 'otp-primary'}">${props.button}</button>
<a class="otp-button otp-secondary" href="/admin/security">Cancel</a>
</form>`;
  return page(ctx, { title: props.title, body, active: '/admin/security', narrow: true });
}

export function outboxView(ctx: PageContext, props: { messages: OutboxMessage[] }): string {
  const body = html`${notice('warning', 'Development only: with SMTP_URL set, emails go to real addresses and this page does not exist.')}
${
  props.messages.length === 0
    ? html`<p class="demo-muted">No email yet.</p>`
    : props.messages.map(
        (m) => html`<article class="demo-mail">
<strong>${m.subject}</strong>
<div class="demo-muted">To ${m.to} · ${formatTime(m.at)}</div>
<pre>${m.text}</pre>
</article>`,
      )
}`;
  return page(ctx, { title: 'Development outbox', body });
}

export function errorView(ctx: PageContext, props: { title: string; text: string }): string {
  return page(ctx, {
    title: props.title,
    body: html`<p>${props.text}</p><p><a href="/admin">Back to the dashboard</a></p>`,
    narrow: true,
  });
}

/** Who a user is, in a sentence. */
export const nameOf = (user: DemoUser) => `${user.displayName} (${user.username})`;
