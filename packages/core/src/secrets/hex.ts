// STUB
export function encodeHex(_bytes: Uint8Array): string {
  throw new Error('not implemented');
}
export function decodeHex(_text: string): Uint8Array {
  throw new Error('not implemented');
}
