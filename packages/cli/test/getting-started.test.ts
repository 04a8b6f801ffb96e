/**
 * docs/getting-started.md gives the service in plain JavaScript, as an ES module and as CommonJS.
 * Both are run here as a reader would run them: against the built packages, resolved through
 * node_modules. (They live with the CLI's tests because those already build the packages and run
 * them from a package that depends on @otpkit/core and @otpkit/devices.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKey } from '@otpkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './helpers/build.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const page = readFileSync(join(here, '..', '..', '..', 'docs', 'getting-started.md'), 'utf8');
// Inside packages/cli, so that `@otpkit/core` resolves as in an app that installed it.
const dir = mkdtempSync(join(here, '..', '.getting-started-'));

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The ```js block whose first line names `file`. */
function snippet(file: string): string {
  const block = [...page.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((match) => match[1]!)
    .find((code) => code.startsWith(`// ${file}\n`));
  if (!block) throw new Error(`docs/getting-started.md has no \`js block starting // ${file}`);
  return block;
}

/** Enrolls, confirms, verifies and uses a backup code with the `otp` the snippet made. */
const driver = (load: string) => `
import { createRequire } from 'node:module';
import { decodeBase32, generateTotp } from '@otpkit/core';
const require = createRequire(import.meta.url);
const { otp } = ${load};
const { device, secret } = await otp.enroll({ userId: 'ann', kind: 'totp', label: 'ann@acme.test' });
const now = Date.now();
const code = (at) => generateTotp({ secret: decodeBase32(secret), time: at });
const confirmed = await otp.confirm({ userId: 'ann', deviceId: device.id, token: code(now) });
const { codes } = await otp.regenerateBackupCodes({ userId: 'ann' });
const verified = await otp.verifyToken({ userId: 'ann', token: code(now + 30_000) });
const backup = await otp.verifyToken({ userId: 'ann', token: codes[0] });
console.log(JSON.stringify([confirmed.ok, verified.ok, backup.ok, backup.remaining]));
`;

function run(script: string): { status: number | null; stdout: string; stderr: string } {
  const path = join(dir, `driver-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(path, script);
  const result = spawnSync(process.execPath, [path], {
    env: { PATH: process.env.PATH, OTPKIT_KEY_K1: generateKey() },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('docs/getting-started.md in plain JavaScript', () => {
  it('says its other snippets are TypeScript', () => {
    expect(page).toMatch(/The snippets on this page are \*\*TypeScript\*\*/);
  });

  it.each([
    ['ES module', 'otp.mjs', "await import('./otp.mjs')"],
    ['CommonJS', 'otp.cjs', "require('./otp.cjs')"],
  ])('runs the %s form: enroll, confirm, verify, a backup code', (_, file, load) => {
    writeFileSync(join(dir, file), snippet(file));
    const result = run(driver(load));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([true, true, true, 9]);
  });
});
