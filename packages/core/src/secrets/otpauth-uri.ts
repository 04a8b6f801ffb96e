/**
 * The Google Authenticator key-URI format (`otpauth://`), as authenticator apps scan it from a QR
 * code: https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 *
 * The builder and the parser live in their own files; this one holds the shapes they share.
 */
import type { HashAlgorithm } from '../algorithms/types.js';

/**
 * A key URI's content, as {@link parseOtpauthUri} returns it: every OTP setting is present, with
 * the format's defaults filled in. `issuer` and `image` are absent when the URI has none.
 */
export type OtpauthParams =
  | {
      type: 'totp';
      secret: Uint8Array;
      issuer?: string;
      account: string;
      algorithm: HashAlgorithm;
      digits: number;
      period: number;
      image?: string;
    }
  | {
      type: 'hotp';
      secret: Uint8Array;
      issuer?: string;
      account: string;
      algorithm: HashAlgorithm;
      digits: number;
      counter: number;
      image?: string;
    };

/** Settings shared by both kinds of {@link OtpauthInput}. */
export interface OtpauthInputCommon {
  /** The shared secret, 16–64 bytes; written as unpadded base32. */
  secret: Uint8Array;
  /** Who issues the key ("Acme"); shown by apps above the account. Written in the label and as `issuer=`. */
  issuer?: string;
  /** The account name ("alice@acme.test"). Non-empty. */
  account: string;
  /** @default 'SHA1' */
  algorithm?: HashAlgorithm;
  /** 6–8. @default 6 */
  digits?: number;
  /** An `https:` URL of a logo some apps show (the FreeOTP `image` extension). */
  image?: string;
}

/** What {@link buildOtpauthUri} accepts: {@link OtpauthParams} with the format's defaults optional. */
export type OtpauthInput =
  | (OtpauthInputCommon & {
      type: 'totp';
      /** Seconds per step, 1–3600. @default 30 */
      period?: number;
    })
  | (OtpauthInputCommon & {
      type: 'hotp';
      /** The counter the app starts from, a non-negative safe integer. @default 0 */
      counter?: number;
    });

export { buildOtpauthUri } from './build-otpauth-uri.js';
export { parseOtpauthUri } from './parse-otpauth-uri.js';
