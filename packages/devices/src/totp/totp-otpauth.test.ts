// Cross-check with an independent implementation: the otpauth library reads the key URI our
// enrollment returns and generates codes the way an authenticator app would; our verify must
// accept them. A disagreement on base32, the URI's parameters or the algorithm shows up here.
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { enroll, T0 } from '../test-support/kind-harness.js';
import { service } from '../test-support/service.js';
import { totp } from './totp.js';
import type { TotpOptions } from './totp-options.js';

describe('TOTP codes from otpauth', () => {
  it.each<[string, Partial<TotpOptions>]>([
    ['the defaults', {}],
    ['SHA256, 8 digits', { algorithm: 'SHA256', digits: 8 }],
    ['SHA512, 7 digits, 60 s', { algorithm: 'SHA512', digits: 7, period: 60 }],
    ['an issuer with reserved characters', { issuer: 'Acme & Co / Admin?' }],
  ])('are accepted for a URI enrolled with %s', async (_, options) => {
    const h = await enroll(totp({ issuer: 'Acme', ...options }), { label: 'alice+admin@acme.test' });
    const app = OTPAuth.URI.parse(h.reveal.uri as string);
    expect(app).toBeInstanceOf(OTPAuth.TOTP);
    expect(app.secret.base32).toBe(h.reveal.secret);
    expect(app.label).toBe('alice+admin@acme.test');
    expect(app.issuer).toBe(options.issuer ?? 'Acme');

    const period = options.period ?? 30;
    for (let n = 0; n < 5; n++) {
      const time = T0 + n * period * 1000 + 1_234;
      const code = (app as OTPAuth.TOTP).generate({ timestamp: time });
      expect(h.verify(code, time)).toMatchObject({ ok: true });
    }
  });

  it('are accepted for an imported secret, and otpauth validates ours in turn', async () => {
    const secret = new OTPAuth.Secret({ size: 32 });
    const h = await enroll(totp({ issuer: 'Acme' }), { secret: secret.base32 });
    const app = new OTPAuth.TOTP({ secret, issuer: 'Acme', label: 'alice' });
    expect(h.verify(app.generate({ timestamp: T0 }), T0)).toMatchObject({ ok: true });
    expect(OTPAuth.URI.parse(h.reveal.uri as string).secret.base32).toBe(secret.base32);
  });
});

describe('TOTP codes from otpauth through the service', () => {
  it('confirm the enrollment and sign in at later steps', async () => {
    const env = service({ kinds: [totp({ issuer: 'Acme', algorithm: 'SHA256' })] });
    const { device, uri } = await env.otp.enroll({ userId: 'alice', kind: 'totp', label: 'alice@acme.test' });
    const app = OTPAuth.URI.parse(uri!) as OTPAuth.TOTP;
    expect(
      await env.otp.confirm({
        userId: 'alice',
        deviceId: device.id,
        token: app.generate({ timestamp: env.now() }),
      }),
    ).toMatchObject({
      ok: true,
    });
    for (let i = 1; i <= 3; i++) {
      env.advance(30_000);
      expect(
        await env.otp.verifyToken({ userId: 'alice', token: app.generate({ timestamp: env.now() }) }),
      ).toMatchObject({
        ok: true,
        kind: 'totp',
      });
    }
  });
});
