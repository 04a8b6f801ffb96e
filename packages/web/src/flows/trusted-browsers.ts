import { type Outcome, page, redirect } from '../engine/outcome.js';
import type { RequestContext } from '../engine/request-context.js';
import { problemPage } from '../engine/respond.js';
import { listTrustedBrowsers, revokeTrustedBrowsers } from '../tokens/trusted-browser.js';
import { requireStepUp } from './step-up.js';

type Complete = Extract<RequestContext['state'], { type: 'complete' }>;

/** GET/POST browsers/:id/revoke (after step-up): stop trusting one browser of this user. */
export async function revokeBrowser(ctx: RequestContext, state: Complete, id: string): Promise<Outcome> {
  const { t } = ctx.core;
  const route = ctx.core.path(`/browsers/${encodeURIComponent(id)}/revoke`);
  const stepUp = await requireStepUp(ctx, state.user, route);
  if (stepUp) return stepUp;
  const browsers = await listTrustedBrowsers(ctx.store, state.user.id, ctx.now());
  const browser = browsers.find((b) => b.id === id);
  if (!browser) return problemPage(ctx, { type: 'not-found' });
  if (ctx.req.method === 'GET') {
    return page(
      'confirm',
      {
        title: t('confirm.revoke.title', { browser: `${browser.browser}, ${browser.os}` }),
        body: t('confirm.revoke.body'),
        action: route,
        button: t('action.revoke'),
        danger: true,
        cancel: ctx.core.path('/devices'),
      },
      { browser },
    );
  }
  const count = await revokeTrustedBrowsers(ctx.store, state.user.id, id);
  if (count > 0) ctx.core.events.emit('browser.revoked', { userId: state.user.id, count });
  ctx.update({ notice: { key: 'devices.browserRevoked' } });
  return redirect(ctx.core.path('/devices'));
}

/** GET/POST browsers/revoke-all (after step-up): stop trusting every browser of this user. */
export async function revokeAllBrowsers(ctx: RequestContext, state: Complete): Promise<Outcome> {
  const { t } = ctx.core;
  const route = ctx.core.path('/browsers/revoke-all');
  const stepUp = await requireStepUp(ctx, state.user, route);
  if (stepUp) return stepUp;
  if (ctx.req.method === 'GET') {
    return page('confirm', {
      title: t('confirm.revokeAll.title'),
      body: t('confirm.revokeAll.body'),
      action: route,
      button: t('action.revokeAll'),
      danger: true,
      cancel: ctx.core.path('/devices'),
    });
  }
  const count = await revokeTrustedBrowsers(ctx.store, state.user.id);
  if (count > 0) ctx.core.events.emit('browser.revoked', { userId: state.user.id, count });
  ctx.update({ notice: { key: 'devices.browsersRevoked' } });
  return redirect(ctx.core.path('/devices'), { revoked: count });
}
