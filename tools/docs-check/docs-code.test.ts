/**
 * Every TypeScript block in docs/ and the package READMEs type-checks against the packages, and
 * every JavaScript block parses: documentation that drifts from the API fails the suite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBlocks } from './check-blocks.js';
import { type CodeBlock, extractBlocks } from './extract-blocks.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function pages(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(root, 'docs', name));
  const readmes = readdirSync(join(root, 'packages')).map((name) =>
    join(root, 'packages', name, 'README.md'),
  );
  const examples = readdirSync(join(root, 'examples')).map((name) =>
    join(root, 'examples', name, 'README.md'),
  );
  return [join(root, 'README.md'), ...docs, ...readmes, ...examples].filter((path) => {
    try {
      readFileSync(path);
      return true;
    } catch {
      return false;
    }
  });
}

const blocks: CodeBlock[] = pages().flatMap((path) =>
  extractBlocks(relative(root, path), readFileSync(path, 'utf8')),
);

describe('documentation code', () => {
  it('finds the blocks to check', () => {
    expect(
      blocks.filter((block) => block.lang === 'ts' && block.mode === 'check').length,
    ).toBeGreaterThanOrEqual(30);
  });

  it('type-checks every TypeScript block and parses every JavaScript block', () => {
    const problems = checkBlocks(blocks);
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  }, 120_000);
});
