/**
 * The sealed-secret envelope: `v1.<keyId>.<iv>.<ciphertext||tag>`, both binary parts unpadded
 * base64url. AES-256-GCM with a random 96-bit IV (NIST SP 800-38D's recommended size); the
 * additional data binds the version, the key id and the context (the device id), so an envelope
 * copied onto another device row, or relabelled with another key id, fails authentication.
 */
import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from 'node:crypto';
import { OtpError } from '../errors.js';
import { base64UrlByteLength, isCanonicalBase64Url } from './base64-text.js';

export const SEAL_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** The parts of a well-formed envelope (not yet authenticated), still as text. */
export interface ParsedEnvelope {
  keyId: string;
  /** Canonical base64url of the 12-byte IV. */
  ivText: string;
  /** Canonical base64url of the ciphertext followed by the 16-byte tag. */
  bodyText: string;
}

function additionalData(keyId: string, context: string): string {
  // Key ids cannot contain '.', so this joining is unambiguous.
  return `${SEAL_VERSION}.${keyId}.${context}`;
}

/** Seal `plaintext` under `key`, labelled `keyId`, bound to `context`. */
export function sealEnvelope(keyId: string, key: KeyObject, plaintext: Uint8Array, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(additionalData(keyId, context), 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${SEAL_VERSION}.${keyId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** The key id of a structurally valid envelope, or null. Cheap: decodes nothing. */
export function envelopeKeyId(envelope: unknown): string | null {
  if (typeof envelope !== 'string') return null;
  const parts = envelope.split('.');
  if (parts.length !== 4 || parts[0] !== SEAL_VERSION) return null;
  const keyId = parts[1]!;
  return KEY_ID.test(keyId) ? keyId : null;
}

/**
 * Split an envelope and check everything but its authenticity: the version, the key id, canonical
 * base64url, a 12-byte IV and a body that holds at least the tag. Null when any of it fails.
 */
export function parseEnvelope(envelope: unknown): ParsedEnvelope | null {
  if (typeof envelope !== 'string') return null;
  const parts = envelope.split('.');
  if (parts.length !== 4 || parts[0] !== SEAL_VERSION) return null;
  const [, keyId, ivText, bodyText] = parts as [string, string, string, string];
  if (!KEY_ID.test(keyId) || !isCanonicalBase64Url(ivText) || !isCanonicalBase64Url(bodyText)) return null;
  if (base64UrlByteLength(ivText.length) !== IV_BYTES || base64UrlByteLength(bodyText.length) < TAG_BYTES) {
    return null;
  }
  return { keyId, ivText, bodyText };
}

/** The one error for every envelope that does not open: its message never depends on the content. */
export function sealInvalid(): OtpError {
  return new OtpError(
    'OTP_SEAL_INVALID',
    'The sealed secret is malformed, was tampered with or belongs to another device',
  );
}

/**
 * Where `openEnvelope` decodes the IV, ciphertext, tag and additional data: opening runs on every
 * verification whose secret is not cached, and fresh buffers for these small public values were a
 * good part of its cost. Only public bytes ever land here, never plaintext, and opening is
 * synchronous, so no two calls can share it at once.
 */
const scratch = Buffer.alloc(1024);

/**
 * Authenticate and decrypt. Throws `OTP_SEAL_INVALID` on any failure, after wiping whatever was
 * decrypted: GCM releases plaintext before the tag is checked, and none of it may escape.
 */
export function openEnvelope(parsed: ParsedEnvelope, key: KeyObject, context: string): Uint8Array {
  const aad = additionalData(parsed.keyId, context);
  const bodyBytes = base64UrlByteLength(parsed.bodyText.length);
  // UTF-8 takes at most 3 bytes per UTF-16 unit; an unusually long input gets its own buffer.
  const needed = IV_BYTES + bodyBytes + aad.length * 3;
  const space = needed <= scratch.length ? scratch : Buffer.alloc(needed);
  space.write(parsed.ivText, 0, 'base64url');
  space.write(parsed.bodyText, IV_BYTES, 'base64url');
  const bodyEnd = IV_BYTES + bodyBytes;
  const aadEnd = bodyEnd + space.write(aad, bodyEnd, 'utf8');

  const decipher = createDecipheriv('aes-256-gcm', key, space.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(space.subarray(bodyEnd, aadEnd));
  decipher.setAuthTag(space.subarray(bodyEnd - TAG_BYTES, bodyEnd));
  const head = decipher.update(space.subarray(IV_BYTES, bodyEnd - TAG_BYTES));
  try {
    const tail = decipher.final();
    // A fresh, unpooled array: the caller may keep it, and no other data shares its buffer.
    const plaintext = new Uint8Array(head.length + tail.length);
    plaintext.set(head);
    plaintext.set(tail, head.length);
    tail.fill(0);
    return plaintext;
  } catch {
    throw sealInvalid();
  } finally {
    head.fill(0);
  }
}
