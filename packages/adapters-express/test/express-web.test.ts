/**
 * The adapter around the web layer, beyond the shared suite: a client that drops the connection
 * mid-body on an otpkit POST (seen under load) is answered 400 and never reaches Express's error
 * handler, and the web layer's events are reachable from the middleware. On Express 5 and 4.
 */
import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import type { OtpWebEventName } from '@otpkit/web';
import { Client, createWorld } from '@otpkit/web/testing';
import express from 'express';
import session from 'express-session';
import express4 from 'express4';
import { afterEach, describe, expect, it } from 'vitest';
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
  /** An app with otpkit, where each answer (its status) and each error for Express's handler is recorded. */
  async function start() {
    const world = await createWorld();
    const mounted = otpkit(world.webOptions());
    const app = createExpress();
    const statuses: number[] = [];
    const errors: unknown[] = [];
    let answered!: () => void;
    const settled = new Promise<void>((resolve) => {
      answered = resolve;
    });
    app.use((_req, res, next) => {
      const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
      res.end = ((...args: unknown[]) => {
        statuses.push(res.statusCode);
        answered();
        return end(...args);
      }) as typeof res.end;
      next();
    });
    app.use(session({ secret: 'test-secret', resave: false, saveUninitialized: false }));
    app.use(mounted);
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      errors.push(error);
      res.status(500).end();
    });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    return { world, mounted, port, url: `http://127.0.0.1:${port}`, statuses, errors, settled };
  }

  it('answers a client that drops the connection mid-body with 400, never an error for Express', async () => {
    const app = await start();
    const socket = connect(app.port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    socket.write(
      [
        'POST /auth/login HTTP/1.1',
        'Host: 127.0.0.1',
        'Content-Type: application/x-www-form-urlencoded',
        'Content-Length: 200',
        '',
        'username=ada&password=half-a-bo',
      ].join('\r\n'),
    );
    socket.destroy();
    await app.settled;
    expect(app.errors).toEqual([]);
    expect(app.statuses).toEqual([400]);
  });

  it('exposes the web layer’s events on the middleware (otpkit(…).web.events)', async () => {
    const app = await start();
    const seen: Array<{ event: OtpWebEventName; userId: string }> = [];
    for (const event of ['login.completed', 'logout'] as const) {
      app.mounted.web.events.on(event, ({ userId }) => void seen.push({ event, userId }));
    }
    const user = app.world.addUser();
    const { secret } = await app.world.addTotp(user.id);
    const client = new Client(app.url);
    await client.get('/auth/login');
    await client.post('/auth/login', { username: user.username, password: user.password });
    await client.get('/auth/verify');
    expect(await client.post('/auth/verify', { token: app.world.totpCode(secret) })).toMatchObject({
      status: 303,
    });
    await client.post('/auth/logout');
    expect(seen).toEqual([
      { event: 'login.completed', userId: user.id },
      { event: 'logout', userId: user.id },
    ]);
  });
});
