/**
 * What the HTTP suite cannot see from a client, for an adapter's own tests: a client that drops the
 * connection mid-body on an otpkit POST (seen under load) is answered 400 and never becomes an error
 * for the framework, and the web layer's events are reachable from the adapter's middleware.
 */
import { connect } from 'node:net';
import { expect, it } from 'vitest';
import type { OtpWeb } from '../create-otp-web.js';
import type { OtpWebEventName } from '../engine/events.js';
import { Client } from './client.js';
import type { World } from './harness.js';

/** An adapter's app under observation: each answer's status and each error the framework saw. */
export interface ObservedApp {
  url: string;
  world: World;
  /** The web layer the adapter's middleware drives (`otpkit(…).web`). */
  web: OtpWeb;
  /** The status of every response, in order. */
  statuses: number[];
  /** Every error that reached the framework's error handling (not the socket's own end). */
  errors: unknown[];
  /** Resolves once the first response was written. */
  settled: Promise<void>;
}

/**
 * The recording half of an {@link ObservedApp}: call `answered(status)` when a response is written,
 * push to `errors` what reaches the framework's error handling.
 *
 * @example
 * ```ts
 * const seen = observeAnswers();
 * app.use(async (ctx, next) => { await next(); seen.answered(ctx.status); });
 * ```
 */
export function observeAnswers(): Pick<ObservedApp, 'statuses' | 'errors' | 'settled'> & {
  /** Record the status of a response the app wrote. */
  answered(status: number): void;
} {
  const statuses: number[] = [];
  let resolve!: () => void;
  const settled = new Promise<void>((done) => {
    resolve = done;
  });
  return {
    statuses,
    errors: [],
    settled,
    answered(status) {
      statuses.push(status);
      resolve();
    },
  };
}

/**
 * Define the two tests in the calling vitest file, for apps from `start`.
 *
 * @example
 * ```ts
 * describe('koa 3', () => describeAdapterEdges(() => startObservedKoaApp(Koa)));
 * ```
 */
export function describeAdapterEdges(start: () => Promise<ObservedApp>): void {
  it('answers a client that drops the connection mid-body with 400, never an error for the framework', async () => {
    const app = await start();
    const socket = connect(Number(new URL(app.url).port), '127.0.0.1');
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
      app.web.events.on(event, ({ userId }) => void seen.push({ event, userId }));
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
}
