/**
 * Test vectors from the RFCs (facts, shared by the algorithm tests). Not exported by the package.
 */
import type { HashAlgorithm } from './types.js';

const ascii = (text: string) => new TextEncoder().encode(text);

/** RFC 4226 Appendix D: the secret "12345678901234567890", SHA-1, 6 digits. */
export const RFC4226_SECRET = ascii('12345678901234567890');
export const RFC4226_CODES = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
] as const;

/** RFC 6238 Appendix B seeds: the ASCII digits repeated to 20, 32 and 64 bytes. */
export const RFC6238_SEEDS: Readonly<Record<HashAlgorithm, Uint8Array>> = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};

/** RFC 6238 Appendix B: [unix seconds, algorithm, 8-digit code] with period 30 and T0 0. */
export const RFC6238_VECTORS: ReadonlyArray<readonly [number, HashAlgorithm, string]> = [
  [59, 'SHA1', '94287082'],
  [59, 'SHA256', '46119246'],
  [59, 'SHA512', '90693936'],
  [1111111109, 'SHA1', '07081804'],
  [1111111109, 'SHA256', '68084774'],
  [1111111109, 'SHA512', '25091201'],
  [1111111111, 'SHA1', '14050471'],
  [1111111111, 'SHA256', '67062674'],
  [1111111111, 'SHA512', '99943326'],
  [1234567890, 'SHA1', '89005924'],
  [1234567890, 'SHA256', '91819424'],
  [1234567890, 'SHA512', '93441116'],
  [2000000000, 'SHA1', '69279037'],
  [2000000000, 'SHA256', '90698825'],
  [2000000000, 'SHA512', '38618901'],
  [20000000000, 'SHA1', '65353130'],
  [20000000000, 'SHA256', '77737706'],
  [20000000000, 'SHA512', '47863826'],
];
