import { isOtpError } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { enroll, T0 } from '../test-support/kind-harness.js';
import { recordingMailer } from '../test-support/recording-mailer.js';
import { emailCode } from './email-code.js';

const MINUTE = 60_000;

async function enrolledEmail(options: Record<string, unknown> = {}, email = 'alice@acme.test') {
  const box = recordingMailer();
  const kind = emailCode({ mailer: box.mailer, siteName: 'Acme', ...options });
  const h = await enroll(kind, { email });
  await h.deliver!();
  return { box, kind, h };
}

describe('emailCode options', () => {
  const mailer = recordingMailer().mailer;
  it.each([
    [{ siteName: 'Acme' }, 'Invalid option emailCode.mailer'],
    [{ mailer: {}, siteName: 'Acme' }, 'Invalid option emailCode.mailer'],
    [{ mailer }, 'Invalid option emailCode.siteName'],
    [{ mailer, siteName: ' ' }, 'Invalid option emailCode.siteName'],
    [{ mailer, siteName: 'Acme\r\nBcc: x@evil.test' }, 'Invalid option emailCode.siteName'],
    [{ mailer, siteName: 'Acme', digits: 5 }, 'Invalid option emailCode.digits'],
    [{ mailer, siteName: 'Acme', ttl: 59 }, 'Invalid option emailCode.ttl'],
    [{ mailer, siteName: 'Acme', cooldown: -1 }, 'Invalid option emailCode.cooldown'],
    [{ mailer, siteName: 'Acme', maxTries: 0 }, 'Invalid option emailCode.maxTries'],
    [{ mailer, siteName: 'Acme', subject: 'Your code' }, 'Invalid option emailCode.subject'],
    [{ mailer, siteName: 'Acme', from: 'x@acme.test' }, 'Invalid option emailCode'],
  ])('refuses %j with a TypeError naming the option', (options, message) => {
    expect(() => emailCode(options as never)).toThrow(TypeError);
    expect(() => emailCode(options as never)).toThrow(message);
  });
});

describe('emailCode enrollment', () => {
  it('sends a code to the address and stores only its hash, unconfirmed', async () => {
    const box = recordingMailer();
    const kind = emailCode({ mailer: box.mailer, siteName: 'Acme' });
    const h = await enroll(kind, { email: 'alice@acme.test' }, { now: T0 });
    expect(box.sent).toHaveLength(0); // nothing leaves before the service has stored the device
    await h.deliver!();
    expect(box.sent).toEqual([
      {
        to: 'alice@acme.test',
        subject: expect.any(String),
        text: expect.any(String),
        html: expect.any(String),
      },
    ]);
    const code = box.lastCode();
    expect(code).toMatch(/^\d{6}$/);
    expect(h.device.confirmed).toBe(false);
    expect(h.device.data).toEqual({
      email: 'alice@acme.test',
      digits: 6,
      codeHash: expect.any(String),
      expiresAt: T0 + 5 * MINUTE,
      tries: 0,
      lastSentAt: T0,
    });
    expect(JSON.stringify(h.device.data)).not.toContain(code);
    expect(kind.describe!(h.device)).toEqual({ email: 'alice@acme.test' });
    expect(h.verify(code, T0 + MINUTE, 'confirm')).toMatchObject({ ok: true });
  });

  it('asks the service to emit email.sent once delivered, and reveals nothing', async () => {
    const box = recordingMailer();
    const outcome = await emailCode({ mailer: box.mailer, siteName: 'Acme' }).enroll({
      deviceId: 'd1',
      userId: 'alice',
      name: 'Email',
      now: T0,
      crypto: { seal: () => '', open: () => new Uint8Array(), hash: () => 'h', verifyHash: () => false },
      deliveries: [],
      input: { email: 'alice@acme.test' },
    });
    expect(outcome).toMatchObject({ confirmed: false, reveal: {}, events: [{ type: 'email.sent' }] });
  });

  it.each([
    [' Alice.Smith@Example.COM ', 'Alice.Smith@example.com'],
    ['bob+2fa@sub.acme.test', 'bob+2fa@sub.acme.test'],
  ])('normalises %j to %j', async (email, stored) => {
    const { h, box } = await enrolledEmail({}, email);
    expect(h.device.data.email).toBe(stored);
    expect(box.sent[0]!.to).toBe(stored);
  });

  it.each([
    ['no domain dot', 'alice@acme'],
    ['a space', 'alice smith@acme.test'],
    ['a header injection', 'alice@acme.test\r\nBcc: everyone@acme.test'],
    ['a trailing line break', 'alice@acme.test\n'],
    ['a display name', 'Alice <alice@acme.test>'],
    ['two addresses', 'alice@acme.test, bob@acme.test'],
    ['an empty string', ''],
    ['a number', 42],
    ['an overlong address', `${'a'.repeat(60)}@${'b'.repeat(190)}.test`],
  ])('refuses an address with %s', async (_, email) => {
    const box = recordingMailer();
    const error = await enroll(emailCode({ mailer: box.mailer, siteName: 'Acme' }), { email }).catch(
      (e: unknown) => e,
    );
    expect(isOtpError(error, 'OTP_INVALID_INPUT')).toBe(true);
    expect(box.sent).toHaveLength(0);
  });

  it('refuses enrollment fields it does not know', async () => {
    const box = recordingMailer();
    const error = await enroll(emailCode({ mailer: box.mailer, siteName: 'Acme' }), {
      email: 'a@acme.test',
      cc: 'b@acme.test',
    }).catch((e: unknown) => e);
    expect(isOtpError(error, 'OTP_INVALID_INPUT')).toBe(true);
  });

  it('sends codes of the configured length', async () => {
    const { h, box } = await enrolledEmail({ digits: 8 });
    expect(box.lastCode()).toMatch(/^\d{8}$/);
    expect(h.verify('123456', T0)).toBe('malformed');
  });
});

