// The installed web layer and Express adapter, imported as ESM: a real app answers its login page.

import { otpkit, requireOtp } from '@otpkit/adapters-express';
import { createKeyring, createOtp, memoryStore } from '@otpkit/core';
import { totp } from '@otpkit/devices';
import { createOtpWeb } from '@otpkit/web';
import express from 'express';
import session from 'express-session';
import { checkLoginAndGuard } from './check-app.mjs';

const store = memoryStore();
const otp = createOtp({
  store,
  keyring: createKeyring({ keys: { k1: Buffer.alloc(32, 7) }, primary: 'k1' }),
  kinds: [totp({ issuer: 'Smoke' })],
});
if (typeof createOtpWeb !== 'function') throw new Error('@otpkit/web: createOtpWeb is missing');
const app = express();
app.use(session({ secret: 'smoke', resave: false, saveUninitialized: false }));
app.use(otpkit({ otp, store, loadUser: () => null, authenticate: () => null }));
app.get('/admin', requireOtp(), (_req, res) => res.send('admin'));
await checkLoginAndGuard(app, '@otpkit/web and @otpkit/adapters-express (ESM)');
