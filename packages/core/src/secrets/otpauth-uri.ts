// STUB
import type { HashAlgorithm } from '../algorithms/types.js';

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
export function buildOtpauthUri(_params: OtpauthParams): string {
  throw new Error('not implemented');
}
export function parseOtpauthUri(_uri: string): OtpauthParams {
  throw new Error('not implemented');
}
