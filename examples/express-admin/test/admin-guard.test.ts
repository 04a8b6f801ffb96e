import { describeAdminGuard } from '@otpkit/example-admin-shared/testing';
import { createDemoApp } from '../src/app.js';
import { routesOf } from './router-routes.js';

describeAdminGuard({ create: createDemoApp, routesOf: (demo) => routesOf(demo.adminRouter, '/admin') });
