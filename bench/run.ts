/**
 * `pnpm bench`: runs every benchmark on the built packages, prints the tables with ratios against
 * the peers measured in the same run, and writes them into docs/benchmarks.md.
 * `pnpm bench web` runs the web section only and replaces that section of the page.
 * `pnpm bench totp logins` (any of `totp`, `logins`, `sql`) runs only those sections and prints
 * them without touching the docs: for profiling and for checking one change quickly.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { INPUT_LABELS, loginCases, OTPAUTH_HMACS } from './login-verify.bench.js';
import { measure } from './measure.js';
import { sqlStoreSection } from './sql-store.bench.js';
import { totpCases } from './totp-verify.bench.js';
import { webSection } from './web.bench.js';

interface Target {
  name: string;
  /** Minimum ratio to the baseline. */
  min: number;
}

const targets: Target[] = [
  { name: '@otpkit/core verifyTotp', min: 1.0 },
  { name: '@otpkit otp.verifyToken (memoryStore, 1 user)', min: 0.9 },
];
/**
 * Logins: otpkit's full verifyToken ÷ otpauth's bare validate, on wrong codes (where both compute
 * every step of the window; see the page text for right codes).
 */
const loginTargets = { warm: 0.9, cold: 0.7 };
const CACHE_SIZE = 1000; // createOtp's default secretCacheSize
/** docs/benchmarks.md from this heading on is written by hand and kept across reruns. */
const HISTORY = '## History';
const MEASURE = { rounds: 7, roundMs: 300, warmupMs: 300 };
/** More and shorter rounds for the twelve login cases, so that a burst of load moves few medians. */
const MEASURE_LOGINS = { rounds: 15, roundMs: 200, warmupMs: 300 };

const page = new URL('../docs/benchmarks.md', import.meta.url);
const WEB_HEADING = '## The Express guard and the code step';

/** `markdown` in place of the page's section under `heading` (up to the next section), or appended. */
function replaceSection(current: string, heading: string, markdown: string): string {
  const at = current.indexOf(heading);
  if (at === -1) return `${current.trimEnd()}\n\n${markdown}`;
  const next = current.indexOf('\n## ', at + heading.length);
  return `${current.slice(0, at)}${markdown.trimEnd()}\n${next === -1 ? '' : current.slice(next)}`;
}

const startLoad = loadavg()[0]!.toFixed(1);
const sections = ['totp', 'logins', 'sql', 'web'];
const chosen = process.argv.slice(2).filter((arg) => arg !== '--');
for (const name of chosen) if (!sections.includes(name)) throw new Error(`bench: unknown section ${name}`);
const runs = (section: string) => chosen.length === 0 || chosen.includes(section);

