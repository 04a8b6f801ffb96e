/** A JSON value: what device data and token data may hold. Stores persist it exactly. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * One factor of one user, as the store keeps it. `data` is kind-specific and holds only sealed
 * secrets, keyed hashes and counters: a dump of the store reveals no secret and no code.
 */
export interface DeviceRecord {
  /** Random, unguessable id (also the additional data that binds the sealed secret to this device). */
  id: string;
  userId: string;
  /** The device kind: `'totp'`, `'hotp'`, `'email'`, `'backup-codes'`… */
  kind: string;
  /** A name the user chose ("Phone"). */
  name: string;
  /** False until enrollment is confirmed with a valid code. Unconfirmed devices never log anyone in. */
  confirmed: boolean;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  lastUsedAt: number | null;
  /** Incremented by every write; the compare-and-set key. A new device has version 1. */
  version: number;
  data: JsonObject;
}

/**
 * Per-user verification state: the throttle counters, the lock and the security stamp.
 * A user without a row behaves as `failures: 0`, unlocked.
 */
export interface UserState {
  userId: string;
  /** Incremented by every write; the compare-and-set key. A new row has version 1. */
  version: number;
  /** Consecutive failed verifications (reset by a success or by an administrator). */
  failures: number;
  /** Epoch milliseconds of the last counted failure. */
  lastFailureAt: number | null;
  /** Epoch milliseconds at which the user was locked, or null. */
  lockedAt: number | null;
  /** Random value that changes whenever the user's factors change (trusted browsers hang on it). */
  stamp: string;
  updatedAt: number;
  /**
   * The service's per-user bookkeeping that needs no column of its own (recent code deliveries for
   * the send cooldown, the stamp a failure streak began under). Stores round-trip it exactly, like
   * device `data`; `{}` for a new row.
   */
  data: JsonObject;
}

/** The writable fields of a {@link UserState}; the store sets `userId` and `version`. */
export type UserStateFields = Omit<UserState, 'userId' | 'version'>;

/** What {@link OtpStore.loadUser} returns: one snapshot of a user, read in one round trip where possible. */
export interface UserSnapshot {
  /** Null when the user has no state row yet. */
  state: UserState | null;
  /** All of the user's devices, confirmed or not, oldest first. */
  devices: DeviceRecord[];
}

/** One device write inside a {@link StoreCommit}. */
export type DeviceWrite =
  /** Insert a new device (version must be 1). Fails the commit if the id exists. */
  | { op: 'create'; device: DeviceRecord }
  /**
   * Replace a device when its stored version is `expectedVersion`; the stored version becomes `expectedVersion + 1`.
   * A device that is absent or belongs to another user is a conflict, like a stale version.
   */
  | { op: 'update'; device: DeviceRecord; expectedVersion: number }
  /** Delete a device when its stored version is `expectedVersion` (absent or another user's: a conflict). */
  | { op: 'delete'; id: string; expectedVersion: number };

/**
 * An all-or-nothing change to one user, guarded by the user-state version that was read.
 *
 * The commit applies only when, at the moment of writing, the user's state row still has
 * `expectedStateVersion` (or still does not exist when it is `null`) **and** every device write's
 * expected version still matches. Otherwise nothing is written and the commit returns `false`.
 * This is what keeps one code single use and the throttle exact when many app instances race.
 */
export interface StoreCommit {
  userId: string;
  /** The `version` of the state row that was read, or null when there was none. */
  expectedStateVersion: number | null;
  /** New state values. The row's version becomes `expectedStateVersion + 1` (or 1 when created). */
  state?: UserStateFields;
  /**
   * Device writes; each one's `device.userId` must equal `userId` (otherwise the commit rejects with
   * `OTP_INVALID_INPUT` and writes nothing), and a created device must have version 1 (likewise).
   */
  devices?: DeviceWrite[];
}

/** A short-lived, single-use token: a pending login, a trusted browser, a step-up grant. */
export interface TokenRecord {
  /** The lookup key. Callers store a hash of the bearer value here, never the value itself. */
  id: string;
  /** What the token is for (`'pending-login'`, `'trusted-browser'`…). */
  type: string;
  userId: string;
  data: JsonObject;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds; at or after this instant the token no longer exists for readers. */
  expiresAt: number;
}

/**
 * The storage port. Any database can implement it; `runStoreConformance` from
 * `@otpkit/core/testing` proves an implementation.
 *
 * Rules every implementation keeps:
 * - **Atomic:** {@link OtpStore.commit} is all-or-nothing and checks every expected version in the
 *   same atomic step as the write (one statement, or one transaction).
 * - **Single use:** {@link OtpStore.consumeToken} returns a token to exactly one caller, however many race.
 * - **Faithful:** `data` round-trips exactly (JSON); numbers are epoch milliseconds.
 * - **Loud:** a failing database rejects with an `OtpError` coded `OTP_STORE_UNAVAILABLE`, never a
 *   silent empty result; conflicts are a `false` return, not an error.
 *
 * @example
 * ```ts
 * const store: OtpStore = memoryStore();
 * const { state, devices } = await store.loadUser('alice');
 * ```
 */
export interface OtpStore {
  /** Read the user's state row and all devices. */
  loadUser(userId: string): Promise<UserSnapshot>;
  /** Read one device by id, whoever owns it; null when absent. */
  getDevice(deviceId: string): Promise<DeviceRecord | null>;
  /** Apply a {@link @otpkit/core!index.StoreCommit | StoreCommit} atomically. Resolves `true` when applied, `false` on any version conflict. */
  commit(change: StoreCommit): Promise<boolean>;
  /** Insert a token. Rejects with `OTP_STORE_CONFLICT` when the id exists. */
  putToken(token: TokenRecord): Promise<void>;
  /** Read a token that has not expired at `now`; null otherwise. */
  getToken(id: string, now: number): Promise<TokenRecord | null>;
  /** Atomically remove and return a token that has not expired at `now`. Exactly one racer gets it. */
  consumeToken(id: string, now: number): Promise<TokenRecord | null>;
  /**
   * Replace the `data` (and, when given, the `expiresAt`) of a token that has not expired at `now`.
   * Resolves `false` when there is no such live token. For last-used times and staged state of a
   * pending login; it never revives an expired token.
   */
  updateToken(id: string, change: { data: JsonObject; expiresAt?: number }, now: number): Promise<boolean>;
  /**
   * A user's tokens of one type that have not expired at `now`, oldest first (by `createdAt`, then
   * `id`). For "your trusted browsers": list them, then revoke one with `deleteTokens({ userId, type, id })`.
   */
  listTokens(filter: { userId: string; type: string }, now: number): Promise<TokenRecord[]>;
  /**
   * Delete a user's tokens: all of them, those of one `type`, or the one with `id` (only when it is
   * that user's, and of `type` when given). Resolves the number deleted.
   */
  deleteTokens(filter: { userId: string; type?: string; id?: string }): Promise<number>;
  /** Delete every token expired at `now`. Resolves the number deleted. */
  purgeExpired(now: number): Promise<number>;
  /** Release connections or timers the store owns. Optional. */
  close?(): Promise<void>;
}
