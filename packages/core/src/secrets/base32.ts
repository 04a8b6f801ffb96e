// STUB
export function encodeBase32(_bytes: Uint8Array): string {
  throw new Error('not implemented');
}
export function decodeBase32(_text: string): Uint8Array {
  throw new Error('not implemented');
}
