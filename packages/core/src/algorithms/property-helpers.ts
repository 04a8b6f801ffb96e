/**
 * Test helpers shared by the property tests: fast-check arbitraries and a verification oracle
 * built on `otpauth`. Not exported by the package.
 */
import fc from 'fast-check';
import { HOTP, Secret } from 'otpauth';
import type { HashAlgorithm } from './types.js';

export const algorithm = fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512');
/** Any key size the primitives accept, including legacy short ones. */
export const secret = fc.uint8Array({ minLength: 1, maxLength: 64 });
/** Key sizes allowed at enrollment. */
export const enrolledSecret = fc.uint8Array({ minLength: 16, maxLength: 64 });
export const digits = fc.integer({ min: 6, max: 8 });
/** Up to the year 2286 in epoch milliseconds. */
export const time = fc.integer({ min: 0, max: 10_000_000_000_000 });
export const period = fc.integer({ min: 1, max: 3600 });
export const windowSide = fc.integer({ min: 0, max: 5 });
export const toSecret = (bytes: Uint8Array) => new Secret({ buffer: new Uint8Array(bytes).buffer });

/**
 * The oracle for verification: every step of the window whose otpauth code is the token, the
 * nearest to the centre first (the earlier on a tie), split by whether it was used already.
 */
export function oracle(p: {
  secret: Uint8Array;
  algorithm: HashAlgorithm;
  digits: number;
  token: string;
  center: number;
  past: number;
  future: number;
  lastStep?: number | null;
}) {
  const matches: number[] = [];
  for (let step = Math.max(0, p.center - p.past); step <= p.center + p.future; step++) {
    const code = HOTP.generate({
      secret: toSecret(p.secret),
      algorithm: p.algorithm,
      digits: p.digits,
      counter: step,
    });
    if (code === p.token) matches.push(step);
  }
  const rank = (s: number) => Math.abs(s - p.center) * 2 + (s > p.center ? 1 : 0);
  const used = (s: number) => p.lastStep !== undefined && p.lastStep !== null && s <= p.lastStep;
  const fresh = matches.filter((s) => !used(s)).sort((a, b) => rank(a) - rank(b));
  return { fresh: fresh[0] ?? null, stale: matches.some(used) };
}
