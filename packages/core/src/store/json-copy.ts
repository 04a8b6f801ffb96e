/**
 * Copies of JSON data for the memory store, held to what a JSON column keeps. A hand-written copy
 * instead of structuredClone: about 10× faster on device records, and it refuses what a database
 * could not store instead of keeping it.
 */
import { OtpError } from '../errors.js';
import type { JsonObject, JsonValue } from './otp-store.js';

// Deeper than this is a cycle or a bug, not device data; refusing beats a stack overflow.
const MAX_DEPTH = 1000;

export const invalid = (message: string) => new OtpError('OTP_INVALID_INPUT', `memoryStore: ${message}`);

/**
 * Copy data coming in, holding it to what a JSON column keeps, so that code which works here works
 * on a database: keys whose value is `undefined` are dropped and `-0` becomes `0` (as
 * `JSON.stringify` does); anything JSON cannot hold (NaN, Infinity, bigint, functions, Dates,
 * Maps, class instances, cycles) is refused rather than silently changed.
 */
function copyIn(value: unknown, depth: number): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid('data holds a number JSON cannot represent');
    return value === 0 ? 0 : value;
  }
  if (typeof value !== 'object') throw invalid(`data holds a value of type ${typeof value}`);
  if (depth > MAX_DEPTH) throw invalid('data is nested too deeply (or is circular)');
  if (Array.isArray(value)) {
    const out: JsonValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) throw invalid('data holds undefined in an array');
      out[i] = copyIn(value[i], depth + 1);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw invalid('data holds an object that is not plain');
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) setKey(out, key, copyIn(item, depth + 1));
  }
  return out;
}

// `out.__proto__ = x` would replace the copy's prototype; JSON.parse makes it a plain key, so do we.
function setKey(out: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * Copy stored data going out. Stored data is already plain JSON, so no checks are needed. Every
 * verification copies a device's data, so primitives (nearly all of it) are copied in place
 * rather than through a call each.
 */
export function copyOut<T extends JsonValue>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOut) as T;
  const out: JsonObject = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const item = value[key]!;
    const copy = typeof item === 'object' && item !== null ? copyOut(item) : item;
    if (key === '__proto__') setKey(out, key, copy);
    else out[key] = copy;
  }
  return out as T;
}

export function copyInObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${what} must be an object`);
  return copyIn(value, 0) as JsonObject;
}
