/**
 * `npx -y pnpm@10 demo:adminjs-koa`: start AdminJS on Koa 2 behind otpkit and print where it is and
 * how to sign in. Settings: PORT (default 3000), HOST (default 127.0.0.1), DATA_DIR (default ./data
 * beside this example), SMTP_URL (send email by SMTP instead of the development outbox).
 */
import { createServer } from 'node:http';
import { serve, settingsFromEnv } from '@otpkit/example-admin-shared';
import { createAdminJsApp } from './app.js';

const { port, host, options } = settingsFromEnv(new URL('../data/', import.meta.url));
const demo = await createAdminJsApp(options);
serve(demo, createServer(demo.listener), { port, host, framework: 'AdminJS 7 on Koa 2' });
