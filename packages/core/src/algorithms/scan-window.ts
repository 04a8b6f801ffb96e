/**
 * The constant-time window scan shared by HOTP and TOTP verification.
 *
 * Every counter of the window is computed and compared, whatever matches; the comparison and the
 * choice of the match use integer arithmetic only, so neither an early exit nor a data-dependent
 * branch tells an observer which step (if any) matched. The token is public (the attacker sent it),
 * so branching on it is fine; the computed codes are secret, so nothing branches on them.
 */
import { sha1Hotp } from './hmac-sha1.js';
import { hotpValue, POWERS_OF_TEN } from './hotp-value.js';

const NO_MATCH = 0x7fff_ffff;
const TWO_POW_31 = 0x8000_0000;

export interface ScanParams {
  secret: Uint8Array;
  nodeAlgorithm: string;
  digits: number;
  /** A normalised token: exactly `digits` ASCII digits. */
  token: string;
  /** First and last counters to compute (inclusive, first >= 0). */
  first: number;
  last: number;
  /** The expected counter: among several matches the one nearest to it wins, the earlier on a tie. */
  center: number;
  /** Matches at or below this counter count as already used. `null`: none used. */
  lastUsed: number | null;
}

export interface ScanResult {
  /** The counter of the preferred unused match, or null. */
  fresh: number | null;
  /** True when some counter at or below `lastUsed` matched. */
  stale: boolean;
}

export function scanWindow(params: ScanParams): ScanResult {
  const { secret, nodeAlgorithm, digits, first, last, center, lastUsed } = params;
  // A 10-digit token can exceed 2^31 while a code never does: split it so that 32-bit XOR stays exact.
  const value = Number(params.token);
  const high = Math.floor(value / TWO_POW_31);
  const low = value % TWO_POW_31;

  // SHA-1 (nearly every authenticator) precomputes the key's HMAC states once for the whole window.
  const sha1 = nodeAlgorithm === 'sha1' ? sha1Hotp(secret) : null;
  const modulus = POWERS_OF_TEN[digits]!;

  let bestRank = NO_MATCH;
  let bestOffset = 0;
  let stale = 0;
  for (let counter = first; counter <= last; counter++) {
    const code = sha1 ? sha1.hotp(counter, modulus) : hotpValue(secret, counter, nodeAlgorithm, digits);
    const diff = (code ^ low) | high;
    // 1 when diff is 0, else 0, with no branch: (diff | -diff) has its sign bit set for any diff > 0.
    const equal = ((diff | -diff) >>> 31) ^ 1;
    const offset = counter - center;
    // Rank by distance to the expected counter, past before future on a tie (what otpauth checks first).
    const rank = offset <= 0 ? -offset * 2 : offset * 2 + 1;
    const unused = lastUsed === null || counter > lastUsed ? 1 : 0;
    const better = (rank - bestRank) >>> 31;
    const take = -(equal & unused & better);
    bestRank = (bestRank & ~take) | (rank & take);
    bestOffset = (bestOffset & ~take) | (offset & take);
    stale |= equal & (unused ^ 1);
  }
  return { fresh: bestRank === NO_MATCH ? null : center + bestOffset, stale: stale === 1 };
}
