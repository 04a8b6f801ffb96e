import { describe, expect, it } from 'vitest';
import { isOtpError } from '../errors.js';
import { decodeBase32, encodeBase32 } from './base32.js';
import { buildOtpauthUri, parseOtpauthUri } from './otpauth-uri.js';

/** 20 bytes: the key of the wiki's second example. */
const SECRET_B32 = 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ';
const secret = decodeBase32(SECRET_B32);

const parseError = (uri: unknown) => {
  try {
    parseOtpauthUri(uri as string);
  } catch (err) {
    return err;
  }
  throw new Error('expected parseOtpauthUri to throw');
};

describe('buildOtpauthUri', () => {
  it('writes the key-URI format with every setting', () => {
    expect(buildOtpauthUri({ type: 'totp', secret, issuer: 'ACME Co', account: 'john.doe@email.com' })).toBe(
      `otpauth://totp/ACME%20Co:john.doe%40email.com?secret=${SECRET_B32}&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('writes counter instead of period for hotp, and the image last', () => {
    expect(
      buildOtpauthUri({
        type: 'hotp',
        secret,
        account: 'alice',
        algorithm: 'SHA512',
        digits: 8,
        counter: 42,
        image: 'https://acme.test/logo.png?x=1&y=2',
      }),
    ).toBe(
      `otpauth://hotp/alice?secret=${SECRET_B32}&algorithm=SHA512&digits=8&counter=42&image=https%3A%2F%2Facme.test%2Flogo.png%3Fx%3D1%26y%3D2`,
    );
  });

  it('percent-encodes colons, plus signs, spaces and Unicode in issuer and account', () => {
    const uri = buildOtpauthUri({ type: 'totp', secret, issuer: 'A+B: Ünï', account: 'x y:z' });
    expect(uri).toMatch(/^otpauth:\/\/totp\/A%2BB%3A%20%C3%9Cn%C3%AF:x%20y%3Az\?/);
    expect(uri).toContain('&issuer=A%2BB%3A%20%C3%9Cn%C3%AF&');
  });

  it('gives an issuer-less account with a colon an empty issuer prefix', () => {
    const uri = buildOtpauthUri({ type: 'totp', secret, account: 'a:b' });
    expect(uri.startsWith('otpauth://totp/:a%3Ab?')).toBe(true);
    expect(parseOtpauthUri(uri)).toMatchObject({ account: 'a:b' });
    expect(parseOtpauthUri(uri)).not.toHaveProperty('issuer');
  });

  it.each([
    ['a 10-byte secret', { secret: new Uint8Array(10) }],
    ['a 65-byte secret', { secret: new Uint8Array(65) }],
    ['a base32 string as secret', { secret: SECRET_B32 }],
    ['an empty account', { account: '' }],
    ['an empty issuer', { issuer: '' }],
    ['an account with a lone surrogate', { account: 'a\ud800' }],
    ['5 digits', { digits: 5 }],
    ['9 digits', { digits: 9 }],
    ['period 0', { period: 0 }],
    ['period 3601', { period: 3601 }],
    ['algorithm MD5', { algorithm: 'MD5' }],
    ['an http image', { image: 'http://acme.test/logo.png' }],
    ['a javascript: image', { image: 'javascript:alert(1)' }],
    ['an unknown option', { label: 'alice' }],
    ['type sotp', { type: 'sotp' }],
  ])('throws a TypeError for %s', (_name, override) => {
    expect(() =>
      buildOtpauthUri({ type: 'totp', secret, account: 'alice', ...(override as object) } as never),
    ).toThrow(TypeError);
  });

  it('throws a TypeError for a negative hotp counter', () => {
    expect(() => buildOtpauthUri({ type: 'hotp', secret, account: 'a', counter: -1 })).toThrow(TypeError);
  });
});

