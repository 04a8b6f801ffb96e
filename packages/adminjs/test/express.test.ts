import { startExpressPanel } from './apps.js';
import { describeProtectAdminJs } from './protect-suite.js';

describeProtectAdminJs('Express 5 (@adminjs/express 6)', startExpressPanel);
