/**
 * The SQL store on PostgreSQL: statements per TOTP verification, and verifications per second at
 * concurrency 16 against baselines of bare statements over the same pool.
 */
import { randomBytes } from 'node:crypto';
import { createKeyring, createOtp, encodeBase32, generateTotp } from '@otpkit/core';
import { totp } from '@otpkit/devices';
import { migrate, sqlStore } from '@otpkit/store-sql';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

const CONCURRENCY = 16;
const ROUNDS = 3;
const ROUND_MS = 1_500;

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Run `work(worker)` in `CONCURRENCY` loops for `ms`; completed calls per second. */
async function throughput(work: (worker: number) => Promise<unknown>, ms: number): Promise<number> {
  const until = performance.now() + ms;
  let calls = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (performance.now() < until) {
        await work(worker);
        calls++;
      }
    }),
  );
  return (calls / (performance.now() - start)) * 1000;
}

export async function sqlStoreSection(): Promise<{ text: string; markdown: string }> {
  if (!(await reachable())) {
    const text = 'SQL store: skipped, PostgreSQL is not reachable at 127.0.0.1:5432.';
    return { text, markdown: `## SQL store\n\n${text}\n` };
  }
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'test',
    max: CONCURRENCY,
  });
  pool.on('error', () => undefined);
  let statements = 0;
  // biome-ignore lint/suspicious/noExplicitAny: the store brings its own table types.
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') statements++;
    },
  });
  const tablePrefix = `bench_${randomBytes(4).toString('hex')}_`;
  await migrate(db, { tablePrefix });
  try {
    const now = Date.now();
    const otp = createOtp({
      store: sqlStore({ db, tablePrefix }),
      keyring: createKeyring({ keys: { k1: randomBytes(32) }, primary: 'k1' }),
      kinds: [totp({ issuer: 'Bench' })],
      throttle: { factor: 0, maxFailures: Number.MAX_SAFE_INTEGER },
      clock: () => now,
    });
    // One user per worker: concurrent logins of different people, as on a real site.
    const secrets: Uint8Array[] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
      const secret = new Uint8Array(randomBytes(20));
      secrets.push(secret);
      const e = await otp.enroll({ userId: `user-${i}`, kind: 'totp', secret: encodeBase32(secret) });
      await otp.confirm({
        userId: `user-${i}`,
        deviceId: e.device.id,
        token: generateTotp({ secret, time: now }),
      });
    }
    const valid = new Set(
      [-1, 0, 1].flatMap((k) => secrets.map((s) => generateTotp({ secret: s, time: now + k * 30_000 }))),
    );
    let wrong = '000000';
    for (let n = 0; valid.has(wrong); n++) wrong = String(n).padStart(6, '0');

    statements = 0;
    await otp.verifyToken({ userId: 'user-0', token: wrong });
    const perFailure = statements;
    statements = 0;
    await otp.verifyToken({
      userId: 'user-1',
      token: generateTotp({ secret: secrets[1]!, time: now + 30_000 }),
    });
    const perSuccess = statements;

    const { userState } = { userState: `${tablePrefix}user_state` };
    const cases: Array<{ name: string; work: (worker: number) => Promise<unknown> }> = [
      {
        name: 'otp.verifyToken (sqlStore, wrong code)',
        work: (w) => otp.verifyToken({ userId: `user-${w}`, token: wrong }),
      },
      {
        name: 'bare: the same read + write, raw over the pool',
        work: async (w) => {
          await pool.query(`select version, failures from ${userState} where user_id = $1`, [`user-${w}`]);
          await pool.query(
            `update ${userState} set failures = failures + 1, version = version + 1 where user_id = $1 and version >= 0`,
            [`user-${w}`],
          );
        },
      },
      {
        name: 'bare: 2 × SELECT 1 (round trips only)',
        work: async () => {
          await pool.query('select 1');
          await pool.query('select 1');
        },
      },
    ];
    const samples = new Map(cases.map((c) => [c.name, [] as number[]]));
    for (const c of cases) await throughput(c.work, 300); // warm-up
    for (let r = 0; r < ROUNDS; r++) {
      for (const c of cases) samples.get(c.name)!.push(await throughput(c.work, ROUND_MS));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const rates = cases.map((c) => ({ name: c.name, rate: median(samples.get(c.name)!) }));
    const ours = rates[0]!.rate;
    const rows = rates.map((r, i) => {
      const ratio = ours / r.rate;
      const cell = i === 0 ? '1.00×' : `${ratio.toFixed(2)}×`;
      const target = i === 1 ? `≥ 0.6× ${ratio >= 0.6 ? '✓' : '✗ missed'}` : '';
      return `| ${r.name} | ${Math.round(r.rate).toLocaleString('en-US')} | ${cell} | ${target} |`;
    });
    const table = [
      `Statements per TOTP verification: ${perFailure} for a wrong code, ${perSuccess} for a right one (target: at most 2).`,
      '',
      `| concurrency ${CONCURRENCY}, PostgreSQL | per second | otpkit ÷ this | target |`,
      '|---|---:|---:|---|',
      ...rows,
    ].join('\n');
    return {
      text: `\nSQL store on PostgreSQL…\n${table}`,
      markdown: `## SQL store on PostgreSQL

Every verification through \`sqlStore\` is one read (the user's state and devices in one statement) and
one compare-and-set write (the counted failure, or the device's new step). ${CONCURRENCY} workers verify
wrong codes for ${CONCURRENCY} different users at once, with the throttle delays off so that every call is
checked and written. The like-for-like baseline sends the same two statement shapes (a primary-key read
and a primary-key update of the state row) straight over the same \`pg\` pool, without otpkit; the round-trip
row shows what two trivial statements cost. Each write is a committed transaction, so the disk's flush
rate, not otpkit, bounds both of the first two rows.

${table}
`,
    };
  } finally {
    for (const table of ['devices', 'user_state', 'tokens', 'migrations']) {
      await pool.query(`drop table if exists ${tablePrefix}${table}`).catch(() => undefined);
    }
    await db.destroy();
  }
}
