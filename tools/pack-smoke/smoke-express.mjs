// The installed web layer and Express adapter, imported as ESM: a real app answers its login page.

import { otpkit, requireOtp } from '@otpkit/adapters-express';
import { createKeyring, createOtp, memoryStore } from '@otpkit/core';
import { totp } from '@otpkit/devices';
import { createOtpWeb } from '@otpkit/web';
import express from 'express';
import session from 'express-session';

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
const server = await new Promise((resolve) => {
  const s = app.listen(0, '127.0.0.1', () => resolve(s));
});
try {
  const base = `http://127.0.0.1:${server.address().port}`;
  const login = await fetch(`${base}/auth/login`);
  if (login.status !== 200 || !(await login.text()).includes('name="_csrf"'))
    throw new Error('no login page');
  const admin = await fetch(`${base}/admin`, { redirect: 'manual' });
  if (admin.status !== 303) throw new Error(`/admin answered ${admin.status}`);
  console.log(
    'pack-smoke: @otpkit/web and @otpkit/adapters-express (ESM) serve a login page and guard a route',
  );
} finally {
  server.close();
}
