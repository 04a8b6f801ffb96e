/**
 * The docs hold together: every page of docs/ is listed in docs/index.md, the README links the
 * index, and every relative link in docs/, the READMEs and the examples' READMEs points to a file
 * that exists (and, with `#anchor`, to a heading of that page).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchorsOf, extractLinks, isExternal, slugOf } from './links.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const docsDir = join(root, 'docs');

const docPages = readdirSync(docsDir)
  .filter((name) => name.endsWith('.md'))
  .map((name) => join(docsDir, name));
const readmes = ['packages', 'examples'].flatMap((dir) =>
  readdirSync(join(root, dir))
    .map((name) => join(root, dir, name, 'README.md'))
    .filter((path) => existsSync(path)),
);
const pages = [join(root, 'README.md'), join(root, '.changeset', 'README.md'), ...docPages, ...readmes];

/** Problems with the relative links of one page, as `page:line: message`. */
function brokenLinks(page: string): string[] {
  const problems: string[] = [];
  const markdown = readFileSync(page, 'utf8');
  for (const { target, line } of extractLinks(markdown)) {
    if (isExternal(target)) continue;
    const where = `${relative(root, page)}:${line}`;
    const [pathPart = '', anchor] = target.split('#', 2) as [string, string | undefined];
    const file = pathPart === '' ? page : resolve(dirname(page), decodeURIComponent(pathPart));
    if (!existsSync(file)) {
      problems.push(`${where}: ${target} points to a missing file`);
      continue;
    }
    if (anchor === undefined) continue;
    if (statSync(file).isDirectory() || !file.endsWith('.md')) {
      problems.push(`${where}: ${target} has an anchor into something that is not a Markdown page`);
    } else if (!anchorsOf(readFileSync(file, 'utf8')).has(anchor)) {
      problems.push(`${where}: ${target} points to a heading that ${relative(root, file)} does not have`);
    }
  }
  return problems;
}

describe('links of the documentation', () => {
  it('lists every page of docs/ in docs/index.md', () => {
    const index = join(docsDir, 'index.md');
    const linked = new Set(
      extractLinks(readFileSync(index, 'utf8'))
        .filter(({ target }) => !isExternal(target))
        .map(({ target }) => resolve(docsDir, target.split('#')[0]!)),
    );
    const missing = docPages.filter((page) => page !== index && !linked.has(page));
    expect(missing.map((page) => relative(root, page))).toEqual([]);
  });

  it('links docs/index.md from the README', () => {
    const targets = extractLinks(readFileSync(join(root, 'README.md'), 'utf8')).map((link) => link.target);
    expect(targets).toContain('docs/index.md');
  });

  it('has no relative link to a missing file or heading', () => {
    expect(pages.length).toBeGreaterThan(15);
    expect(pages.flatMap(brokenLinks)).toEqual([]);
  });
});

describe('extractLinks', () => {
  it('finds inline links, images and reference definitions, and skips code', () => {
    const page = [
      'See [core](core.md#keyring) and ![logo](img/logo.png "Logo").',
      '`[not a link](nowhere.md)` and',
      '```md',
      '[in a block](nowhere.md)',
      '```',
      '[ref]: ./store-sql.md',
      '[site](https://otpkit.dev)',
    ].join('\n');
    expect(extractLinks(page)).toEqual([
      { target: 'core.md#keyring', line: 1 },
      { target: 'img/logo.png', line: 1 },
      { target: './store-sql.md', line: 6 },
      { target: 'https://otpkit.dev', line: 7 },
    ]);
  });
});

describe('anchorsOf', () => {
  it("makes GitHub's anchors: lower case, punctuation dropped, repeats numbered", () => {
    const page = [
      '# The `otpkit` command (@otpkit/cli)',
      '## 3. Create the service',
      '## Events',
      '## Events',
    ].join('\n');
    expect([...anchorsOf(page)]).toEqual([
      'the-otpkit-command-otpkitcli',
      '3-create-the-service',
      'events',
      'events-1',
    ]);
    expect(slugOf('Sessions: koa-session with an external store')).toBe(
      'sessions-koa-session-with-an-external-store',
    );
  });
});
