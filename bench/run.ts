/**
 * `pnpm bench`: runs every benchmark on the built packages, prints the tables with ratios against
 * the peers measured in the same run, and writes them into docs/benchmarks.md.
 * `pnpm bench web` runs the web section only and replaces that section of the page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
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
  { name: '@otpkit otp.verifyToken (memoryStore)', min: 0.7 },
];

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

const page = new URL('../docs/benchmarks.md', import.meta.url);
const WEB_HEADING = '## The Express guard and the code step';

if (process.argv[2] === 'web') {
  const web = await webSection();
  const current = readFileSync(page, 'utf8');
  const at = current.indexOf(WEB_HEADING);
  writeFileSync(page, `${at === -1 ? `${current.trimEnd()}\n\n` : current.slice(0, at)}${web.markdown}`);
  console.log('\nWrote the web section of docs/benchmarks.md');
  process.exit(0);
}

const { baseline, cases } = await totpCases();
console.log('TOTP verification, window ±1, wrong code (every step computed)…');
const results = await measure(cases);
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

const sql = await sqlStoreSection();
console.log(sql.text);

const web = await webSection();

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node.js ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
writeFileSync(
  page,
  `# Benchmarks

Measured by \`npx -y pnpm@10 bench\` on the built packages, every row in the same run on one machine
(${machine}). Cases run interleaved in rounds and the median round is reported, so that noise hits all
of them alike; \`spread\` is (max − min) / median over the rounds. Ratios compare with the peers of the same
run, never with numbers from another machine. Rerun the command to refresh this page.

## TOTP verification

Window ±1 and a wrong code, so every implementation computes all three steps. \`otp.verifyToken\` is the
whole service through \`memoryStore()\`: reading the user, the throttle check, opening the sealed secret
(cached per device), the constant-time window scan, and committing the counted failure with
compare-and-set. The bare \`node:crypto\` loop is the practical limit: three HMACs and nothing else.

${lines.join('\n')}

Targets: the primitive at least as fast as otpauth's \`TOTP.validate\` (it compares truncated integers
in constant time instead of building and comparing strings); the full \`verifyToken\` at least 0.7× of
otpauth's bare validate.

${sql.markdown}
${web.markdown}`,
);
console.log('\nWrote docs/benchmarks.md');