if (chosen.length === 1 && chosen[0] === 'web') {
  const web = await webSection();
  writeFileSync(page, replaceSection(readFileSync(page, 'utf8'), WEB_HEADING, web.markdown));
  console.log('\nWrote the web section of docs/benchmarks.md');
  process.exit(0);
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

async function totpSection(): Promise<string[]> {
  const { baseline, cases } = await totpCases();
  console.log('TOTP verification, window ±1, wrong code (every step computed)…');
  const results = await measure(cases, MEASURE);
  const base = results.find((r) => r.name === baseline)!.opsPerSecond;
  const lines = [
    '| implementation | verifications/s | spread | ratio to otpauth | target |',
    '|---|---:|---:|---:|---|',
    ...results.map((r) => {
      const ratio = r.opsPerSecond / base;
      const target = targets.find((t) => t.name === r.name);
      const verdict = target ? `≥ ${target.min.toFixed(1)}× ${ratio >= target.min ? '✓' : '✗ missed'}` : '';
      return `| ${r.name} | ${format(r.opsPerSecond)} | ${(r.spread * 100).toFixed(0)}% | ${ratio.toFixed(2)}× | ${verdict} |`;
    }),
  ];
  console.log(lines.join('\n'));
  return lines;
}

async function loginSection(): Promise<string[]> {
  console.log(
    '\nLogins through otp.verifyToken, warm and cold secret cache, against otpauth on the same inputs…',
  );
  const logins = await loginCases({
    cacheSize: CACHE_SIZE,
    measureMs: MEASURE_LOGINS.warmupMs + MEASURE_LOGINS.rounds * MEASURE_LOGINS.roundMs,
  });
  const results = new Map((await measure(logins.cases, MEASURE_LOGINS)).map((r) => [r.name, r]));
  const lines = [
    '| users | inputs | HMACs per call, otpkit / otpauth | otpkit verifyToken/s | spread | otpauth validate/s | spread | ratio | target |',
    '|---|---|---|---:|---:|---:|---:|---:|---|',
    ...logins.rows.map((row) => {
      const ours = results.get(row.otpkit)!;
      const theirs = results.get(row.otpauth)!;
      const ratio = ours.opsPerSecond / theirs.opsPerSecond;
      const min = row.inputs === 'wrong' ? loginTargets[row.temperature] : 0;
      const verdict = min ? `≥ ${min.toFixed(1)}× ${ratio >= min ? '✓' : '✗ missed'}` : '';
      const hmacs = `3 / ${OTPAUTH_HMACS[row.inputs]}`;
      const spread = (r: { spread: number }) => `${(r.spread * 100).toFixed(0)}%`;
      return `| ${row.population} | ${INPUT_LABELS[row.inputs]} | ${hmacs} | ${format(ours.opsPerSecond)} | ${spread(ours)} | ${format(theirs.opsPerSecond)} | ${spread(theirs)} | ${ratio.toFixed(2)}× | ${verdict} |`;
    }),
  ];
  console.log(lines.join('\n'));
  return lines;
}

console.log(`load average ${startLoad} at the start`);
const totpLines = runs('totp') ? await totpSection() : [];
const loginLines = runs('logins') ? await loginSection() : [];
const sql = runs('sql') ? await sqlStoreSection() : null;
if (sql) console.log(sql.text);
const web = runs('web') ? await webSection() : null;

if (chosen.length === 0 && sql && web) {
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node.js ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${startLoad} at the start`;
  // The hand-written history at the end of the page (what changed, and why) survives a rerun.
  const previous = existsSync(page) ? readFileSync(page, 'utf8') : '';
  const history = previous.includes(HISTORY) ? previous.slice(previous.indexOf(HISTORY)) : '';
  const body = pageText(machine, totpLines, loginLines, sql.markdown, web.markdown);
  writeFileSync(page, history ? `${body.trimEnd()}\n\n${history}` : body);
  console.log('\nWrote docs/benchmarks.md');
}

function pageText(
  machine: string,
  totp: string[],
  logins: string[],
  sqlMarkdown: string,
  webMarkdown: string,
): string {
  return `# Benchmarks

Measured by \`npx -y pnpm@10 bench\` on the built packages, every row in the same run on one machine
(${machine}). Cases run interleaved in rounds and the median round is reported, so that noise hits all
of them alike; \`spread\` is (max − min) / median over the rounds. The TOTP and login sections time the
process's CPU time, so that other processes on a shared machine do not count. Ratios compare with the peers of the same
run, never with numbers from another machine. Rerun the command to refresh this page (its history
section is kept).

## TOTP verification

Window ±1 and a wrong code, so every implementation computes all three steps. \`otp.verifyToken\` is the
whole service through \`memoryStore()\` for one user: reading the user, the throttle check, opening the
sealed secret (cached per device), the constant-time window scan, and committing the counted failure
with compare-and-set. The bare \`node:crypto\` loop is the practical limit: three HMACs and nothing else.

${totp.join('\n')}

Targets: the primitive at least as fast as otpauth's \`TOTP.validate\` (it compares truncated integers
in constant time instead of building and comparing strings); the full \`verifyToken\` at least 0.9× of
otpauth's bare validate.

## Logins: warm and cold secret cache

\`otp.verifyToken\` through \`memoryStore()\` for many users who take turns, with the service's defaults.
Every round is the next 30-second step, so a right code is always fresh, as at a real login. **Warm**:
fewer users than \`secretCacheSize\` (1000 by default), so every device's opened secret stays cached.
**Cold**: more users than the cache holds, so every verification first opens its sealed secret
(AES-256-GCM). otpauth's bare \`TOTP.validate\` gets the very same tokens at the very same times; the
codes are computed beforehand, so the measured loops only format a number and call the verifier. The
mix is three right codes to one wrong one (a typo, then the right code); for wrong codes only, the
throttle's delays are off so that every call is checked and counted rather than refused.

${logins.join('\n')}

Reading the ratios: otpauth checks the current step first and stops at the first match, so a right
code costs it one HMAC. otpkit computes every step of the window for every code and picks the match
with integer arithmetic, so that the time taken never tells which step (if any) matched: three HMACs,
always. An HMAC through \`node:crypto\` costs about 2 µs here (most of it OpenSSL's per-call setup), about
two thirds of a whole wrong-code verification, so on right codes the constant-time scan cannot come near
otpauth's early exit, whatever the rest costs. The targets are set where both do the same work, on wrong
codes: warm at least 0.9× of otpauth, cold at least 0.7×.

${sqlMarkdown}
${webMarkdown}`;
}
