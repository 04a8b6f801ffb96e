/**
 * Strict base64 decoding. `Buffer.from(text, 'base64')` skips characters it does not know and
 * accepts non-canonical trailing bits, so a truncated or mistyped key would silently become a
 * different key; everything here refuses instead.
 */

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const KEY_TEXT = /^([A-Za-z0-9+/_-]*)(=*)$/;

/** The 6-bit value of one base64url character (already known to be one). */
function sextet(code: number): number {
  if (code >= 0x61) return code - 0x61 + 26; // a-z
  if (code >= 0x41) return code === 0x5f ? 63 : code - 0x41; // A-Z, _
  return code === 0x2d ? 62 : code - 0x30 + 52; // -, 0-9
}

/**
 * True when `text` is unpadded base64url and the canonical encoding of its bytes: only the
 * alphabet, a length that is not 1 mod 4, and zero bits in the last character's unused low bits
 * (what re-encoding the decoded bytes would give back). Two texts must never name the same bytes.
 */
export function isCanonicalBase64Url(text: string): boolean {
  const tail = text.length % 4;
  if (tail === 1 || !BASE64URL.test(text)) return false;
  if (tail === 0) return true;
  // 2 characters carry 1 byte (4 spare bits), 3 carry 2 bytes (2 spare bits).
  return (sextet(text.charCodeAt(text.length - 1)) & (tail === 2 ? 0x0f : 0x03)) === 0;
}

/** The number of bytes canonical unpadded base64url text of this length decodes to. */
export function base64UrlByteLength(textLength: number): number {
  return Math.floor((textLength * 3) / 4);
}

/**
 * Decode unpadded base64url (the envelope and hash segments), or null when `text` holds any other
 * character or is not the canonical encoding of its bytes.
 */
export function decodeBase64Url(text: string): Buffer | null {
  return isCanonicalBase64Url(text) ? Buffer.from(text, 'base64url') : null;
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
