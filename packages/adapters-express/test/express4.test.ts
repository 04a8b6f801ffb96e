import { runAdapterConformance } from '@otpkit/web/testing';
import express4 from 'express4';
import { startExpressApp } from './test-app.js';

runAdapterConformance({
  name: 'express 4',
  groups: ['flows', 'robustness'],
  createApp: ({ web }) => startExpressApp(express4, web),
});
