/** HMAC hash functions allowed by RFC 6238 and the Google Authenticator key-URI format. */
export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** A verification window in steps: `[past, future]`. `[1, 1]` accepts the previous, current and next step; `0` means zero. */
export type Window = readonly [past: number, future: number];

/** Why a primitive rejected a token. */
export type MatchFailure = 'malformed' | 'invalid' | 'replayed';
