/**
 * The CLI tests run the built binary, as operators do. `pnpm test` builds every package first;
 * run alone (`npx vitest run packages/cli`), the tests build what is missing or older than its
 * sources: the CLI and the packages it imports at run time, in dependency order. A lock directory
 * keeps parallel test files from building at once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const packages = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** The binary under test. */
export const CLI = join(packages, 'cli', 'dist', 'cli.js');

const BUILDS = [
  { dir: 'core', output: 'dist/index.js' },
  { dir: 'devices', output: 'dist/index.js' },
  { dir: 'store-sql', output: 'dist/index.js' },
  { dir: 'cli', output: 'dist/cli.js' },
];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function isStale(dir: string, output: string): boolean {
  try {
    return statSync(join(packages, dir, output)).mtimeMs < newestSource(join(packages, dir, 'src'));
  } catch {
    return true;
  }
}

const STATE = join(tmpdir(), `otpkit-cli-build-${Buffer.from(packages).toString('base64url').slice(-40)}`);

async function withLock<T>(run: () => T): Promise<T> {
  mkdirSync(STATE, { recursive: true });
  const lock = join(STATE, 'lock');
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than the slowest build belongs to a run that died.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (waited > 180_000 || age > 180_000) rmSync(lock, { recursive: true, force: true });
      await delay(200);
    }
  }
  try {
    return run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Build the CLI (and the packages it loads) when their `dist` is missing or stale: once per
 * vitest run. Test files share the run's main process (the pool forks them), so its pid marks the
 * run; a later file must not rebuild (tsup empties `dist` first) under a file whose binaries are
 * running, even when someone edits a source in the meantime.
 */
export async function ensureBuilt(): Promise<void> {
  const marker = join(STATE, `run-${process.ppid}`);
  if (existsSync(marker)) return;
  const tsup = createRequire(import.meta.url)
    .resolve('tsup/package.json')
    .replace(/package\.json$/, 'dist/cli-default.js');
  await withLock(() => {
    if (existsSync(marker)) return;
    for (const { dir, output } of BUILDS) {
      if (!isStale(dir, output)) continue;
      const result = spawnSync(process.execPath, [tsup], { cwd: join(packages, dir), encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`Building ${dir} failed:\n${result.stdout}\n${result.stderr}`);
    }
    for (const old of readdirSync(STATE).filter((name) => name.startsWith('run-'))) {
      rmSync(join(STATE, old), { force: true });
    }
    writeFileSync(marker, '');
  });
}
