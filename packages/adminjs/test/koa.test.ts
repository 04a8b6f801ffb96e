import { startKoaPanel } from './apps.js';
import { describeProtectAdminJs } from './protect-suite.js';

describeProtectAdminJs('Koa 2 (@adminjs/koa 4)', startKoaPanel);
