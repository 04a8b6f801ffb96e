import { z } from 'zod';
import { OtpError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { copyInObject, copyOut, invalid } from './json-copy.js';
import type {
  DeviceRecord,
  DeviceWrite,
  OtpStore,
  StoreCommit,
  TokenRecord,
  UserState,
  UserStateFields,
} from './otp-store.js';

/**
 * The fields of {@link memoryStoreOptionsSchema}, each with its documentation and default. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const memoryStoreOptionsShape = {
  /**
   * Warn once (`process.emitWarning`) when created while `NODE_ENV` is `production`.
   * @default true
   */
  warnInProduction: z.boolean().default(true),
};

/** The options of {@link memoryStore}. */
export const memoryStoreOptionsSchema: z.ZodObject<typeof memoryStoreOptionsShape, z.core.$strict> =
  z.strictObject(memoryStoreOptionsShape);

/**
 * Options of {@link memoryStore}, as written by callers (see {@link memoryStoreOptionsSchema}).
 *
 * @example
 * ```ts
 * const store = memoryStore({ warnInProduction: false }); // a single-process demo that knows
 * ```
 */
export type MemoryStoreOptions = z.input<typeof memoryStoreOptionsSchema>;

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isTimeOrNull = (value: unknown) => value === null || isTime(value);
const isVersion = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;
const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function checkTime(value: unknown, name: string): number {
  if (!isTime(value)) throw invalid(`${name} must be a finite number of epoch milliseconds`);
  return value;
}

/** A private copy of a device, with only the fields a database row has. */
function copyDevice(device: DeviceRecord, userId: string): DeviceRecord {
  if (typeof device !== 'object' || device === null) throw invalid('device must be an object');
  if (device.userId !== userId) throw invalid('a device write must belong to the commit’s user');
  if (!isId(device.id) || typeof device.kind !== 'string' || typeof device.name !== 'string') {
    throw invalid('device id, kind and name must be strings');
  }
  if (typeof device.confirmed !== 'boolean' || !isTime(device.createdAt) || !isTime(device.updatedAt)) {
    throw invalid('device confirmed, createdAt and updatedAt are required');
  }
  if (!isTimeOrNull(device.lastUsedAt)) throw invalid('device lastUsedAt must be a number or null');
  const { id, kind, name, confirmed, createdAt, updatedAt, lastUsedAt, version } = device;
  const data = copyInObject(device.data, 'device data');
  return { id, userId, kind, name, confirmed, createdAt, updatedAt, lastUsedAt, version, data };
}

function copyState(fields: UserStateFields): UserStateFields {
  if (typeof fields !== 'object' || fields === null) throw invalid('state must be an object');
  const { failures, lastFailureAt, lockedAt, stamp, updatedAt } = fields;
  if (!Number.isSafeInteger(failures) || failures < 0)
    throw invalid('state failures must be an integer >= 0');
  if (!isTimeOrNull(lastFailureAt) || !isTimeOrNull(lockedAt) || !isTime(updatedAt)) {
    throw invalid('state times must be numbers (lastFailureAt and lockedAt may be null)');
  }
  if (typeof stamp !== 'string') throw invalid('state stamp must be a string');
  const data = copyInObject(fields.data, 'state data');
  return { failures, lastFailureAt, lockedAt, stamp, updatedAt, data };
}

type PlannedWrite =
  | { op: 'create' | 'update'; id: string; device: DeviceRecord; expectedVersion: number }
  | { op: 'delete'; id: string; expectedVersion: number };

/** Validate and copy every part of a commit before anything is checked or written. */
function planWrites(change: StoreCommit): PlannedWrite[] {
  if (change.devices === undefined) return [];
  if (!Array.isArray(change.devices)) throw invalid('devices must be an array');
  return change.devices.map((write: DeviceWrite): PlannedWrite => {
    if (write?.op === 'create') {
      const device = copyDevice(write.device, change.userId);
      if (device.version !== 1) throw invalid('a created device must have version 1');
      return { op: 'create', id: device.id, device, expectedVersion: 0 };
    }
    if (write?.op !== 'update' && write?.op !== 'delete') throw invalid('unknown device write op');
    if (!isVersion(write.expectedVersion)) throw invalid('expectedVersion must be an integer >= 1');
    if (write.op === 'delete') {
      if (!isId(write.id)) throw invalid('delete needs a device id');
      return { op: 'delete', id: write.id, expectedVersion: write.expectedVersion };
    }
    const device = copyDevice(write.device, change.userId);
    device.version = write.expectedVersion + 1;
    return { op: 'update', id: device.id, device, expectedVersion: write.expectedVersion };
  });
}

