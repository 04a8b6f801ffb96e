import type { DeviceRecord, JsonObject } from '../store/otp-store.js';

/**
 * Cryptography bound to one device, handed to a kind by the service. Sealing uses the device id as
 * additional data, so an envelope copied onto another device does not open; hashes are keyed and
 * bound to the device too, so a store dump reveals neither secrets nor codes.
 */
export interface DeviceCrypto {
  /** Seal a secret under the keyring's primary key. */
  seal(plaintext: Uint8Array): string;
  /**
   * Open a sealed secret (cached per device and envelope). Each call returns a fresh copy that the
   * kind owns and may wipe when done. Throws `OtpError('OTP_SEAL_INVALID')` on tampering.
   */
  open(envelope: string): Uint8Array;
  /** Keyed hash (HMAC-SHA-256) of a code, for storing. */
  hash(value: string): string;
  /** Constant-time check of a code against a stored {@link DeviceCrypto.hash}. False for malformed hashes. */
  verifyHash(value: string, stored: string): boolean;
}

/** A device record whose `data` has the kind's shape. */
export type KindDevice<D extends JsonObject> = Omit<DeviceRecord, 'data'> & { data: D };

/** What a kind's `enroll` receives. */
export interface KindEnrollContext {
  /** The new device's id (already generated, so that secrets can be bound to it). */
  deviceId: string;
  userId: string;
  /** The device name, validated by the service. */
  name: string;
  /** Epoch milliseconds. */
  now: number;
  crypto: DeviceCrypto;
  /** The kind-specific fields passed to `otp.enroll()` (label, email, imported secret…). Validate them. */
  input: Readonly<Record<string, unknown>>;
  /**
   * When codes were delivered to this user in the last day (epoch ms, oldest first), by any kind
   * and any path. A kind that sends (email) refuses to send again within its cooldown or past its
   * hourly cap by throwing `OtpError('OTP_COOLDOWN', …, { details: { retryAfterMs } })`.
   */
  deliveries: readonly number[];
}

/** What a kind's `enroll` returns. */
export interface KindEnrollOutcome<D extends JsonObject> {
  data: D;
  /** True when the device is usable at once (backup codes); false when a code must confirm it. */
  confirmed: boolean;
  /** Shown to the user once and never stored in clear: `{ secret, manualKey, uri }`, `{ codes }`… */
  reveal: Record<string, unknown>;
  /**
   * Work to do once the device is stored, such as sending the confirmation email. When it rejects,
   * the service deletes the new device and raises `OTP_DELIVERY_FAILED`.
   */
  deliver?: () => Promise<void>;
  events?: KindEvent[];
}

/** What a kind's `verify` and `resync` receive. */
export interface KindVerifyContext<D extends JsonObject> {
  device: KindDevice<D>;
  /** The token as returned by the kind's own `parseToken`. */
  token: string;
  now: number;
  crypto: DeviceCrypto;
  /** `'confirm'` while confirming an enrollment, `'verify'` otherwise. */
  purpose: 'verify' | 'confirm';
}

/**
 * An event a kind asks the service to emit once its change is committed (and, for outcomes with
 * `deliver`, once delivery succeeded). The service adds the user, device and kind.
 */
export type KindEvent =
  | { type: 'backup-code.used'; remaining: number }
  | { type: 'backup-codes.generated'; count: number }
  | { type: 'email.sent' };

/**
 * Result of a kind's `verify`: always the next data to persist, never a side effect. A kind whose
 * sealed secret does not open lets the `OTP_SEAL_INVALID` / `OTP_KEY_INVALID` error escape; the
 * service then skips that device (and reports it) instead of failing the whole verification.
 */
export type KindVerifyOutcome<D extends JsonObject> =
  | { ok: true; data: D; events?: KindEvent[] }
  | {
      ok: false;
      reason: 'invalid' | 'replayed' | 'expired';
      /** New data to persist even on failure (an email code's try counter), or undefined for none. */
      data?: D;
    };

/** What a kind's `resync` receives: two consecutive codes, each parsed by `parseToken`. */
export interface KindResyncContext<D extends JsonObject>
  extends Omit<KindVerifyContext<D>, 'token' | 'purpose'> {
  tokens: readonly [string, string];
}

