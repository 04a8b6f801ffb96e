/**
 * The suite's host app on Koa (2 or 3): koa-session with an external store, otpkit mounted on the
 * application, and the guarded routes and host routes of the adapter conformance contract, on
 * @koa/router (the admin router guarded as a whole, one route also with step-up).
 */
import Router from '@koa/router';
import type { WebOptions } from '@otpkit/web';
import { type AdapterApp, listenForTests } from '@otpkit/web/testing';
import type Koa from 'koa';
import session from 'koa-session';
import { otpkit, requireOtp } from '../src/index.js';

type KoaClass = typeof Koa;
/** koa-session's external store contract (the part otpkit's tests use). */
export interface SessionStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, maxAge: number | 'session'): Promise<void>;
  destroy(key: string): Promise<void>;
}

/** koa-session's store contract over a Map: server-side data, so a regenerated id really ends. */
export function memorySessionStore(): SessionStore {
  const data = new Map<string, unknown>();
  return {
    get: async (key) => data.get(key),
    set: async (key, value) => void data.set(key, value),
    destroy: async (key) => void data.delete(key),
  };
}

export async function startKoaApp(
  KoaApp: KoaClass,
  web: WebOptions,
  sessionStore: SessionStore = memorySessionStore(),
): Promise<AdapterApp> {
  const app = new KoaApp();
  app.keys = ['conformance-secret'];
  app.silent = true;
  app.on('error', (error) => console.error('[koa test app] unexpected error', error));
  const mounted = otpkit(web);
  app.use(session({ store: sessionStore, sameSite: 'lax' }, app));
  app.use(mounted);

  const admin = new Router({ prefix: '/admin' });
  admin.use(requireOtp());
  admin.get('/', (ctx) => {
    ctx.type = 'text/plain';
    ctx.body = `admin:${ctx.state.otp.user?.id}`;
  });
  admin.get('/sensitive', requireOtp({ stepUp: true }), (ctx) => {
    ctx.type = 'text/plain';
    ctx.body = 'sensitive';
  });
  admin.post('/action', (ctx) => {
    ctx.type = 'text/plain';
    ctx.body = 'done';
  });

  const host = new Router();
  host.get('/whoami', (ctx) => {
    const { otp } = ctx.state;
    ctx.body = {
      state: otp.state,
      verified: otp.isVerified(),
      user: otp.user?.id ?? null,
      device: otp.device?.kind ?? null,
    };
  });
  host.get('/host/page', (ctx) => {
    ctx.type = 'html';
    ctx.body = '<!doctype html><title>Host</title><p>Host page</p>';
  });
  host.post('/host/login', async (ctx) => {
    const user = await web.loadUser(String(ctx.query.user));
    if (!user) {
      ctx.status = 401;
      return;
    }
    const next = typeof ctx.query.next === 'string' ? ctx.query.next : undefined;
    ctx.redirect(await ctx.state.otp.beginLogin(user, next ? { next } : {}));
    ctx.status = 303;
  });
  host.post('/host/session-keys', (ctx) => {
    Object.assign(ctx.session!, { user: 'someone', userId: 'someone', isAdmin: true, verified: true });
    ctx.status = 204;
  });
  host.get('/host/session-keys', (ctx) => {
    const { user, userId, isAdmin, verified } = ctx.session as unknown as Record<string, unknown>;
    ctx.body = { user, userId, isAdmin, verified };
  });
  host.post('/host/password-changed', async (ctx) => {
    await mounted.web.passwordChanged(String(ctx.query.user));
    ctx.status = 204;
  });
  host.post('/host/logout', async (ctx) => {
    await ctx.state.otp.logout();
    ctx.status = 204;
  });
  host.post('/host/raw', async (ctx) => {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    ctx.type = 'text/plain';
    ctx.body = Buffer.concat(chunks).toString('utf8');
  });
  app.use(admin.routes()).use(admin.allowedMethods()).use(host.routes()).use(host.allowedMethods());

  return listenForTests(app.callback());
}
