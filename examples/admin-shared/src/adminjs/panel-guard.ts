// Threat: a page, JSON answer or script of the AdminJS panel reachable on the demo with the password
// alone, with no session, or by a user the policy lets in without a second factor. The requests
// come from the running panel (adminJsRequests of @otpkit/adminjs: AdminJS's router, each
// resource's actions), never from a list kept by hand.
import { generateTotp } from '@otpkit/core';
import type { Client, Reply } from '@otpkit/web/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoApp } from '../demo.js';
import {
  addTotp,
  type CreateDemoApp,
  type RunningDemo,
  signInWithPassword,
  startDemo,
} from '../testing/start-demo.js';
import { PANEL_SECRETS } from './panel.js';

/** A request of the panel, as `adminJsRequests` lists it. */
export interface PanelRequest {
  method: 'GET' | 'POST';
  path: string;
  kind: 'page' | 'api' | 'asset';
}

function send(client: Client, request: PanelRequest): Promise<Reply> {
  const accept = request.kind === 'api' ? 'application/json' : 'text/html';
  if (request.method === 'GET') return client.get(request.path, { accept });
  return client.request('POST', request.path, {
    body: '{}',
    headers: {
      accept,
      'content-type': 'application/json',
      origin: client.base,
      'sec-fetch-site': 'same-origin',
    },
  });
}

/**
 * The AdminJS demo's guard tests: every request of its panel is refused (a redirect into otpkit's
 * login, or 401/403 for the API, and none of the panel's data) at each stage before the second
 * step, and reached after it.
 */
export function describePanelGuard<App extends DemoApp>(options: {
  create: CreateDemoApp<App>;
  requestsOf(app: App): Promise<PanelRequest[]>;
}): void {
  describe('the AdminJS panel behind protectAdminJs', { timeout: 60_000 }, () => {
    let running: RunningDemo<App>;
    let requests: PanelRequest[];
    let adminSecret: Uint8Array;

    beforeAll(async () => {
      running = await startDemo(options.create);
      adminSecret = await addTotp(running, running.demo.users.findByUsername('admin')!.id);
      requests = await options.requestsOf(running.demo);
    });
    afterAll(async () => {
      await running?.close();
    });

    const password = (username: string) => running.demo.logins.find((l) => l.username === username)!.password;

    async function expectRefused(client: Client, page: RegExp, apiStatus: number) {
      for (const request of requests) {
        const reply = await send(client, request);
        const what = `${request.method} ${request.path}`;
        if (request.kind === 'api') expect(reply.status, what).toBe(apiStatus);
        else expect(reply.location ?? String(reply.status), what).toMatch(page);
        for (const secret of PANEL_SECRETS) expect(reply.text, what).not.toContain(secret);
      }
    }

    it('lists pages, API calls and assets of the panel', () => {
      expect(new Set(requests.map((r) => `${r.kind} ${r.method}`))).toEqual(
        new Set(['page GET', 'api GET', 'api POST', 'asset GET']),
      );
      expect(requests.length).toBeGreaterThan(50);
    });

    it('refuses every request without a session', async () => {
      await expectRefused(running.client(), /^\/auth\/login\?next=/, 401);
    });

    it('refuses every request after the administrator’s password alone', async () => {
      const client = running.client();
      expect(await signInWithPassword(client, 'admin', password('admin'))).toBe('/auth/verify');
      await expectRefused(client, /^\/auth\/verify$/, 401);
    });

    it('refuses every request to the editor, whom the policy lets in without a second factor', async () => {
      const client = running.client();
      expect(await signInWithPassword(client, 'editor', password('editor'))).toBe('/admin');
      await expectRefused(client, /^\/auth\/enroll$/, 403);
    });

    it('opens the panel after the second step, as the administrator', async () => {
      const client = running.client();
      await signInWithPassword(client, 'admin', password('admin'));
      await client.get('/auth/verify');
      const done = await client.post('/auth/verify', {
        token: generateTotp({ secret: adminSecret, time: running.now() }),
      });
      expect(done).toMatchObject({ status: 303, location: '/admin' });
      const page = await client.get('/admin');
      expect(page.status).toBe(200);
      expect(page.text).toContain('ada@acme.test');
      const list = await client.getJson('/admin/api/resources/Customers/actions/list');
      expect(list.status).toBe(200);
      expect(list.text).toContain('Ada Lovelace');
      for (const request of requests.filter(
        (r) => r.method === 'GET' && !r.path.endsWith('components.bundle.js'),
      )) {
        const reply = await send(client, request);
        expect([401, 403], request.path).not.toContain(reply.status);
        expect(reply.location ?? '', request.path).not.toMatch(/^\/auth\//);
      }
    });
  });
}
