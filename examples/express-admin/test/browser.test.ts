import { describeBrowserJourney } from '@otpkit/example-admin-shared/testing';
import { createDemoApp } from '../src/app.js';

describeBrowserJourney({ name: 'express-admin', create: createDemoApp });
