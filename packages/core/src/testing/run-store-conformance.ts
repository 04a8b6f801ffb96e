// STUB
import type { OtpStore } from '../store/otp-store.js';
export interface StoreConformanceOptions {
  name: string;
  createStore: () => OtpStore | Promise<OtpStore>;
  skip?: string | false;
}
export function runStoreConformance(_options: StoreConformanceOptions): void {
  throw new Error('not implemented');
}
