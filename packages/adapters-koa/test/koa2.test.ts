import { runAdapterConformance } from '@otpkit/web/testing';
import Koa2 from 'koa2';
import { startKoaApp } from './test-app.js';

runAdapterConformance({
  name: 'koa 2',
  groups: ['flows', 'robustness'],
  createApp: ({ web }) => startKoaApp(Koa2, web),
});
