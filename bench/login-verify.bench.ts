/**
 * Logins through the whole service: `otp.verifyToken` over `memoryStore()` for many users, warm
 * (fewer users than the secret cache holds) and cold (more users than it holds, so every
 * verification opens its envelope with AES-256-GCM), each beside otpauth's `TOTP.validate` fed the
 * very same tokens at the very same times.
 *
 * Users take turns (round-robin), and every round is the next 30-second step, so a right code is
 * always fresh, as in real logins. The codes are computed before measuring: the measured loops only
 * format a number and call the verifier.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createKeyring, createOtp, encodeBase32, memoryStore, type Otp } from '@otpkit/core';
import { totp } from '@otpkit/devices';
import * as OTPAuth from 'otpauth';
import type { BenchCase } from './measure.js';

const STEP_MS = 30_000;
/** Every case in one `measure` run gets at most this many calls (rounds + warm-up, with margin). */
const MAX_OPS_PER_SECOND = 250_000;

export type Inputs = 'mix' | 'right' | 'wrong';

export const INPUT_LABELS: Record<Inputs, string> = {
  mix: '3 right : 1 wrong',
  right: 'right codes only',
  wrong: 'wrong codes only',
};

/**
 * HMACs otpauth computes per call (window ±1): it checks the current step first and stops at a
 * match, so a right code costs one and a wrong one three. otpkit always computes all three.
 */
export const OTPAUTH_HMACS: Record<Inputs, number> = { mix: 1.5, right: 1, wrong: 3 };

/** One wrong code in four, never twice in a row for one user: a typo, then the right code. */
const isWrong = (inputs: Inputs, user: number, round: number): boolean =>
  inputs === 'wrong' || (inputs === 'mix' && (user * 7 + round) % 4 === 0);

/** The RFC 4226 value of one step, as an integer (the bench's own, independent of the library). */
function codeAt(secret: Uint8Array, step: number): number {
  const message = Buffer.alloc(8);
  message.writeUInt32BE(Math.floor(step / 2 ** 32), 0);
  message.writeUInt32BE(step >>> 0, 4);
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[19]! & 15;
  return (mac.readUInt32BE(offset) & 0x7fff_ffff) % 1_000_000;
}

const format = (value: number) => String(value).padStart(6, '0');

/** Users with secrets and the right code of every user at every round of the run. */
interface Population {
  label: string;
  users: number;
  secrets: Uint8Array[];
  /** Epoch ms of the confirmation; round r verifies one second into step `firstStep + r`. */
  start: number;
  firstStep: number;
  rounds: number;
  /** right[user * rounds + round] */
  right: Int32Array;
  /** A code matching no step of the window ±1 for that user and round. */
  wrong: Int32Array;
}

function population(label: string, users: number, maxCalls: number): Population {
  const start = Math.floor(Date.now() / STEP_MS) * STEP_MS;
  const firstStep = start / STEP_MS + 2; // past the step that confirmation spends
  const rounds = Math.ceil(maxCalls / users) + 1;
  const secrets = Array.from({ length: users }, () => new Uint8Array(randomBytes(20)));
  const right = new Int32Array(users * rounds);
  const wrong = new Int32Array(users * rounds);
  for (let u = 0; u < users; u++) {
    let previous = codeAt(secrets[u]!, firstStep - 1);
    let current = codeAt(secrets[u]!, firstStep);
    for (let r = 0; r < rounds; r++) {
      const next = codeAt(secrets[u]!, firstStep + r + 1);
      let w = (current + 500_000) % 1_000_000;
      while (w === previous || w === current || w === next) w = (w + 1) % 1_000_000;
      right[u * rounds + r] = current;
      wrong[u * rounds + r] = w;
      previous = current;
      current = next;
    }
  }
  return { label, users, secrets, start, firstStep, rounds, right, wrong };
}

/** The k-th call of a sequence: whose turn, when, and what they type. */
function cursor(pop: Population, inputs: Inputs) {
  let k = 0;
  return () => {
    const user = k % pop.users;
    const round = (k - user) / pop.users;
    if (round >= pop.rounds) throw new Error(`bench: ${pop.label} ran out of precomputed codes`);
    k++;
    const table = isWrong(inputs, user, round) ? pop.wrong : pop.right;
    return {
      user,
      round,
      time: (pop.firstStep + round) * STEP_MS + 1_000,
      token: format(table[user * pop.rounds + round]!),
    };
  };
}

