/**
 * QR codes for enrollment, drawn by the `qrcode` package.
 */
import QRCode from 'qrcode';

/** Output formats of {@link renderQr}. */
export type QrFormat = 'svg' | 'png' | 'data-url' | 'terminal' | 'text';

/** Error-correction level M (15 %): survives a glare or a smudge, keeps the code small enough to scan. */
const ERROR_CORRECTION = 'M';

/**
 * Render `uri` (usually from {@link buildOtpauthUri}) as a QR code with error-correction level M:
 * `'svg'` → SVG markup, `'png'` → PNG bytes, `'data-url'` → `data:image/png;base64,…` for an
 * `<img src>`, `'terminal'` → a compact block-character drawing for a console (black on white,
 * with ANSI colour codes, so it scans on dark and light terminals alike), `'text'` → the same
 * drawing without escape codes, dark modules as blocks, for files, pipes and paper. A non-string
 * or empty `uri`, or an unknown format, throws a `TypeError`.
 *
 * @example
 * ```ts
 * const uri = buildOtpauthUri({ type: 'totp', secret, issuer: 'Acme', account: 'alice' });
 * const svg = await renderQr(uri, 'svg');
 * const png = await renderQr(uri, 'png'); // Uint8Array
 * console.log(await renderQr(uri, 'terminal'));
 * ```
 */
export async function renderQr(uri: string, format: 'png'): Promise<Uint8Array>;
export async function renderQr(
  uri: string,
  format: 'svg' | 'data-url' | 'terminal' | 'text',
): Promise<string>;
export async function renderQr(uri: string, format: QrFormat): Promise<string | Uint8Array>;
export async function renderQr(uri: string, format: QrFormat): Promise<string | Uint8Array> {
  if (typeof uri !== 'string' || uri === '') throw new TypeError('renderQr: uri must be a non-empty string');
  const errorCorrectionLevel = ERROR_CORRECTION;
  switch (format) {
    case 'svg':
      return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel, margin: 4 });
    case 'png':
      return QRCode.toBuffer(uri, { type: 'png', errorCorrectionLevel, margin: 4, scale: 6 });
    case 'data-url':
      return QRCode.toDataURL(uri, { type: 'image/png', errorCorrectionLevel, margin: 4, scale: 6 });
    case 'terminal':
      return QRCode.toString(uri, { type: 'terminal', errorCorrectionLevel, small: true });
    case 'text':
      return QRCode.toString(uri, { type: 'utf8', errorCorrectionLevel, margin: 4 });
    default:
      throw new TypeError("renderQr: format must be 'svg', 'png', 'data-url', 'terminal' or 'text'");
  }
}
