import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { parseDatabaseUrl } from './database-url.js';

describe('parseDatabaseUrl', () => {
  it.each([
    [
      'postgres://app:pw@db.internal:5432/app',
      { driver: 'pg', url: 'postgres://app:pw@db.internal:5432/app' },
    ],
    [
      'postgresql://app@db/app?sslmode=require',
      { driver: 'pg', url: 'postgresql://app@db/app?sslmode=require' },
    ],
    ['mysql://root@127.0.0.1:3306/test', { driver: 'mysql2', url: 'mysql://root@127.0.0.1:3306/test' }],
    ['mariadb://root@127.0.0.1:3306/test', { driver: 'mysql2', url: 'mysql://root@127.0.0.1:3306/test' }],
    ['MariaDB://root@db/test', { driver: 'mysql2', url: 'mysql://root@db/test' }],
    ['sqlite:otp.db', { driver: 'better-sqlite3', filename: 'otp.db' }],
    ['sqlite:./data/otp.db', { driver: 'better-sqlite3', filename: './data/otp.db' }],
    ['sqlite:///var/lib/otp.db', { driver: 'better-sqlite3', filename: '/var/lib/otp.db' }],
    ['sqlite:/var/lib/otp.db', { driver: 'better-sqlite3', filename: '/var/lib/otp.db' }],
    ['sqlite::memory:', { driver: 'better-sqlite3', filename: ':memory:' }],
    ['sqlite:my%20data.db', { driver: 'better-sqlite3', filename: 'my data.db' }],
    ['  sqlite:otp.db  ', { driver: 'better-sqlite3', filename: 'otp.db' }],
  ])('reads %s', (url, target) => {
    expect(parseDatabaseUrl(url, 'OTPKIT_DATABASE_URL')).toEqual(target);
  });

  it.each([
    [
      'redis://cache/0',
      'OTPKIT_DATABASE_URL must start with postgres://, postgresql://, mysql://, mariadb:// or sqlite:.',
    ],
    [
      '/var/lib/otp.db',
      'OTPKIT_DATABASE_URL must start with postgres://, postgresql://, mysql://, mariadb:// or sqlite:.',
    ],
    ['', 'OTPKIT_DATABASE_URL must start with postgres://, postgresql://, mysql://, mariadb:// or sqlite:.'],
    ['sqlite:', 'OTPKIT_DATABASE_URL names no SQLite file: write sqlite:path/to/file.db.'],
    ['sqlite://', 'OTPKIT_DATABASE_URL names no SQLite file: write sqlite:path/to/file.db.'],
    ['postgres://user:secret@[::1', 'OTPKIT_DATABASE_URL is not a valid postgres:// URL.'],
  ])('refuses %j with a configuration error that does not quote it', (url, message) => {
    const attempt = () => parseDatabaseUrl(url, 'OTPKIT_DATABASE_URL');
    expect(attempt).toThrow(CliError);
    expect(attempt).toThrow(message);
  });

  it('names the setting it read', () => {
    expect(() => parseDatabaseUrl('ftp://x', '--db')).toThrow(/^--db must start with/);
  });
});
