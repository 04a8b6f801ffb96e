// STUB
import type { OtpStore } from './otp-store.js';
export function memoryStore(): OtpStore {
  throw new Error('not implemented');
}
