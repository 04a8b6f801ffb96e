// Threat: an HOTP code that was already used (seen over a shoulder, captured by a phishing proxy,
// or pressed and typed twice) is accepted again because the counter can be moved backwards: by
// verify looking behind the counter, by a resync to an earlier position, or by a stale write.
import { generateHotp } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { enroll } from '../test-support/kind-harness.js';
import { hotp } from './hotp.js';

const SEED = Buffer.from('3132333435363738393031323334353637383930', 'hex');
const code = (counter: number) => generateHotp({ secret: SEED, counter });

async function token() {
  return enroll(hotp(), { secret: SEED.toString('hex'), encoding: 'hex' });
}

describe('HOTP counter never goes backwards', () => {
  it('rejects every spent code, however recent', async () => {
    const h = await token();
    for (let n = 0; n < 10; n++) expect(h.verify(code(n), 0)).toMatchObject({ ok: true });
    for (let n = 0; n < 10; n++) expect(h.verify(code(n), 0)).toEqual({ ok: false, reason: 'invalid' });
    expect(h.device.data.counter).toBe(10);
  });

  it('rejects codes skipped over by a look-ahead match', async () => {
    const h = await token();
    expect(h.verify(code(4), 0)).toMatchObject({ ok: true });
    for (const n of [0, 1, 2, 3, 4]) expect(h.verify(code(n), 0)).toMatchObject({ ok: false });
    expect(h.device.data.counter).toBe(5);
  });

  it('refuses a resync onto spent counters', async () => {
    const h = await token();
    for (let n = 0; n < 20; n++) h.verify(code(n), 0);
    expect(h.resync([code(10), code(11)], 0)).toEqual({ ok: false, reason: 'invalid' });
    expect(h.resync([code(19), code(20)], 0)).toEqual({ ok: false, reason: 'invalid' });
    expect(h.device.data.counter).toBe(20);
  });

  it('only ever increases the counter over a mixed run of verifies and resyncs', async () => {
    const h = await token();
    let previous = h.device.data.counter;
    const moves: Array<[string, number]> = [
      ['verify', 2],
      ['verify', 1],
      ['resync', 30],
      ['verify', 31],
      ['verify', 33],
      ['resync', 20],
      ['verify', 40],
      ['verify', 34],
      ['resync', 34],
    ];
    for (const [move, at] of moves) {
      if (move === 'verify') h.verify(code(at), 0);
      else h.resync([code(at), code(at + 1)], 0);
      expect(h.device.data.counter).toBeGreaterThanOrEqual(previous);
      previous = h.device.data.counter;
    }
    expect(previous).toBe(35);
  });
});
