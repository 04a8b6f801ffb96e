import { isOtpError } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { service } from '../test-support/service.js';
import { backupCodes } from './backup-codes.js';
import { parseLegacyToken } from './legacy-static-tokens.js';

async function withTokens(tokens: unknown, env = service({ kinds: [backupCodes()] }), key = 'static:1') {
  const r = await env.otp.importDevice({ userId: 'alice', kind: 'backup-codes', importKey: key, tokens });
  return { env, r };
}

describe('legacy static tokens', () => {
  // django-otp looks a token up with `token=…`: exact on SQLite and PostgreSQL; Django's form strips
  // surrounding white space first.
  it.each([
    { input: 'abcd2345', output: 'abcd2345' },
    { input: '  abcd2345\t', output: 'abcd2345' },
    { input: 'ABCD2345', output: 'ABCD2345' },
    { input: 'x', output: 'x' },
    { input: 'a-b c', output: 'a-b c' },
    { input: '0123456789abcdef', output: '0123456789abcdef' },
    { input: '0123456789abcdefg', output: null },
    { input: '', output: null },
    { input: '   ', output: null },
    { input: 'ab\u0000cd', output: null },
    { input: 42, output: null },
  ])('reads $input as $output', ({ input, output }) => {
    expect(parseLegacyToken(input)).toBe(output);
  });

  it('accepts an imported token exactly, once, and not in another case', async () => {
    const { env, r } = await withTokens(['abcd2345', 'qrst6789']);
    expect(r).toMatchObject({ imported: true, device: { kind: 'backup-codes', details: { remaining: 2 } } });
    expect(await env.otp.verifyToken({ userId: 'alice', token: 'ABCD2345' })).toMatchObject({ ok: false });
    env.advance(5_000);
    expect(await env.otp.verifyToken({ userId: 'alice', token: ' abcd2345 ' })).toMatchObject({ ok: true });
    expect(await env.otp.verifyToken({ userId: 'alice', token: 'abcd2345' })).toMatchObject({
      ok: false,
      reason: 'replayed',
    });
    env.advance(5_000);
    expect(await env.otp.verifyToken({ userId: 'alice', token: 'qrst6789' })).toMatchObject({ ok: true });
  });

  it('merges into the set the user has, whose own codes keep working as typed', async () => {
    const env = service({ kinds: [backupCodes()] });
    const { codes } = await env.otp.regenerateBackupCodes({ userId: 'alice' });
    await withTokens(['legacy01'], env);
    const devices = await env.otp.listDevices({ userId: 'alice' });
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ details: { remaining: 11 } });
    expect(await env.otp.verifyToken({ userId: 'alice', token: codes[0]!.toUpperCase() })).toMatchObject({
      ok: true,
    });
    expect(await env.otp.verifyToken({ userId: 'alice', token: 'legacy01' })).toMatchObject({ ok: true });
  });

  it('keeps both of two equal tokens, as django-otp keeps both rows', async () => {
    const { env } = await withTokens(['same1234', 'same1234']);
    expect(await env.otp.verifyToken({ userId: 'alice', token: 'same1234' })).toMatchObject({ ok: true });
    expect(await env.otp.verifyToken({ userId: 'alice', token: 'same1234' })).toMatchObject({ ok: true });
  });

  it.each([
    { why: 'no list', tokens: 'abcd2345' },
    { why: 'an empty list', tokens: [] },
    { why: 'a token too long', tokens: ['a'.repeat(17)] },
    { why: 'a token with a line break', tokens: ['ab\ncd'] },
    { why: 'a token with spaces around', tokens: [' abcd'] },
    { why: 'a token that is no text', tokens: [12345678] },
    { why: 'more than the set holds', tokens: Array.from({ length: 101 }, (_, i) => `t${i}`) },
  ])('refuses $why, naming the field tokens', async ({ tokens }) => {
    const error = await withTokens(tokens).catch((e: unknown) => e);
    expect(isOtpError(error, 'OTP_INVALID_INPUT')).toBe(true);
    expect((error as { details: { field: string } }).details.field).toMatch(/^tokens/);
  });
});
