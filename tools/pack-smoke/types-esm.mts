// Type-checked in the smoke project against the installed tarballs' own .d.ts (the `import`
// condition): the adapters' augmentations survive packing, so `req.otp` and `ctx.state.otp` are
// typed, and wrong options are refused.
import { type OtpRequestApi, otpkit, requireOtp } from '@otpkit/adapters-express';
import { otpkit as koaOtpkit } from '@otpkit/adapters-koa';
import { createKeyring, createOtp, memoryStore, type VerifyResult } from '@otpkit/core';
import { totp } from '@otpkit/devices';
import { sqlStore } from '@otpkit/store-sql';
import { createOtpWeb } from '@otpkit/web';
import express from 'express';
import Koa from 'koa';

const store = memoryStore();
const otp = createOtp({
  store,
  keyring: createKeyring({ keys: { k1: new Uint8Array(32) }, primary: 'k1' }),
  kinds: [totp({ issuer: 'Types' })],
});
const result: VerifyResult = await otp.verifyToken({ userId: 'alice', token: '123456' });
if (!result.ok && result.reason === 'throttled') {
  const wait: number = result.retryAfterMs;
  console.log(wait);
}

const app = express();
app.use(otpkit({ otp, store, loadUser: () => null }));
app.get('/admin', requireOtp({ stepUp: true }), (req, res) => {
  const api: OtpRequestApi = req.otp;
  res.send(api.state);
});

const koa = new Koa();
koa.use(koaOtpkit({ otp, store, loadUser: () => null }));
koa.use(async (ctx) => {
  const state: 'anonymous' | 'pending' | 'complete' = ctx.state.otp.state;
  ctx.body = state;
});

createOtpWeb({ otp, store, loadUser: () => null });
// @ts-expect-error: basePath is a string
otpkit({ otp, store, loadUser: () => null, basePath: 5 });
// @ts-expect-error: sqlStore needs a Kysely instance
sqlStore({ db: 'postgres://' });
