// STUB
export function normalizeToken(_token: unknown, _digits: number): string | null {
  throw new Error('not implemented');
}
