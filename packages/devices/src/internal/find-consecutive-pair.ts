/**
 * The search behind resynchronisation (RFC 4226 §7.4): where in a wide window do two consecutive
 * codes sit? Two codes together are ~10^-12 likely to match by chance at any one place, so a window
 * far wider than the login window is safe here.
 */
import { constantTimeEqual, generateHotp, type HashAlgorithm } from '@otpkit/core';

export interface PairSearch {
  secret: Uint8Array;
  algorithm: HashAlgorithm;
  digits: number;
  /** The two codes, normalised. */
  tokens: readonly [string, string];
  /** First and last counters (or time steps) the first code may sit at, inclusive, first >= 0. */
  first: number;
  last: number;
  /** Among several matches (practically never) the one nearest to this counter wins. */
  center: number;
}

/**
 * The counter at which `tokens[0]` matches and `tokens[1]` matches the next counter, or null.
 * Every counter of the range is computed and compared, whatever matches, so the time taken does
 * not tell where (or whether) the pair sits.
 */
export function findConsecutivePair(search: PairSearch): number | null {
  const { secret, algorithm, digits, tokens, first, last, center } = search;
  let best: number | null = null;
  let previousMatched = false;
  for (let counter = first; counter <= last + 1; counter++) {
    const code = generateHotp({ secret, counter, algorithm, digits });
    // Both comparisons run for every counter: no short-circuit on the secret-dependent result.
    const matchesFirst = constantTimeEqual(code, tokens[0]);
    const matchesSecond = constantTimeEqual(code, tokens[1]);
    if (previousMatched && matchesSecond) {
      const candidate = counter - 1;
      if (best === null || Math.abs(candidate - center) < Math.abs(best - center)) best = candidate;
    }
    previousMatched = matchesFirst && counter <= last;
  }
  return best;
}
