/**
 * Profiling aid: builds one login case of the benchmark, then profiles it alone in a tight loop.
 *
 *   node --import tsx profile-logins.ts cold mix 5   # temperature, inputs, seconds
 *
 * Writes `verify-<temperature>-<inputs>.cpuprofile` (open it in Chrome DevTools or VS Code). The
 * setup (enrolling users, computing the codes) happens before the profiler starts.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { type Inputs, loginCases } from './login-verify.bench.js';

const [temperature = 'cold', inputs = 'mix', seconds = '4'] = process.argv.slice(2);
if (temperature !== 'warm' && temperature !== 'cold') throw new Error('temperature: warm or cold');
if (!['mix', 'right', 'wrong'].includes(inputs)) throw new Error('inputs: mix, right or wrong');
const ms = Number(seconds) * 1000;
const { cases } = await loginCases({
  cacheSize: 1000,
  measureMs: ms,
  only: (t, i) => t === temperature && i === (inputs as Inputs),
});
const wanted = cases.find((c) => c.name.startsWith('otpkit'))!;

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const until = performance.now() + ms;
let calls = 0;
while (performance.now() < until) {
  for (let i = 0; i < 64; i++) await wanted.fn();
  calls += 64;
}
const { profile } = await session.post('Profiler.stop');
const file = `verify-${temperature}-${inputs}.cpuprofile`;
writeFileSync(file, JSON.stringify(profile));
console.log(
  `${wanted.name}: ${Math.round(calls / Number(seconds)).toLocaleString('en-US')} calls/s → ${file}`,
);
