// What the shared suite cannot see from outside: the adapter's own checks of how the host mounted
// it, a host body parser mounted before it, a client that drops the connection mid-body, the web
// layer's events on the middleware, and the types a host's router gets.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { OtpRequestApi } from '@otpkit/web';
import { createWorld, describeAdapterEdges, observeAnswers } from '@otpkit/web/testing';
import Koa, { type Middleware } from 'koa';
import session from 'koa-session';
import Koa2 from 'koa2';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { type OtpkitState, otpkit, requireOtp } from '../src/index.js';
import { memorySessionStore } from './test-app.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function listen(app: Koa): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function quiet(app: Koa): string[] {
  const errors: string[] = [];
  app.silent = true;
  app.on('error', (error: Error) => errors.push(error.message));
  return errors;
}

describe('koa adapter', () => {
  it('refuses koa-session without an external store: a copied cookie would outlive logout', async () => {
    const world = await createWorld();
    const app = new Koa();
    app.keys = ['k'];
    const errors = quiet(app);
    app.use(session(app));
    app.use(otpkit(world.webOptions()));
    const url = await listen(app);
    expect((await fetch(`${url}/auth/login`)).status).toBe(500);
    expect(errors).toEqual([expect.stringContaining('external `store`')]);
  });

  it('says what is missing when otpkit() or koa-session is not mounted', async () => {
    const world = await createWorld();
    const app = new Koa();
    const errors = quiet(app);
    const router = new Router();
    router.get('/admin', requireOtp(), (ctx) => {
      ctx.body = 'admin';
    });
    app.use(router.routes());
    const withoutSession = new Koa();
    const moreErrors = quiet(withoutSession);
    withoutSession.use(otpkit(world.webOptions()));
    expect((await fetch(`${await listen(app)}/admin`)).status).toBe(500);
    expect((await fetch(`${await listen(withoutSession)}/auth/login`)).status).toBe(500);
    expect(errors).toEqual(['otpkit: mount otpkit() before requireOtp()']);
    expect(moreErrors).toEqual(['otpkit: mount koa-session before otpkit()']);
  });

  it('checks requireOtp options when the guard is created', () => {
    expect(() => requireOtp({ stepUp: 'yes' as never })).toThrow(TypeError);
    expect(() => requireOtp({ redirectTo: '//evil.test' })).toThrow(/redirectTo/);
  });

  it("uses the body a host's body parser already read", async () => {
    const world = await createWorld();
    const user = world.addUser();
    await world.addTotp(user.id);
    const app = new Koa();
    app.keys = ['k'];
    app.use(bodyParser());
    app.use(session({ store: memorySessionStore() }, app));
    app.use(otpkit(world.webOptions()));
    const url = await listen(app);
    const first = await fetch(`${url}/auth/session`, { headers: { accept: 'application/json' } });
    const { csrfToken } = (await first.json()) as { csrfToken: string };
    const cookie = first.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const login = await fetch(`${url}/auth/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie,
        origin: url,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ username: user.username, password: user.password, _csrf: csrfToken }),
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/auth/verify');
  });

  it('types ctx.state.otp for plain apps and for routers typed with OtpkitState', () => {
    const plain: Middleware = (ctx) => {
      expectTypeOf(ctx.state.otp).toEqualTypeOf<OtpRequestApi>();
    };
    const router = new Router<OtpkitState>();
    router.get('/', (ctx) => {
      expectTypeOf(ctx.state.otp.isVerified()).toEqualTypeOf<boolean>();
    });
    expect(typeof plain).toBe('function');
  });
});

describe.each([
  ['koa 3', Koa],
  ['koa 2', Koa2],
])('%s', (_name, KoaApp) => {
  describeAdapterEdges(async () => {
    const world = await createWorld();
    const mounted = otpkit(world.webOptions());
    const app = new KoaApp();
    app.keys = ['k'];
    app.silent = true;
    const seen = observeAnswers();
    // Koa also reports the socket's own end (Node's parser: HPE_INVALID_EOF_STATE) on any route; what
    // must never reach Koa is otpkit failing to answer the request.
    app.on('error', (error: Error & { code?: string }) => {
      if (!error.code?.startsWith('HPE_') && error.code !== 'ECONNRESET') seen.errors.push(error);
    });
    app.use(async (ctx, next) => {
      await next();
      seen.answered(ctx.status);
    });
    app.use(session({ store: memorySessionStore() }, app));
    app.use(mounted);
    return { ...seen, world, web: mounted.web, url: await listen(app) };
  });
});