/** The staged device writes of a commit that writes none. */
const NO_WRITES: ReadonlyMap<string, DeviceRecord | null> = new Map();

interface UserEntry {
  state: UserState | null;
  /** Insertion order; `loadUser` sorts by `createdAt` with a stable sort, so ties stay in that order. */
  devices: Map<string, DeviceRecord>;
}

let warned = false;

function warnIfProduction(enabled: boolean): void {
  if (!enabled || warned || process.env.NODE_ENV !== 'production') return;
  warned = true;
  process.emitWarning(
    'otpkit memoryStore() keeps devices, throttle state and tokens in process memory: they vanish on ' +
      'restart and are not shared between instances, so codes and throttles do not hold across them. ' +
      'Use a database store such as @otpkit/store-sql in production.',
    { type: 'OtpkitWarning', code: 'OTPKIT_MEMORY_STORE' },
  );
}

/**
 * An {@link OtpStore} in process memory, for tests, development and single-process demos. It keeps
 * the port's rules exactly: every commit checks its guards and writes in one synchronous step, so
 * concurrent callers race as they would on a database, and data is held to what JSON can hold.
 *
 * Copies: each write is copied in once (callers keep their objects) and each read copied out once
 * (callers may mutate what they get). Stored records are never handed out, so nothing else needs
 * copying: a commit validates and copies first, then checks and writes without snapshots or
 * rollback; a consumed token is removed from the store and returned without a copy. The copy is a
 * small JSON-only deep copy, several times faster than `structuredClone` on device records.
 *
 * @param options - `warnInProduction` @default true
 *
 * @example
 * ```ts
 * const otp = createOtp({ store: memoryStore(), keyring, kinds: [totp({ issuer: 'Acme' })] });
 * ```
 */
