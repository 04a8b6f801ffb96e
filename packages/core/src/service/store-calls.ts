import { OtpError } from '../errors.js';
import type { StoreCommit, UserSnapshot } from '../store/otp-store.js';
import type { ServiceContext } from './service-context.js';

/** Any store failure becomes `OTP_STORE_UNAVAILABLE`, so that callers fail closed. */
export async function fromStore<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof OtpError) throw error;
    throw new OtpError('OTP_STORE_UNAVAILABLE', 'The otpkit store failed', { cause: error });
  }
}

/** Read a user through the store. */
export function loadUser(ctx: ServiceContext, userId: string): Promise<UserSnapshot> {
  return fromStore(ctx.store.loadUser(userId));
}

/** Commit a change; `false` means a concurrent writer won and the caller must retry. */
export function commit(ctx: ServiceContext, change: StoreCommit): Promise<boolean> {
  return fromStore(ctx.store.commit(change));
}
