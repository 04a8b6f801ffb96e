#!/usr/bin/env node
// Packs every published package (pnpm pack, as a release would), installs the tarballs with plain npm
// into a fresh project outside the workspace, and runs smoke scripts there with `import` and with
// `require`. A missing dependency, a file left out of `files`, a `workspace:` range left in a
// manifest or a broken `exports` map fails here, where the workspace's own tests cannot see it.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'otpkit-pack-smoke-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
mkdirSync(tarballs);
mkdirSync(app);

/** The package name of an import specifier (`@scope/name/sub` → `@scope/name`); null for a relative one or a builtin. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const name = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : specifier.split('/')[0];
  return builtinModules.includes(name) ? null : name;
}

/** Packages that the files of an unpacked package import or require without declaring them. */
function undeclaredImports(dir, manifest) {
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const found = new Set();
  const walk = (at) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|cjs|mjs|d\.ts|d\.cts)$/.test(entry.name)) {
        // Comments hold examples (`import pg from 'pg'` in a JSDoc), which are not imports.
        const text = readFileSync(path, 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/^\s*\/\/.*$/gm, '');
        const specifiers = text.matchAll(
          /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\1/g,
        );
        for (const [, , specifier] of specifiers) {
          const name = packageOf(specifier);
          if (name && !declared.has(name)) found.add(`${name} (${path.slice(dir.length + 1)})`);
        }
      }
    }
  };
  walk(join(dir, 'dist'));
  return [...found].sort();
}

const run = (command, args, cwd, env = {}) =>
  execFileSync(command, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  }).toString();

try {
  const packages = readdirSync(join(root, 'packages'))
    .map((dir) => ({
      dir: join(root, 'packages', dir),
      manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => !manifest.private);
  for (const { dir, manifest } of packages) {
    run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', tarballs], dir);
    console.log(`pack-smoke: packed ${manifest.name}`);
  }

  // No workspace: range may survive packing, and every package a published file imports (code or
  // types) must be declared: npm's flat node_modules would otherwise hide a missing dependency
  // whenever another package happens to bring it.
  const files = readdirSync(tarballs).filter((name) => name.endsWith('.tgz'));
  for (const file of files) {
    const unpacked = join(work, 'unpacked', file);
    mkdirSync(unpacked, { recursive: true });
    run('tar', ['-xzf', join(tarballs, file), '-C', unpacked], work);
    const manifestText = readFileSync(join(unpacked, 'package', 'package.json'), 'utf8');
    if (manifestText.includes('workspace:'))
      throw new Error(`${file}: a workspace: range is left in package.json`);
    const undeclared = undeclaredImports(join(unpacked, 'package'), JSON.parse(manifestText));
    if (undeclared.length > 0)
      throw new Error(`${file}: imports packages it does not declare: ${undeclared.join(', ')}`);
  }
  console.log(`pack-smoke: ${files.length} manifests without workspace: ranges, every import declared`);

  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'otpkit-smoke', private: true, version: '1.0.0' }, null, 2),
  );
  const names = new Set(packages.map(({ manifest }) => manifest.name));
  const peers = ['kysely@^0.28', '@types/node@^20'];
  if (names.has('@otpkit/adapters-express'))
    peers.push('express@^5', 'express-session@^1', '@types/express@^5', '@types/express-session@^1');
  if (names.has('@otpkit/adapters-koa')) peers.push('koa@^3', 'koa-session@^7', '@types/koa@^3');
  // Outside the workspace and with npm, as a user would install them.
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...files.map((f) => join(tarballs, f)),
      ...peers,
    ],
    app,
  );
  console.log(`pack-smoke: installed ${files.length} tarballs with npm in ${app}`);

  // What the smoke scripts share (serving an app and checking its login page and guard).
  cpSync(join(here, 'check-app.mjs'), join(app, 'check-app.mjs'));
  for (const script of readdirSync(here).filter((name) => /^smoke-.*\.(mjs|cjs)$/.test(name))) {
    const needs = /^smoke-(express|koa|adminjs)/.exec(script)?.[1];
    if (needs && !names.has(needs === 'adminjs' ? '@otpkit/adminjs' : `@otpkit/adapters-${needs}`)) continue;
    cpSync(join(here, script), join(app, script));
    process.stdout.write(run('node', [script], app));
  }
  // A TypeScript user's view: the published .d.ts (import) and .d.cts (require), with the adapters'
  // augmentations (req.otp, ctx.state.otp), checked by the workspace's tsc in the smoke project.
  if (names.has('@otpkit/adapters-express') && names.has('@otpkit/adapters-koa')) {
    for (const file of ['types-esm.mts', 'types-cjs.cts']) cpSync(join(here, file), join(app, file));
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        files: ['types-esm.mts', 'types-cjs.cts'],
      }),
    );
    try {
      run(
        process.execPath,
        [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
        app,
      );
    } catch (error) {
      throw new Error(`the published types do not check:\n${error.stdout}`);
    }
    console.log('pack-smoke: the published types check for a TypeScript user (import and require)');
  }
  const bin = join(app, 'node_modules', '.bin', 'otpkit');
  if (existsSync(bin)) {
    const help = run(bin, ['--help'], app);
    if (!/\bmigrate\b/.test(help) || !help.includes('keys rotate'))
      throw new Error('otpkit --help does not list its commands');
    console.log('pack-smoke: the otpkit binary runs from the installed package');
  }
  console.log('pack-smoke: ok');
} finally {
  rmSync(work, { recursive: true, force: true });
}
