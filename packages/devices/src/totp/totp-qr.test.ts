// The enrollment QR code, read back the way a phone camera would: the PNG from renderQr decoded by
// jsQR must hold exactly the key URI, and the secret in it must produce accepted codes.
import { generateTotp, parseOtpauthUri, renderQr } from '@otpkit/core';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { enroll, T0 } from '../test-support/kind-harness.js';
import { service } from '../test-support/service.js';
import { totp } from './totp.js';

function decodeQr(png: Uint8Array): string | null {
  const image = PNG.sync.read(Buffer.from(png));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('TOTP enrollment QR code', () => {
  it.each([
    ['a plain label', { issuer: 'Acme' }, 'alice@acme.test'],
    ['non-ASCII text and an image', { issuer: 'Société Générale', image: 'https://acme.test/l.png' }, 'zoë'],
  ])('decodes to exactly the URI, whose secret yields accepted codes (%s)', async (_, options, label) => {
    const h = await enroll(totp(options), { label });
    const uri = h.reveal.uri as string;
    const scanned = decodeQr(await renderQr(uri, 'png'));
    expect(scanned).toBe(uri);

    const { secret } = parseOtpauthUri(scanned!);
    const code = generateTotp({ secret, time: T0 });
    expect(h.verify(code, T0, 'confirm')).toMatchObject({ ok: true });
  });
});

describe('TOTP enrollment QR code through the service', () => {
  it('confirms the device with a code from the scanned secret', async () => {
    const { otp } = service({ kinds: [totp({ issuer: 'Acme' })] });
    const { device, uri } = await otp.enroll({ userId: 'alice', kind: 'totp', label: 'alice@acme.test' });
    const scanned = decodeQr(await renderQr(uri!, 'png'));
    expect(scanned).toBe(uri);
    const code = generateTotp({ secret: parseOtpauthUri(scanned!).secret, time: T0 });
    expect(await otp.confirm({ userId: 'alice', deviceId: device.id, token: code })).toMatchObject({
      ok: true,
    });
  });
});