describe('emailCode challenge', () => {
  it('refuses to send again within the cooldown, telling how long to wait', async () => {
    const { h, box } = await enrolledEmail();
    expect(await h.challenge(T0 + 45_000)).toEqual({ sent: false, reason: 'cooldown', retryAfterMs: 15_000 });
    expect(box.sent).toHaveLength(1);
  });

  it('sends a fresh code once the cooldown has passed, with a fresh lifetime and try count', async () => {
    const { h, box } = await enrolledEmail();
    h.verify('000000', T0 + 1_000);
    const outcome = await h.challenge(T0 + MINUTE);
    expect(outcome).toMatchObject({ sent: true, events: [{ type: 'email.sent' }] });
    if (!outcome.sent) throw new Error('not sent');
    expect(box.sent).toHaveLength(1); // sending waits for the service to commit first
    await outcome.deliver();
    expect(box.sent).toHaveLength(2);
    expect(h.device.data).toMatchObject({ tries: 0, lastSentAt: T0 + MINUTE, expiresAt: T0 + 6 * MINUTE });
    expect(h.verify(box.lastCode(), T0 + 2 * MINUTE)).toMatchObject({ ok: true });
  });

  it('honours a custom cooldown, and none at all with 0', async () => {
    const slow = await enrolledEmail({ cooldown: 120 });
    expect(await slow.h.challenge(T0 + 100_000)).toMatchObject({ sent: false, retryAfterMs: 20_000 });
    const eager = await enrolledEmail({ cooldown: 0 });
    expect(await eager.h.challenge(T0)).toMatchObject({ sent: true });
  });

  it('reverts an undelivered code: no code, and no cooldown so the user may retry', async () => {
    const { h } = await enrolledEmail();
    const outcome = await h.challenge(T0 + MINUTE);
    if (!outcome.sent) throw new Error('not sent');
    const reverted = outcome.revert(h.device.data);
    expect(reverted).toMatchObject({ codeHash: null, expiresAt: null, lastSentAt: null, tries: 0 });
  });

  it('leaves a later code alone when reverting an earlier send', async () => {
    const { h } = await enrolledEmail({ cooldown: 0 });
    const first = await h.challenge(T0 + 1);
    const second = await h.challenge(T0 + 2);
    if (!first.sent || !second.sent) throw new Error('not sent');
    expect(first.revert(h.device.data)).toBe(h.device.data);
  });
});

describe('emailCode verify', () => {
  it('counts a wrong code as a try and keeps the code alive', async () => {
    const { h, box } = await enrolledEmail();
    expect(h.verify('000000' === box.lastCode() ? '111111' : '000000', T0)).toEqual({
      ok: false,
      reason: 'invalid',
      data: expect.objectContaining({ tries: 1 }),
    });
    expect(h.verify(box.lastCode(), T0)).toMatchObject({ ok: true });
  });

  it('is expired at the end of its lifetime, not before', async () => {
    const { h, box } = await enrolledEmail({ ttl: 120 });
    const code = box.lastCode();
    expect(h.verify(code, T0 + 2 * MINUTE)).toEqual({ ok: false, reason: 'expired' });
    const again = await enrolledEmail({ ttl: 120 });
    expect(again.h.verify(again.box.lastCode(), T0 + 2 * MINUTE - 1)).toMatchObject({ ok: true });
  });

  it('reports expired when no code was ever sent or the last one was used', async () => {
    const { h, box } = await enrolledEmail();
    const code = box.lastCode();
    expect(h.verify(code, T0)).toMatchObject({ ok: true });
    expect(h.verify(code, T0)).toEqual({ ok: false, reason: 'expired' });
    expect(h.verify('123456', T0)).toEqual({ ok: false, reason: 'expired' });
  });

  it('clears the code on success, keeping the address and the send time', async () => {
    const { h, box } = await enrolledEmail();
    h.verify(box.lastCode(), T0);
    expect(h.device.data).toEqual({
      email: 'alice@acme.test',
      digits: 6,
      codeHash: null,
      expiresAt: null,
      tries: 0,
      lastSentAt: T0,
    });
  });
});
