import { OtpError } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { databaseProblem, describeDatabaseFailure, driverError } from './database-errors.js';

/** A driver error as each driver makes it: a message and the codes it sets. */
const driver = (message: string, codes: { code?: string; sqlState?: string }) =>
  Object.assign(new Error(message), codes);
const wrapped = (cause: unknown) =>
  new OtpError('OTP_STORE_UNAVAILABLE', 'The otpkit store is unavailable', { cause });

describe('databaseProblem', () => {
  it.each([
    ['pg: database does not exist', 'no-database', { code: '3D000' }],
    ['pg: role does not exist', 'authentication', { code: '28000' }],
    ['pg: password authentication failed', 'authentication', { code: '28P01' }],
    ['pg: relation does not exist', 'no-tables', { code: '42P01' }],
    ['pg: permission denied', 'permission', { code: '42501' }],
    ['mysql2: unknown database', 'no-database', { code: 'ER_BAD_DB_ERROR', sqlState: '42000' }],
    ['mysql2: access denied', 'authentication', { code: 'ER_ACCESS_DENIED_ERROR', sqlState: '28000' }],
    [
      'mysql2: no password',
      'authentication',
      { code: 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR', sqlState: '28000' },
    ],
    ['mysql2: no such table', 'no-tables', { code: 'ER_NO_SUCH_TABLE', sqlState: '42S02' }],
    ['mysql2: connect timeout', 'no-answer', { code: 'ETIMEDOUT' }],
    ['mysql2: query timeout', 'no-answer', { code: 'PROTOCOL_SEQUENCE_TIMEOUT' }],
    ['node: refused', 'unreachable', { code: 'ECONNREFUSED' }],
    ['node: unknown host', 'unreachable', { code: 'ENOTFOUND' }],
    ['sqlite: not a database', 'sqlite-file', { code: 'SQLITE_NOTADB' }],
    ['sqlite: read-only (extended code)', 'sqlite-file', { code: 'SQLITE_READONLY_DBMOVED' }],
    ['pg: a syntax error', null, { code: '42601' }],
    ['sqlite: generic error', null, { code: 'SQLITE_ERROR' }],
  ] as const)('%s is %s', (_, problem, codes) => {
    expect(databaseProblem({ ...codes, message: 'x' })).toBe(problem);
  });
});

describe('driverError', () => {
  it('finds the driver error under the store error, and inside an AggregateError', () => {
    const refused = driver('connect ECONNREFUSED ::1:5432', { code: 'ECONNREFUSED' });
    const aggregate = new AggregateError([refused], '');
    expect(driverError(wrapped(aggregate))).toEqual({
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED ::1:5432',
    });
  });

  it('keeps the message of an error without codes', () => {
    expect(driverError(wrapped(new Error('timeout exceeded when trying to connect')))).toEqual({
      message: 'timeout exceeded when trying to connect',
    });
  });
});

describe('describeDatabaseFailure', () => {
  it('names a missing database as a setting, never as missing tables', () => {
    const failure = describeDatabaseFailure(driver('database "nosuchdb" does not exist', { code: '3D000' }));
    expect(failure.setting).toBe(true);
    expect(failure.message).toBe(
      'The database named in the database URL does not exist (database "nosuchdb" does not exist): check its name, or create it (`otpkit migrate` creates tables, not databases).',
    );
  });

  it('tells a failure it cannot classify with the driver reason', () => {
    expect(describeDatabaseFailure(new Error('Query read timeout'))).toEqual({
      message: 'The database failed (Query read timeout).',
      setting: false,
    });
  });
});
