import type { DeviceRecord, JsonObject } from '../store/otp-store.js';
import type { OtpEventHub } from './events.js';

/** Why a verification failed. */
export type VerifyFailureReason =
  /** The input cannot be a code of any candidate device (letters, wrong length, not a string). Not counted. */
  | 'malformed'
  /** A well-formed code that matches nothing. Counted. */
  | 'invalid'
  /** The code was right but already used (same or older time step, used backup code). Counted. */
  | 'replayed'
  /** The code was right once but is no longer valid (email code past its lifetime or tries). Counted. */
  | 'expired'
  /** Refused without checking: the throttle delay after earlier failures is running. Not counted. */
  | 'throttled'
  /**
   * The user is locked: refused without checking, or this very failure engaged the lock. Only an
   * administrator's `resetThrottle` (the CLI's `otpkit unlock`) lifts it.
   */
  | 'locked'
  /** The user has no confirmed device that could check this code (or the device id is not theirs). Not counted. */
  | 'no-device';

/** A successful verification: who, with which device (and, for a backup code, how many are left). */
export interface VerifySuccess {
  ok: true;
  userId: string;
  deviceId: string;
  kind: string;
  /** The device that accepted the code, as it is after this verification. */
  device: DeviceInfo;
  /** Backup codes left in the set, when a backup code was used. */
  remaining?: number;
}

/** A failed verification. `retryAfterMs` is always there when the reason is `'throttled'`. */
export type VerifyFailure =
  | { ok: false; reason: 'throttled'; retryAfterMs: number }
  | { ok: false; reason: 'locked'; retryAfterMs?: undefined }
  | {
      ok: false;
      reason: Exclude<VerifyFailureReason, 'throttled' | 'locked'>;
      /** Milliseconds before the next try is accepted (present when this failure started a delay). */
      retryAfterMs?: number;
    };

/**
 * The result of `verifyToken`, `confirm` and `resync`. A wrong code is a result, never an exception.
 *
 * @example
 * ```ts
 * const r = await otp.verifyToken({ userId, token });
 * if (r.ok) console.log(`signed in with ${r.device.name}`, r.remaining);
 * else if (r.reason === 'throttled') res.set('Retry-After', String(Math.ceil(r.retryAfterMs / 1000)));
 * ```
 */
export type VerifyResult = VerifySuccess | VerifyFailure;

/** A device as the service shows it: the stored record without its data (no secret, no hash, no code). */
export interface DeviceInfo extends Omit<DeviceRecord, 'data' | 'version'> {
  /** Public, kind-specific details: `{ remaining: 7 }` for backup codes, `{ email }` for email… */
  details: JsonObject;
}

/** Input of `otp.enroll`. Fields beyond `userId`, `kind` and `name` go to the kind (label, email, secret…). */
export interface EnrollInput {
  userId: string;
  kind: string;
  /** Shown in device lists. Defaults to the kind's name ("Authenticator app"). 1–64 characters. */
  name?: string;
  [field: string]: unknown;
}

/** Output of `otp.enroll`: the new device and what the kind reveals once (never stored in clear). */
export interface EnrollResult {
  device: DeviceInfo;
  /** TOTP/HOTP: the secret in base32 (show it once, as a manual key). */
  secret?: string;
  /** TOTP/HOTP: the secret in groups of four for typing. */
  manualKey?: string;
  /** TOTP/HOTP: the otpauth:// URI to render as a QR code. */
  uri?: string;
  /** Backup codes: shown once. */
  codes?: string[];
  [field: string]: unknown;
}

/** Input of `otp.importDevice`. Fields beyond the named ones go to the kind (secret, counters, tokens…). */
export interface ImportDeviceInput {
  userId: string;
  kind: string;
  /** Shown in device lists. @default the kind's default name */
  name?: string;
  /**
   * Identifies the source record ("django-otp:otp_totp.totpdevice:42"): a second import with the same
   * key for the same user creates nothing. 1–255 printable characters.
   */
  importKey: string;
  /** Import as usable at once (the source had confirmed it). @default true */
  confirmed?: boolean;
  /** When the source created it, epoch ms. @default now */
  createdAt?: number;
  /** When the source last accepted a code from it, epoch ms. @default null */
  lastUsedAt?: number | null;
  /**
   * Check everything (the kind's fields, the device limit, an earlier import of the same key) and
   * answer what would be imported, writing nothing. @default false
   */
  dryRun?: boolean;
  [field: string]: unknown;
}

