// STUB
export interface Keyring {
  readonly primaryKeyId: string;
  readonly keyIds: readonly string[];
  seal(plaintext: Uint8Array, context: string): string;
  open(envelope: string, context: string): Uint8Array;
  keyIdOf(envelope: string): string | null;
  needsReseal(envelope: string): boolean;
  reseal(envelope: string, context: string): string;
  hash(value: string, context: string): string;
  verifyHash(value: string, context: string, stored: string): boolean;
}
export interface KeyringOptions {
  keys: Record<string, string | Uint8Array>;
  primary: string;
}
export function createKeyring(_options: KeyringOptions): Keyring {
  throw new Error('not implemented');
}
export function generateKey(): string {
  throw new Error('not implemented');
}
