/**
 * Every package's README (the page npm shows) has what a visitor needs first: the install line, a
 * minimal example that is type-checked (not marked partial; docs-code.test.ts checks it), and links
 * to its guide and to docs/index.md. A package without an `exports` map (a command only) shows a shell session.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractBlocks } from './extract-blocks.js';
import { extractLinks } from './links.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const packages = readdirSync(join(root, 'packages')).filter((name) => {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
  return !manifest.private;
});

describe.each(packages)('packages/%s/README.md', (name) => {
  const path = join(root, 'packages', name, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));

  it('starts with the package name and says how to install it', () => {
    expect(readme.startsWith(`# ${manifest.name}\n`)).toBe(true);
    expect(readme).toMatch(new RegExp(`\`\`\`sh\\nnpm install [^\\n]*${manifest.name}(\\s|$)`, 'm'));
  });

  it('has a minimal example that is type-checked', () => {
    const blocks = extractBlocks(path, readme).filter((block) => block.mode === 'check');
    if (manifest.exports) expect(blocks.filter((block) => block.lang === 'ts').length).toBeGreaterThan(0);
    else expect(readme).toMatch(/```sh\n[\s\S]*npx \S+/);
  });

  it('links its guide in docs/ and the documentation index', () => {
    const targets = extractLinks(readme).map((link) => link.target);
    expect(targets).toContain('../../docs/index.md');
    expect(targets.some((target) => /^\.\.\/\.\.\/docs\/(?!index\.md)[\w-]+\.md/.test(target))).toBe(true);
  });
});
