// Threat: an attacker holding a database dump (or write access to the devices table) tries to read
// sealed secrets, to forge or swap envelopes (copy victim A's sealed secret onto a device row the
// attacker controls, relabel it with another key id, flip bits to probe the cipher), or to test
// guesses against stored code hashes; and key material leaking through logs, errors or
// serialisation of the keyring object.
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OtpError } from '../errors.js';
import { createKeyring } from './create-keyring.js';

const rawK1 = randomBytes(32);
const rawK2 = randomBytes(32);
const keyring = createKeyring({ keys: { k1: rawK1, k2: rawK2.toString('base64') }, primary: 'k1' });
const secret = Buffer.from('JBSWY3DPEHPK3PXP-the-secret', 'utf8');
const envelope = keyring.seal(secret, 'device-a');
const [version, keyId, ivText, bodyText] = envelope.split('.') as [string, string, string, string];

function flipBit(text: string, byteIndex: number): string {
  const bytes = Buffer.from(text, 'base64url');
  const index = byteIndex < 0 ? bytes.length + byteIndex : byteIndex;
  bytes[index]! ^= 0x01;
  return bytes.toString('base64url');
}

function openError(candidate: unknown, context = 'device-a'): OtpError {
  try {
    keyring.open(candidate as string, context);
  } catch (error) {
    expect(error).toBeInstanceOf(OtpError);
    return error as OtpError;
  }
  throw new Error('open accepted a bad envelope');
}

describe('tampered, malformed and moved envelopes', () => {
  it.each([
    ['a flipped bit in the IV', [version, keyId, flipBit(ivText, 0), bodyText].join('.'), 'OTP_SEAL_INVALID'],
    [
      'a flipped bit in the ciphertext',
      [version, keyId, ivText, flipBit(bodyText, 0)].join('.'),
      'OTP_SEAL_INVALID',
    ],
    [
      'a flipped bit in the tag',
      [version, keyId, ivText, flipBit(bodyText, -1)].join('.'),
      'OTP_SEAL_INVALID',
    ],
    [
      'the key id changed to another known key',
      [version, 'k2', ivText, bodyText].join('.'),
      'OTP_SEAL_INVALID',
    ],
    ['the key id changed to an unknown key', [version, 'k3', ivText, bodyText].join('.'), 'OTP_KEY_INVALID'],
    ['an invalid key id', [version, 'k.1', ivText, bodyText].join('.'), 'OTP_SEAL_INVALID'],
    ['the body truncated by one character', envelope.slice(0, -1), 'OTP_SEAL_INVALID'],
    [
      'the body truncated to a partial tag',
      [version, keyId, ivText, bodyText.slice(0, 20)].join('.'),
      'OTP_SEAL_INVALID',
    ],
    [
      'the ciphertext dropped, tag kept',
      [version, keyId, ivText, Buffer.from(bodyText, 'base64url').subarray(-16).toString('base64url')].join(
        '.',
      ),
      'OTP_SEAL_INVALID',
    ],
    ['a short IV', [version, keyId, ivText.slice(0, 12), bodyText].join('.'), 'OTP_SEAL_INVALID'],
    ['an empty body', [version, keyId, ivText, ''].join('.'), 'OTP_SEAL_INVALID'],
    ['an extra segment', `${envelope}.AAAA`, 'OTP_SEAL_INVALID'],
    ['a missing segment', [version, keyId, bodyText].join('.'), 'OTP_SEAL_INVALID'],
    ['padding added', `${envelope}==`, 'OTP_SEAL_INVALID'],
    [
      'standard base64 characters',
      [version, keyId, ivText, `+/${bodyText.slice(2)}`].join('.'),
      'OTP_SEAL_INVALID',
    ],
    ['whitespace', ` ${envelope}`, 'OTP_SEAL_INVALID'],
    ['another version', ['v2', keyId, ivText, bodyText].join('.'), 'OTP_SEAL_INVALID'],
    ['no version', ['', keyId, ivText, bodyText].join('.'), 'OTP_SEAL_INVALID'],
    ['an empty string', '', 'OTP_SEAL_INVALID'],
    ['a number', 42, 'OTP_SEAL_INVALID'],
    ['null', null, 'OTP_SEAL_INVALID'],
  ])('refuses an envelope with %s', (_label, candidate, code) => {
    const error = openError(candidate);
    expect(error.code).toBe(code);
    expect(error.message).not.toContain(secret.toString('utf8'));
    expect(error.message).not.toContain(ivText);
  });

  it.each([
    ['another device id', 'device-b'],
    ['an empty context', ''],
    ['a context that differs only in case', 'Device-a'],
    ['a context with a trailing character', 'device-a '],
  ])('refuses an envelope moved to %s', (_label, context) => {
    expect(openError(envelope, context).code).toBe('OTP_SEAL_INVALID');
  });

  it('gives one message for every seal failure, so errors reveal nothing about the content', () => {
    const messages = new Set([
      openError(envelope, 'device-b').message,
      openError([version, keyId, flipBit(ivText, 3), bodyText].join('.')).message,
      openError('garbage').message,
    ]);
    expect(messages.size).toBe(1);
  });

  it('binds the key id: an envelope resealed by hand under another id does not open', () => {
    const other = createKeyring({ keys: { k2: rawK1 }, primary: 'k2' });
    const relabelled = ['v1', 'k2', ivText, bodyText].join('.');
    expect(() => other.open(relabelled, 'device-a')).toThrowError(
      expect.objectContaining({ code: 'OTP_SEAL_INVALID' }),
    );
  });

  it('does not seal with the raw key: AES-GCM under the raw key cannot open an envelope', async () => {
    const { createDecipheriv } = await import('node:crypto');
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', rawK1, Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(`v1.k1.device-a`));
    decipher.setAuthTag(body.subarray(-16));
    decipher.update(body.subarray(0, -16));
    expect(() => decipher.final()).toThrow();
  });
});