describe('parseOtpauthUri on real-world URIs', () => {
  it('refuses Google’s wiki example because its secret is only 10 bytes', () => {
    const err = parseError(
      'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
    ) as Error;
    expect(isOtpError(err, 'OTP_INVALID_URI')).toBe(true);
    expect(err.message).toContain('16–64 bytes, got 10');
    expect(err.message).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('parses the wiki’s full example with the defaults spelled out', () => {
    expect(
      parseOtpauthUri(
        `otpauth://totp/ACME%20Co:john.doe@email.com?secret=${SECRET_B32}&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30`,
      ),
    ).toEqual({
      type: 'totp',
      secret,
      issuer: 'ACME Co',
      account: 'john.doe@email.com',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('fills in the defaults when only the secret is given', () => {
    expect(parseOtpauthUri(`otpauth://totp/alice?secret=${SECRET_B32}`)).toEqual({
      type: 'totp',
      secret,
      account: 'alice',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it.each([
    ['the separator written as %3A', 'Example%3Aalice%40google.com', 'Example', 'alice@google.com'],
    ['%3A in lower case', 'Example%3aalice', 'Example', 'alice'],
    ['an encoded separator followed by encoded spaces', 'Example%3A%20%20alice', 'Example', 'alice'],
    ['literal spaces after the separator', 'Example:  alice', 'Example', 'alice'],
    ['an encoded space after a literal separator', 'Example:%20alice', 'Example', ' alice'],
    ['a literal + in the label', 'A+B:c+d', 'A+B', 'c+d'],
    ['raw Unicode in the label', 'Bücher:jörg', 'Bücher', 'jörg'],
    ['no issuer prefix', 'alice', undefined, 'alice'],
    ['an empty issuer prefix', ':alice', undefined, 'alice'],
  ])('reads the label with %s', (_name, label, issuer, account) => {
    const parsed = parseOtpauthUri(`otpauth://totp/${label}?secret=${SECRET_B32}`);
    expect(parsed.account).toBe(account);
    expect(parsed.issuer).toBe(issuer);
  });

  it('takes the issuer from the parameter when the label has none', () => {
    expect(parseOtpauthUri(`otpauth://totp/alice?secret=${SECRET_B32}&issuer=Acme`)).toMatchObject({
      issuer: 'Acme',
      account: 'alice',
    });
  });

  it('prefers the issuer parameter when it differs from the label prefix', () => {
    expect(parseOtpauthUri(`otpauth://totp/Old:alice?secret=${SECRET_B32}&issuer=New`).issuer).toBe('New');
  });

  it('reads + as a space in the query', () => {
    expect(parseOtpauthUri(`otpauth://totp/alice?secret=${SECRET_B32}&issuer=ACME+Co`).issuer).toBe(
      'ACME Co',
    );
  });

  it('reads type, algorithm and parameter names in any case', () => {
    expect(parseOtpauthUri(`OTPAUTH://TOTP/alice?SECRET=${SECRET_B32}&Algorithm=sha256`)).toMatchObject({
      type: 'totp',
      algorithm: 'SHA256',
    });
  });

  it('accepts a secret in lower case, with padding and spaces', () => {
    const spaced = encodeBase32(secret)
      .toLowerCase()
      .replace(/(.{4})/g, '$1+');
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${spaced}`).secret).toEqual(secret);
    expect(
      parseOtpauthUri(`otpauth://totp/a?secret=${encodeBase32(new Uint8Array(16))}%3D%3D%3D%3D%3D%3D`).secret,
    ).toHaveLength(16);
  });

  it('ignores unknown parameters and empty pairs', () => {
    expect(
      parseOtpauthUri(`otpauth://totp/a?foo=bar&&secret=${SECRET_B32}&lock=true&color=red&`),
    ).toMatchObject({
      account: 'a',
    });
  });

  it('parses an hotp URI with its counter and ignores period there', () => {
    expect(parseOtpauthUri(`otpauth://hotp/a?secret=${SECRET_B32}&counter=0&period=abc&digits=8`)).toEqual({
      type: 'hotp',
      secret,
      account: 'a',
      algorithm: 'SHA1',
      digits: 8,
      counter: 0,
    });
  });

  it('keeps an https image', () => {
    const image = 'https://acme.test/logo.png';
    expect(
      parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_B32}&image=${encodeURIComponent(image)}`).image,
    ).toBe(image);
  });

  it.each(['http://acme.test/logo.png', 'javascript:alert(1)', 'data:image/png;base64,AAAA', 'not a url'])(
    'drops the image %j instead of failing',
    (image) => {
      const parsed = parseOtpauthUri(
        `otpauth://totp/a?secret=${SECRET_B32}&image=${encodeURIComponent(image)}`,
      );
      expect(parsed).not.toHaveProperty('image');
      expect(parsed.account).toBe('a');
    },
  );
});

describe('parseOtpauthUri on junk', () => {
  const s = `secret=${SECRET_B32}`;
  it.each([
    ['a number', 42],
    ['null', null],
    ['an object', { toString: () => `otpauth://totp/a?${s}` }],
    ['the empty string', ''],
    ['another scheme', `https://totp/a?${s}`],
    ['otpauth without slashes', `otpauth:totp/a?${s}`],
    ['an unknown type', `otpauth://xotp/a?${s}`],
    ['no label path', `otpauth://totp?${s}`],
    ['an empty label', `otpauth://totp/?${s}`],
    ['an issuer without account', `otpauth://totp/Acme:?${s}`],
    ['a fragment', `otpauth://totp/a?${s}#x`],
    ['no secret', 'otpauth://totp/a?issuer=Acme'],
    ['an empty secret', 'otpauth://totp/a?secret='],
    ['a secret with invalid base32', 'otpauth://totp/a?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBO1'],
    ['a secret of 15 bytes', `otpauth://totp/a?secret=${encodeBase32(new Uint8Array(15))}`],
    ['a secret of 65 bytes', `otpauth://totp/a?secret=${encodeBase32(new Uint8Array(65))}`],
    ['two secrets', `otpauth://totp/a?${s}&secret=${encodeBase32(new Uint8Array(20))}`],
    ['two digits parameters', `otpauth://totp/a?${s}&digits=6&digits=8`],
    ['digits 5', `otpauth://totp/a?${s}&digits=5`],
    ['digits 9', `otpauth://totp/a?${s}&digits=9`],
    ['digits six', `otpauth://totp/a?${s}&digits=six`],
    ['digits 6.0', `otpauth://totp/a?${s}&digits=6.0`],
    ['digits +6', `otpauth://totp/a?${s}&digits=%2B6`],
    ['empty digits', `otpauth://totp/a?${s}&digits=`],
    ['period 0', `otpauth://totp/a?${s}&period=0`],
    ['period -30', `otpauth://totp/a?${s}&period=-30`],
    ['period 3601', `otpauth://totp/a?${s}&period=3601`],
    ['period 1e3', `otpauth://totp/a?${s}&period=1e3`],
    ['a huge period', `otpauth://totp/a?${s}&period=99999999999999999999`],
    ['hotp without counter', `otpauth://hotp/a?${s}`],
    ['a negative counter', `otpauth://hotp/a?${s}&counter=-1`],
    ['a counter past 2^53', `otpauth://hotp/a?${s}&counter=9007199254740992`],
    ['algorithm MD5', `otpauth://totp/a?${s}&algorithm=MD5`],
    ['algorithm SHA-256', `otpauth://totp/a?${s}&algorithm=SHA-256`],
    ['malformed percent-encoding in the label', `otpauth://totp/%E0%A4%A?${s}`],
    ['a lone % in the label', `otpauth://totp/100%?${s}`],
    ['malformed percent-encoding in a value', `otpauth://totp/a?${s}&issuer=%ZZ`],
    ['malformed percent-encoding in a name', `otpauth://totp/a?${s}&%ZZ=1`],
    ['a URI over 8 kB', `otpauth://totp/${'a'.repeat(8200)}?${s}`],
  ])('rejects %s with OTP_INVALID_URI', (_name, uri) => {
    expect(isOtpError(parseError(uri), 'OTP_INVALID_URI')).toBe(true);
  });

  it('never puts the secret in its messages', () => {
    const secretText = 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBO1';
    for (const uri of [
      `otpauth://totp/a?secret=${secretText}`,
      `otpauth://totp/a?secret=${SECRET_B32}&digits=9`,
      `otpauth://hotp/a?secret=${SECRET_B32}`,
      `otpauth://totp/%ZZ?secret=${SECRET_B32}`,
    ]) {
      const err = parseError(uri) as Error;
      expect(err.message).not.toContain(secretText.slice(0, 8));
      expect(err.message).not.toContain(SECRET_B32.slice(0, 8));
    }
  });
});
