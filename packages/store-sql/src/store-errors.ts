import { OtpError } from '@otpkit/core';

interface DriverError {
  code?: unknown;
  errno?: unknown;
}

function driverError(error: unknown): DriverError {
  return typeof error === 'object' && error !== null ? (error as DriverError) : {};
}

/**
 * A unique-key violation: PostgreSQL SQLSTATE 23505, MySQL/MariaDB ER_DUP_ENTRY (1062),
 * SQLite SQLITE_CONSTRAINT_PRIMARYKEY / _UNIQUE. It means "someone else wrote this row first".
 */
export function isDuplicateKey(error: unknown): boolean {
  const { code, errno } = driverError(error);
  return (
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    errno === 1062 ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

/**
 * The database aborted the transaction to break a lock cycle or a serialisation failure
 * (PostgreSQL 40P01 / 40001, MySQL/MariaDB ER_LOCK_DEADLOCK 1213). Nothing was written and a
 * re-read will decide on fresh state, which is exactly what a `false` commit asks of the caller.
 */
export function isRetryableConflict(error: unknown): boolean {
  const { code, errno } = driverError(error);
  return code === '40P01' || code === '40001' || code === 'ER_LOCK_DEADLOCK' || errno === 1213;
}

/** The one error every driver failure becomes, so that callers fail closed. */
export function storeUnavailable(cause: unknown): OtpError {
  if (cause instanceof OtpError) return cause;
  return new OtpError('OTP_STORE_UNAVAILABLE', 'The otpkit store is unavailable', { cause });
}
