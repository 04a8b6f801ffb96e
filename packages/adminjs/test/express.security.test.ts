// Threat: an AdminJS panel on Express answering a page, its API or a script before the second step
// (no session, the password alone, an exempt user, a planted adminUser), or a change sent from
// another site. The suite (protect-suite.ts) sends every request the running panel has.
import { startExpressPanel } from './apps.js';
import { describeProtectAdminJs } from './protect-suite.js';

describeProtectAdminJs('Express 5 (@adminjs/express 6)', startExpressPanel);
