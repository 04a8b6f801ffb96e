import { DummyDriver, Kysely, MssqlAdapter, MssqlIntrospector, MssqlQueryCompiler } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { connectSqlite } from '../test/helpers/databases.js';
import { ddl, migrate, sqlStore } from './index.js';

const db = connectSqlite();
afterAll(() => db.destroy());

describe('sqlStore options', () => {
  it.each([
    ['starts with a digit', '1otp_'],
    ['holds a dash', 'otp-kit_'],
    ['holds a quote', 'otp"_'],
    ['holds SQL', 'x; DROP TABLE users; --'],
    ['holds a space', 'otp kit'],
    ['is empty', ''],
    ['is longer than 31 characters', `a${'b'.repeat(31)}`],
  ])('rejects a table prefix that %s, naming the option', (_, tablePrefix) => {
    expect(() => sqlStore({ db, tablePrefix })).toThrow(/^Invalid option sqlStore\.tablePrefix/);
    expect(() => migrate(db, { tablePrefix })).toThrow(/^Invalid option migrate\.tablePrefix/);
    expect(() => ddl('postgres', { tablePrefix })).toThrow(/^Invalid option ddl\.tablePrefix/);
  });

  it.each(['otpkit_', '_x', 'A', `a${'b'.repeat(30)}`, 'Acme_2FA_'])(
    'accepts the table prefix %s',
    (tablePrefix) => {
      expect(() => sqlStore({ db, tablePrefix })).not.toThrow();
    },
  );

  it('lower-cases the prefix so PostgreSQL and MySQL name the same tables', () => {
    expect(ddl('postgres', { tablePrefix: 'Acme_' })[0]).toContain(
      'CREATE TABLE IF NOT EXISTS acme_user_state',
    );
  });

  it('rejects something that is not a Kysely instance', () => {
    expect(() => sqlStore({ db: {} as never })).toThrow(
      /^Invalid option sqlStore\.db: expected a Kysely instance/,
    );
    expect(() => sqlStore(undefined as never)).toThrow(/^Invalid option sqlStore\.db/);
  });

  it('rejects an unknown option instead of ignoring a typo', () => {
    expect(() => sqlStore({ db, tablePrefx: 'x_' } as never)).toThrow(/^Invalid option sqlStore/);
  });

  it('rejects a dialect it does not support', () => {
    const mssql = new Kysely({
      dialect: {
        createAdapter: () => new MssqlAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new MssqlIntrospector(db),
        createQueryCompiler: () => new MssqlQueryCompiler(),
      },
    });
    expect(() => sqlStore({ db: mssql })).toThrow(/unsupported Kysely dialect \(MssqlAdapter\)/);
  });

  it('rejects an unknown DDL dialect', () => {
    expect(() => ddl('oracle' as never)).toThrow(/^Invalid option dialect/);
  });
});

describe('close', () => {
  it("leaves the host's Kysely instance open by default", async () => {
    const own = connectSqlite();
    await sqlStore({ db: own }).close();
    await expect(migrate(own)).resolves.toMatchObject({ to: 1 });
    await own.destroy();
  });

  it('destroys the Kysely instance when destroyOnClose is set', async () => {
    const own = connectSqlite();
    await migrate(own);
    const store = sqlStore({ db: own, destroyOnClose: true });
    await store.close();
    await expect(store.loadUser('alice')).rejects.toMatchObject({ code: 'OTP_STORE_UNAVAILABLE' });
  });
});
