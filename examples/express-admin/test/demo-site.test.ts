import { describeDemoSite } from '@otpkit/example-admin-shared/testing';
import { createDemoApp } from '../src/app.js';

describeDemoSite(createDemoApp);
