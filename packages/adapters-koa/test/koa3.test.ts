import { runAdapterConformance } from '@otpkit/web/testing';
import Koa from 'koa';
import { startKoaApp } from './test-app.js';

runAdapterConformance({
  name: 'koa 3',
  groups: ['flows', 'robustness'],
  createApp: ({ web }) => startKoaApp(Koa, web),
});