async function enrolledService(
  pop: Population,
  inputs: Inputs,
): Promise<{ otp: Otp; setTime(t: number): void }> {
  let now = pop.start;
  const otp = createOtp({
    store: memoryStore({ warnInProduction: false }),
    keyring: createKeyring({ keys: { k1: randomBytes(32) }, primary: 'k1' }),
    kinds: [totp({ issuer: 'Bench' })],
    // The defaults (secretCacheSize 1000, throttle on) for logins; for wrong codes only, delays and
    // the lock are off so that every call is checked and counted instead of refused as throttled.
    ...(inputs === 'wrong' ? { throttle: { factor: 0, maxFailures: Number.MAX_SAFE_INTEGER } } : {}),
    clock: () => now,
  });
  for (let u = 0; u < pop.users; u++) {
    const userId = `user-${u}`;
    const e = await otp.enroll({ userId, kind: 'totp', secret: encodeBase32(pop.secrets[u]!) });
    const token = format(codeAt(pop.secrets[u]!, pop.start / STEP_MS));
    const confirmed = await otp.confirm({ userId, deviceId: e.device.id, token });
    if (!confirmed.ok) throw new Error('bench setup: confirmation failed');
  }
  return {
    otp,
    setTime: (t) => {
      now = t;
    },
  };
}

export interface LoginRow {
  temperature: 'warm' | 'cold';
  population: string;
  inputs: Inputs;
  otpkit: string;
  otpauth: string;
}

/**
 * The cases, in pairs: for each population and input mix, otpkit's full `verifyToken` and otpauth's
 * bare `TOTP.validate` on the same sequence. Each otpkit case checks its own results as it goes
 * (a right code must pass, a wrong one fail), so a broken setup cannot pass for a fast one.
 */
export async function loginCases(options: {
  cacheSize: number;
  measureMs: number;
  /** Build only these cases (the profiling script wants one). @default all */
  only?: (temperature: 'warm' | 'cold', inputs: Inputs) => boolean;
}): Promise<{ cases: BenchCase[]; rows: LoginRow[] }> {
  const maxCalls = Math.ceil((options.measureMs / 1000) * MAX_OPS_PER_SECOND);
  const only = options.only ?? (() => true);
  const populations = (['warm', 'cold'] as const)
    .filter((temperature) => (['mix', 'right', 'wrong'] as const).some((inputs) => only(temperature, inputs)))
    .map((temperature) => {
      const users = temperature === 'warm' ? options.cacheSize / 2 : options.cacheSize * 2;
      const label = `${temperature}: ${users} users, cache ${options.cacheSize}`;
      return { temperature, pop: population(label, users, maxCalls) };
    });
  const cases: BenchCase[] = [];
  const rows: LoginRow[] = [];
  for (const { temperature, pop } of populations) {
    const otpauthSecrets = pop.secrets.map((s) => new OTPAuth.Secret({ buffer: new Uint8Array(s).buffer }));
    const userIds = pop.secrets.map((_, u) => `user-${u}`);
    for (const inputs of ['mix', 'right', 'wrong'] as const) {
      if (!only(temperature, inputs)) continue;
      const service = await enrolledService(pop, inputs);
      const nextOtpkit = cursor(pop, inputs);
      const nextOtpauth = cursor(pop, inputs);
      const otpkit = `otpkit verifyToken, ${pop.label}, ${INPUT_LABELS[inputs]}`;
      const otpauth = `otpauth TOTP.validate, ${pop.label}, ${INPUT_LABELS[inputs]}`;
      cases.push(
        {
          name: otpkit,
          fn: async () => {
            const { user, round, time, token } = nextOtpkit();
            service.setTime(time);
            const result = await service.otp.verifyToken({ userId: userIds[user]!, token });
            if (result.ok === isWrong(inputs, user, round)) {
              throw new Error(`bench: unexpected ${JSON.stringify(result)} in ${otpkit}`);
            }
          },
        },
        {
          name: otpauth,
          fn: () => {
            const { user, time, token } = nextOtpauth();
            return OTPAuth.TOTP.validate({
              token,
              secret: otpauthSecrets[user]!,
              window: 1,
              timestamp: time,
            });
          },
        },
      );
      rows.push({ temperature, population: pop.label, inputs, otpkit, otpauth });
    }
  }
  return { cases, rows };
}
