import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect } from 'vitest';
import type { WebOptions, WebUser } from '../options.js';
import { Client, type Reply } from './client.js';
import { createWorld, type World, type WorldOptions } from './harness.js';
import type { ScenarioIt } from './scenario-it.js';

/** A running app under test. */
export interface AdapterApp {
  /** The base URL, e.g. `http://127.0.0.1:53211`. */
  url: string;
  /** Stop the app (its open connections too). */
  close(): Promise<void>;
}

/**
 * Serve a Node.js request listener (an Express app, a Koa app's `callback()`, a Fastify server's
 * `routing`…) on 127.0.0.1, port 0: the {@link AdapterApp} a test app's `createApp` resolves.
 * `close()` ends open connections too, so a suite never waits on keep-alive sockets.
 *
 * @example
 * ```ts
 * const createApp: CreateApp = async ({ web }) => listenForTests(buildApp(web));
 * ```
 */
export async function listenForTests(listener: RequestListener): Promise<AdapterApp> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Starts the adapter's app on port 0 with otpkit mounted with `web`, and these host routes (the
 * contract every adapter's test app implements, see docs/custom-adapter.md):
 * - `GET /admin` behind `requireOtp()`: 200, text `admin:<user id>`
 * - `GET /admin/sensitive` behind `requireOtp({ stepUp: true })`: 200, text `sensitive`
 * - `POST /admin/action` behind `requireOtp()`: 200, text `done`
 * - `GET /whoami`: JSON `{ state, verified, user, device }` from the request's otpkit API
 * - `GET /host/page`: 200 HTML (any page of the host)
 * - `POST /host/login?user=<id>&next=<path>`: the host's own login: 303 to `beginLogin(loadUser(id), { next })`
 * - `POST /host/session-keys`: sets host session keys (`user`: `'someone'`, `userId`: `'someone'`,
 *   `isAdmin`: true, `verified`: true), 204
 * - `GET /host/session-keys`: JSON of those four keys as the session holds them (absent ones left out)
 * - `POST /host/password-changed?user=<id>`: `passwordChanged(id)`, 204
 * - `POST /host/logout`: the request API's `logout()`, 204
 * - `POST /host/raw`: 200 with the raw request body as text (otpkit must not have read it)
 */
export type CreateApp = (input: { web: WebOptions }) => Promise<AdapterApp>;

/** One scenario's world, app and helpers. */
export interface Scenario {
  world: World;
  app: AdapterApp;
  client(): Client;
  passwordLogin(client: Client, user: WebUser & { password: string }, next?: string): Promise<Reply>;
  /** Password, then the code: ends on the reply to the code post. */
  login(
    client: Client,
    user: WebUser & { password: string },
    code: () => string,
    extra?: Record<string, string>,
  ): Promise<Reply>;
}

/**
 * Per-suite: builds scenarios and closes their apps after each test; its `it` defines the suite's
 * scenarios, skipping those the suite was told to skip.
 */
export function scenarioFactory(
  createApp: CreateApp,
  createStore: WorldOptions['createStore'],
  it: ScenarioIt,
) {
  const open: AdapterApp[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((app) => app.close()));
  });
  const scenario = async function scenario(
    options: Omit<WorldOptions, 'createStore'> & { web?: Partial<WebOptions> } = {},
  ): Promise<Scenario> {
    const world = await createWorld({ ...options, createStore });
    const app = await createApp({ web: world.webOptions() });
    open.push(app);
    const self: Scenario = {
      world,
      app,
      client: () => new Client(app.url, options.web?.basePath ?? '/auth'),
      async passwordLogin(client, user, next) {
        const page = await client.get(`/auth/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
        expect(page.status).toBe(200);
        return client.post('/auth/login', {
          username: user.username!,
          password: user.password,
          ...(next ? { next } : {}),
        });
      },
      async login(client, user, code, extra = {}) {
        const password = await self.passwordLogin(client, user);
        expect(password.status).toBe(303);
        expect(password.location).toBe('/auth/verify');
        const page = await client.get('/auth/verify');
        expect(page.status).toBe(200);
        return client.post('/auth/verify', { token: code(), ...extra });
      },
    };
    return self;
  };
  return Object.assign(scenario, { it });
}

export type ScenarioFactory = ReturnType<typeof scenarioFactory>;
