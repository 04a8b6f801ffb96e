// STUB
export function constantTimeEqual(_a: string, _b: string): boolean {
  throw new Error('not implemented');
}
