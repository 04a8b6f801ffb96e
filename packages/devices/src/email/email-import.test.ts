import { isOtpError } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { recordingMailer } from '../test-support/recording-mailer.js';
import { service } from '../test-support/service.js';
import { emailCode } from './email-code.js';

function setup(digits = 6) {
  const box = recordingMailer();
  const env = service({ kinds: [emailCode({ mailer: box.mailer, siteName: 'Acme', digits })] });
  return { env, box };
}

describe('email import', () => {
  it('imports the address without sending anything, and sends a working code at the next challenge', async () => {
    const { env, box } = setup(8);
    const r = await env.otp.importDevice({
      userId: 'alice',
      kind: 'email',
      importKey: 'src:1',
      email: 'Alice@Example.COM',
    });
    expect(r).toMatchObject({
      imported: true,
      device: { kind: 'email', details: { email: 'Alice@example.com' } },
    });
    expect(box.sent).toHaveLength(0);
    if (!r.imported) throw new Error('not imported');
    expect(await env.otp.challenge({ userId: 'alice', deviceId: r.device.id })).toEqual({ sent: true });
    const code = box.lastCode();
    expect(await env.otp.verifyToken({ userId: 'alice', token: code })).toMatchObject({ ok: true });
  });

  it.each([
    { why: 'no address', fields: {} },
    { why: 'an address with a line break', fields: { email: 'a@b.test\r\nBcc: c@d.test' } },
    { why: 'no address at all', fields: { email: 'alice' } },
    { why: 'a code in force', fields: { email: 'a@b.test', token: '123456' } },
  ])('refuses $why', async ({ fields }) => {
    const { env } = setup();
    const error = await env.otp
      .importDevice({ userId: 'alice', kind: 'email', importKey: 'src:1', ...fields })
      .catch((e: unknown) => e);
    expect(isOtpError(error, 'OTP_INVALID_INPUT')).toBe(true);
  });
});
