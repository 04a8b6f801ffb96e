/**
 * Strict base64 decoding. `Buffer.from(text, 'base64')` skips characters it does not know and
 * accepts non-canonical trailing bits, so a truncated or mistyped key would silently become a
 * different key; everything here refuses instead.
 */

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const KEY_TEXT = /^([A-Za-z0-9+/_-]*)(=*)$/;

/**
 * Decode unpadded base64url (the envelope and hash segments), or null when `text` holds any other
 * character or is not the canonical encoding of its bytes.
 */
export function decodeBase64Url(text: string): Buffer | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  // Re-encoding catches non-zero trailing bits: two texts must never name the same bytes.
  return bytes.toString('base64url') === text ? bytes : null;
}

/**
 * Decode key text given as standard base64 or base64url, padded or not, or null when it mixes
 * the two alphabets, holds any other character (whitespace included), is wrongly padded or is not
 * canonical.
 */
export function decodeKeyText(text: string): Buffer | null {
  const match = KEY_TEXT.exec(text);
  if (!match) return null;
  const body = match[1] ?? '';
  const padding = match[2] ?? '';
  if (padding.length > 0 && (padding.length > 2 || (body.length + padding.length) % 4 !== 0)) return null;
  const standard = /[+/]/.test(body);
  const urlSafe = /[-_]/.test(body);
  if (standard && urlSafe) return null;
  return decodeBase64Url(standard ? body.replaceAll('+', '-').replaceAll('/', '_') : body);
}
