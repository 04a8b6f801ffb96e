/**
 * The web layer under HTTP load from another process (autocannon here, the app in a child process):
 * what `requireOtp()` costs on a protected `GET /admin` against the same route unprotected in the
 * same app with the same session store, and OTP-step posts per second on the SQL store (SQLite and
 * PostgreSQL) with their latency.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { decodeBase32, generateTotp } from '@otpkit/core';
import autocannon from 'autocannon';
import pg from 'pg';

const CONNECTIONS = 10;

interface Instance {
  url: string;
  bareUrl: string;
  secret: Uint8Array;
  child: ChildProcess;
}

function startServer(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'web-server.ts'], {
    cwd: new URL('.', import.meta.url).pathname,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [word, url, bareUrl, secret] = line.split(' ');
      if (word === 'READY') resolve({ url: url!, bareUrl: bareUrl!, secret: decodeBase32(secret!), child });
    });
    child.on('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
}

async function stopServer(instance: Instance): Promise<void> {
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

/** A browser's session: its cookie and the CSRF token of otpkit's forms. */
interface Session {
  cookie: string;
  csrf: string;
}

async function call(
  base: string,
  session: Session,
  method: string,
  path: string,
  form?: Record<string, string>,
) {
  const response = await fetch(new URL(path, base), {
    method,
    redirect: 'manual',
    headers: {
      accept: 'application/json',
      ...(session.cookie ? { cookie: session.cookie } : {}),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(base).origin } : {}),
    },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  const set = response.headers.getSetCookie().find((c) => c.startsWith('connect.sid='));
  if (set) session.cookie = set.split(';')[0]!;
  return response;
}

async function refreshCsrf(base: string, session: Session) {
  const reply = await call(base, session, 'GET', '/auth/session');
  session.csrf = ((await reply.json()) as { csrfToken: string }).csrfToken;
}

/** Sign in with the password: a pending login at the code step. */
async function pendingLogin(base: string, userId: string): Promise<Session> {
  const session: Session = { cookie: '', csrf: '' };
  await refreshCsrf(base, session);
  const reply = await call(base, session, 'POST', '/auth/login', {
    username: userId,
    password: 'pw',
    _csrf: session.csrf,
  });
  if (reply.status !== 200) throw new Error(`password step answered ${reply.status}`);
  await refreshCsrf(base, session);
  return session;
}

async function verifiedLogin(base: string, userId: string, secret: Uint8Array): Promise<Session> {
  const session = await pendingLogin(base, userId);
  const token = generateTotp({ secret, time: Date.now() });
  const reply = await call(base, session, 'POST', '/auth/verify', { token, _csrf: session.csrf });
  if (reply.status !== 200) throw new Error(`code step answered ${reply.status}`);
  return session;
}

type Result = autocannon.Result;

