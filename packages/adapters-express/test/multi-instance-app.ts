/**
 * One instance of the many-instances test, run as its own process: Express 5 with express-session
 * on connect-redis (the real Redis) and otpkit over the SQL store on PostgreSQL; the conformance
 * test app's routes.
 */
import { instanceFromEnv } from '@otpkit/many-instances/instance';
import { RedisStore } from 'connect-redis';
import express from 'express';
import { startExpressApp } from './test-app.js';

const instance = await instanceFromEnv();
const sessions = new RedisStore({ client: instance.redis, prefix: instance.redisPrefix });
const app = await startExpressApp(express, instance.web, sessions);
instance.ready(app.url, app.close);
