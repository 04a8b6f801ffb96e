/**
 * The sealed-secret envelope: `v1.<keyId>.<iv>.<ciphertext||tag>`, both binary parts unpadded
 * base64url. AES-256-GCM with a random 96-bit IV (NIST SP 800-38D's recommended size); the
 * additional data binds the version, the key id and the context (the device id), so an envelope
 * copied onto another device row, or relabelled with another key id, fails authentication.
 */
import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from 'node:crypto';
import { OtpError } from '../errors.js';
import { decodeBase64Url } from './base64-text.js';

export const SEAL_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** The parts of a well-formed envelope (not yet authenticated). */
export interface ParsedEnvelope {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function additionalData(keyId: string, context: string): Buffer {
  // Key ids cannot contain '.', so this joining is unambiguous.
  return Buffer.from(`${SEAL_VERSION}.${keyId}.${context}`, 'utf8');
}

/** Seal `plaintext` under `key`, labelled `keyId`, bound to `context`. */
export function sealEnvelope(keyId: string, key: KeyObject, plaintext: Uint8Array, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(keyId, context));
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

/** Split and decode an envelope, or null when it is malformed in any way. */
export function parseEnvelope(envelope: unknown): ParsedEnvelope | null {
  const keyId = envelopeKeyId(envelope);
  if (keyId === null) return null;
  const [, , ivText, bodyText] = (envelope as string).split('.');
  const iv = decodeBase64Url(ivText!);
  const body = decodeBase64Url(bodyText!);
  if (!iv || iv.length !== IV_BYTES || !body || body.length < TAG_BYTES) return null;
  return {
    keyId,
    iv,
    ciphertext: body.subarray(0, body.length - TAG_BYTES),
    tag: body.subarray(body.length - TAG_BYTES),
  };
}

/** The one error for every envelope that does not open: its message never depends on the content. */
export function sealInvalid(): OtpError {
  return new OtpError(
    'OTP_SEAL_INVALID',
    'The sealed secret is malformed, was tampered with or belongs to another device',
  );
}

/**
 * Authenticate and decrypt. Throws `OTP_SEAL_INVALID` on any failure, after wiping whatever was
 * decrypted: GCM releases plaintext before the tag is checked, and none of it may escape.
 */
export function openEnvelope(parsed: ParsedEnvelope, key: KeyObject, context: string): Uint8Array {
  const decipher = createDecipheriv('aes-256-gcm', key, parsed.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(parsed.keyId, context));
  decipher.setAuthTag(parsed.tag);
  const head = decipher.update(parsed.ciphertext);
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