async function load(options: autocannon.Options): Promise<Result> {
  return (await autocannon({ connections: CONNECTIONS, ...options })) as Result;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const format = (n: number) => Math.round(n).toLocaleString('en-US');

/** Protected against unprotected: interleaved rounds, the median round of each. */
async function guardSection(): Promise<{ text: string; ratio: number }> {
  const server = await startServer({ BENCH_MODE: 'guard', BENCH_STORE: 'memory', BENCH_USERS: '1' });
  try {
    const session = await verifiedLogin(server.url, 'u0', server.secret);
    const headers = { cookie: session.cookie, accept: 'text/html' };
    const cases = [
      { name: 'GET /admin behind requireOtp()', url: `${server.url}/admin` },
      { name: 'GET /open, same app, no guard', url: `${server.url}/open` },
      { name: 'GET /open, an app without otpkit', url: `${server.bareUrl}/open` },
    ];
    for (const c of cases) {
      const probe = await fetch(c.url, { headers, redirect: 'manual' });
      if (probe.status !== 200) throw new Error(`${c.name}: expected 200, got ${probe.status}`);
      await load({ url: c.url, headers, duration: 2 });
    }
    const samples = new Map(cases.map((c) => [c.name, [] as number[]]));
    const p99 = new Map(cases.map((c) => [c.name, [] as number[]]));
    for (let round = 0; round < 5; round++) {
      for (const c of cases) {
        const result = await load({ url: c.url, headers, duration: 3 });
        if (result.non2xx > 0 || result.errors > 0)
          throw new Error(`${c.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        samples.get(c.name)!.push(result.requests.average);
        p99.get(c.name)!.push(result.latency.p99);
      }
    }
    const base = median(samples.get(cases[1]!.name)!);
    const ratio = median(samples.get(cases[0]!.name)!) / base;
    const rows = cases.map((c) => {
      const rps = median(samples.get(c.name)!);
      const values = samples.get(c.name)!;
      const spread = (Math.max(...values) - Math.min(...values)) / rps;
      const target = c === cases[0] ? `≥ 0.9× ${ratio >= 0.9 ? '✓' : '✗ missed'}` : '';
      return `| ${c.name} | ${format(rps)} | ${median(p99.get(c.name)!)} ms | ${(spread * 100).toFixed(0)}% | ${(rps / base).toFixed(2)}× | ${target} |`;
    });
    const text = [
      '| route (verified session, 10 connections) | requests/s | p99 | spread | ratio to unguarded | target |',
      '|---|---:|---:|---:|---:|---|',
      ...rows,
    ].join('\n');
    return { text, ratio };
  } finally {
    await stopServer(server);
  }
}

/** Wrong codes posted to the code step by many pending logins at once. */
async function otpStep(storeKind: 'sqlite' | 'postgres'): Promise<string> {
  const users = 50;
  const server = await startServer({
    BENCH_MODE: 'otp-step',
    BENCH_STORE: storeKind,
    BENCH_USERS: String(users),
  });
  try {
    const sessions: Session[] = [];
    for (let i = 0; i < users; i++) sessions.push(await pendingLogin(server.url, `u${i}`));
    let next = 0;
    const request = {
      method: 'POST' as const,
      path: '/auth/verify',
      setupRequest: (req: autocannon.Request) => {
        const session = sessions[next++ % sessions.length]!;
        return {
          ...req,
          headers: {
            cookie: session.cookie,
            'content-type': 'application/x-www-form-urlencoded',
            origin: new URL(server.url).origin,
            accept: 'text/html',
          },
          body: new URLSearchParams({ token: '000000', _csrf: session.csrf }).toString(),
        };
      },
    };
    const probe = await call(server.url, sessions[0]!, 'POST', '/auth/verify', {
      token: '000000',
      _csrf: sessions[0]!.csrf,
    });
    if (probe.status !== 400) throw new Error(`a wrong code answered ${probe.status}, not 400`);
    await load({ url: server.url, requests: [request], duration: 2 });
    const rounds: Result[] = [];
    for (let round = 0; round < 3; round++) {
      const result = await load({ url: server.url, requests: [request], duration: 4 });
      // Every answer must be the 400 of a wrong code: anything else is not the work being measured.
      const codes = Object.keys(result.statusCodeStats ?? {});
      if (result.errors > 0 || codes.some((code) => code !== '400')) {
        throw new Error(
          `otp step on ${storeKind}: unexpected answers ${JSON.stringify(result.statusCodeStats)}`,
        );
      }
      rounds.push(result);
    }
    rounds.sort((a, b) => a.requests.average - b.requests.average);
    const mid = rounds[1]!;
    return `| ${storeKind === 'sqlite' ? 'SQLite (better-sqlite3, WAL, one file)' : 'PostgreSQL (pg pool of 16)'} | ${format(mid.requests.average)} | ${mid.latency.p50} ms | ${mid.latency.p99} ms |`;
  } finally {
    await stopServer(server);
  }
}

async function postgresReachable(): Promise<boolean> {
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

export async function webSection(): Promise<{ text: string; markdown: string }> {
  const options = { postgres: await postgresReachable() };
  const average = loadavg()[0]!.toFixed(1);
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node.js ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${average} at the start`;
  console.log('Web: requireOtp() on GET /admin against the same route without it…');
  const guard = await guardSection();
  console.log(guard.text);
  console.log('Web: OTP-step posts per second…');
  const rows = [await otpStep('sqlite')];
  if (options.postgres) rows.push(await otpStep('postgres'));
  const step = [
    `| store (${CONNECTIONS} connections, 50 pending logins) | OTP-step posts/s | p50 | p99 |`,
    '|---|---:|---:|---:|',
    ...rows,
    ...(options.postgres ? [] : ['| PostgreSQL | skipped: not reachable at 127.0.0.1:5432 | | |']),
  ].join('\n');
  console.log(step);
  const markdown = `## The Express guard and the code step

Measured on ${machine}. The app runs in its own process (Express 5, express-session with its \`MemoryStore\`, otpkit); the load
comes from another (\`autocannon\`, ${CONNECTIONS} connections, keep-alive). The three routes below run
interleaved in 5 rounds of 3 s and the median round is reported; \`p99\` is that round's latency.
The guarded and the unguarded \`/open\` are the same handler in the same app with the same session
store, so the ratio is what \`requireOtp()\` adds to a verified request: reading otpkit's part of the
session and re-reading the user with \`loadUser\`. \`MemoryStore\` is the cheapest session store there
is; with Redis or SQL sessions the guard's share only shrinks. The third row is an app with no
otpkit at all, for reference: the \`otpkit()\` middleware runs on every request of the first two.

${guard.text}

OTP-step posts: ${50} users at the code step after their password, each post a wrong code (so the
pending login stays and every post does the whole step: the pending-login token read, \`loadUser\`,
\`verifyToken\` with its read and compare-and-set write, and the page with the error), throttle delays
off. A right code does the same work plus consuming the pending login and regenerating the session.

${step}
`;
  return { text: `${guard.text}\n\n${step}`, markdown };
}
