#!/usr/bin/env node
// Runs `changeset version` on a copy of the workspace's manifests and changesets (nothing in the
// checkout changes) and checks the release it would make: it runs at all (a fixed group that matches
// a private package without a version stops it), every public package lands on one version, no
// private package is versioned, and no package jumps a major that no changeset asked for (changesets
// makes a major of a peer dependency leaving its range, which every 0.x minor does).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'otpkit-release-plan-'));
const git = (...args) => execFileSync('git', args, { cwd: work, stdio: 'pipe' });
const manifestDirs = ['packages', 'examples', 'tools'].flatMap((dir) =>
  readdirSync(join(root, dir))
    .map((name) => join(dir, name))
    .filter((path) => existsSync(join(root, path, 'package.json'))),
);
const read = (base, dir) => JSON.parse(readFileSync(join(base, dir, 'package.json'), 'utf8'));
const major = (version) => Number(version.split('.')[0]);

try {
  for (const path of ['package.json', 'pnpm-workspace.yaml', '.changeset', 'bench/package.json']) {
    if (existsSync(join(root, path))) cpSync(join(root, path), join(work, path), { recursive: true });
  }
  for (const dir of manifestDirs) {
    mkdirSync(join(work, dir), { recursive: true });
    cpSync(join(root, dir, 'package.json'), join(work, dir, 'package.json'));
  }
  const changesets = readdirSync(join(work, '.changeset')).filter(
    (f) => f.endsWith('.md') && f !== 'README.md',
  );
  const asksMajor = changesets.some((f) =>
    /^"[^"]+":\s*major\s*$/m.test(readFileSync(join(work, '.changeset', f), 'utf8')),
  );
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=ci', '-c', 'user.email=ci@otpkit.test', 'commit', '-qm', 'snapshot');
  execFileSync(join(root, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: work, stdio: 'pipe' });

  const problems = [];
  const publicNames = manifestDirs
    .map((dir) => read(root, dir))
    .filter((m) => !m.private)
    .map((m) => m.name);
  const config = JSON.parse(readFileSync(join(root, '.changeset', 'config.json'), 'utf8'));
  const fixed = new Set(config.fixed?.[0] ?? []);
  for (const name of publicNames) {
    if (!fixed.has(name)) problems.push(`${name} is not in the fixed group of .changeset/config.json`);
  }
  for (const name of fixed) {
    if (!publicNames.includes(name))
      problems.push(`the fixed group names ${name}, which is not a public package`);
  }
  const versions = new Set();
  for (const dir of manifestDirs) {
    const before = read(root, dir);
    const after = read(work, dir);
    if (before.private) {
      if (after.version !== before.version) problems.push(`${before.name} is private but was versioned`);
      continue;
    }
    versions.add(after.version);
    if (changesets.length > 0 && after.version === before.version)
      problems.push(`${before.name} was not bumped`);
    if (!asksMajor && major(after.version) > major(before.version))
      problems.push(`${before.name} jumps ${before.version} → ${after.version} without a major changeset`);
  }
  if (versions.size > 1)
    problems.push(`the public packages do not share one version: ${[...versions].join(', ')}`);
  if (problems.length > 0) throw new Error(`release plan:\n  ${problems.join('\n  ')}`);
  console.log(`release-plan: ${changesets.length} changesets → every public package at ${[...versions][0]}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
