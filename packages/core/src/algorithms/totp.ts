// STUB: signatures only; implemented by the primitives work.
import type { HashAlgorithm, Window } from './types.js';

export interface TotpParams {
  secret: Uint8Array;
  /** Epoch milliseconds. */
  time: number;
  /** Seconds. @default 30 */
  period?: number;
  /** Unix seconds at which step 0 starts. @default 0 */
  t0?: number;
  algorithm?: HashAlgorithm;
  digits?: number;
}
export function timeStep(_time: number, _period?: number, _t0?: number): number {
  throw new Error('not implemented');
}
export function generateTotp(_params: TotpParams): string {
  throw new Error('not implemented');
}
export type TotpMatch =
  | { ok: true; step: number; delta: number }
  | { ok: false; reason: 'malformed' | 'invalid' | 'replayed' };
export function verifyTotp(
  _params: TotpParams & { token: unknown; window?: Window; drift?: number; lastStep?: number | null },
): TotpMatch {
  throw new Error('not implemented');
}
