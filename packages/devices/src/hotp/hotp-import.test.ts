import { isOtpError } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { service } from '../test-support/service.js';
import { hotp } from './hotp.js';

const SEED_HEX = Buffer.from('12345678901234567890').toString('hex');
/** RFC 4226 Appendix D: the codes for counters 0–9. */
const RFC4226 = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

async function imported(fields: Record<string, unknown>) {
  const env = service({ kinds: [hotp()] });
  const r = await env.otp.importDevice({
    userId: 'alice',
    kind: 'hotp',
    importKey: 'src:1',
    secret: SEED_HEX,
    encoding: 'hex',
    ...fields,
  });
  return { env, r };
}

describe('hotp import', () => {
  it.each([
    { counter: 0, accepted: 0 },
    { counter: 3, accepted: 3 },
    { counter: 3, accepted: 8 }, // within the kind's look-ahead of 5
  ])('carries counter $counter over: the code of counter $accepted works', async ({ counter, accepted }) => {
    const { env, r } = await imported({ counter });
    expect(r).toMatchObject({ imported: true, device: { kind: 'hotp', confirmed: true } });
    expect(await env.otp.verifyToken({ userId: 'alice', token: RFC4226[accepted] })).toMatchObject({
      ok: true,
    });
  });

  it('refuses a code below the imported counter: it was spent at the source', async () => {
    const { env } = await imported({ counter: 5 });
    expect(await env.otp.verifyToken({ userId: 'alice', token: RFC4226[4] })).toMatchObject({ ok: false });
  });

  it('honours 8 digits', async () => {
    const { env } = await imported({ digits: 8 });
    // RFC 4226's HOTP value for counter 0 is 1284755224: its last eight digits.
    expect(await env.otp.verifyToken({ userId: 'alice', token: '84755224' })).toMatchObject({ ok: true });
  });

  it.each([
    { field: 'secret', fields: { secret: 'not hex' } },
    { field: 'counter', fields: { counter: -1 } },
    { field: 'counter', fields: { counter: 2 ** 53 } },
    { field: 'digits', fields: { digits: 5 } },
    { field: 'tolerance', fields: { tolerance: 5 } },
  ])('refuses a bad $field, naming it', async ({ field, fields }) => {
    const error = await imported(fields).catch((e: unknown) => e);
    expect(isOtpError(error, 'OTP_INVALID_INPUT')).toBe(true);
    expect((error as { details: { field: string } }).details.field).toBe(field);
  });
});
