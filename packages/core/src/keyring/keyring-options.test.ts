import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyring } from './create-keyring.js';

function optionMessage(options: unknown): string {
  try {
    createKeyring(options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('createKeyring accepted invalid options');
}

describe('createKeyring key errors say what to do', () => {
  it.each([
    ['k1', 'Invalid option keyring.keys.k1: is undefined (is OTPKIT_KEY_K1 set?)'],
    ['old-2026', 'Invalid option keyring.keys.old-2026: is undefined (is OTPKIT_KEY_OLD_2026 set?)'],
  ])('names the variable to set when key %s is undefined', (id, message) => {
    // What `keys: { k1: process.env.OTPKIT_KEY_K1 }` gives when the variable is not set.
    expect(optionMessage({ keys: { [id]: undefined }, primary: id })).toBe(message);
  });

  it.each([
    ['lower-case', randomBytes(32).toString('hex')],
    ['upper-case', randomBytes(32).toString('hex').toUpperCase()],
  ])('recognises a 32-byte key written as %s hex, and asks for base64 without echoing it', (_, hex) => {
    const message = optionMessage({ keys: { k1: hex }, primary: 'k1' });
    expect(message).toBe(
      "Invalid option keyring.keys.k1: looks like hex: give base64 (Buffer.from(hex, 'hex').toString('base64'))",
    );
    expect(message).not.toContain(hex.slice(0, 8));
  });

  it('still accepts the same key once converted to base64', () => {
    const hex = randomBytes(32).toString('hex');
    const keyring = createKeyring({
      keys: { k1: Buffer.from(hex, 'hex').toString('base64') },
      primary: 'k1',
    });
    expect(keyring.primaryKeyId).toBe('k1');
  });

  it('keeps the size message for hex of another length (it is not a 32-byte key either way)', () => {
    expect(optionMessage({ keys: { k1: randomBytes(16).toString('hex') }, primary: 'k1' })).toBe(
      'Invalid option keyring.keys.k1: must be 32 bytes, got 24',
    );
  });
});
