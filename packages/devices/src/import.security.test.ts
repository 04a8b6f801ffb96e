// Threat: an import carries another system's secrets (TOTP and HOTP keys, static tokens) in clear.
// They must not reach the store, device lists, events or the errors a bad row raises (which end up
// in import reports and logs) in any spelling; and imported static tokens must not become easier to
// guess or reuse than they were at the source: no case folding, no reuse once spent, no match for
// another set's normalisation.
import { isOtpError } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { backupCodes } from './backup-codes/backup-codes.js';
import { hotp } from './hotp/hotp.js';
import { service } from './test-support/service.js';
import { totp } from './totp/totp.js';

const KEY = 'd1c8a2f04e7b93a6c55e0f1b2d3c4a5b6e7f8091';
const SHORT_KEY = 'a1b2c3d4e5f6a7b8c9d0';
const TOKENS = ['zq7xk2mw', 'Legacy-Token-9'];

function spellings(hex: string): string[] {
  const bytes = Buffer.from(hex, 'hex');
  return [hex, hex.toUpperCase(), bytes.toString('base64'), bytes.toString('base64url').replace(/=+$/, '')];
}

describe('imported secrets and tokens', () => {
  it('appear nowhere in clear: stored data, device lists, events, or the errors of refused rows', async () => {
    const env = service({
      kinds: [totp({ issuer: 'Acme' }), hotp(), backupCodes()],
      throttle: { factor: 0 },
    });
    const { otp } = env;
    const base = { userId: 'alice', encoding: 'hex' as const };
    await otp.importDevice({ ...base, kind: 'totp', importKey: 't', secret: KEY, lastStep: null });
    await otp.importDevice({ ...base, kind: 'hotp', importKey: 'h', secret: KEY, counter: 7 });
    await otp.importDevice({ userId: 'alice', kind: 'backup-codes', importKey: 's', tokens: TOKENS });
    const errors: unknown[] = [];
    for (const fields of [
      { kind: 'totp', secret: SHORT_KEY, encoding: 'hex' },
      { kind: 'totp', secret: `${KEY}zz`, encoding: 'hex' },
      { kind: 'hotp', secret: KEY, encoding: 'hex', counter: -1 },
      { kind: 'backup-codes', tokens: [...TOKENS, 'x'.repeat(40)] },
      { kind: 'backup-codes', tokens: [`${TOKENS[0]}\n`] },
    ]) {
      await otp
        .importDevice({ userId: 'alice', importKey: `bad-${errors.length}`, ...fields })
        .catch((error) => {
          errors.push(error);
        });
    }
    expect(errors).toHaveLength(5);
    expect(errors.every((error) => isOtpError(error, 'OTP_INVALID_INPUT'))).toBe(true);

    const visible = [
      JSON.stringify(await env.store.loadUser('alice')),
      JSON.stringify(await otp.listDevices({ userId: 'alice' })),
      JSON.stringify(env.events),
      ...errors.map((error) => `${(error as Error).message} ${JSON.stringify(error)}`),
    ].join('\n');
    for (const secret of [...spellings(KEY), ...spellings(SHORT_KEY), ...TOKENS]) {
      expect(visible).not.toContain(secret);
    }
  });

  it.each([
    { typed: 'ZQ7XK2MW', why: 'another case' },
    { typed: 'zq7xk2mv', why: 'one letter off' },
    { typed: 'zq7x-k2mw', why: 'a dash inside' },
    { typed: 'zq7xk2mw0', why: 'one more character' },
    { typed: 'legacy-token-9', why: 'a token typed in lower case' },
    { typed: 'LegacyToken9', why: 'a token without its dashes' },
  ])('a static token is not matched by $why', async ({ typed }) => {
    const env = service({ kinds: [backupCodes()], throttle: { factor: 0 } });
    await env.otp.importDevice({ userId: 'alice', kind: 'backup-codes', importKey: 's', tokens: TOKENS });
    expect(await env.otp.verifyToken({ userId: 'alice', token: typed })).toMatchObject({ ok: false });
  });

  it('a static token works once, even when two logins race with it', async () => {
    const env = service({ kinds: [backupCodes()], throttle: { factor: 0 } });
    await env.otp.importDevice({ userId: 'alice', kind: 'backup-codes', importKey: 's', tokens: TOKENS });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => env.otp.verifyToken({ userId: 'alice', token: TOKENS[1] })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // Importing the same device again does not bring the spent token back.
    await env.otp.importDevice({ userId: 'alice', kind: 'backup-codes', importKey: 's', tokens: TOKENS });
    expect(await env.otp.verifyToken({ userId: 'alice', token: TOKENS[1] })).toMatchObject({
      ok: false,
      reason: 'replayed',
    });
  });
});