export function memoryStore(options?: MemoryStoreOptions): OtpStore {
  const parsed = parseOptions(memoryStoreOptionsSchema, options, 'memoryStore');
  warnIfProduction(parsed.warnInProduction);

  const users = new Map<string, UserEntry>();
  /** Every device id → its owner; ids are unique across users, as a primary key would make them. */
  const owners = new Map<string, string>();
  const tokens = new Map<string, TokenRecord>();

  const findDevice = (id: string): DeviceRecord | undefined => {
    const owner = owners.get(id);
    return owner === undefined ? undefined : users.get(owner)?.devices.get(id);
  };
  // Field by field rather than by spread: these run on every verification, and a literal of a
  // fixed shape is several times cheaper than a spread (stored records have exactly these fields).
  const copyDeviceOut = (d: DeviceRecord): DeviceRecord => ({
    id: d.id,
    userId: d.userId,
    kind: d.kind,
    name: d.name,
    confirmed: d.confirmed,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    lastUsedAt: d.lastUsedAt,
    version: d.version,
    data: copyOut(d.data),
  });
  const copyStateOut = (s: UserState): UserState => ({
    userId: s.userId,
    version: s.version,
    failures: s.failures,
    lastFailureAt: s.lastFailureAt,
    lockedAt: s.lockedAt,
    stamp: s.stamp,
    updatedAt: s.updatedAt,
    data: copyOut(s.data),
  });
  const copyTokenOut = (token: TokenRecord): TokenRecord => ({ ...token, data: copyOut(token.data) });
  const liveToken = (id: unknown, now: unknown): TokenRecord | null => {
    const at = checkTime(now, 'now');
    const token = typeof id === 'string' ? tokens.get(id) : undefined;
    return token && token.expiresAt > at ? token : null;
  };

  /**
   * The device writes checked against the store, or null on a conflict. Later writes in the same
   * commit see earlier ones (create then update of one id works).
   */
  const stageWrites = (userId: string, writes: PlannedWrite[]) => {
    const staged = new Map<string, DeviceRecord | null>();
    for (const write of writes) {
      const current = staged.has(write.id) ? staged.get(write.id) : findDevice(write.id);
      if (write.op === 'create') {
        if (current) return null;
      } else if (!current || current.userId !== userId || current.version !== write.expectedVersion) {
        return null;
      }
      staged.set(write.id, write.op === 'delete' ? null : write.device);
    }
    return staged;
  };

  /** The check-and-write step; synchronous from the first read to the last write. */
  const apply = (change: StoreCommit, state: UserStateFields | undefined, writes: PlannedWrite[]) => {
    const entry = users.get(change.userId);
    if ((entry?.state?.version ?? null) !== change.expectedStateVersion) return false;
    // Most commits (a counted failure) write no device: no staging for them.
    const staged = writes.length === 0 ? NO_WRITES : stageWrites(change.userId, writes);
    if (staged === null) return false;

    const target = entry ?? { state: null, devices: new Map<string, DeviceRecord>() };
    if (state) {
      // `state` is already this store's own copy (made by copyState before anything was checked).
      const { failures, lastFailureAt, lockedAt, stamp, updatedAt, data } = state;
      const version = (change.expectedStateVersion ?? 0) + 1;
      target.state = {
        userId: change.userId,
        version,
        failures,
        lastFailureAt,
        lockedAt,
        stamp,
        updatedAt,
        data,
      };
    }
    for (const [id, device] of staged) {
      if (device) {
        target.devices.set(id, device);
        owners.set(id, change.userId);
      } else {
        target.devices.delete(id);
        owners.delete(id);
      }
    }
    if (target.state || target.devices.size > 0) users.set(change.userId, target);
    else users.delete(change.userId);
    return true;
  };

  return {
    async loadUser(userId) {
      if (typeof userId !== 'string') throw invalid('userId must be a string');
      const entry = users.get(userId);
      if (!entry) return { state: null, devices: [] };
      const devices: DeviceRecord[] = [];
      for (const device of entry.devices.values()) devices.push(copyDeviceOut(device));
      if (devices.length > 1) devices.sort((a, b) => a.createdAt - b.createdAt);
      return { state: entry.state && copyStateOut(entry.state), devices };
    },

    async getDevice(deviceId) {
      const device = typeof deviceId === 'string' ? findDevice(deviceId) : undefined;
      return device ? copyDeviceOut(device) : null;
    },

    async commit(change) {
      if (typeof change !== 'object' || change === null || !isId(change.userId)) {
        throw invalid('commit needs a userId');
      }
      if (change.expectedStateVersion !== null && !isVersion(change.expectedStateVersion)) {
        throw invalid('expectedStateVersion must be null or an integer >= 1');
      }
      const state = change.state === undefined ? undefined : copyState(change.state);
      return apply(change, state, planWrites(change));
    },

    async putToken(token) {
      if (typeof token !== 'object' || token === null) throw invalid('token must be an object');
      const { id, type, userId } = token;
      if (!isId(id) || typeof type !== 'string' || !isId(userId)) {
        throw invalid('token id, type and userId must be strings');
      }
      const createdAt = checkTime(token.createdAt, 'token createdAt');
      const expiresAt = checkTime(token.expiresAt, 'token expiresAt');
      const data = copyInObject(token.data, 'token data');
      if (tokens.has(id))
        throw new OtpError('OTP_STORE_CONFLICT', 'memoryStore: a token with this id exists');
      tokens.set(id, { id, type, userId, data, createdAt, expiresAt });
    },

    async getToken(id, now) {
      const token = liveToken(id, now);
      return token && copyTokenOut(token);
    },

    async consumeToken(id, now) {
      const token = liveToken(id, now);
      if (!token) return null;
      tokens.delete(token.id);
      // Out of the store now, so the caller may have the record itself.
      return token;
    },

    async updateToken(id, change, now) {
      if (typeof change !== 'object' || change === null) throw invalid('updateToken needs a change');
      const expiresAt =
        change.expiresAt === undefined ? undefined : checkTime(change.expiresAt, 'token expiresAt');
      const data = copyInObject(change.data, 'token data');
      const token = liveToken(id, now);
      if (!token) return false;
      tokens.set(token.id, { ...token, data, ...(expiresAt === undefined ? {} : { expiresAt }) });
      return true;
    },

    async listTokens(filter, now) {
      if (typeof filter !== 'object' || filter === null || !isId(filter.userId)) {
        throw invalid('listTokens needs a userId');
      }
      if (typeof filter.type !== 'string') throw invalid('listTokens needs a type');
      const at = checkTime(now, 'now');
      const found: TokenRecord[] = [];
      for (const token of tokens.values()) {
        if (token.userId === filter.userId && token.type === filter.type && token.expiresAt > at) {
          found.push(copyTokenOut(token));
        }
      }
      return found.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    async deleteTokens(filter) {
      if (typeof filter !== 'object' || filter === null || !isId(filter.userId)) {
        throw invalid('deleteTokens needs a userId');
      }
      const { userId, type, id: only } = filter;
      if (only !== undefined && !isId(only)) throw invalid('deleteTokens id must be a string');
      let deleted = 0;
      for (const [id, token] of tokens) {
        if (
          token.userId === userId &&
          (type === undefined || token.type === type) &&
          (only === undefined || id === only)
        ) {
          tokens.delete(id);
          deleted++;
        }
      }
      return deleted;
    },

    async purgeExpired(now) {
      checkTime(now, 'now');
      let deleted = 0;
      for (const [id, token] of tokens) {
        if (token.expiresAt <= now) {
          tokens.delete(id);
          deleted++;
        }
      }
      return deleted;
    },
  };
}
