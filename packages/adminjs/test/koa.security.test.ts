// Threat: an AdminJS panel on Koa 2 answering a page, its API or a script before the second step
// (no session, the password alone, an exempt user, a planted adminUser), or a change sent from
// another site. The suite (protect-suite.ts) sends every request the running panel has.
import { startKoaPanel } from './apps.js';
import { describeProtectAdminJs } from './protect-suite.js';

describeProtectAdminJs('Koa 2 (@adminjs/koa 4)', startKoaPanel);
