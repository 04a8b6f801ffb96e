import { isOtpError } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { type Enrolled, enroll } from '../test-support/kind-harness.js';
import { service } from '../test-support/service.js';
import { type BackupCodesData, backupCodes, MAX_SET_SIZE } from './backup-codes.js';

describe('backupCodes options', () => {
  it.each([
    [{ count: 0 }, 'Invalid option backupCodes.count'],
    [{ count: 51 }, 'Invalid option backupCodes.count'],
    [{ length: 8 }, 'Invalid option backupCodes.length'],
    [{ length: 21 }, 'Invalid option backupCodes.length'],
    [{ size: 10 }, 'Invalid option backupCodes'],
  ])('refuses %j with a TypeError naming the option', (options, message) => {
    expect(() => backupCodes(options as never)).toThrow(TypeError);
    expect(() => backupCodes(options as never)).toThrow(message);
  });

  it('is a confirmed, singleton recovery kind', () => {
    expect(backupCodes()).toMatchObject({ kind: 'backup-codes', singleton: true, recovery: true });
  });
});

describe('backupCodes enrollment', () => {
  it('reveals ten distinct codes shown as xxxxx-xxxxx, confirmed at once', async () => {
    const h = await enroll(backupCodes());
    const codes = h.reveal.codes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(h.device.confirmed).toBe(true);
  });

  it('honours count and length', async () => {
    const h = await enroll(backupCodes({ count: 3, length: 15 }));
    expect(h.reveal.codes).toEqual([
      expect.stringMatching(/^\w{5}-\w{5}-\w{5}$/),
      expect.any(String),
      expect.any(String),
    ]);
  });

  it('stores only keyed hashes: no code in any form in the data', async () => {
    const h = await enroll(backupCodes());
    const stored = JSON.stringify(h.device.data);
    for (const code of h.reveal.codes as string[]) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace('-', ''));
    }
    expect(h.device.data.codes).toHaveLength(10);
    expect(h.device.data.codes.every((entry) => entry.usedAt === null)).toBe(true);
  });

  it('refuses enrollment fields it does not know', async () => {
    const error = await enroll(backupCodes(), { size: 20 }).catch((e: unknown) => e);
    expect(isOtpError(error, 'OTP_INVALID_INPUT')).toBe(true);
  });

  it('makes as many codes as the enrollment asks for', async () => {
    const h = await enroll(backupCodes(), { count: 1 });
    expect(h.reveal.codes).toEqual([expect.stringMatching(/^\w{5}-\w{5}$/)]);
    expect(h.device.data.codes).toHaveLength(1);
  });

  it.each([0, 101, 1.5, '3'])('refuses an enrollment count of %j', async (count) => {
    const error = await enroll(backupCodes(), { count }).catch((e: unknown) => e);
    expect(isOtpError(error, 'OTP_INVALID_INPUT')).toBe(true);
  });
});

