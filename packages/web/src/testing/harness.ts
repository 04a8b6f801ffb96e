/**
 * The world the adapter suite runs in: a real otpkit service over a store, a clock the tests move,
 * users, a mailer that records, and helpers that compute codes the way a phone would.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  createKeyring,
  createOtp,
  decodeBase32,
  generateTotp,
  memoryStore,
  type Otp,
  OtpError,
  type OtpStore,
} from '@otpkit/core';
import { backupCodes, emailCode, totp } from '@otpkit/devices';
import type { PolicyDecision, WebOptions, WebUser } from '../options.js';

/** The suite's starting time (2030-01-01 12:00 UTC): every world's clock starts here. */
export const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);

/** A store wrapper whose every method rejects with OTP_STORE_UNAVAILABLE while `down` is set. */
export function switchableStore(inner: OtpStore) {
  const state = { down: false };
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        state.down
          ? Promise.reject(new OtpError('OTP_STORE_UNAVAILABLE', 'The store is down (test)', { details: {} }))
          : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
  return { store, state };
}

/** A message the world's mailers recorded. */
export interface Mail {
  /** The recipient's address. */
  to: string;
  /** The subject line. */
  subject: string;
  /** The plain-text body. */
  text: string;
  /** The HTML body. */
  html: string;
}

/** Options of {@link createWorld}. */
export interface WorldOptions {
  /** The store under test (a fresh one per world); the default is `memoryStore()`. */
  createStore?: (() => OtpStore | Promise<OtpStore>) | undefined;
  /** Web options every app of this world gets. */
  web?: Partial<WebOptions>;
  /** The second-factor policy of the world's apps. */
  policy?: (user: WebUser) => PolicyDecision;
}

/** One world: service, store, clock, users, mail. */
export async function createWorld(options: WorldOptions = {}) {
  let now = T0;
  const inner = options.createStore ? await options.createStore() : memoryStore();
  const { store, state: storeState } = switchableStore(inner);
  const mails: Mail[] = [];
  const codeMails: Mail[] = [];
  const users = new Map<string, WebUser & { password: string }>();
  const otp: Otp = createOtp({
    store,
    keyring: createKeyring({ keys: { k1: randomBytes(32) }, primary: 'k1' }),
    kinds: [
      totp({ issuer: 'Conformance' }),
      emailCode({ mailer: { send: async (m) => void codeMails.push(m) }, siteName: 'Conformance' }),
      backupCodes(),
    ],
    clock: () => now,
    throttle: { factor: 1, maxDelay: 60, maxFailures: 8 },
  });
  const world = {
    otp,
    store,
    storeState,
    mails,
    codeMails,
    users,
    /** The world's clock, in epoch ms. */
    now: () => now,
    /** Move the world's clock forward. */
    advance(ms: number) {
      now += ms;
    },
    /** A new user with a random id; `displayName` may be anything (escaping is tested with it). */
    addUser(fields: Partial<WebUser> = {}) {
      const id = `u-${randomUUID()}`;
      const user = { id, username: id, email: `${id}@example.test`, password: `pw-${id}`, ...fields };
      users.set(id, user);
      return user;
    },
    /** Enroll and confirm a TOTP device directly through the service; returns the secret. */
    async addTotp(userId: string, name = 'Phone') {
      const enrolled = await otp.enroll({ userId, kind: 'totp', name, label: userId });
      const secret = decodeBase32(enrolled.secret!);
      const code = generateTotp({ secret, time: now });
      const confirmed = await otp.confirm({ userId, deviceId: enrolled.device.id, token: code });
      if (!confirmed.ok) throw new Error(`could not confirm the test device: ${confirmed.reason}`);
      now += 30_000; // the confirming step is burned: move to the next one
      return { deviceId: enrolled.device.id, secret };
    },
    /** The TOTP code of a secret now (or `offsetMs` away), as a phone would show it. */
    totpCode(secret: Uint8Array, offsetMs = 0) {
      return generateTotp({ secret, time: now + offsetMs });
    },
    /** The code of a manual key as shown on the enrollment page ("ABCD EFGH …"). */
    codeFromManualKey(manualKey: string) {
      return generateTotp({ secret: decodeBase32(manualKey.replace(/\s+/g, '')), time: now });
    },
    /** Give a user a fresh sheet of backup codes; returns the codes. */
    async addBackupCodes(userId: string) {
      const { codes } = await otp.regenerateBackupCodes({ userId });
      return codes;
    },
    /** The code of the last code email sent (throws when none was). */
    lastEmailCode(): string {
      const match = /\b(\d{6,8})\b/.exec(codeMails.at(-1)?.text ?? '');
      if (!match) throw new Error('no code mailed');
      return match[1]!;
    },
    /** Web options for an app in this world (the suite's defaults plus the scenario's). */
    webOptions(extra: Partial<WebOptions> = {}): WebOptions {
      return {
        otp,
        store,
        clock: () => now,
        loadUser: (id) => {
          const user = users.get(id);
          return user
            ? { id: user.id, username: user.username, displayName: user.displayName, email: user.email }
            : null;
        },
        authenticate: ({ username, password }) => {
          const user = [...users.values()].find((u) => u.username === username);
          return user && user.password === password
            ? { id: user.id, username: user.username, displayName: user.displayName, email: user.email }
            : null;
        },
        factors: ['totp', 'email'],
        notify: { mailer: { send: async (m) => void mails.push(m) } },
        ...(options.policy ? { policy: options.policy } : {}),
        ...options.web,
        ...extra,
      };
    },
  };
  return world;
}

/** What {@link createWorld} resolves: the service, the store, the clock, the users and the mail. */
export type World = Awaited<ReturnType<typeof createWorld>>;
