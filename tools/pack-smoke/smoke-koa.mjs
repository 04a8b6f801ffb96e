// The installed Koa adapter, imported as ESM: a real Koa app with koa-session (an external store)
// answers its login page and guards a route.

import { otpkit, requireOtp } from '@otpkit/adapters-koa';
import { createKeyring, createOtp, memoryStore } from '@otpkit/core';
import { totp } from '@otpkit/devices';
import Koa from 'koa';
import session from 'koa-session';
import { checkLoginAndGuard } from './check-app.mjs';

const store = memoryStore();
const otp = createOtp({
  store,
  keyring: createKeyring({ keys: { k1: Buffer.alloc(32, 7) }, primary: 'k1' }),
  kinds: [totp({ issuer: 'Smoke' })],
});
const sessions = new Map();
const app = new Koa();
app.keys = ['smoke'];
app.use(
  session(
    {
      store: {
        get: async (key) => sessions.get(key),
        set: async (key, value) => void sessions.set(key, value),
        destroy: async (key) => void sessions.delete(key),
      },
    },
    app,
  ),
);
app.use(otpkit({ otp, store, loadUser: () => null, authenticate: () => null }));
const guard = requireOtp();
app.use((ctx, next) =>
  guard(ctx, async () => {
    ctx.body = 'admin';
    await next();
  }),
);
await checkLoginAndGuard(app.callback(), '@otpkit/adapters-koa (ESM) on Koa 3 with koa-session');
