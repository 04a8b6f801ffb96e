import { memoryStore } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { createOtpWeb } from './create-otp-web.js';
import type { WebOptions } from './options.js';
import { createWorld } from './testing/harness.js';

describe('createOtpWeb options', () => {
  it('applies the defaults', async () => {
    const world = await createWorld();
    const web = createOtpWeb({ otp: world.otp, store: world.store, loadUser: () => null });
    expect(web.options).toMatchObject({
      basePath: '/auth',
      afterLogin: '/',
      loginUrl: '/login',
      stepUpMs: 300_000,
      pendingLoginMs: 600_000,
      trustedBrowsers: { enabled: false, days: 30, cookieName: 'otpkit_tb' },
      factors: ['totp'],
    });
  });

  it.each<[string, Partial<WebOptions>, RegExp]>([
    ['basePath', { basePath: 'auth' }, /createOtpWeb\.basePath/],
    ['basePath', { basePath: '//auth' }, /createOtpWeb\.basePath/],
    ['basePath', { basePath: '/' }, /createOtpWeb\.basePath/],
    ['afterLogin', { afterLogin: 'https://evil.test' }, /createOtpWeb\.afterLogin/],
    ['stepUpMs', { stepUpMs: 0 }, /createOtpWeb\.stepUpMs/],
    ['factors', { factors: ['sms' as never] }, /createOtpWeb\.factors/],
    ['trustedBrowsers', { trustedBrowsers: { days: 0 } }, /createOtpWeb\.trustedBrowsers\.days/],
    ['loadUser', { loadUser: 'nope' as never }, /createOtpWeb\.loadUser/],
    ['unknown', { colour: 'red' } as never, /createOtpWeb/],
  ])('refuses a bad %s with a TypeError naming it', async (_name, bad, message) => {
    const world = await createWorld();
    expect(() =>
      createOtpWeb({ otp: world.otp, store: memoryStore(), loadUser: () => null, ...bad }),
    ).toThrow(expect.objectContaining({ name: 'TypeError', message: expect.stringMatching(message) }));
  });
});
