/**
 * Option checks for the HOTP/TOTP primitives.
 *
 * The primitives run on every login, so these are hand-written checks rather than a zod schema
 * parsed per call. A bad option is a programming error and throws a `TypeError` naming the option;
 * a bad *token* is user input and never reaches this file.
 */
import type { HashAlgorithm, Window } from './types.js';

/** Node's digest name for each algorithm. */
const NODE_ALGORITHMS: Readonly<Record<HashAlgorithm, string>> = {
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA512: 'sha512',
};

/** Windows larger than this are a bug (or a brute-force oracle), never a configuration. */
export const MAX_WINDOW = 1000;

/** RFC 4226 codes come from a 31-bit integer, so more than 10 digits would only add leading zeros. */
export const MIN_DIGITS = 1;
export const MAX_DIGITS = 10;

function fail(scope: string, option: string, expected: string): never {
  throw new TypeError(`${scope}: option ${option} must be ${expected}`);
}

export function checkSecret(scope: string, secret: unknown): Uint8Array {
  if (!(secret instanceof Uint8Array) || secret.byteLength === 0) {
    fail(scope, 'secret', 'a non-empty Uint8Array');
  }
  return secret;
}

/** Returns Node's digest name for the algorithm. */
export function checkAlgorithm(scope: string, algorithm: unknown): string {
  if (algorithm === undefined) return 'sha1';
  if (typeof algorithm === 'string' && Object.hasOwn(NODE_ALGORITHMS, algorithm)) {
    return NODE_ALGORITHMS[algorithm as HashAlgorithm];
  }
  return fail(scope, 'algorithm', "'SHA1', 'SHA256' or 'SHA512'");
}

export function checkDigits(scope: string, digits: unknown): number {
  if (digits === undefined) return 6;
  if (!Number.isInteger(digits) || (digits as number) < MIN_DIGITS || (digits as number) > MAX_DIGITS) {
    fail(scope, 'digits', `an integer from ${MIN_DIGITS} to ${MAX_DIGITS}`);
  }
  return digits as number;
}

export function checkCounter(scope: string, option: string, counter: unknown): number {
  if (!Number.isSafeInteger(counter) || (counter as number) < 0) {
    fail(scope, option, 'a non-negative safe integer');
  }
  return counter as number;
}

export function checkWindow(scope: string, window: unknown, fallback: Window): Window {
  if (window === undefined) return fallback;
  if (
    !Array.isArray(window) ||
    window.length !== 2 ||
    !window.every((n) => Number.isInteger(n) && n >= 0 && n <= MAX_WINDOW)
  ) {
    fail(scope, 'window', `[past, future] with integers from 0 to ${MAX_WINDOW}`);
  }
  return window as unknown as Window;
}

export function checkPeriod(scope: string, period: unknown): number {
  if (period === undefined) return 30;
  if (typeof period !== 'number' || !Number.isFinite(period) || period <= 0) {
    fail(scope, 'period', 'a positive number of seconds');
  }
  return period;
}

export function checkFinite(scope: string, option: string, value: unknown, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(scope, option, 'a finite number');
  return value;
}

export function checkInteger(scope: string, option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value)) fail(scope, option, 'a safe integer');
  return value as number;
}

export function checkLastStep(scope: string, lastStep: unknown): number | null {
  if (lastStep === undefined || lastStep === null) return null;
  if (!Number.isSafeInteger(lastStep)) fail(scope, 'lastStep', 'null or a safe integer');
  return lastStep as number;
}
