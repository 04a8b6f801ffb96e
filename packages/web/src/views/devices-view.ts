import { noticeBox } from './components.js';
import { html } from './html.js';
import { layout } from './layout.js';
import type { MessageKey } from './messages.js';
import type { ViewContext } from './view-context.js';
import type { BrowserRow, DeviceRow, ViewProps } from './view-props.js';

const kindLabel = (ctx: ViewContext, kind: string) => {
  const key = `devices.kind.${kind}` as MessageKey;
  return key in KNOWN ? ctx.t(key) : kind;
};
const KNOWN = {
  'devices.kind.totp': 1,
  'devices.kind.hotp': 1,
  'devices.kind.email': 1,
  'devices.kind.backup-codes': 1,
};

function deviceRow(ctx: ViewContext, device: DeviceRow) {
  const { t, basePath } = ctx;
  const id = encodeURIComponent(device.id);
  return html`<tr>
<th scope="row">${device.name}${device.detail ? html`<span class="otp-detail">${device.detail}</span>` : ''}${device.confirmed ? '' : html` <span class="otp-badge">${t('devices.unconfirmed')}</span>`}</th>
<td>${kindLabel(ctx, device.kind)}</td>
<td>${ctx.formatTime(device.createdAt)}</td>
<td>${device.lastUsedAt ? ctx.formatTime(device.lastUsedAt) : t('devices.never')}</td>
<td class="otp-row-actions"><a href="${basePath}/devices/${id}/rename">${t('action.rename')}</a>
<a href="${basePath}/devices/${id}/remove" class="otp-danger-link">${t('action.remove')}</a></td>
</tr>`;
}

function browserRow(ctx: ViewContext, browser: BrowserRow) {
  const { t, basePath } = ctx;
  return html`<tr>
<th scope="row">${browser.browser}, ${browser.os}${browser.current ? html` <span class="otp-badge">${t('devices.browsers.current')}</span>` : ''}</th>
<td>${ctx.formatTime(browser.createdAt)}</td>
<td>${ctx.formatTime(browser.lastUsedAt)}</td>
<td class="otp-row-actions"><a href="${basePath}/browsers/${encodeURIComponent(browser.id)}/revoke" class="otp-danger-link">${t('action.revoke')}</a></td>
</tr>`;
}

/** The management page: methods (rename, remove), backup codes (regenerate), trusted browsers (revoke). */
export function devicesView(props: ViewProps['devices'], ctx: ViewContext) {
  const { t, basePath } = ctx;
  const methods = props.devices.filter((d) => d.kind !== 'backup-codes');
  const body = html`${noticeBox(ctx)}
<section aria-labelledby="methods"><h2 id="methods">${t('devices.methods')}</h2>
${
  methods.length > 0
    ? html`<table class="otp-table"><thead><tr><th scope="col">${t('field.deviceName')}</th><th scope="col">${t('devices.kind')}</th><th scope="col">${t('devices.added')}</th><th scope="col">${t('devices.lastUsed')}</th><th scope="col"><span class="otp-sr">${t('action.remove')}</span></th></tr></thead>
<tbody>${methods.map((d) => deviceRow(ctx, d))}</tbody></table>`
    : html`<p>${t('devices.none')}</p>`
}
<p><a class="otp-button otp-secondary" href="${basePath}/enroll">${t('action.addFactor')}</a></p>
</section>
${
  props.backupCodes
    ? html`<section aria-labelledby="backup"><h2 id="backup">${t('devices.backupCodes')}</h2>
<p>${
        props.backupRemaining === null
          ? t('backupCodes.none')
          : props.backupRemaining === 1
            ? t('backupCodes.remaining.one')
            : t('backupCodes.remaining', { count: props.backupRemaining })
      }</p>
<p><a class="otp-button otp-secondary" href="${basePath}/backup-codes">${t('action.regenerate')}</a></p></section>`
    : ''
}
${
  props.browsers
    ? html`<section aria-labelledby="browsers"><h2 id="browsers">${t('devices.browsers')}</h2>
${
  props.browsers.length > 0
    ? html`<table class="otp-table"><thead><tr><th scope="col">${t('devices.browser')}</th><th scope="col">${t('devices.browsers.created')}</th><th scope="col">${t('devices.lastUsed')}</th><th scope="col"><span class="otp-sr">${t('action.revoke')}</span></th></tr></thead>
<tbody>${props.browsers.map((b) => browserRow(ctx, b))}</tbody></table>
<p><a href="${basePath}/browsers/revoke-all" class="otp-danger-link">${t('action.revokeAll')}</a></p>`
    : html`<p>${t('devices.browsers.none')}</p>`
}</section>`
    : ''
}
<p class="otp-back"><a href="${ctx.homeUrl}">${t('action.backToSite', { site: t('site.name') })}</a></p>`;
  return layout(ctx, { title: t('devices.title'), body, wide: true });
}
