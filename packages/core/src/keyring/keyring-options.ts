/**
 * Validation of `createKeyring` options. Keys are secrets, so no message built here ever contains
 * a key's value, and invalid key ids (which might be a key pasted in the wrong place) are named
 * by position rather than echoed.
 */
import { z } from 'zod';
import { decodeKeyText } from './base64-text.js';
import { KEY_BYTES } from './derive-keys.js';

/** What a key id must look like: it is written into every envelope and hash. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

type Issue = { message: string; path: string[] };

function decodeKey(value: unknown): Uint8Array | string {
  if (value instanceof Uint8Array) {
    if (value.length !== KEY_BYTES) return `must be ${KEY_BYTES} bytes, got ${value.length}`;
    // A private copy, so that wiping it later cannot touch the caller's array.
    return new Uint8Array(value);
  }
  if (typeof value !== 'string') return 'must be a Uint8Array or base64 text';
  const bytes = decodeKeyText(value);
  if (!bytes) return 'must be base64 or base64url text';
  if (bytes.length !== KEY_BYTES) {
    const length = bytes.length;
    bytes.fill(0);
    return `must be ${KEY_BYTES} bytes, got ${length}`;
  }
  return bytes;
}

function decodeKeys(keys: Record<string, unknown>, issues: Issue[]): Map<string, Uint8Array> {
  const decoded = new Map<string, Uint8Array>();
  const entries = Object.entries(keys);
  if (entries.length === 0) issues.push({ message: 'at least one key is required', path: [] });
  entries.forEach(([id, value], index) => {
    if (!KEY_ID_PATTERN.test(id)) {
      issues.push({ message: `key id #${index + 1} must match ${KEY_ID_PATTERN}`, path: [] });
      return;
    }
    const key = decodeKey(value);
    if (typeof key === 'string') issues.push({ message: key, path: [id] });
    else decoded.set(id, key);
  });
  return decoded;
}

/** The options schema; its output holds decoded key bytes, which the caller must wipe. */
export const keyringOptionsSchema = z
  .strictObject({
    /** Key id → 32-byte key, as a `Uint8Array` or base64 / base64url text. */
    keys: z.record(z.string(), z.unknown()).transform((keys, ctx) => {
      const issues: Issue[] = [];
      const decoded = decodeKeys(keys, issues);
      if (issues.length === 0) return decoded;
      for (const key of decoded.values()) key.fill(0);
      for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
      return z.NEVER;
    }),
    /** The key id that seals and hashes; every listed key still opens and verifies. */
    primary: z.string(),
  })
  .superRefine((options, ctx) => {
    if (options.keys.has(options.primary)) return;
    for (const key of options.keys.values()) key.fill(0);
    ctx.addIssue({
      code: 'custom',
      path: ['primary'],
      message: `must be one of the key ids (${[...options.keys.keys()].join(', ')})`,
    });
  });
