/**
 * The adapter around the web layer, beyond the shared suite (`describeAdapterEdges`): a client that
 * drops the connection mid-body on an otpkit POST (seen under load) is answered 400 and never
 * reaches Express's error handler, and the web layer's events are reachable from the middleware. On
 * Express 5 and 4.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWorld, describeAdapterEdges, observeAnswers } from '@otpkit/web/testing';
import express from 'express';
import session from 'express-session';
import express4 from 'express4';
import { afterEach, describe } from 'vitest';
import { otpkit } from '../src/index.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

describe.each([
  ['express 5', express],
  ['express 4', express4 as unknown as typeof express],
])('%s', (_name, createExpress) => {
  describeAdapterEdges(async () => {
    const world = await createWorld();
    const mounted = otpkit(world.webOptions());
    const app = createExpress();
    const seen = observeAnswers();
    app.use((_req, res, next) => {
      const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
      res.end = ((...args: unknown[]) => {
        seen.answered(res.statusCode);
        return end(...args);
      }) as typeof res.end;
      next();
    });
    app.use(session({ secret: 'test-secret', resave: false, saveUninitialized: false }));
    app.use(mounted);
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      seen.errors.push(error);
      res.status(500).end();
    });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    return { ...seen, world, web: mounted.web, url: `http://127.0.0.1:${port}` };
  });
});
