import { describe, expect, it } from 'vitest';
import { crossSiteWrite, lendCurrentAdmin, panelGuard } from './options.js';

const panel = { options: { rootPath: '/admin', loginPath: '/admin/login', logoutPath: '/admin/logout' } };

describe('panelGuard', () => {
  it.each([
    ['/admin', 'panel'],
    ['/admin/', 'panel'],
    ['/admin/api/resources/Customers/actions/list', 'panel'],
    ['/ADMIN/api/dashboard', 'panel'],
    ['/admin/frontend/assets/components.bundle.js', 'panel'],
    ['/admin/login', 'login'],
    ['/Admin/Login/', 'login'],
    ['/admin/logout', 'logout'],
    ['/administrator', 'outside'],
    ['/auth/login', 'outside'],
    ['/', 'outside'],
  ] as const)('reads %s as %s', (path, kind) => {
    expect(panelGuard(panel, {}, 'protectAdminJs').classify(path)).toBe(kind);
  });

  it('takes every path for a panel at the site root', () => {
    const root = { options: { rootPath: '/', loginPath: '/login', logoutPath: '/logout' } };
    expect(panelGuard(root, {}, 'p').classify('/anything')).toBe('panel');
    expect(panelGuard(root, {}, 'p').classify('/login')).toBe('login');
  });

  it('refuses what is not an AdminJS instance, and names a bad option', () => {
    expect(() => panelGuard({} as never, {}, 'protectAdminJs')).toThrow(/AdminJS instance/);
    expect(() => panelGuard(panel, { logoutUrl: 'https://evil.test/' }, 'protectAdminJs')).toThrow(
      /protectAdminJs\.logoutUrl/,
    );
    expect(() => panelGuard(panel, { currentAdmin: 'me' as never }, 'protectAdminJs')).toThrow(
      /protectAdminJs\.currentAdmin/,
    );
    expect(() => panelGuard(panel, { extra: true } as never, 'protectAdminJs')).toThrow(TypeError);
  });

  it('builds currentAdmin from the user: email, else username, else id; the display name as title', () => {
    const { currentAdmin } = panelGuard(panel, {}, 'p');
    expect(currentAdmin({ id: 'u1', email: 'a@x.test', displayName: 'Ada' })).toEqual({
      id: 'u1',
      email: 'a@x.test',
      title: 'Ada',
    });
    expect(currentAdmin({ id: 'u2', username: 'bob' })).toEqual({ id: 'u2', email: 'bob', title: 'bob' });
    expect(currentAdmin({ id: 'u3' })).toEqual({ id: 'u3', email: 'u3' });
  });
});

describe('lendCurrentAdmin', () => {
  it('gives AdminJS session.adminUser without a session store ever saving it', () => {
    const session: Record<string, unknown> = { otpkit: { login: 'x' }, adminUser: { email: 'planted' } };
    lendCurrentAdmin(session, { email: 'ada@x.test' });
    expect(session.adminUser).toEqual({ email: 'ada@x.test' });
    expect(JSON.parse(JSON.stringify(session))).toEqual({ otpkit: { login: 'x' } });
    expect(Object.keys(session)).not.toContain('adminUser');
  });
});

describe('crossSiteWrite', () => {
  it.each([
    ['POST', 'cross-site', true],
    ['POST', 'same-site', true],
    ['POST', 'same-origin', false],
    ['POST', 'none', false],
    ['POST', undefined, false],
    ['GET', 'cross-site', false],
  ] as const)('%s with Sec-Fetch-Site %s: %s', (method, site, refused) => {
    expect(crossSiteWrite(method, site)).toBe(refused);
  });
});
