import { describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../store/memory-store.js';
import { runStoreConformance } from './run-store-conformance.js';

// Collected at definition time, which is when a skipped suite must announce itself.
const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
let created = false;
runStoreConformance({
  name: 'unreachable database',
  createStore: () => {
    created = true;
    return memoryStore();
  },
  skip: 'DATABASE_URL is not set',
});
const warnings = warn.mock.calls.map((call) => call.join(' '));
warn.mockRestore();

describe('runStoreConformance', () => {
  it('prints the reason when a suite is skipped', () => {
    expect(warnings).toEqual([
      '[otpkit] store conformance "unreachable database" skipped: DATABASE_URL is not set',
    ]);
  });

  it('never creates the store of a skipped suite', () => {
    expect(created).toBe(false);
  });

  it.each([
    [{ name: '', createStore: () => memoryStore() }, /name/],
    [{ name: 'x', createStore: memoryStore() }, /createStore/],
  ])('rejects unusable options %#', (options, message) => {
    expect(() => runStoreConformance(options as never)).toThrow(message);
  });
});
