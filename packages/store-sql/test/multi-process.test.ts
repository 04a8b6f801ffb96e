import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createKeyring, createOtp, decodeBase32, generateTotp } from '@otpkit/core';
import { totp } from '@otpkit/devices';
import { describe, expect, it } from 'vitest';
import { migrate, sqlStore } from '../src/index.js';
import type { WorkerOutcome, WorkerTask } from './fixtures/verify-worker.js';
import { connect, dropTables, randomPrefix, type Server } from './helpers/databases.js';
import { serverSkip } from './helpers/server-skip.js';

// Four app instances (separate Node processes, each with its own pool) share one database and race
// the real service: one valid TOTP code is accepted exactly once in total, and every counted wrong
// guess is stored, none lost to a race.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKER = fileURLToPath(new URL('./fixtures/verify-worker.ts', import.meta.url));
const PROCESSES = 4;
const PER_PROCESS = 25;
const T0 = Date.UTC(2030, 0, 1, 12, 0, 10); // 10 s into a step
const T1 = T0 + 90_000; // three steps later: the enrollment's code is long out of the window

function startWorker(task: WorkerTask): {
  child: ChildProcessWithoutNullStreams;
  lines: AsyncIterator<string>;
} {
  // cwd at the repository root: tsx resolves @otpkit/* to the sources through tsconfig paths.
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(task)], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  async function* read(): AsyncGenerator<string> {
    let buffer = '';
    for await (const chunk of child.stdout) {
      buffer += chunk;
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        yield buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
      }
    }
    throw new Error(`worker exited early (code ${child.exitCode}): ${stderr}`);
  }
  return { child, lines: read() };
}

async function nextLine(lines: AsyncIterator<string>): Promise<string> {
  const { value, done } = await lines.next();
  if (done) throw new Error('worker closed its output');
  return value;
}

function wrongCode(secret: Uint8Array, time: number): string {
  const near = new Set(
    Array.from({ length: 11 }, (_, i) => generateTotp({ secret, time: time + (i - 5) * 30_000 })),
  );
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

const servers: Array<[Server, string | false]> = [
  ['postgres', await serverSkip('postgres')],
  ['mariadb', await serverSkip('mariadb')],
];

describe.each(servers)('%s shared by four app processes', (server, skip) => {
  it.skipIf(skip)(
    'accepts one valid code exactly once and stores every counted failure',
    async () => {
      const tablePrefix = randomPrefix();
      const key = randomBytes(32).toString('base64');
      const db = connect(server, { max: 2 });
      const workers: Array<ReturnType<typeof startWorker>> = [];
      try {
        await migrate(db, { tablePrefix });
        let now = T0;
        const store = sqlStore({ db, tablePrefix });
        const otp = createOtp({
          store,
          keyring: createKeyring({ keys: { k1: key }, primary: 'k1' }),
          kinds: [totp({ issuer: 'Race' })],
          clock: () => now,
        });
        const secrets: Record<string, Uint8Array> = {};
        for (const userId of ['valid-racer', 'wrong-racer']) {
          const { device, secret } = await otp.enroll({ userId, kind: 'totp', label: userId });
          secrets[userId] = decodeBase32(secret!);
          const token = generateTotp({ secret: secrets[userId], time: now });
          expect(await otp.confirm({ userId, deviceId: device.id, token })).toMatchObject({ ok: true });
        }
        now = T1;
        const valid = generateTotp({ secret: secrets['valid-racer']!, time: T1 });
        const wrong = wrongCode(secrets['wrong-racer']!, T1);

        const task: WorkerTask = {
          server,
          tablePrefix,
          key,
          now: T1,
          pool: 4,
          races: [
            { userId: 'valid-racer', token: valid, times: PER_PROCESS },
            { userId: 'wrong-racer', token: wrong, times: PER_PROCESS },
          ],
        };
        for (let i = 0; i < PROCESSES; i++) workers.push(startWorker(task));
        for (const worker of workers) expect(await nextLine(worker.lines)).toBe('ready');
        for (const worker of workers) worker.child.stdin.write('go\n');
        const outcomes = await Promise.all(
          workers.map(async (worker) => JSON.parse(await nextLine(worker.lines)) as WorkerOutcome[]),
        );

        const validOutcomes = outcomes.flatMap((list) => list.slice(0, PER_PROCESS));
        const wrongOutcomes = outcomes.flatMap((list) => list.slice(PER_PROCESS));
        const summary = (list: WorkerOutcome[]) =>
          list.reduce<Record<string, number>>((counts, o) => {
            const label = 'error' in o ? `error:${o.error}` : o.ok ? 'ok' : o.reason;
            counts[label] = (counts[label] ?? 0) + 1;
            return counts;
          }, {});

        // Exactly one instance accepted the code; every other racer saw it as used.
        expect(summary(validOutcomes)).toEqual({ ok: 1, replayed: PROCESSES * PER_PROCESS - 1 });
        // Every wrong guess was checked and counted once: nothing lost, nothing doubled.
        const invalid = wrongOutcomes.filter((o) => 'ok' in o && !o.ok && o.reason === 'invalid').length;
        expect(summary(wrongOutcomes)).toEqual({ invalid: PROCESSES * PER_PROCESS });
        const { state } = await store.loadUser('wrong-racer');
        expect(state?.failures).toBe(invalid);
      } finally {
        for (const worker of workers) worker.child.kill();
        await dropTables(db, tablePrefix);
        await db.destroy();
      }
    },
    45_000,
  );
});
