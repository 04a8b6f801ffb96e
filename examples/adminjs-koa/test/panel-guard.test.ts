import { adminJsRequests } from '@otpkit/adminjs';
import { describePanelGuard } from '@otpkit/example-admin-shared/adminjs/testing';
import { createAdminJsApp } from '../src/app.js';

describePanelGuard({
  create: createAdminJsApp,
  requestsOf: (demo) => adminJsRequests(demo.admin, { recordIds: { Customers: '1', Invoices: '1' } }),
});
