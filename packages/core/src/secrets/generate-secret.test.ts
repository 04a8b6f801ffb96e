import { describe, expect, it } from 'vitest';
import { generateSecret } from './generate-secret.js';

describe('generateSecret', () => {
  it('gives 20 bytes by default', () => {
    expect(generateSecret()).toHaveLength(20);
  });

  it.each([16, 32, 64])('gives %i bytes when asked', (bytes) => {
    expect(generateSecret(bytes)).toHaveLength(bytes);
  });

  it('gives a different secret each time', () => {
    const seen = new Set(Array.from({ length: 100 }, () => Buffer.from(generateSecret()).toString('hex')));
    expect(seen.size).toBe(100);
  });

  it('uses every byte value over many draws', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) for (const b of generateSecret(64)) seen.add(b);
    expect(seen.size).toBe(256);
  });

  it.each([15, 65, 0, -20, 20.5, Number.NaN, '20'])('throws a TypeError for %j bytes', (bytes) => {
    expect(() => generateSecret(bytes as number)).toThrow(TypeError);
  });
});
