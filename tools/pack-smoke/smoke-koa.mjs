// The installed Koa adapter, imported as ESM: a real Koa app with koa-session (an external store)
// logs alice in through otpkit's password page and OTP step.

import { otpkit, requireOtp } from '@otpkit/adapters-koa';
import * as core from '@otpkit/core';
import * as devices from '@otpkit/devices';
import Koa from 'koa';
import session from 'koa-session';
import { aliceWithAnApp, checkOtpLogin } from './check-app.mjs';

const { otp, store, loadUser, authenticate, user } = await aliceWithAnApp(core, devices);
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
app.use(otpkit({ otp, store, loadUser, authenticate }));
const guard = requireOtp();
app.use((ctx, next) =>
  ctx.path === '/admin'
    ? guard(ctx, async () => {
        ctx.body = ctx.state.otp.user?.id === 'alice' ? 'admin' : 'who?';
      })
    : next(),
);
await checkOtpLogin(app.callback(), '@otpkit/adapters-koa (ESM) on Koa 3 with koa-session', user);
