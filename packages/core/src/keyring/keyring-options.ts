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

// 32 bytes written as hex: a common way to paste a key (`openssl rand -hex 32`), never valid here.
const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** The environment variable the docs keep a key in: `OTPKIT_KEY_K1` for `k1`. */
const variableOf = (id: string) => `OTPKIT_KEY_${id.toUpperCase().replaceAll('-', '_')}`;

function decodeKey(value: unknown, id: string): Uint8Array | string {
  // Usually `process.env.OTPKIT_KEY_K1` read before the variable was set.
  if (value === undefined) return `is undefined (is ${variableOf(id)} set?)`;
  if (value instanceof Uint8Array) {
    if (value.length !== KEY_BYTES) return `must be ${KEY_BYTES} bytes, got ${value.length}`;
    // A private copy, so that wiping it later cannot touch the caller's array.
    return new Uint8Array(value);
  }
  if (typeof value !== 'string') return 'must be a Uint8Array or base64 text';
  if (HEX_KEY.test(value)) {
    return "looks like hex: give base64 (Buffer.from(hex, 'hex').toString('base64'))";
  }
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
    const key = decodeKey(value, id);
    if (typeof key === 'string') issues.push({ message: key, path: [id] });
    else decoded.set(id, key);
  });
  return decoded;
}

/**
 * The fields of {@link keyringOptionsSchema}, each with its documentation. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const keyringOptionsShape = {
  // Any value is let through to the transform, which says what is wrong with it (undefined, hex…).
  /**
   * Key id (`/^[A-Za-z0-9_-]{1,32}$/`) → 32-byte key, as a `Uint8Array` or base64 / base64url text
   * (`otpkit keys generate` or `openssl rand -base64 32` makes one). Keep retired keys listed until
   * every envelope has been resealed.
   */
  keys: z.record(z.string(), z.custom<string | Uint8Array>()).transform((keys, ctx) => {
    const issues: Issue[] = [];
    const decoded = decodeKeys(keys, issues);
    if (issues.length === 0) return decoded;
    for (const key of decoded.values()) key.fill(0);
    for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
    return z.NEVER;
  }),
  /** The key id that seals and hashes from now on; every listed key still opens and verifies. */
  primary: z.string(),
};

/**
 * Options of `createKeyring`; its output holds decoded key bytes, which the caller must wipe.
 * Both fields are required; there are no defaults.
 */
export const keyringOptionsSchema: z.ZodObject<typeof keyringOptionsShape, z.core.$strict> = z
  .strictObject(keyringOptionsShape)
  .superRefine((options, ctx) => {
    if (options.keys.has(options.primary)) return;
    for (const key of options.keys.values()) key.fill(0);
    ctx.addIssue({
      code: 'custom',
      path: ['primary'],
      message: `must be one of the key ids (${[...options.keys.keys()].join(', ')})`,
    });
  });

/**
 * Options of `createKeyring`, as written by callers (see {@link keyringOptionsSchema} for each field).
 *
 * @example
 * ```ts
 * const options: KeyringOptions = {
 *   keys: { k1: process.env.OTPKIT_KEY_K1!, k2: process.env.OTPKIT_KEY_K2! },
 *   primary: 'k2',
 * };
 * ```
 */
export type KeyringOptions = z.input<typeof keyringOptionsSchema>;
