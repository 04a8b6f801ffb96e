// The installed web layer and Express adapter, imported as ESM: a real Express app with
// express-session logs alice in through otpkit's password page and OTP step.

import { otpkit, requireOtp } from '@otpkit/adapters-express';
import * as core from '@otpkit/core';
import * as devices from '@otpkit/devices';
import { createOtpWeb } from '@otpkit/web';
import express from 'express';
import session from 'express-session';
import { aliceWithAnApp, checkOtpLogin } from './check-app.mjs';

if (typeof createOtpWeb !== 'function') throw new Error('@otpkit/web: createOtpWeb is missing');
const { otp, store, loadUser, authenticate, user } = await aliceWithAnApp(core, devices);
const app = express();
app.use(session({ secret: 'smoke', resave: false, saveUninitialized: false }));
app.use(otpkit({ otp, store, loadUser, authenticate }));
app.get('/admin', requireOtp(), (req, res) => res.send(req.otp.user?.id === 'alice' ? 'admin' : 'who?'));
await checkOtpLogin(app, '@otpkit/adapters-express (ESM) on Express 5', user);
