// The installed AdminJS guard, imported as ESM: on Express, a stand-in for AdminJS's router behind
// protectAdminJs answers nothing before the second step (its page redirects, its API is a 401).
// AdminJS itself is not installed: the guard needs only the panel's paths.

import { otpkit } from '@otpkit/adapters-express';
import { adminJsRequests, panelGuard } from '@otpkit/adminjs';
import { protectAdminJs } from '@otpkit/adminjs/express';
import { protectAdminJs as protectKoa } from '@otpkit/adminjs/koa';
import * as core from '@otpkit/core';
import * as devices from '@otpkit/devices';
import express from 'express';
import session from 'express-session';
import { aliceWithAnApp, checkOtpLogin } from './check-app.mjs';

const panel = { options: { rootPath: '/admin', loginPath: '/admin/login', logoutPath: '/admin/logout' } };
if (typeof adminJsRequests !== 'function' || typeof protectKoa !== 'function')
  throw new Error('@otpkit/adminjs: an export is missing');
if (panelGuard(panel, {}, 'smoke').classify('/admin/api/dashboard') !== 'panel')
  throw new Error('@otpkit/adminjs: the panel path is not recognised');

const { otp, store, loadUser, authenticate, user } = await aliceWithAnApp(core, devices);
const app = express();
app.use(session({ secret: 'smoke', resave: false, saveUninitialized: false }));
app.use(otpkit({ otp, store, loadUser, authenticate }));
// A stand-in for AdminJS's router: its page, and its API with the panel's data.
app.use('/admin', protectAdminJs(panel), (req, res) =>
  req.path === '/' ? res.send('admin') : res.json({ records: ['panel data'] }),
);
await checkOtpLogin(app, '@otpkit/adminjs/express (ESM)', user);

// The panel's API, as AdminJS's front end calls it: a 401 and none of its data.
const { createServer } = await import('node:http');
const server = createServer(app);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
try {
  const api = await fetch(`http://127.0.0.1:${server.address().port}/admin/api/dashboard`, {
    headers: { accept: 'application/json' },
  });
  const text = await api.text();
  if (api.status !== 401 || text.includes('panel data'))
    throw new Error(`the panel's API answered ${api.status}`);
  console.log('pack-smoke: @otpkit/adminjs/express refuses the panel API before the second step');
} finally {
  server.closeAllConnections();
  server.close();
}
