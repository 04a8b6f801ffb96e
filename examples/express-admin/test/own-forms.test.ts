import { describeOwnForms } from '@otpkit/example-admin-shared/testing';
import { createDemoApp } from '../src/app.js';

describeOwnForms(createDemoApp);
