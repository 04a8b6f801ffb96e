// Threats: cross-site request forgery on every otpkit form, open redirects through `next`, replayed
// codes, replayed or expired pending logins, session fixation at login (koa-session keeps the data
// when it regenerates: otpkit's must not survive), trusted-browser cookies that outlive a
// revocation, a factor change or a password change, enrollment loops, a guard satisfied by the
// host's own session keys, and sensitive changes without a fresh verification. The shared suite's
// security group runs on Koa 3 and Koa 2.
import { runAdapterConformance } from '@otpkit/web/testing';
import Koa from 'koa';
import Koa2 from 'koa2';
import { startKoaApp } from './test-app.js';

runAdapterConformance({
  name: 'koa 3 (security)',
  groups: ['security'],
  createApp: ({ web }) => startKoaApp(Koa, web),
});

runAdapterConformance({
  name: 'koa 2 (security)',
  groups: ['security'],
  createApp: ({ web }) => startKoaApp(Koa2, web),
});
