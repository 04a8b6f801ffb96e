/**
 * What went wrong with the database, read from the driver's error codes (never from its wording,
 * which changes with versions and locales): node-postgres reports the server's SQLSTATE as `code`,
 * mysql2 its error name as `code` and the SQLSTATE as `sqlState`, better-sqlite3 the SQLite result
 * code, and Node.js its socket errors (`ECONNREFUSED`…).
 */

import { isOtpError } from '@otpkit/core';

/** The driver's error, as far as it can be read. */
export interface DriverError {
  code?: string;
  sqlState?: string;
  /** The driver's own message: it names hosts, users and tables, never a password. */
  message: string;
}

/** The kinds of database failure the command tells apart. */
export type DatabaseProblem =
  | 'unreachable'
  | 'no-answer'
  | 'authentication'
  | 'no-database'
  | 'no-tables'
  | 'permission'
  | 'sqlite-file';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const NO_ANSWER = new Set(['ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'PROTOCOL_SEQUENCE_TIMEOUT']);
const SQLITE_FILE = new Set(['SQLITE_CANTOPEN', 'SQLITE_NOTADB', 'SQLITE_READONLY', 'SQLITE_CORRUPT']);

/**
 * The innermost driver error under `error`: through `cause` (the store's `OtpError` wraps it) and
 * through `AggregateError.errors` (node-postgres reports a refused connection to a name with several
 * addresses that way).
 */
export function driverError(error: unknown): DriverError | null {
  let fallback: DriverError | null = null;
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const { message, errors, code, sqlState, cause } = current as Record<string, unknown>;
    // otpkit's own error (OTP_STORE_UNAVAILABLE) carries the driver's as its cause.
    if (isOtpError(current)) {
      current = cause;
      continue;
    }
    if (typeof code === 'string' || typeof sqlState === 'string') {
      return {
        ...(typeof code === 'string' ? { code } : {}),
        ...(typeof sqlState === 'string' ? { sqlState } : {}),
        message: typeof message === 'string' && message !== '' ? message : String(code ?? sqlState),
      };
    }
    if (typeof message === 'string' && message !== '') fallback ??= { message };
    current = Array.isArray(errors) && errors.length > 0 ? errors[0] : cause;
  }
  return fallback;
}

/** Which {@link DatabaseProblem} a driver error is, or null when its codes say nothing known. */
export function databaseProblem(error: DriverError): DatabaseProblem | null {
  const { code = '', sqlState = '' } = error;
  // SQLSTATE class 28: invalid authorization (a wrong password, a role or user that does not exist).
  if (code.startsWith('28') || sqlState.startsWith('28')) return 'authentication';
  if (UNREACHABLE.has(code)) return 'unreachable';
  if (NO_ANSWER.has(code)) return 'no-answer';
  if (code === '3D000' || code === 'ER_BAD_DB_ERROR') return 'no-database';
  if (code === '42P01' || code === 'ER_NO_SUCH_TABLE') return 'no-tables';
  if (code === '42501' || code === 'ER_TABLEACCESS_DENIED_ERROR' || code === 'ER_DBACCESS_DENIED_ERROR') {
    return 'permission';
  }
  // better-sqlite3 gives extended result codes (SQLITE_READONLY_DBMOVED): the primary code is the first two words.
  if (SQLITE_FILE.has(code.split('_').slice(0, 2).join('_'))) return 'sqlite-file';
  return null;
}

/** What the operator reads for each problem, and whether it is a setting to fix (exit 2) or a failure (1). */
const ADVICE: Record<DatabaseProblem, { text: string; setting: boolean }> = {
  unreachable: {
    text: 'Cannot reach the database server ({reason}): check the host and port in the database URL, and that the server runs',
    setting: false,
  },
  'no-answer': {
    text: 'The database server did not answer in time ({reason}): check the network between here and the server',
    setting: false,
  },
  authentication: {
    text: 'The database server refused the login ({reason}): check the user name and password in the database URL',
    setting: true,
  },
  'no-database': {
    text: 'The database named in the database URL does not exist ({reason}): check its name, or create it (`otpkit migrate` creates tables, not databases)',
    setting: true,
  },
  'no-tables': {
    text: 'The otpkit tables are not in this database ({reason}): run `otpkit migrate` first, or check the table prefix',
    setting: false,
  },
  permission: {
    text: 'The database user may not use the otpkit tables ({reason}): grant it SELECT, INSERT, UPDATE and DELETE on them',
    setting: true,
  },
  'sqlite-file': {
    text: 'The SQLite file cannot be used ({reason}): check the path in the database URL and its permissions',
    setting: true,
  },
};

/** One sentence for a database failure, and whether the operator's settings are at fault. */
export function describeDatabaseFailure(error: unknown): { message: string; setting: boolean } {
  const driver = driverError(error);
  const reason = (driver?.message ?? 'unknown error').replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  const problem = driver ? databaseProblem(driver) : null;
  if (problem === null) return { message: `The database failed (${reason}).`, setting: false };
  const { text, setting } = ADVICE[problem];
  return { message: `${text.replace('{reason}', reason)}.`, setting };
}
