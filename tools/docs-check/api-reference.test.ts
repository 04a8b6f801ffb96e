/**
 * The API reference covers every library: each public package with an `exports` map is an entry
 * point of typedoc.json, with each of its subpaths (`@otpkit/core/testing`…), and is held to
 * documenting its exports (`packagesRequiringDocumentation`), so a package or an entry added later
 * cannot stay out of the reference and out of its checks unnoticed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const typedoc = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8'));
const libraries = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => !manifest.private && manifest.exports);

describe('typedoc.json', () => {
  it('has every library as an entry point and requires its exports to be documented', () => {
    expect(libraries.length).toBeGreaterThanOrEqual(6);
    expect([...typedoc.entryPoints].sort()).toEqual(libraries.map(({ dir }) => `packages/${dir}`).sort());
    expect([...typedoc.packagesRequiringDocumentation].sort()).toEqual(
      libraries.map(({ manifest }) => manifest.name).sort(),
    );
  });

  it('documents every entry point of each library (its typedoc.json covers every `exports` subpath)', () => {
    for (const { dir, manifest } of libraries) {
      const own = join(root, 'packages', dir, 'typedoc.json');
      const entryPoints: string[] = existsSync(own)
        ? JSON.parse(readFileSync(own, 'utf8')).entryPoints
        : typedoc.packageOptions.entryPoints;
      const subpaths = Object.keys(manifest.exports).filter((subpath) => subpath !== './package.json');
      // `./testing` is built from src/testing/index.ts or src/testing.ts, whichever the package has.
      const expected = subpaths.map((subpath) => {
        if (subpath === '.') return 'src/index.ts';
        const folder = `src/${subpath.slice(2)}/index.ts`;
        return existsSync(join(root, 'packages', dir, folder)) ? folder : `src/${subpath.slice(2)}.ts`;
      });
      expect({ package: manifest.name, entryPoints: [...entryPoints].sort() }).toEqual({
        package: manifest.name,
        entryPoints: expected.sort(),
      });
    }
  });

  it('fails on warnings, so an undocumented export fails CI', () => {
    expect(typedoc.treatWarningsAsErrors).toBe(true);
    expect(typedoc.validation).toEqual({ notExported: true, invalidLink: true, notDocumented: true });
    expect(typedoc.requiredToBeDocumented).toEqual(
      expect.arrayContaining(['Variable', 'Function', 'Class', 'Interface', 'TypeAlias', 'Method']),
    );
  });
});
