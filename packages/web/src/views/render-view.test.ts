import { describe, expect, it } from 'vitest';
import { createOtpWeb } from '../create-otp-web.js';
import type { WebOptions } from '../options.js';
import type { SessionPort } from '../session/session-port.js';
import { createWorld } from '../testing/harness.js';
import { html } from './html.js';

function memorySession(): SessionPort {
  let value: unknown;
  return {
    get: () => value,
    set(v) {
      value = v;
    },
    async regenerate() {
      value = undefined;
    },
  };
}

async function loginPage(extra: Partial<WebOptions> = {}) {
  const world = await createWorld();
  const web = createOtpWeb(world.webOptions(extra as never));
  const request = await web.request(
    { method: 'GET', url: '/auth/login', headers: {}, secure: false },
    memorySession(),
  );
  const response = await request.handle();
  return String(response!.body);
}

describe('views', () => {
  it('lets a render hook replace one view and keeps the others', async () => {
    const world = await createWorld();
    const web = createOtpWeb(
      world.webOptions({
        render: (view, _props, ctx) =>
          view === 'login' ? html`<p>custom ${ctx.t('login.title')} ${ctx.csrf.length}</p>` : undefined,
      }),
    );
    const session = memorySession();
    const login = await (
      await web.request({ method: 'GET', url: '/auth/login', headers: {}, secure: false }, session)
    ).handle();
    expect(String(login!.body)).toBe('<p>custom Sign in 43</p>');
    const logout = await (
      await web.request({ method: 'GET', url: '/auth/logout', headers: {}, secure: false }, session)
    ).handle();
    expect(String(logout!.body)).toContain('<!doctype html>');
  });

  it('takes every string from the messages table, with overrides', async () => {
    const page = await loginPage({
      messages: { 'login.title': 'Anmelden', 'field.username': 'Benutzername' },
    });
    expect(page).toContain('<h1>Anmelden</h1>');
    expect(page).toContain('>Benutzername</label>');
    expect(page).not.toContain('Username');
  });

  it('labels every field and carries the CSRF token', async () => {
    const page = await loginPage();
    expect(page).toContain('<label for="username">');
    expect(page).toContain('<label for="password">');
    expect(page).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{43}"/);
    expect(page).toContain('autocomplete="current-password"');
  });
});