/** Result of a kind's `challenge`. */
export type KindChallengeOutcome<D extends JsonObject> =
  | {
      sent: true;
      /** Data to commit before delivering (the new code's hash, the send time). */
      data: D;
      /** Send the code. Called after `data` is committed. */
      deliver: () => Promise<void>;
      /** Data to commit when delivery fails, so that the undelivered code is not left valid. */
      revert: (data: D) => D;
      /** Emitted after a successful delivery (`email.sent`). */
      events?: KindEvent[];
    }
  | { sent: false; reason: 'cooldown'; retryAfterMs: number };

/**
 * A kind of device (TOTP app, HOTP token, email, backup codes). Kinds are pure state machines: the
 * service loads the device, the kind computes the next `data`, the service commits it with
 * compare-and-set. A kind never touches the store.
 *
 * @example
 * ```ts
 * const otp = createOtp({ store, keyring, kinds: [totp({ issuer: 'Acme' }), backupCodes()] });
 * ```
 */
export interface DeviceKind<D extends JsonObject = JsonObject> {
  /** Stable identifier stored with each device: `'totp'`, `'hotp'`, `'email'`, `'backup-codes'`. */
  readonly kind: string;
  /** At most one device of this kind per user; enrolling again replaces it (backup codes). */
  readonly singleton?: boolean;
  /** A recovery factor (backup codes): does not by itself count as having two-factor set up. */
  readonly recovery?: boolean;
  /** Device name used when enrollment gives none ("Authenticator app"). */
  readonly defaultName?: string;
  /**
   * Normalise user input strictly. Returns the canonical token, or null when the input cannot be a
   * code of this kind (wrong characters, wrong length, not a string). Never throws.
   */
  parseToken(token: unknown, device: KindDevice<D>): string | null;
  /**
   * Create a new device's data (a fresh sealed secret, code hashes…) from `ctx.input`, validated
   * here. May return one-time display data (`secret`, `otpauthUri`, `codes`) the service passes on.
   */
  enroll(ctx: KindEnrollContext): Promise<KindEnrollOutcome<D>>;
  /** Pure: check the token and return the next state. Never throws for a wrong code. */
  verify(ctx: KindVerifyContext<D>): KindVerifyOutcome<D>;
  /**
   * Send a code (email). Absent for kinds that need no challenge. `deliveries` is as in
   * {@link KindEnrollContext}: within the kind's cooldown it answers `{ sent: false, reason: 'cooldown' }`.
   */
  challenge?(
    ctx: Omit<KindVerifyContext<D>, 'token' | 'purpose'> & { deliveries: readonly number[] },
  ): Promise<KindChallengeOutcome<D>>;
  /** Re-align a drifted counter or clock from two consecutive codes (RFC 4226 §7.4). */
  resync?(ctx: KindResyncContext<D>): { ok: true; data: D } | { ok: false; reason: 'invalid' };
  /**
   * Add `count` codes to an existing device without replacing the others (backup codes: an
   * operator's `otpkit add-static-token`). The new codes are revealed once.
   */
  extend?(ctx: { device: KindDevice<D>; now: number; crypto: DeviceCrypto; count: number }): {
    data: D;
    codes: string[];
  };
  /**
   * Build a device from another system's record (`otp.importDevice`): the secret and the state that
   * must carry over so that a code already used stays used (last step, counter, drift, spent static
   * tokens). Validate `input` strictly and throw `OtpError('OTP_INVALID_INPUT')` (naming the field,
   * never quoting a secret) when it cannot be imported. For a singleton kind, `existing` is the
   * user's current device of this kind, into which the import merges (static tokens into the set).
   */
  import?(ctx: KindImportContext<D>): { data: D };
  /** Public, non-secret details for device lists (`{ remaining: 7 }`, `{ email }`, `{ digits: 6 }`). */
  describe?(device: KindDevice<D>): JsonObject;
  /**
   * The sealed envelopes and keyed hashes this device still needs (the secret; unused backup codes'
   * hashes; the hash of an email code in force), so that `status().unreadableDevices` ignores spent
   * ones under a retired key. Absent: every envelope or hash found in `data` counts.
   */
  secretsInUse?(device: KindDevice<D>, now: number): string[];
}

/** What a kind's `import` receives. */
export interface KindImportContext<D extends JsonObject> {
  deviceId: string;
  userId: string;
  now: number;
  crypto: DeviceCrypto;
  /** The kind-specific fields given to `otp.importDevice` (secret, counters, tokens…). */
  input: Readonly<Record<string, unknown>>;
  /** Singleton kinds: the user's device of this kind, when there is one (merge into it). */
  existing: KindDevice<D> | null;
}
