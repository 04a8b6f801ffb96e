// Threat: an attacker (or two app instances) submits the same code many times at once, hoping that
// several requests read the device before any of them records the code as used, so that one
// intercepted code opens several sessions; or fires a burst of guesses that all get checked before
// the first failure is recorded, outrunning the throttle.
import { describe, expect, it } from 'vitest';
import { sequenceCode } from './test-kind.js';
import { setup } from './test-setup.js';

async function enrolled(env: ReturnType<typeof setup>) {
  const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
  const seed = e.seed as string;
  await env.otp.confirm({ userId: 'alice', deviceId: e.device.id, token: sequenceCode(seed, 0) });
  return (n: number) => sequenceCode(seed, n);
}

describe('racing verifications', () => {
  it('accepts one code exactly once when 50 verifyToken calls race', async () => {
    const env = setup();
    const code = await enrolled(env);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => env.otp.verifyToken({ userId: 'alice', token: code(1) })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The losers re-read: one records the replay as a failure, which starts the delay for the rest.
    expect(results.filter((r) => !r.ok && r.reason === 'replayed')).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(48);
    expect((await env.otp.status({ userId: 'alice' })).failures).toBe(1);
  });

  it('counts every racing failure exactly once when delays are disabled', async () => {
    const env = setup({ throttle: { factor: 0 } });
    const code = await enrolled(env);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => env.otp.verifyToken({ userId: 'alice', token: code(1) })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'replayed')).toHaveLength(5);
    expect((await env.otp.status({ userId: 'alice' })).failures).toBe(5);
  });

  it('counts exactly the failures it reports when wrong codes race', async () => {
    const env = setup();
    await enrolled(env);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => env.otp.verifyToken({ userId: 'alice', token: '000000' })),
    );
    const counted = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    expect(counted).toBe(1);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(49);
    expect((await env.otp.status({ userId: 'alice' })).failures).toBe(counted);
  });

  it('refuses a correct guess hidden in a burst once a failure from the burst has landed', async () => {
    const env = setup();
    const code = await enrolled(env);
    const tokens = [...Array.from({ length: 20 }, () => '000000'), code(1)];
    const results = await Promise.all(tokens.map((token) => env.otp.verifyToken({ userId: 'alice', token })));
    // Every racer read the same snapshot; the first commit wins and every other one re-reads.
    const accepted = results.filter((r) => r.ok).length;
    const counted = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    expect(accepted + counted).toBe(1);
    expect(results.at(-1)).toEqual(
      accepted
        ? { ok: true, userId: 'alice', deviceId: expect.any(String), kind: 'sequence' }
        : { ok: false, reason: 'throttled', retryAfterMs: expect.any(Number) },
    );
  });
});
