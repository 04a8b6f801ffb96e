// Threat: a page or action of the admin panel reachable with the password alone (or with no session
// at all), because one route was mounted outside the guard or a new one was added without it. The
// routes are found by walking the demo's admin router (each demo walks its own framework's router),
// never listed by hand.
import { generateTotp } from '@otpkit/core';
import type { Client } from '@otpkit/web/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoApp } from '../demo.js';
import type { DemoUser } from '../users.js';
import type { CreateDemoApp, RunningDemo } from './start-demo.js';
import { addTotp, demoCsrf, signInWithPassword, startDemo } from './start-demo.js';

/** A route of the admin router, found by walking it. */
export interface RouteEntry {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
}

/**
 * The admin-guard tests of a demo: every route of its admin router, found by `routesOf`, is refused
 * without a session, after the password alone and to an administrator not yet enrolled, and opens
 * after the second step.
 */
export function describeAdminGuard<App extends DemoApp>(options: {
  create: CreateDemoApp<App>;
  /** Every route of the demo's admin router, with the `/admin` prefix, by walking the router. */
  routesOf(app: App): RouteEntry[];
}): void {
  let running: RunningDemo<App>;
  let routes: RouteEntry[];
  let admin: DemoUser;
  let adminSecret: Uint8Array;
  let editor: DemoUser;
  let editorDeviceId: string;

  /** A concrete address for a route pattern: the editor and their authenticator as the parameters. */
  function concrete(path: string): string {
    return path
      .replace(':userId', encodeURIComponent(editor.id))
      .replace(':deviceId', encodeURIComponent(editorDeviceId))
      .replace(/:[A-Za-z]+/g, 'x');
  }

  async function hit(client: Client, route: RouteEntry, csrf: string | null) {
    const path = concrete(route.path);
    const reply =
      route.method === 'GET' ? await client.get(path) : await client.post(path, { _csrf: csrf }, {});
    return { route: `${route.method} ${route.path}`, status: reply.status, location: reply.location };
  }

  beforeAll(async () => {
    running = await startDemo(options.create);
    const { users } = running.demo;
    admin = users.findByUsername('admin')!;
    editor = users.findByUsername('editor')!;
    adminSecret = await addTotp(running, admin.id);
    await addTotp(running, editor.id);
    editorDeviceId = (await running.demo.otp.listDevices({ userId: editor.id }))[0]!.id;
    routes = options.routesOf(running.demo);
  });

  afterAll(async () => {
    await running?.close();
  });

  const password = (username: string) => running.demo.logins.find((l) => l.username === username)!.password;

  describe('the admin router behind requireOtp', () => {
    it('is enumerated from the router: pages and actions, GET and POST', () => {
      expect(routes.length).toBeGreaterThanOrEqual(6);
      expect(new Set(routes.map((r) => r.method))).toEqual(new Set(['GET', 'POST']));
      expect(routes.some((r) => r.path.includes(':'))).toBe(true);
    });

    it('refuses every route without a session: a redirect to the sign-in page', async () => {
      const results = [];
      for (const route of routes) results.push(await hit(running.client(), route, null));
      for (const result of results) {
        expect(result, result.route).toMatchObject({ status: 303 });
        expect(result.location, result.route).toMatch(/^\/auth\/login(\?|$)/);
      }
    });

    it('refuses every route after the password alone: a redirect to the code step', async () => {
      const client = running.client();
      expect(await signInWithPassword(client, 'admin', password('admin'))).toBe('/auth/verify');
      const token = (await client.currentCsrf()) as string;
      const results = [];
      for (const route of routes) results.push(await hit(client, route, token));
      for (const result of results)
        expect(result, result.route).toEqual({ ...result, status: 303, location: '/auth/verify' });
      // Still pending: the refusals did not complete or drop the login.
      expect((await client.getJson('/auth/session')).json()).toMatchObject({ state: 'pending' });
    });

    it('refuses every route to a required user without a factor: a redirect to enrollment', async () => {
      const newcomer = await running.demo.users.create({
        username: 'newadmin',
        displayName: 'New Admin',
        email: 'new@acme.test',
        role: 'admin',
        password: 'a long enough password',
      });
      const client = running.client();
      expect(await signInWithPassword(client, newcomer.username, 'a long enough password')).toBe(
        '/auth/enroll',
      );
      const results = [];
      for (const route of routes) results.push(await hit(client, route, null));
      for (const result of results) {
        expect(result.status, result.route).toBe(303);
        expect(result.location, result.route).toMatch(/^\/auth\/(enroll|verify|login)/);
      }
    });

    it('opens every route after the second step', async () => {
      const client = running.client();
      expect(await signInWithPassword(client, 'admin', password('admin'))).toBe('/auth/verify');
      await client.get('/auth/verify');
      const done = await client.post('/auth/verify', {
        token: generateTotp({ secret: adminSecret, time: running.now() }),
      });
      expect(done).toMatchObject({ status: 303, location: '/admin' });
      const csrf = demoCsrf((await client.get('/admin')).text);
      // Pages first, then the actions (which change the editor's state).
      const ordered = [
        ...routes.filter((r) => r.method === 'GET'),
        ...routes.filter((r) => r.method !== 'GET'),
      ];
      const results = [];
      for (const route of ordered) results.push(await hit(client, route, csrf));
      for (const result of results) {
        if (result.route.startsWith('GET')) expect(result, result.route).toMatchObject({ status: 200 });
        else expect(result, result.route).toMatchObject({ status: 303, location: '/admin/security' });
      }
      // The actions ran: the editor's authenticator is gone.
      expect(await running.demo.otp.listDevices({ userId: editor.id })).toEqual([]);
    });

    /** The administrator, signed in with a new code (the next step of their authenticator). */
    async function adminSignedIn() {
      const client = running.client();
      await signInWithPassword(client, 'admin', password('admin'));
      running.advance(30_000);
      await client.get('/auth/verify');
      await client.post('/auth/verify', {
        token: generateTotp({ secret: adminSecret, time: running.now() }),
      });
      return client;
    }

    it('puts otpkit’s session token in the demo’s forms (no second token), and refuses it from another site', async () => {
      const client = await adminSignedIn();
      const csrf = demoCsrf((await client.get('/admin')).text);
      expect(csrf).toBe(await client.currentCsrf());
      const unlock = `/admin/security/users/${encodeURIComponent(editor.id)}/unlock`;
      expect((await client.post(unlock, { _csrf: csrf }, { 'sec-fetch-site': 'cross-site' })).status).toBe(
        403,
      );
      expect((await client.post(unlock, { _csrf: csrf })).location).toBe('/admin/security');
    });

    it('refuses a demo form posted without its CSRF token, after the second step', async () => {
      const client = await adminSignedIn();
      const unlock = `/admin/security/users/${encodeURIComponent(editor.id)}/unlock`;
      expect((await client.post(unlock, { _csrf: 'forged' })).status).toBe(403);
      expect((await client.post(unlock, { _csrf: null })).status).toBe(403);
    });
  });
}