describe('backupCodes verify', () => {
  it('accepts each code once, in any order and typed loosely, counting down what remains', async () => {
    const kind = backupCodes({ count: 4 });
    const h = await enroll(kind);
    const codes = h.reveal.codes as string[];
    const typed = [
      codes[2]!.toUpperCase(),
      codes[0]!.replace('-', ' '),
      codes[3]!,
      codes[1]!.replace('-', ''),
    ];
    typed.forEach((code, i) => {
      expect(h.verify(code, 1000 + i)).toEqual({
        ok: true,
        data: expect.any(Object),
        events: [{ type: 'backup-code.used', remaining: 3 - i }],
      });
      expect(kind.describe!(h.device)).toEqual({ remaining: 3 - i });
    });
    expect(h.device.data.codes.map((entry) => entry.usedAt).sort()).toEqual([1000, 1001, 1002, 1003]);
  });

  it('accepts O for 0 and I or L for 1', async () => {
    // 400 symbols: the chance that none is a 0 or a 1 is about 10^-11.
    const h = await enroll(backupCodes({ count: 20, length: 20 }));
    const codes = h.reveal.codes as string[];
    const misread = codes.map((code, i) => code.replaceAll('0', 'O').replaceAll('1', i % 2 ? 'I' : 'l'));
    expect(misread).not.toEqual(codes);
    for (const code of misread) expect(h.verify(code, 0)).toMatchObject({ ok: true });
  });

  it('rejects a well-formed code that is not in the set', async () => {
    const h = await enroll(backupCodes());
    expect(h.verify('zzzzz-zzzzz', 0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('never sees digit codes: a 6- or 8-digit input is not a backup code', async () => {
    const h = await enroll(backupCodes());
    expect(h.verify('123456', 0)).toBe('malformed');
    expect(h.verify('12345678', 0)).toBe('malformed');
  });

  it('does not accept a code of one set on another', async () => {
    const first = await enroll(backupCodes());
    const second = await enroll(backupCodes());
    expect(second.verify((first.reveal.codes as string[])[0], 0)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('backupCodes extend', () => {
  /** Extend the harness's device the way the service would, committing the new data. */
  const extend = (kind: ReturnType<typeof backupCodes>, h: Enrolled<BackupCodesData>, count: number) => {
    const result = kind.extend!({ device: h.device, now: 5000, crypto: h.crypto, count });
    h.device = { ...h.device, data: result.data, version: h.device.version + 1 };
    return result.codes;
  };

  it('adds codes that each work once, and keeps the codes already given', async () => {
    const kind = backupCodes({ count: 2 });
    const h = await enroll(kind);
    const old = h.reveal.codes as string[];
    expect(h.verify(old[0], 1000)).toMatchObject({ ok: true });
    const added = extend(kind, h, 3);
    expect(added).toHaveLength(3);
    for (const code of added) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(kind.describe!(h.device)).toEqual({ remaining: 4 });
    expect(JSON.stringify(h.device.data)).not.toContain(added[0]!.replace('-', ''));

    expect(h.verify(old[0], 2000)).toEqual({ ok: false, reason: 'replayed' });
    expect(h.verify(old[1], 2000)).toMatchObject({ ok: true });
    for (const code of added) expect(h.verify(code, 3000)).toMatchObject({ ok: true });
    expect(h.verify(added[0], 4000)).toEqual({ ok: false, reason: 'replayed' });
    expect(kind.describe!(h.device)).toEqual({ remaining: 0 });
  });

  it(`keeps a set within ${MAX_SET_SIZE} codes by dropping the oldest spent ones`, async () => {
    const kind = backupCodes({ count: 50 });
    const h = await enroll(kind);
    const first = h.reveal.codes as string[];
    for (const [i, code] of first.entries()) expect(h.verify(code, 1000 + i)).toMatchObject({ ok: true });
    extend(kind, h, 60);
    expect(h.device.data.codes).toHaveLength(MAX_SET_SIZE);
    // The ten oldest spent codes made room: they no longer read as replayed, the others still do.
    expect(h.verify(first[0], 9000)).toEqual({ ok: false, reason: 'invalid' });
    expect(h.verify(first[10], 9000)).toEqual({ ok: false, reason: 'replayed' });
  });

  it(`refuses to hold more than ${MAX_SET_SIZE} unused codes`, async () => {
    const kind = backupCodes({ count: 50 });
    const h = await enroll(kind);
    extend(kind, h, 50);
    let error: unknown;
    try {
      extend(kind, h, 1);
    } catch (caught) {
      error = caught;
    }
    expect(isOtpError(error, 'OTP_INVALID_INPUT')).toBe(true);
    expect(h.device.data.codes).toHaveLength(MAX_SET_SIZE);
  });

  it('backs otp.addBackupCodes: creates a set of the asked size, then adds to it', async () => {
    const env = service({ kinds: [backupCodes()] });
    const first = await env.otp.addBackupCodes({ userId: 'alice' });
    expect(first.codes).toHaveLength(1);
    expect(first.device.details).toEqual({ remaining: 1 });
    const more = await env.otp.addBackupCodes({ userId: 'alice', count: 2 });
    expect(more.device.id).toBe(first.device.id);
    expect(more.device.details).toEqual({ remaining: 3 });
    for (const code of [...first.codes, ...more.codes]) {
      expect(await env.otp.verifyToken({ userId: 'alice', token: code })).toMatchObject({ ok: true });
    }
    expect(await env.otp.verifyToken({ userId: 'alice', token: first.codes[0] })).toMatchObject({
      ok: false,
      reason: 'replayed',
    });
  });
});

describe('backupCodes secretsInUse', () => {
  it('names the hashes of unused codes only', async () => {
    const h = await enroll(backupCodes({ count: 3 }));
    const codes = h.reveal.codes as string[];
    expect(h.verify(codes[0]!, Date.UTC(2026, 0, 2))).toMatchObject({ ok: true });
    const kind = backupCodes({ count: 3 });
    const inUse = kind.secretsInUse!(h.device, Date.UTC(2026, 0, 2));
    expect(inUse).toHaveLength(2);
    expect(inUse).toEqual(
      h.device.data.codes.filter((entry) => entry.usedAt === null).map((entry) => entry.hash),
    );
  });
});
