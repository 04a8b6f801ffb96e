/**
 * Type-level tests of @otpkit/adapters-express: importing the adapter types `req.otp` on Express's
 * Request (it augments the global `Express.Request`), its middleware keeps the web layer, and its
 * options refuse wrong shapes. Run by vitest's typecheck; an unused `@ts-expect-error` fails.
 */

import {
  type OtpkitExpressOptions,
  type OtpkitMiddleware,
  type OtpRequestApi,
  otpkit,
  requireOtp,
  type WebOptions,
  type WebUser,
} from '@otpkit/adapters-express';
import type { Otp, OtpStore } from '@otpkit/core';
import type { OtpWeb } from '@otpkit/web';
import express, { type Request, type RequestHandler } from 'express';
import { expectTypeOf } from 'vitest';

declare const otp: Otp;
declare const store: OtpStore;
declare const loadUser: (id: string) => Promise<WebUser | null>;

// req.otp is typed on Express's Request and in any handler, without a cast.
expectTypeOf<Request['otp']>().toEqualTypeOf<OtpRequestApi>();
const app = express();
app.get('/admin', (req, res) => {
  expectTypeOf(req.otp).toEqualTypeOf<OtpRequestApi>();
  expectTypeOf(req.otp.user).toEqualTypeOf<WebUser | null>();
  expectTypeOf(req.otp.isVerified()).toEqualTypeOf<boolean>();
  // @ts-expect-error: the request API has no such method
  req.otp.verify();
  res.send(req.otp.user?.displayName ?? '');
});

// The middleware is a RequestHandler that carries its web layer; the guard is a RequestHandler.
const middleware = otpkit({ otp, store, loadUser });
expectTypeOf(middleware).toEqualTypeOf<OtpkitMiddleware>();
expectTypeOf(middleware).toMatchTypeOf<RequestHandler>();
expectTypeOf(middleware.web).toEqualTypeOf<OtpWeb>();
expectTypeOf(requireOtp({ stepUp: true })).toEqualTypeOf<RequestHandler>();
app.use(middleware);
app.use('/admin', requireOtp(), express.Router());
expectTypeOf<OtpkitExpressOptions>().toEqualTypeOf<WebOptions>();

// Wrong shapes do not compile.
// @ts-expect-error: loadUser is required
otpkit({ otp, store });
// @ts-expect-error: unknown options are refused
otpkit({ otp, store, loadUser, bassPath: '/auth' });
// @ts-expect-error: stepUp is a boolean
requireOtp({ stepUp: 'yes' });
// @ts-expect-error: unknown guard options are refused
requireOtp({ redirect: '/login' });
