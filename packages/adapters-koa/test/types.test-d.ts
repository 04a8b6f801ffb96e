/**
 * Type-level tests of @otpkit/adapters-koa: importing the adapter types `ctx.state.otp` (it
 * augments Koa's `DefaultState`), `OtpkitState` types routers with their own state, and the options
 * refuse wrong shapes. Run by vitest's typecheck; an unused `@ts-expect-error` fails.
 */
import Router from '@koa/router';
import {
  type OtpkitKoaOptions,
  type OtpkitMiddleware,
  type OtpkitState,
  type OtpRequestApi,
  otpkit,
  requireOtp,
  type WebOptions,
  type WebUser,
} from '@otpkit/adapters-koa';
import type { Otp, OtpStore } from '@otpkit/core';
import type { OtpWeb } from '@otpkit/web';
import Koa, { type DefaultState, type Middleware } from 'koa';
import { expectTypeOf } from 'vitest';

declare const otp: Otp;
declare const store: OtpStore;
declare const loadUser: (id: string) => Promise<WebUser | null>;

// ctx.state.otp is typed on the default state and in any middleware, without a cast.
expectTypeOf<DefaultState['otp']>().toEqualTypeOf<OtpRequestApi>();
const app = new Koa();
app.use(async (ctx, next) => {
  expectTypeOf(ctx.state.otp).toEqualTypeOf<OtpRequestApi>();
  expectTypeOf(ctx.state.otp.user).toEqualTypeOf<WebUser | null>();
  // @ts-expect-error: the request API has no such method
  ctx.state.otp.verify();
  await next();
});

// A router typed with its own state gets it through OtpkitState.
const admin = new Router<OtpkitState>({ prefix: '/admin' });
admin.get('/', (ctx) => {
  expectTypeOf(ctx.state.otp).toEqualTypeOf<OtpRequestApi>();
  ctx.body = ctx.state.otp.user?.displayName ?? '';
});

// The middleware carries its web layer; the guard is a Koa middleware.
const middleware = otpkit({ otp, store, loadUser });
expectTypeOf(middleware).toEqualTypeOf<OtpkitMiddleware>();
expectTypeOf(middleware.web).toEqualTypeOf<OtpWeb>();
expectTypeOf(requireOtp({ stepUp: true })).toEqualTypeOf<Middleware>();
app.use(middleware);
admin.use(requireOtp());
app.use(admin.routes());
expectTypeOf<OtpkitKoaOptions>().toEqualTypeOf<WebOptions>();

// Wrong shapes do not compile.
// @ts-expect-error: loadUser is required
otpkit({ otp, store });
// @ts-expect-error: unknown options are refused
otpkit({ otp, store, loadUser, bassPath: '/auth' });
// @ts-expect-error: stepUp is a boolean
requireOtp({ stepUp: 'yes' });
// @ts-expect-error: unknown guard options are refused
requireOtp({ redirect: '/login' });
