// The installed web layer and Express adapter, required as CommonJS: the same login through the
// password page and the OTP step, every otpkit module loaded with require().
const { otpkit, requireOtp } = require('@otpkit/adapters-express');
const core = require('@otpkit/core');
const devices = require('@otpkit/devices');
const { html, safeNextPath } = require('@otpkit/web');
const express = require('express');
const session = require('express-session');

(async () => {
  if (String(html`<p>${'<b>'}</p>`) !== '<p>&lt;b&gt;</p>') throw new Error('html does not escape');
  if (safeNextPath('//evil.test', '/') !== '/') throw new Error('safeNextPath lets //evil.test through');
  const { aliceWithAnApp, checkOtpLogin } = await import('./check-app.mjs');
  const { otp, store, loadUser, authenticate, user } = await aliceWithAnApp(core, devices);
  const app = express();
  app.use(session({ secret: 'smoke', resave: false, saveUninitialized: false }));
  app.use(otpkit({ otp, store, loadUser, authenticate }));
  app.get('/admin', requireOtp(), (req, res) => res.send(req.otp.user?.id === 'alice' ? 'admin' : 'who?'));
  await checkOtpLogin(app, '@otpkit/adapters-express (CJS) on Express 5', user);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
