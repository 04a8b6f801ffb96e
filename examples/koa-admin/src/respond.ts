/** Writing the shared pages' results on Koa, and the demo's own forms (body, CSRF). */
import { bodyParser } from '@koa/bodyparser';
import type { PageResult, SiteResponse } from '@otpkit/example-admin-shared';
import { CSRF_REFUSAL, PAGE_HEADERS } from '@otpkit/example-admin-shared';
import type { Context, Middleware } from 'koa';

/** Send a page (with the demo's page headers), a redirect (303) or a site response. */
export function send(ctx: Context, result: PageResult | SiteResponse): void {
  if ('redirect' in result) {
    ctx.redirect(result.redirect);
    ctx.status = 303;
    return;
  }
  ctx.set(PAGE_HEADERS);
  ctx.type = 'html' in result ? 'html' : result.type;
  ctx.body = 'html' in result ? result.html : result.body;
  ctx.status = result.status;
}

const parseForm = bodyParser({ enableTypes: ['form'], formLimit: '8kb' });

/**
 * The demo's own forms: a small urlencoded body, and otpkit's CSRF check of its `_csrf` field (the
 * session's token, the browser's origin).
 */
export const forms: Middleware = (ctx, next) =>
  parseForm(ctx, async () => {
    const sent = (ctx.request.body as Record<string, unknown> | undefined)?._csrf;
    if (ctx.method !== 'POST' || ctx.state.otp.checkCsrf(sent)) await next();
    else {
      ctx.status = 403;
      ctx.type = 'text/plain';
      ctx.body = CSRF_REFUSAL;
    }
  });
