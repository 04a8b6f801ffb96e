// Threat: an emailed code is used more than intended: replayed after its owner used it (from the
// inbox of a shared or compromised mailbox), used after its lifetime, guessed by trying many
// values against one code, or taken from an older message after a newer code was requested; and
// a burst of requests either accepts one code twice or floods the inbox past the cooldown.
import { describe, expect, it } from 'vitest';
import { race } from '../test-support/race.js';
import { recordingMailer } from '../test-support/recording-mailer.js';
import { service } from '../test-support/service.js';
import { emailCode } from './email-code.js';

const MINUTE = 60_000;

async function signedUp(options: { maxTries?: number; ttl?: number; throttle?: { factor: number } } = {}) {
  const { throttle = { factor: 0 }, ...kindOptions } = options;
  const box = recordingMailer();
  const env = service({
    kinds: [emailCode({ mailer: box.mailer, siteName: 'Acme', ...kindOptions })],
    throttle,
  });
  const { device } = await env.otp.enroll({ userId: 'alice', kind: 'email', email: 'alice@acme.test' });
  expect(
    await env.otp.confirm({ userId: 'alice', deviceId: device.id, token: box.lastCode() }),
  ).toMatchObject({ ok: true });
  const challenge = async () => {
    env.advance(MINUTE); // past the cooldown
    expect(await env.otp.challenge({ userId: 'alice', deviceId: device.id })).toEqual({ sent: true });
    return box.lastCode();
  };
  const verify = (token: string) => env.otp.verifyToken({ userId: 'alice', token });
  /** A six-digit code other than `code`. */
  const wrong = (code: string, n = 0) => String((Number(code) + 1 + n) % 1_000_000).padStart(6, '0');
  return { ...env, box, device, challenge, verify, wrong };
}

describe('email code reuse and lifetime', () => {
  it('rejects a code once it has been used', async () => {
    const { challenge, verify } = await signedUp();
    const code = await challenge();
    expect(await verify(code)).toMatchObject({ ok: true });
    expect(await verify(code)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects the code that confirmed the enrollment at the first login', async () => {
    const { box, verify } = await signedUp();
    expect(await verify(box.lastCode())).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a code used after its lifetime, and accepts it just before', async () => {
    const early = await signedUp({ ttl: 300 });
    const code = await early.challenge();
    early.advance(5 * MINUTE - 1);
    expect(await early.verify(code)).toMatchObject({ ok: true });

    const late = await signedUp({ ttl: 300 });
    const lateCode = await late.challenge();
    late.advance(5 * MINUTE);
    expect(await late.verify(lateCode)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a code from a previous challenge once a new one was sent', async () => {
    const { challenge, verify } = await signedUp();
    let first = await challenge();
    let second = await challenge();
    // One chance in a million that two codes coincide: send again until they differ.
    while (second === first) [first, second] = [second, await challenge()];
    expect(await verify(first)).toMatchObject({ ok: false });
    expect(await verify(second)).toMatchObject({ ok: true });
  });
});

describe('email code tries', () => {
  it('refuses the right code on the sixth try after five wrong ones', async () => {
    const { challenge, verify, wrong } = await signedUp();
    const code = await challenge();
    for (let i = 0; i < 5; i++)
      expect(await verify(wrong(code, i))).toEqual({ ok: false, reason: 'invalid' });
    expect(await verify(code)).toEqual({ ok: false, reason: 'expired' });
  });

  it('still accepts the right code on the fifth try', async () => {
    const { challenge, verify, wrong } = await signedUp();
    const code = await challenge();
    for (let i = 0; i < 4; i++) await verify(wrong(code, i));
    expect(await verify(code)).toMatchObject({ ok: true });
  });

  it('honours maxTries, and a fresh code gets fresh tries', async () => {
    const { challenge, verify, wrong } = await signedUp({ maxTries: 2 });
    const code = await challenge();
    await verify(wrong(code));
    await verify(wrong(code, 1));
    expect(await verify(code)).toEqual({ ok: false, reason: 'expired' });
    const next = await challenge();
    await verify(wrong(next));
    expect(await verify(next)).toMatchObject({ ok: true });
  });
});

describe('email codes under concurrency', () => {
  it('accepts one code exactly once when 50 submissions race', async () => {
    // The default throttle: after the winner, one loser records its failure and the rest re-read
    // into the delay, so the race settles in a few rounds and nobody fails with a conflict.
    const { challenge, verify } = await signedUp({ throttle: { factor: 1 } });
    const code = await challenge();
    const { accepted, refused, gaveUp } = await race(Array.from({ length: 50 }, () => () => verify(code)));
    expect(accepted).toHaveLength(1);
    expect(gaveUp).toBe(0);
    expect(refused.filter((r) => !r.ok && r.reason === 'expired')).toHaveLength(1);
    expect(refused.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(48);
  });

  it('sends one message when 20 challenges race', async () => {
    const { otp, device, box, advance } = await signedUp();
    advance(MINUTE);
    const before = box.sent.length;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => otp.challenge({ userId: 'alice', deviceId: device.id })),
    );
    expect(results.filter((r) => r.sent)).toHaveLength(1);
    expect(results.filter((r) => !r.sent && r.reason === 'cooldown')).toHaveLength(19);
    expect(box.sent.length - before).toBe(1);
  });
});
