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
  /** Refused without checking: too many failures; an administrator must `resetThrottle`. */
  | 'locked'
  /** The user has no confirmed device that could check this code (or the device id is not theirs). */
  | 'no-device';

/**
 * The result of `verifyToken`, `confirm` and `resync`. A wrong code is a result, never an exception.
 *
 * @example
 * ```ts
 * const r = await otp.verifyToken({ userId, token });
 * if (!r.ok && r.reason === 'throttled') res.set('Retry-After', String(Math.ceil(r.retryAfterMs! / 1000)));
 * ```
 */
export type VerifyResult =
  | { ok: true; userId: string; deviceId: string; kind: string }
  | {
      ok: false;
      reason: VerifyFailureReason;
      /** Milliseconds before the next try is accepted (present when a delay is in force). */
      retryAfterMs?: number;
    };

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

/** The result of `otp.challenge`. */
export type ChallengeResult =
  | { sent: true }
  | { sent: false; reason: 'cooldown'; retryAfterMs: number }
  | { sent: false; reason: 'locked' };

/** A user's two-factor status, for enforcement and UI. */
export interface UserStatus {
  /** True when the user has a confirmed device that is not a recovery factor. */
  enrolled: boolean;
  /** Confirmed devices of any kind. */
  confirmedDevices: number;
  failures: number;
  locked: boolean;
  /** Present while a throttle delay is running. */
  retryAfterMs?: number;
  /** Changes whenever the user's factors change; null until the first change. */
  stamp: string | null;
}

/**
 * The otpkit service returned by `createOtp`.
 *
 * @example
 * ```ts
 * const r = await otp.verifyToken({ userId: 'alice', token: '123 456' });
 * if (r.ok) completeLogin(r.userId);
 * ```
 */
export interface Otp {
  enroll(input: EnrollInput): Promise<EnrollResult>;
  confirm(input: { userId: string; deviceId: string; token: unknown }): Promise<VerifyResult>;
  verifyToken(input: { userId: string; token: unknown; deviceId?: string }): Promise<VerifyResult>;
  challenge(input: { userId: string; deviceId: string }): Promise<ChallengeResult>;
  listDevices(userId: string): Promise<DeviceInfo[]>;
  removeDevice(input: { userId: string; deviceId: string }): Promise<boolean>;
  renameDevice(input: { userId: string; deviceId: string; name: string }): Promise<DeviceInfo>;
  regenerateBackupCodes(input: { userId: string }): Promise<{ device: DeviceInfo; codes: string[] }>;
  /** Add codes to the user's backup-code set, keeping the ones they hold (creates the set if needed). */
  addBackupCodes(input: { userId: string; count?: number }): Promise<{ device: DeviceInfo; codes: string[] }>;
  resync(input: {
    userId: string;
    deviceId: string;
    tokens: readonly [unknown, unknown];
  }): Promise<VerifyResult>;
  resetThrottle(userId: string): Promise<void>;
  status(userId: string): Promise<UserStatus>;
  readonly events: OtpEventHub;
}
