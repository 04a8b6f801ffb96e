/**
 * Threat: hostile token input. An attacker controls the token and may send anything (huge
 * strings, look-alike digits, non-strings through a JSON body) hoping to crash verification,
 * burn CPU on HMACs, or slip a non-code past a lenient parser. Every such input must come back
 * as `{ ok: false, reason: 'malformed' }`, cheaply, without an exception.
 */
import { describe, expect, it } from 'vitest';
import { generateHotp, verifyHotp } from './hotp.js';
import { RFC4226_SECRET } from './rfc-vectors.js';
import { verifyTotp } from './totp.js';

const secret = RFC4226_SECRET;
const time = 1_700_000_000_000;

const malformed: ReadonlyArray<readonly [string, unknown]> = [
  ['letters', 'abcdef'],
  ['Arabic-Indic digits', '١٢٣٤٥٦'],
  ['full-width digits', '１２３４５６'],
  ['superscript digits', '¹²³⁴⁵⁶'],
  ['five digits', '12345'],
  ['seven digits', '1234567'],
  ['the empty string', ''],
  ['a 10 kB string of digits', '1'.repeat(10_240)],
  ['a 10 kB string of spaces around a code', `${' '.repeat(10_240)}123456`],
  ['the number 123456', 123456],
  ['null', null],
  ['undefined', undefined],
  ['an object', {}],
  ['an array', []],
  ['the bigint 123456n', 123456n],
  ['an array holding a code', ['123456']],
  ['a symbol', Symbol('123456')],
  ['a function', () => '123456'],
  [
    'a proxy that throws on every access',
    new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    ),
  ],
];

describe('malformed tokens', () => {
  it.each(malformed)('verifyTotp reports %s as malformed', (_name, token) => {
    expect(verifyTotp({ secret, token, time })).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each(malformed)('verifyHotp reports %s as malformed', (_name, token) => {
    expect(verifyHotp({ secret, token, counter: 0 })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('reports the right code in full-width digits as malformed', () => {
    const code = generateHotp({ secret, counter: 0 });
    const fullWidth = [...code].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    expect(verifyHotp({ secret, token: fullWidth, counter: 0 })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects a 10 MB token quickly', () => {
    const huge = '7'.repeat(10 * 1024 * 1024);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) verifyTotp({ secret, token: huge, time });
    // Without the length gate each call would scan 10 MB; with it a thousand calls take microseconds.
    expect(performance.now() - started).toBeLessThan(250);
  });
});
