import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OtpError } from '../errors.js';
import { createKeyring, generateKey } from './create-keyring.js';

const key = () => randomBytes(32);
const ring = (k = key()) => createKeyring({ keys: { k1: k }, primary: 'k1' });
const bytes = (text: string) => new TextEncoder().encode(text);

function optionError(options: unknown): TypeError {
  try {
    createKeyring(options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return error as TypeError;
  }
  throw new Error('createKeyring accepted invalid options');
}

describe('createKeyring options', () => {
  const k32 = key();
  it.each([
    ['a Uint8Array', new Uint8Array(k32)],
    ['a Buffer', Buffer.from(k32)],
    ['padded base64', k32.toString('base64')],
    ['unpadded base64', k32.toString('base64').replace(/=+$/, '')],
    ['base64url', k32.toString('base64url')],
    ['padded base64url', `${k32.toString('base64url')}=`],
  ])('accepts a 32-byte key given as %s', (_label, value) => {
    const a = createKeyring({ keys: { k1: value }, primary: 'k1' });
    const b = createKeyring({ keys: { k1: k32 }, primary: 'k1' });
    expect(b.open(a.seal(bytes('same key'), 'dev'), 'dev')).toEqual(bytes('same key'));
  });

  it.each([0, 16, 31, 33, 64])('rejects a %i-byte Uint8Array key, naming the option', (size) => {
    const error = optionError({ keys: { k1: randomBytes(size) }, primary: 'k1' });
    expect(error.message).toBe(`Invalid option keyring.keys.k1: must be 32 bytes, got ${size}`);
  });

  it.each([0, 16, 31, 33])('rejects base64 text of %i bytes, naming the option', (size) => {
    const error = optionError({ keys: { main: randomBytes(size).toString('base64') }, primary: 'main' });
    expect(error.message).toBe(`Invalid option keyring.keys.main: must be 32 bytes, got ${size}`);
  });

  const text = key().toString('base64');
  it.each([
    ['a space inside', `${text.slice(0, 10)} ${text.slice(10)}`],
    ['a trailing newline', `${text}\n`],
    ['a character outside base64', `${text.slice(0, 10)}*${text.slice(11)}`],
    ['both alphabets mixed', `+_${text.slice(2)}`],
    ['too much padding', `${text}==`],
    ['padding in the middle', `${text.slice(0, 20)}=${text.slice(21)}`],
    ['non-canonical trailing bits', `${text.slice(0, 42)}B=`],
  ])('rejects key text with %s', (_label, value) => {
    const error = optionError({ keys: { k1: value }, primary: 'k1' });
    expect(error.message).toMatch(/^Invalid option keyring\.keys\.k1: must be (base64|32 bytes)/);
  });

  it.each([[42], [null], [{}], [[1, 2, 3]]])('rejects a key of type %j', (value) => {
    const error = optionError({ keys: { k1: value }, primary: 'k1' });
    expect(error.message).toBe('Invalid option keyring.keys.k1: must be a Uint8Array or base64 text');
  });

  it.each([['has space'], ['dot.ted'], [''], ['x'.repeat(33)], ['ünï']])(
    'rejects the key id %j without echoing it',
    (id) => {
      const error = optionError({ keys: { good: key(), [id]: key() }, primary: 'good' });
      expect(error.message).toBe('Invalid option keyring.keys: key id #2 must match /^[A-Za-z0-9_-]{1,32}$/');
    },
  );

  it('accepts key ids of 1 and 32 characters from the allowed alphabet', () => {
    const id = 'A-z_09'.padEnd(32, 'x');
    const keyring = createKeyring({ keys: { a: key(), [id]: key() }, primary: id });
    expect(keyring.keyIds).toEqual(['a', id]);
    expect(keyring.keyIdOf(keyring.seal(bytes('x'), 'd'))).toBe(id);
  });

  it('rejects an empty key set', () => {
    expect(optionError({ keys: {}, primary: 'k1' }).message).toBe(
      'Invalid option keyring.keys: at least one key is required',
    );
  });

  it('rejects a primary that is not one of the keys', () => {
    expect(optionError({ keys: { k1: key(), k2: key() }, primary: 'k3' }).message).toBe(
      'Invalid option keyring.primary: must be one of the key ids (k1, k2)',
    );
  });

  it.each([
    [undefined, 'keyring.keys'],
    [{ keys: { k1: key() } }, 'keyring.primary'],
    [{ keys: { k1: key() }, primary: 'k1', extra: 1 }, 'keyring'],
    [{ keys: 'k1', primary: 'k1' }, 'keyring.keys'],
  ])('rejects malformed options %# naming %s', (options, path) => {
    expect(optionError(options).message).toMatch(new RegExp(`^Invalid option ${path.replace('.', '\\.')}: `));
  });

  it('does not keep a reference to the caller’s key array', () => {
    const k = key();
    const keyring = ring(k);
    const envelope = keyring.seal(bytes('secret'), 'dev');
    k.fill(0);
    expect(keyring.open(envelope, 'dev')).toEqual(bytes('secret'));
  });
});

describe('seal and open', () => {
  it.each([
    ['an empty secret', new Uint8Array(0)],
    ['a 20-byte secret', randomBytes(20)],
    ['a 64-byte secret', randomBytes(64)],
    ['a 1000-byte value', randomBytes(1000)],
  ])('round-trips %s', (_label, plaintext) => {
    const keyring = ring();
    const envelope = keyring.seal(plaintext, 'device-1');
    const opened = keyring.open(envelope, 'device-1');
    expect(opened).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(opened).equals(Buffer.from(plaintext))).toBe(true);
  });

  it.each([
    ['a non-ASCII context', 'appareil-é-😀'],
    ['a context of 2,000 characters', 'd'.repeat(2_000)],
    ['a context of 2,000 three-byte characters', '€'.repeat(2_000)],
  ])('round-trips under %s, and only under that context', (_label, context) => {
    const keyring = ring();
    const plaintext = randomBytes(20);
    const envelope = keyring.seal(plaintext, context);
    expect(Buffer.from(keyring.open(envelope, context)).equals(plaintext)).toBe(true);
    expect(() => keyring.open(envelope, `${context}x`)).toThrow(
      expect.objectContaining({ code: 'OTP_SEAL_INVALID' }),
    );
  });

  it('opens many envelopes in turn, each to its own secret', () => {
    const keyring = ring();
    const sealed = Array.from({ length: 20 }, (_, i) => {
      const plaintext = randomBytes(i + 1);
      return { plaintext, context: `device-${i}`, envelope: keyring.seal(plaintext, `device-${i}`) };
    });
    for (const { plaintext, context, envelope } of [...sealed, ...sealed.reverse()]) {
      expect(Buffer.from(keyring.open(envelope, context)).equals(plaintext)).toBe(true);
    }
  });

  it('writes v1.<keyId>.<12-byte iv>.<ciphertext and 16-byte tag> in base64url', () => {
    const envelope = ring().seal(randomBytes(20), 'device-1');
    const [version, keyId, iv, body] = envelope.split('.');
    expect([version, keyId]).toEqual(['v1', 'k1']);
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(body!, 'base64url')).toHaveLength(20 + 16);
    expect(envelope).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
  });

  it('uses a fresh IV for every seal', () => {
    const keyring = ring();
    const secret = randomBytes(20);
    const ivs = new Set(Array.from({ length: 50 }, () => keyring.seal(secret, 'd').split('.')[2]));
    expect(ivs.size).toBe(50);
  });

  it('returns a new array the caller may wipe without harming later opens', () => {
    const keyring = ring();
    const envelope = keyring.seal(bytes('secret'), 'dev');
    keyring.open(envelope, 'dev').fill(0);
    expect(keyring.open(envelope, 'dev')).toEqual(bytes('secret'));
  });

  it('opens nothing sealed under a different key with the same id', () => {
    const envelope = ring().seal(bytes('secret'), 'dev');
    expect(() => ring().open(envelope, 'dev')).toThrowError(
      expect.objectContaining({ code: 'OTP_SEAL_INVALID' }),
    );
  });

  it.each([
    ['seal', (k: ReturnType<typeof ring>) => k.seal('text' as never, 'd')],
    ['seal context', (k: ReturnType<typeof ring>) => k.seal(bytes('x'), 7 as never)],
    ['seal context with NUL', (k: ReturnType<typeof ring>) => k.seal(bytes('x'), 'a\u0000b')],
    ['hash value', (k: ReturnType<typeof ring>) => k.hash(7 as never, 'd')],
    ['hash context', (k: ReturnType<typeof ring>) => k.hash('v', null as never)],
  ])('throws a TypeError for a programming error in %s', (_label, call) => {
    expect(() => call(ring())).toThrow(TypeError);
  });
});

