/**
 * One instance of the many-instances test, run as its own process: Koa 3 with koa-session on the
 * real Redis and otpkit over the SQL store on PostgreSQL; the conformance test app's routes.
 */
import { instanceFromEnv } from '@otpkit/many-instances/instance';
import Koa from 'koa';
import { redisSessionStore } from './redis-session-store.js';
import { startKoaApp } from './test-app.js';

const instance = await instanceFromEnv();
const app = await startKoaApp(Koa, instance.web, redisSessionStore(instance.redis, instance.redisPrefix));
instance.ready(app.url, app.close);
