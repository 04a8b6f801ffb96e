// STUB
export function generateSecret(_bytes?: number): Uint8Array {
  throw new Error('not implemented');
}
