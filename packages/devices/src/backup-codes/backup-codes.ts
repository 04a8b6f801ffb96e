/**
 * Backup codes: single-use recovery codes printed or saved when two-factor is set up.
 */
import { type DeviceCrypto, type DeviceKind, OtpError, parseOptions } from '@otpkit/core';
import { z } from 'zod';
import { parseEnrollInput } from '../internal/parse-enroll-input.js';
import { formatBackupCode, generateBackupCode, normalizeBackupCode } from './backup-code-format.js';
import { hasLegacyTokens, importLegacyTokens, parseLegacyToken } from './legacy-static-tokens.js';

/** What a backup-code set stores: only keyed hashes, each marked when it is spent. */
export type BackupCodesData = {
  /** Symbols per code (so that input of another length is refused before any hashing). */
  length: number;
  /**
   * `legacy` marks a static token imported from another system (django-otp): compared exactly as
   * typed, not normalised as otpkit's own codes are.
   */
  codes: Array<{ hash: string; usedAt: number | null; legacy?: true }>;
};

/**
 * The fields of {@link backupCodesOptionsSchema}, each with its documentation and default. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const backupCodesOptionsShape = {
  /** Codes per set, 1–50. @default 10 */
  count: z.number().int().min(1).max(50).default(10),
  /**
   * Symbols per code, 10–20, 5 bits each. Ten symbols (50 bits) cannot be guessed within the
   * throttle's limits, and never look like a 6–8 digit code.
   * @default 10
   */
  length: z.number().int().min(10).max(20).default(10),
};

/** The options of {@link backupCodes}, checked once when the kind is made. */
export const backupCodesOptionsSchema: z.ZodObject<typeof backupCodesOptionsShape, z.core.$strict> =
  z.strictObject(backupCodesOptionsShape);

/**
 * Options of {@link backupCodes} (see {@link backupCodesOptionsSchema} for the rules of each field).
 *
 * @example
 * ```ts
 * backupCodes();                          // 10 codes like 'k3m9x-7qp2d'
 * backupCodes({ count: 12, length: 15 }); // 12 codes of 75 bits
 * ```
 */
export type BackupCodesOptions = z.input<typeof backupCodesOptionsSchema>;

/**
 * Enrollment input: how many codes, when not the kind's `count` (`otp.addBackupCodes` creating a
 * set for an operator's `otpkit add-static-token`).
 */
const enrollInput = z.object({ count: z.number().int().min(1).max(100).optional() }).strict();

/**
 * Most codes one set holds. Every verification checks every stored hash (no early exit), so the
 * set must stay small; adding codes first drops the oldest spent ones.
 */
export const MAX_SET_SIZE = 100;

/** `count` new distinct codes: the revealed forms and the entries to store. */
function newCodes(count: number, length: number, crypto: DeviceCrypto) {
  // 50 bits make a repeat practically impossible; the set makes it impossible.
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateBackupCode(length));
  return {
    reveal: [...codes].map(formatBackupCode),
    entries: [...codes].map((code) => ({ hash: crypto.hash(code), usedAt: null })),
  };
}

/**
 * The backup-code kind (`'backup-codes'`): a singleton recovery factor. Enrolling (or
 * `otp.regenerateBackupCodes`) replaces the user's set with `count` new codes, revealed once as
 * `{ codes: ['xxxxx-xxxxx', …] }` and stored only as keyed hashes. Each code works once; input is
 * forgiving about case, spaces, dashes and O/0, I/L/1. A used code emits `backup-code.used` with
 * the number remaining. `otp.addBackupCodes` adds codes to a set without replacing it (the
 * operator's `otpkit add-static-token`).
 *
 * @example
 * ```ts
 * const otp = createOtp({ store, keyring, kinds: [totp({ issuer: 'Acme' }), backupCodes()] });
 * const { codes } = await otp.regenerateBackupCodes({ userId }); // show once, offer a download
 * otp.events.on('backup-code.used', ({ userId, remaining }) => { if (remaining < 3) remind(userId); });
 * ```
 */
export function backupCodes(options: BackupCodesOptions = {}): DeviceKind<BackupCodesData> {
  const o = parseOptions(backupCodesOptionsSchema, options, 'backupCodes');

  return {
    kind: 'backup-codes',
    defaultName: 'Backup codes',
    singleton: true,
    recovery: true,

    // A set with imported static tokens takes the input as typed (trimmed), for the exact match
    // those need; verify normalises it again for otpkit's own codes.
    parseToken: (token, device) =>
      (hasLegacyTokens(device.data) ? parseLegacyToken(token) : null) ??
      normalizeBackupCode(token, device.data.length),

    async enroll({ crypto, input }) {
      const count = parseEnrollInput(enrollInput, input, 'backup-codes').count ?? o.count;
      const { reveal, entries } = newCodes(count, o.length, crypto);
      return {
        data: { length: o.length, codes: entries },
        confirmed: true,
        reveal: { codes: reveal },
        events: [{ type: 'backup-codes.generated', count }],
      };
    },

    extend({ device, crypto, count }) {
      const { length } = device.data;
      const unused = device.data.codes.filter((entry) => entry.usedAt === null);
      if (unused.length + count > MAX_SET_SIZE) {
        throw new OtpError(
          'OTP_INVALID_INPUT',
          `A backup-code set holds at most ${MAX_SET_SIZE} unused codes; regenerate it instead`,
        );
      }
      // Spent codes are kept (so that they are reported as replayed) while there is room.
      const spent = device.data.codes
        .filter((entry) => entry.usedAt !== null)
        .sort((a, b) => b.usedAt! - a.usedAt!)
        .slice(0, MAX_SET_SIZE - unused.length - count);
      const kept = device.data.codes.filter((entry) => entry.usedAt === null || spent.includes(entry));
      const { reveal, entries } = newCodes(count, length, crypto);
      return { data: { ...device.data, codes: [...kept, ...entries] }, codes: reveal };
    },

    verify({ device, token, now, crypto }) {
      const { codes, length } = device.data;
      // Input that is no code of ours is compared as is: it cannot equal a normalised code.
      const native = normalizeBackupCode(token, length) ?? token;
      let match = -1;
      let spent = false;
      // Every stored hash is checked, used or not, with no early exit: the time taken does not
      // tell which code (or whether one) matched.
      for (let i = 0; i < codes.length; i++) {
        const equal = crypto.verifyHash(codes[i]!.legacy ? token : native, codes[i]!.hash);
        if (equal && codes[i]!.usedAt === null) match = i;
        else if (equal) spent = true;
      }
      if (match < 0) return { ok: false, reason: spent ? 'replayed' : 'invalid' };
      const next = codes.map((entry, i) => (i === match ? { ...entry, usedAt: now } : entry));
      const remaining = next.filter((entry) => entry.usedAt === null).length;
      return {
        ok: true,
        data: { ...device.data, codes: next },
        events: [{ type: 'backup-code.used', remaining }],
      };
    },

    // Static tokens of another system (django-otp), merged into the user's set.
    import: (ctx) => importLegacyTokens(ctx, { length: o.length, maxSetSize: MAX_SET_SIZE }),

    describe: (device) => ({ remaining: device.data.codes.filter((entry) => entry.usedAt === null).length }),

    // Spent codes are kept only to answer 'replayed': a retired key under them is no loss.
    secretsInUse: (device) =>
      device.data.codes.filter((entry) => entry.usedAt === null).map((entry) => entry.hash),
  };
}
