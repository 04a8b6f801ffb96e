import type { DeviceRecord, Keyring, Otp, OtpStore } from '@otpkit/core';
import { printable } from './io.js';
import { examineData } from './rotate/reseal-data.js';

/**
 * Why the keys in `OTPKIT_KEYS` cannot read a device: its secret is sealed under a key id they do
 * not list, or they list that id with another key's value, or its codes are hashed under an
 * unlisted key. The first reason found, in words; never a secret.
 */
export function unreadableReason(device: DeviceRecord, keyring: Keyring, now: number): string {
  const found = examineData(device.data, keyring, device.id, now);
  const unlisted = Object.keys(found.unlisted)[0];
  if (unlisted !== undefined) {
    return `its secret is sealed under key ${printable(unlisted)}, which OTPKIT_KEYS does not list`;
  }
  const refused = Object.keys(found.refused)[0];
  if (refused !== undefined) {
    return `the key ${printable(refused)} in OTPKIT_KEYS does not open its secret: is it the right key? (If it is, the secret was tampered with.)`;
  }
  const listed = new Set(keyring.keyIds);
  const hashKey = Object.keys(found.hashes).find((id) => !listed.has(id));
  if (hashKey !== undefined) {
    return `its codes are hashed under key ${printable(hashKey)}, which OTPKIT_KEYS does not list`;
  }
  return 'the keys in OTPKIT_KEYS cannot read it';
}

/**
 * Collect the devices a verification skipped as unreadable (`device.unreadable` events) while `run`
 * runs, and explain each: one warning line per device.
 */
export async function explainingUnreadable<T>(
  otp: Otp,
  store: OtpStore,
  keyring: Keyring,
  run: () => Promise<T>,
): Promise<{ result: T; warnings: string[] }> {
  const skipped: string[] = [];
  const off = otp.events.on('device.unreadable', ({ deviceId }) => void skipped.push(deviceId));
  let result: T;
  try {
    result = await run();
  } finally {
    off();
  }
  const warnings: string[] = [];
  for (const deviceId of new Set(skipped)) {
    const device = await store.getDevice(deviceId);
    const reason = device ? unreadableReason(device, keyring, Date.now()) : 'it was removed meanwhile';
    warnings.push(`device ${printable(deviceId)} was skipped: ${reason}.`);
  }
  return { result, warnings };
}
