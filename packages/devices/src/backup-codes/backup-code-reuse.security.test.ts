// Threat: a backup code is used twice: read off a printout or a screenshot after its owner used
// it, typed again in another spelling (upper case, without the dash, O for 0) in the hope that it
// is checked as a different string, or (in the service tests) submitted many times at once so
// that several requests read the set before any marks the code used.
import { describe, expect, it } from 'vitest';
import { enroll } from '../test-support/kind-harness.js';
import { backupCodes } from './backup-codes.js';

describe('backup code reuse', () => {
  it('rejects a used code as replayed, in every spelling', async () => {
    const h = await enroll(backupCodes());
    const code = (h.reveal.codes as string[])[0]!;
    expect(h.verify(code, 0)).toMatchObject({ ok: true });
    for (const spelling of [code, code.toUpperCase(), code.replace('-', ''), ` ${code.replace('-', ' ')} `]) {
      expect(h.verify(spelling, 1)).toEqual({ ok: false, reason: 'replayed' });
    }
  });

  it('keeps the other codes working after one is used', async () => {
    const h = await enroll(backupCodes({ count: 3 }));
    const [a, b, c] = h.reveal.codes as string[];
    expect(h.verify(b, 0)).toMatchObject({ ok: true });
    expect(h.verify(b, 0)).toMatchObject({ ok: false });
    expect(h.verify(a, 0)).toMatchObject({ ok: true });
    expect(h.verify(c, 0)).toMatchObject({ ok: true });
    for (const code of [a, b, c]) expect(h.verify(code, 0)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('accepts nothing once every code is used', async () => {
    const h = await enroll(backupCodes({ count: 2 }));
    for (const code of h.reveal.codes as string[]) h.verify(code, 0);
    expect(h.verify('zzzzz-zzzzz', 0)).toEqual({ ok: false, reason: 'invalid' });
  });
});
