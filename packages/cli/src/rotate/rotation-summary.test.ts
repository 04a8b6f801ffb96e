import { describe, expect, it } from 'vitest';
import type { RotationReport } from './rotate-keys.js';
import { rotationSummary } from './rotation-summary.js';

const report = (changes: Partial<RotationReport> = {}): RotationReport => ({
  primary: 'k2',
  dryRun: false,
  complete: true,
  stoppedBy: null,
  total: 4,
  scanned: 4,
  resealedDevices: 3,
  resealedSecrets: 3,
  upToDate: 1,
  vanished: 0,
  failed: [],
  oldHashes: {},
  oldHashDevices: {},
  keysStillNeeded: [],
  wrongKeys: [],
  keyChecks: { k2: { opened: 1, refused: 0 }, k1: { opened: 3, refused: 0 } },
  ...changes,
});

describe('rotationSummary', () => {
  it('says an old key may go once nothing needs it', () => {
    expect(rotationSummary(report(), undefined, ['k1'])).toMatch(
      /Nothing stored needs k1 any more: you may remove it from OTPKIT_KEYS on every server\.$/,
    );
  });

  it('says to keep a listed key that unused codes still need', () => {
    const text = rotationSummary(
      report({ oldHashes: { k1: 7 }, oldHashDevices: { 'backup-codes': 1 }, keysStillNeeded: ['k1'] }),
      undefined,
      ['k1'],
    );
    expect(text).toContain('Unused codes hashed under old keys: 7 (k1: 7) on 1 device (backup-codes: 1).');
    expect(text).toMatch(/Keep k1 in OTPKIT_KEYS\.$/);
  });

  it('never says to keep a key that OTPKIT_KEYS no longer lists: it says to put it back', () => {
    const text = rotationSummary(
      report({ oldHashes: { k1: 10 }, oldHashDevices: { 'backup-codes': 1 }, keysStillNeeded: ['k1'] }),
      undefined,
      [],
    );
    expect(text).not.toContain('Keep k1');
    expect(text).not.toContain('Every stored secret is under k2');
    expect(text).toMatch(
      /k1 is not in OTPKIT_KEYS, but stored secrets or codes still need it: put it back \(on every server too\), then run again\.$/,
    );
  });

  it('tells apart, among the needed keys, those to keep and those to put back', () => {
    const text = rotationSummary(report({ keysStillNeeded: ['k0', 'k1'] }), undefined, ['k1']);
    expect(text).toContain('k0 is not in OTPKIT_KEYS, but stored secrets or codes still need it');
    expect(text).toMatch(/Keep k1 in OTPKIT_KEYS\.$/);
  });
});
