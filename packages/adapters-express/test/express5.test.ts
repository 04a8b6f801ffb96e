import { runAdapterConformance } from '@otpkit/web/testing';
import express from 'express';
import { startExpressApp } from './test-app.js';

runAdapterConformance({
  name: 'express 5',
  groups: ['flows', 'robustness'],
  createApp: ({ web }) => startExpressApp(express, web),
});
