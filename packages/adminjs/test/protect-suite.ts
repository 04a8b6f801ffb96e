// Threat: any page, JSON answer or script of an AdminJS panel reachable with the password alone,
// with no session, by a user the policy exempts from the second factor, or through an `adminUser`
// planted in the session by another login; a route missed because it was listed by hand. Every
// request is read from the running panel (adminJsRequests: AdminJS's router, each resource's
// actions, its pages) and sent at each stage of a login.
import { PANEL_SECRETS } from '@otpkit/example-admin-shared/adminjs';
import { Client, createWorld, type Reply, type World } from '@otpkit/web/testing';
import { Router } from 'adminjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminJsRequest, adminJsRequests } from '../src/admin-requests.js';
import type { PanelApp, StartPanelApp } from './apps.js';

type Stage = 'anonymous' | 'pending' | 'exempt';

const REFUSED: Record<Stage, RegExp> = {
  anonymous: /^\/auth\/login\?next=/,
  pending: /^\/auth\/verify$/,
  exempt: /^\/auth\/enroll$/,
};
const JSON_STATUS: Record<Stage, number> = { anonymous: 401, pending: 401, exempt: 403 };

/** Send a request of the panel as AdminJS's front end would (JSON for its API). */
function send(client: Client, request: AdminJsRequest): Promise<Reply> {
  const accept = request.kind === 'api' ? 'application/json' : 'text/html';
  if (request.method === 'GET') return client.get(request.path, { accept });
  return client.request('POST', request.path, {
    body: JSON.stringify({ name: 'Posted' }),
    headers: {
      accept,
      'content-type': 'application/json',
      origin: client.base,
      'sec-fetch-site': 'same-origin',
    },
  });
}

