// Threats: cross-site request forgery on every otpkit form, open redirects through `next`, replayed
// codes, replayed or expired pending logins, session fixation at login, trusted-browser cookies that
// outlive a revocation, a factor change or a password change, enrollment loops, a guard satisfied
// by the host's own session keys, and sensitive changes without a fresh verification. The shared
// suite's security group runs on Express 5 and Express 4.
import { runAdapterConformance } from '@otpkit/web/testing';
import express from 'express';
import express4 from 'express4';
import { startExpressApp } from './test-app.js';

runAdapterConformance({
  name: 'express 5 (security)',
  groups: ['security'],
  createApp: ({ web }) => startExpressApp(express, web),
});

runAdapterConformance({
  name: 'express 4 (security)',
  groups: ['security'],
  createApp: ({ web }) => startExpressApp(express4, web),
});
