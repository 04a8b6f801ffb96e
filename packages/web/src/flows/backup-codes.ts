import { textOf } from '../engine/fields.js';
import { type Outcome, page } from '../engine/outcome.js';
import type { RequestContext } from '../engine/request-context.js';
import { problemPage } from '../engine/respond.js';
import type { WebResponse } from '../http/response.js';
import { securityHeaders } from '../security/headers.js';
import { safeNextPath } from '../security/next-url.js';
import { backupIntroKey } from '../views/backup-code-views.js';
import { withQuery } from './common.js';
import { requireStepUp } from './step-up.js';

type Complete = Extract<RequestContext['state'], { type: 'complete' }>;

/** The kinds of the user's confirmed methods, backup codes aside. */
async function methodKinds(ctx: RequestContext, userId: string): Promise<string[]> {
  const devices = await ctx.core.options.otp.listDevices({ userId });
  return devices.filter((d) => d.confirmed && d.kind !== 'backup-codes').map((d) => d.kind);
}

const nextOf = (ctx: RequestContext, value: unknown) => safeNextPath(value, ctx.core.path('/devices'));

/** GET backup-codes: what they are, and a button that creates them (after step-up). */
export async function showBackupCodes(ctx: RequestContext, state: Complete): Promise<Outcome> {
  const next = nextOf(ctx, ctx.req.query.get('next'));
  const stepUp = await requireStepUp(ctx, state.user, withQuery(ctx.core.path('/backup-codes'), { next }));
  if (stepUp) return stepUp;
  const devices = await ctx.core.options.otp.listDevices({ userId: state.user.id });
  const hasCodes = devices.some((d) => d.kind === 'backup-codes' && d.confirmed);
  const methods = devices.filter((d) => d.confirmed && d.kind !== 'backup-codes').map((d) => d.kind);
  return page('backup-codes-intro', { hasCodes, next, methods }, { hasCodes });
}

/** POST backup-codes: a new set (replacing the old one), shown once, never cached. */
export async function createBackupCodes(ctx: RequestContext, state: Complete): Promise<Outcome> {
  const fields = await ctx.fields();
  const next = nextOf(ctx, textOf(fields, 'next', 2048));
  const stepUp = await requireStepUp(ctx, state.user, withQuery(ctx.core.path('/backup-codes'), { next }));
  if (stepUp) return stepUp;
  const { codes } = await ctx.core.options.otp.regenerateBackupCodes({ userId: state.user.id });
  const methods = await methodKinds(ctx, state.user.id);
  return page('backup-codes', { codes, next, methods }, { codes, next });
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9 -]{2,30}[A-Za-z0-9]$/;

/**
 * POST backup-codes/download: the codes the page shows, echoed back as a text file. Nothing is
 * kept server-side; only code-shaped values are echoed (this is no reflection channel).
 */
export async function downloadBackupCodes(ctx: RequestContext, state: Complete): Promise<Outcome> {
  const fields = await ctx.fields();
  const raw = fields.codes;
  const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [];
  if (list.length === 0 || list.length > 100 || !list.every((c) => typeof c === 'string' && CODE.test(c))) {
    return problemPage(ctx, { type: 'bad-request' });
  }
  const { t } = ctx.core;
  const intro = t(backupIntroKey(await methodKinds(ctx, state.user.id)));
  const text = `${t('backupCodes.title')} (${t('site.name')})\n\n${list.join('\n')}\n\n${intro}\n`;
  const response: WebResponse = {
    status: 200,
    headers: {
      ...securityHeaders(),
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': 'attachment; filename="backup-codes.txt"',
    },
    cookies: [],
    body: text,
  };
  return { kind: 'response', response };
}