/**
 * The result of `otp.importDevice`: imported; already imported earlier (nothing written); or, with
 * `dryRun`, the device that would be imported (nothing written).
 */
export type ImportDeviceResult =
  | { imported: true; device: DeviceInfo }
  | { imported: false; reason: 'duplicate'; deviceId: string }
  | { imported: false; reason: 'dry-run'; device: DeviceInfo };

/** The result of `otp.challenge`: sent, or not yet (the cooldown or the hourly cap). */
export type ChallengeResult = { sent: true } | { sent: false; reason: 'cooldown'; retryAfterMs: number };

/** A user's two-factor status, for enforcement and UI. */
export interface UserStatus {
  /** True when the user has a confirmed device that is not a recovery factor. */
  enrolled: boolean;
  /** Confirmed devices of any kind (backup codes included). */
  confirmedDevices: number;
  /** Consecutive counted failures. */
  failures: number;
  locked: boolean;
  /** Epoch milliseconds at which the lock engaged, or null. */
  lockedAt: number | null;
  /** Present while a throttle delay is running. */
  retryAfterMs?: number;
  /** Changes whenever the user's factors change; null until the user has state. */
  stamp: string | null;
  /**
   * Ids of confirmed devices whose sealed secrets or code hashes this keyring cannot open (a key
   * dropped from the keyring, or the wrong key under a known id). Verification skips them.
   */
  unreadableDevices: string[];
}

/**
 * The otpkit service returned by `createOtp`. Every method takes one object. Verification
 * (`verifyToken`, `confirm`, `resync`) returns a result and never throws for a wrong code; management
 * methods throw {@link OtpError} with a stable code. A failing store rejects with
 * `OTP_STORE_UNAVAILABLE` everywhere (verification fails closed).
 *
 * @example
 * ```ts
 * const r = await otp.verifyToken({ userId: 'alice', token: '123 456' });
 * if (r.ok) completeLogin(r.userId);
 * ```
 */
