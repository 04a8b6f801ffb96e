// STUB: signatures only; implemented by the primitives work.
import type { HashAlgorithm, Window } from './types.js';

export interface HotpParams {
  secret: Uint8Array;
  counter: number;
  algorithm?: HashAlgorithm;
  digits?: number;
}
export function generateHotp(_params: HotpParams): string {
  throw new Error('not implemented');
}
export type HotpMatch =
  | { ok: true; counter: number; delta: number }
  | { ok: false; reason: 'malformed' | 'invalid' };
export function verifyHotp(_params: HotpParams & { token: unknown; window?: Window }): HotpMatch {
  throw new Error('not implemented');
}