describe('keyed hashes in a dump', () => {
  const stored = keyring.hash('ABCDE-FGHJK', 'device-a');
  const [, , macText] = stored.split('.') as [string, string, string];

  it.each([
    ['a hash moved to another device', 'ABCDE-FGHJK', 'device-b', stored],
    ['a flipped bit in the MAC', 'ABCDE-FGHJK', 'device-a', `h1.k1.${flipBit(macText, 0)}`],
    ['a truncated MAC', 'ABCDE-FGHJK', 'device-a', stored.slice(0, -1)],
    ['a MAC padded to look longer', 'ABCDE-FGHJK', 'device-a', `${stored}AAAA`],
    ['an unknown key id', 'ABCDE-FGHJK', 'device-a', `h1.k9.${macText}`],
    ['another key id in the ring', 'ABCDE-FGHJK', 'device-a', `h1.k2.${macText}`],
    ['another version', 'ABCDE-FGHJK', 'device-a', `h2.k1.${macText}`],
    ['an extra segment', 'ABCDE-FGHJK', 'device-a', `${stored}.x`],
    ['an empty string', 'ABCDE-FGHJK', 'device-a', ''],
    ['a non-string', 'ABCDE-FGHJK', 'device-a', 7],
    ['a non-string value', 12345, 'device-a', stored],
    ['a NUL in the context', 'ABCDE-FGHJK', 'device-a\u0000', stored],
  ])('verifyHash returns false, without throwing, for %s', (_label, value, context, candidate) => {
    expect(keyring.verifyHash(value as string, context, candidate as string)).toBe(false);
  });

  it('is not a plain hash of the code: SHA-256 of the input does not appear', async () => {
    const { createHash } = await import('node:crypto');
    const plain = createHash('sha256').update('device-a\u0000ABCDE-FGHJK').digest('base64url');
    expect(macText).not.toBe(plain);
  });
});

describe('key material never leaks from the keyring object', () => {
  const forms = [rawK1, rawK2].flatMap((raw) => [
    raw.toString('base64'),
    raw.toString('base64url'),
    raw.toString('hex'),
    raw.toString('base64').slice(0, 16),
  ]);
  const leaks = (text: string) => forms.filter((form) => text.includes(form));

  it('JSON.stringify shows only the key ids', () => {
    const json = JSON.stringify(keyring);
    expect(JSON.parse(json)).toEqual({ primaryKeyId: 'k1', keyIds: ['k1', 'k2'] });
    expect(leaks(json)).toEqual([]);
  });

  it('util.inspect, even with hidden properties, shows no key bytes', () => {
    const text = inspect(keyring, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true });
    expect(leaks(text)).toEqual([]);
    expect(text).not.toMatch(/Buffer|Uint8Array|KeyObject/);
  });

  it('enumerable and own properties hold ids and functions only', () => {
    for (const name of Reflect.ownKeys(keyring)) {
      const value = (keyring as unknown as Record<PropertyKey, unknown>)[name];
      const ok = typeof value === 'function' || typeof value === 'string' || Array.isArray(value);
      expect(ok, String(name)).toBe(true);
    }
    expect(Object.isFrozen(keyring)).toBe(true);
    expect(Object.isFrozen(keyring.keyIds)).toBe(true);
  });

  it('errors for bad options never echo the key', () => {
    const shortKey = randomBytes(16).toString('base64');
    const badText = `${rawK1.toString('base64').slice(0, 30)}!!`;
    for (const k of [shortKey, badText]) {
      try {
        createKeyring({ keys: { k1: k }, primary: 'k1' });
        throw new Error('accepted');
      } catch (error) {
        const everything = inspect(error, { depth: Number.POSITIVE_INFINITY });
        expect(everything).not.toContain(k);
        expect(everything).not.toContain(k.slice(0, 12));
      }
    }
  });

  it('an invalid key id that is really a key is not echoed', () => {
    const pasted = randomBytes(32).toString('base64url').slice(0, 40);
    try {
      createKeyring({ keys: { [pasted]: randomBytes(32) }, primary: 'x' });
      throw new Error('accepted');
    } catch (error) {
      expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain(pasted);
    }
  });
});