export interface Otp {
  /**
   * Start enrolling a device of a configured kind. TOTP/HOTP/email devices start unconfirmed (and
   * replace the user's earlier unconfirmed one of that kind); backup codes are usable at once (and
   * replace the previous set). Throws `OTP_THROTTLED` / `OTP_LOCKED` while the user is throttled or
   * locked, `OTP_DEVICE_LIMIT` past the device caps, `OTP_COOLDOWN` when an email was sent too
   * recently, `OTP_INVALID_INPUT` for bad fields.
   *
   * @example
   * ```ts
   * const { device, uri, manualKey } = await otp.enroll({ userId: 'alice', kind: 'totp', label: 'alice@acme.test' });
   * const svg = await renderQr(uri!, 'svg');
   * ```
   */
  enroll(input: EnrollInput): Promise<EnrollResult>;
  /**
   * Confirm an unconfirmed device with a code it produced (the first code of the app, the code from
   * the email). Activates the device and burns the code. Does not reset the failure count: a factor
   * the caller just added proves nothing about the ones being guessed.
   *
   * @example
   * ```ts
   * const r = await otp.confirm({ userId: 'alice', deviceId: device.id, token: '123456' });
   * if (!r.ok) showError(r.reason);
   * ```
   */
  confirm(input: { userId: string; deviceId: string; token: unknown }): Promise<VerifyResult>;
  /**
   * Verify a code from any of the user's confirmed devices (or only `deviceId`). Applies the
   * throttle, refuses replays, and persists what the code used up.
   *
   * @example
   * ```ts
   * const r = await otp.verifyToken({ userId: 'alice', token: req.body.code });
   * if (r.ok && r.remaining !== undefined) flash(`${r.remaining} backup codes left`);
   * ```
   */
  verifyToken(input: { userId: string; token: unknown; deviceId?: string }): Promise<VerifyResult>;
  /**
   * Send a code for a device that needs one (email): `{ sent: true }`, or `{ sent: false, reason:
   * 'cooldown', retryAfterMs }` when one was sent too recently. Throws `OTP_DEVICE_NOT_FOUND`,
   * `OTP_NOT_SUPPORTED` (a kind that sends nothing), `OTP_LOCKED`, `OTP_DELIVERY_FAILED`.
   *
   * @example
   * ```ts
   * const sent = await otp.challenge({ userId: 'alice', deviceId: emailDevice.id });
   * if (!sent.sent) showWait(sent.retryAfterMs);
   * ```
   */
  challenge(input: { userId: string; deviceId: string }): Promise<ChallengeResult>;
  /**
   * All of a user's devices, confirmed or not, oldest first, without secrets.
   *
   * @example
   * ```ts
   * for (const d of await otp.listDevices({ userId: 'alice' })) console.log(d.name, d.kind, d.lastUsedAt);
   * ```
   */
  listDevices(input: { userId: string }): Promise<DeviceInfo[]>;
  /**
   * Remove one of the user's devices; resolves what was removed. Throws `OTP_DEVICE_NOT_FOUND`.
   *
   * @example
   * ```ts
   * const removed = await otp.removeDevice({ userId: 'alice', deviceId });
   * audit('2fa-device-removed', removed.name);
   * ```
   */
  removeDevice(input: { userId: string; deviceId: string }): Promise<DeviceInfo>;
  /**
   * Rename one of the user's devices. Throws `OTP_DEVICE_NOT_FOUND`, `OTP_INVALID_INPUT`.
   *
   * @example
   * ```ts
   * await otp.renameDevice({ userId: 'alice', deviceId, name: 'Work phone' });
   * ```
   */
  renameDevice(input: { userId: string; deviceId: string; name: string }): Promise<DeviceInfo>;
  /**
   * Replace the user's backup codes with a new set, shown once. Throws `OTP_THROTTLED`,
   * `OTP_LOCKED`, `OTP_NOT_SUPPORTED` (no backup-code kind configured).
   *
   * @example
   * ```ts
   * const { codes } = await otp.regenerateBackupCodes({ userId: 'alice' });
   * ```
   */
  regenerateBackupCodes(input: { userId: string }): Promise<{ device: DeviceInfo; codes: string[] }>;
  /**
   * Add codes to the user's backup-code set, keeping the ones they hold (creates the set if needed):
   * how an operator lets someone into a freshly protected admin. Throws like `regenerateBackupCodes`.
   *
   * @example
   * ```ts
   * const { codes } = await otp.addBackupCodes({ userId: 'alice', count: 1 });
   * ```
   */
  addBackupCodes(input: { userId: string; count?: number }): Promise<{ device: DeviceInfo; codes: string[] }>;
  /**
   * Re-align a drifted HOTP counter or TOTP clock from two consecutive codes (RFC 4226 §7.4).
   *
   * @example
   * ```ts
   * const r = await otp.resync({ userId: 'alice', deviceId, tokens: ['123456', '654321'] });
   * ```
   */
  resync(input: {
    userId: string;
    deviceId: string;
    tokens: readonly [unknown, unknown];
  }): Promise<VerifyResult>;
  /**
   * Import a device from another system with the state that must carry over (a TOTP app's last
   * step and drift, an HOTP token's counter, static tokens with the spent ones marked), so users keep
   * their authenticator apps and hardware tokens and an already used code stays used. Idempotent per
   * user and `importKey`. Throws `OTP_INVALID_INPUT` (with `details.field`) for what the kind cannot
   * import, `OTP_DEVICE_LIMIT` past the caps.
   *
   * @example
   * ```ts
   * const r = await otp.importDevice({
   *   userId: 'alice', kind: 'totp', importKey: 'django-otp:otp_totp.totpdevice:42',
   *   name: 'Phone', secret: '3132333435363738393031323334353637383930', encoding: 'hex', lastStep: 59_000_000,
   * });
   * if (!r.imported) console.log('already there:', r.deviceId);
   * ```
   */
  importDevice(input: ImportDeviceInput): Promise<ImportDeviceResult>;
  /**
   * Administrator unlock: clears the failure count, the delay and the lock.
   *
   * @example
   * ```ts
   * await otp.resetThrottle({ userId: 'alice' });
   * ```
   */
  resetThrottle(input: { userId: string }): Promise<void>;
  /**
   * The user's two-factor status: enrolled or not, failures, lock, delay, security stamp, and the
   * devices this keyring cannot read.
   *
   * @example
   * ```ts
   * const s = await otp.status({ userId: 'alice' });
   * if (!s.enrolled && policyRequires2fa(user)) redirect('/auth/setup');
   * ```
   */
  status(input: { userId: string }): Promise<UserStatus>;
  /** Subscribe to what happens: `otp.events.on('failed', ({ userId, reason }) => …)`. */
  readonly events: OtpEventHub;
}