describe('keyIdOf and needsReseal', () => {
  const keyring = createKeyring({ keys: { old: key(), new: key() }, primary: 'new' });
  it.each([
    ['v1.old.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', 'old', true],
    ['v1.new.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', 'new', false],
    ['v1.gone.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', 'gone', true],
    ['v2.old.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', null, false],
    ['v1.old.AAAA', null, false],
    ['v1.b@d.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', null, false],
    ['', null, false],
    [42, null, false],
  ])('reads %j as key id %j (needsReseal %j)', (envelope, id, stale) => {
    expect(keyring.keyIdOf(envelope as string)).toBe(id);
    expect(keyring.needsReseal(envelope as string)).toBe(stale);
  });
});

describe('hash and verifyHash', () => {
  it('formats h1.<keyId>.<32-byte HMAC in base64url> and verifies it', () => {
    const keyring = ring();
    const stored = keyring.hash('12345678', 'device-1');
    expect(stored).toMatch(/^h1\.k1\.[A-Za-z0-9_-]{43}$/);
    expect(keyring.verifyHash('12345678', 'device-1', stored)).toBe(true);
  });

  it('is deterministic for one key, value and context', () => {
    const keyring = ring();
    expect(keyring.hash('abc', 'd')).toBe(keyring.hash('abc', 'd'));
  });

  it.each([
    ['another value', '12345679', 'device-1'],
    ['another context', '12345678', 'device-2'],
    ['a value moved across the separator', '', 'device-1\u000012345678'],
    ['a prefix of the value', '1234567', 'device-1'],
  ])('rejects %s', (_label, value, context) => {
    const keyring = ring();
    expect(keyring.verifyHash(value, context, keyring.hash('12345678', 'device-1'))).toBe(false);
  });

  it('rejects a hash made under another key with the same id', () => {
    expect(ring().verifyHash('v', 'd', ring().hash('v', 'd'))).toBe(false);
  });

  it.each([
    ['a hash', (k: ReturnType<typeof ring>) => k.hash('v', 'd'), 'k1'],
    ['an envelope', (k: ReturnType<typeof ring>) => k.seal(bytes('s'), 'd'), null],
    ['plain text', () => 'hello', null],
    ['a hash with a short mac', () => 'h1.k1.AAAA', null],
    ['a hash of another version', () => `h2.k1.${'A'.repeat(43)}`, null],
  ])('hashKeyIdOf names the key of %s', (_label, make, expected) => {
    const keyring = ring();
    expect(keyring.hashKeyIdOf(make(keyring))).toBe(expected);
  });

  it('keys hashes: the same input under two keys gives unrelated hashes', () => {
    expect(ring().hash('v', 'd').split('.')[2]).not.toBe(ring().hash('v', 'd').split('.')[2]);
  });
});

describe('generateKey', () => {
  it('returns 32 random bytes as base64 that createKeyring accepts', () => {
    const generated = generateKey();
    expect(generated).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(generated, 'base64')).toHaveLength(32);
    expect(() => createKeyring({ keys: { k1: generated }, primary: 'k1' })).not.toThrow();
  });

  it('never repeats', () => {
    expect(new Set(Array.from({ length: 100 }, generateKey)).size).toBe(100);
  });
});

describe('errors', () => {
  it('reports an unknown key id as OTP_KEY_INVALID, naming it in details', () => {
    const envelope = createKeyring({ keys: { k9: key() }, primary: 'k9' }).seal(bytes('x'), 'd');
    const error = (() => {
      try {
        ring().open(envelope, 'd');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(OtpError);
    expect(error).toMatchObject({ code: 'OTP_KEY_INVALID', details: { keyId: 'k9' } });
    expect((error as Error).message).toContain('k9');
  });
});