export function describeProtectAdminJs(name: string, start: StartPanelApp): void {
  describe(`protectAdminJs on ${name}`, { timeout: 60_000 }, () => {
    let world: World;
    let app: PanelApp;
    let requests: AdminJsRequest[];
    let admin: ReturnType<World['addUser']>;
    let adminSecret: Uint8Array;
    let exempt: ReturnType<World['addUser']>;

    beforeAll(async () => {
      world = await createWorld();
      admin = world.addUser({ displayName: 'Ada Admin', email: 'ada.admin@example.test' });
      exempt = world.addUser();
      adminSecret = (await world.addTotp(admin.id)).secret;
      app = await start(
        world.webOptions({
          afterLogin: '/admin',
          policy: (user) => (user.id === exempt.id ? 'optional' : 'required'),
        }),
      );
      requests = await adminJsRequests(app.admin, { recordIds: { Customers: '1', Invoices: '1' } });
    });

    afterAll(async () => {
      await app?.close();
    });

    async function passwordOnly(user: { username: string; password: string }): Promise<Client> {
      const client = new Client(app.url);
      await client.get('/auth/login');
      const reply = await client.post('/auth/login', { username: user.username, password: user.password });
      expect(reply.status).toBe(303);
      return client;
    }

    async function verified(): Promise<Client> {
      const client = await passwordOnly(admin);
      await client.get('/auth/verify');
      const done = await client.post('/auth/verify', { token: world.totpCode(adminSecret) });
      expect(done).toMatchObject({ status: 303, location: '/admin' });
      world.advance(30_000);
      return client;
    }

    async function expectAllRefused(client: Client, stage: Stage) {
      for (const request of requests) {
        const reply = await send(client, request);
        const what = `${request.method} ${request.path} (${stage})`;
        if (request.kind === 'api') expect(reply.status, what).toBe(JSON_STATUS[stage]);
        else {
          expect(reply.status, what).toBe(303);
          expect(reply.location, what).toMatch(REFUSED[stage]);
        }
        for (const secret of PANEL_SECRETS) expect(reply.text, what).not.toContain(secret);
        expect(reply.text, what).not.toContain('REDUX_STATE');
      }
    }

    it('reads every request from the panel: each route and asset of AdminJS, for each resource and action', () => {
      const patterns = new Set(requests.map((r) => r.route));
      for (const route of Router.routes) expect(patterns, route.path).toContain(route.path);
      for (const asset of Router.assets) expect(patterns, asset.path).toContain(asset.path);
      const kinds = new Set(requests.map((r) => `${r.kind} ${r.method}`));
      expect(kinds).toEqual(new Set(['page GET', 'api GET', 'api POST', 'asset GET']));
      for (const action of ['list', 'new', 'show', 'edit', 'delete', 'bulkDelete', 'search']) {
        expect(
          requests.some((r) => r.path.includes(`/Customers/`) && r.path.includes(action)),
          action,
        ).toBe(true);
      }
    });

    it('refuses every request without a session: the sign-in page, or 401 for the API', async () => {
      await expectAllRefused(new Client(app.url), 'anonymous');
    });

    it('refuses every request after the password alone: the code step, or 401', async () => {
      const client = await passwordOnly(admin);
      await expectAllRefused(client, 'pending');
      expect((await client.getJson('/auth/session')).json()).toMatchObject({ state: 'pending' });
    });

    it('refuses every request to a user the policy exempts (no second factor): enrollment, or 403', async () => {
      const client = await passwordOnly(exempt);
      expect((await client.getJson('/auth/session')).json()).toMatchObject({ state: 'complete' });
      await expectAllRefused(client, 'exempt');
    });

    it('is not opened by an adminUser planted in the session by another login', async () => {
      const client = await passwordOnly(admin);
      expect((await client.post('/host/plant-admin-user')).status).toBe(204);
      await expectAllRefused(client, 'pending');
    });

    it('refuses the panel under another spelling of its path', async () => {
      const client = new Client(app.url);
      for (const path of [
        '/ADMIN/api/resources/Customers/actions/list',
        '/Admin/resources/Customers',
        '/admin/',
        '/%61dmin/api/resources/Customers/actions/list',
        '/admin/%61pi/resources/Customers/actions/list',
        '/admin//api/resources/Customers/actions/list',
      ]) {
        const reply = await client.get(path, { accept: 'application/json' });
        expect([401, 404], path).toContain(reply.status);
        for (const secret of PANEL_SECRETS) expect(reply.text, path).not.toContain(secret);
      }
    });

    it('sends AdminJS’s login page to otpkit’s, and its logout to otpkit’s sign-out page', async () => {
      const anonymous = new Client(app.url);
      expect((await anonymous.get('/admin/login')).location).toBe('/auth/login?next=%2Fadmin%2Flogin');
      expect((await anonymous.get('/admin/logout')).location).toBe('/auth/logout');
      const client = await verified();
      expect(await client.get('/admin/login')).toMatchObject({ status: 303, location: '/admin' });
      expect(await client.get('/admin/logout')).toMatchObject({ status: 303, location: '/auth/logout' });
    });

    it('opens every request after the second step, with currentAdmin from otpkit’s user, never stored', async () => {
      const client = await verified();
      const page = await client.get('/admin');
      expect(page.status).toBe(200);
      expect(page.text).toContain('ada.admin@example.test');
      const list = await client.getJson('/admin/api/resources/Customers/actions/list');
      expect(list.json()).toMatchObject({ records: expect.arrayContaining([]) });
      expect(list.text).toContain('Ada Lovelace');
      // Reads first, then the writes (which change the rows).
      const ordered = [
        ...requests.filter((r) => r.method === 'GET'),
        ...requests.filter((r) => r.method === 'POST'),
      ];
      for (const request of ordered) {
        if (request.path.endsWith('/components.bundle.js')) continue; // bundled on demand: its own test
        const reply = await send(client, request);
        const what = `${request.method} ${request.path}`;
        // Reached AdminJS: no refusal of otpkit's. (AdminJS answers some itself with an error: a GET
        // of `new`, which it only runs on POST; a page it does not have.)
        expect([401, 403], what).not.toContain(reply.status);
        expect(reply.location ?? '', what).not.toMatch(/^\/auth\//);
        if (request.kind !== 'api' && request.method === 'GET') expect(reply.status, what).toBe(200);
      }
      // currentAdmin is lent to AdminJS for the request: no session store ever holds it.
      for (const stored of app.storedSessions()) expect(stored).not.toContain('ada.admin@example.test');
    });

    it('refuses a change another site’s page sends, even with the session’s cookie', async () => {
      const client = await verified();
      const path = '/admin/api/resources/Invoices/records/2/delete';
      const reply = await client.request('POST', path, {
        body: '{}',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'sec-fetch-site': 'cross-site',
        },
      });
      expect(reply.status).toBe(403);
      const still = await client.getJson('/admin/api/resources/Invoices/records/2/show');
      expect(still.text).toContain('INV-1944');
    });

    it('serves the components bundle (built on first request) after the second step only', async () => {
      const path = '/admin/frontend/assets/components.bundle.js';
      expect(requests.map((r) => r.path)).toContain(path);
      const client = await verified();
      const reply = await client.get(path, { accept: '*/*' });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/javascript/);
    });
  });
}
