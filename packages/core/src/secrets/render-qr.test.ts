import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeBase32 } from './base32.js';
import { buildOtpauthUri } from './otpauth-uri.js';
import { renderQr } from './render-qr.js';

const uri = buildOtpauthUri({
  type: 'totp',
  secret: decodeBase32('HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ'),
  issuer: 'ACME Co',
  account: 'jörg+admin@acme.test',
  algorithm: 'SHA256',
  digits: 8,
});

/** Read a PNG back with an independent QR decoder. */
function scan(png: Uint8Array): string | undefined {
  const image = PNG.sync.read(Buffer.from(png));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/** Read a half-block drawing (each character two modules, one above the other) as a dark-on-white image. */
function scanText(text: string): string | undefined {
  const rows = text.split('\n').filter((line) => line !== '');
  const scale = 4;
  const width = Math.max(...rows.map((row) => [...row].length)) * scale;
  const height = rows.length * 2 * scale;
  const pixels = new Uint8ClampedArray(width * height * 4).fill(255);
  rows.forEach((row, y) => {
    [...row].forEach((char, x) => {
      const dark = [char === '█' || char === '▀', char === '█' || char === '▄'];
      dark.forEach((isDark, half) => {
        if (!isDark) return;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const at = (((y * 2 + half) * scale + dy) * width + x * scale + dx) * 4;
            pixels.fill(0, at, at + 3);
          }
        }
      });
    });
  });
  return jsQR(pixels, width, height)?.data;
}

describe('renderQr', () => {
  it('renders a PNG that a QR decoder reads back as exactly the URI', async () => {
    const png = await renderQr(uri, 'png');
    expect(png).toBeInstanceOf(Uint8Array);
    expect(scan(png)).toBe(uri);
  });

  it('renders a PNG data URL that decodes to the URI', async () => {
    const dataUrl = await renderQr(uri, 'data-url');
    expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    expect(scan(Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64'))).toBe(uri);
  });

  it('renders SVG markup', async () => {
    const svg = await renderQr(uri, 'svg');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('</svg>');
  });

  it('renders a compact terminal drawing', async () => {
    const text = await renderQr(uri, 'terminal');
    const lines = text.trimEnd().split('\n');
    // Half-height block characters: about half as many lines as modules per side.
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.length).toBeLessThan(45);
    expect(text).toMatch(/[▀▄█]/);
  });

  it('renders plain text without escape codes, dark modules as blocks, that a QR decoder reads back', async () => {
    const text = await renderQr(uri, 'text');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that there are none.
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(scanText(text)).toBe(uri);
  });

  it('rejects an unknown format with a TypeError', async () => {
    await expect(renderQr(uri, 'gif' as never)).rejects.toThrow(TypeError);
  });

  it.each(['', 42, null])('rejects the uri %j with a TypeError', async (bad) => {
    await expect(renderQr(bad as string, 'svg')).rejects.toThrow(TypeError);
  });
});
