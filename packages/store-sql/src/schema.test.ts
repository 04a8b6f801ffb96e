import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ddl, SCHEMA_VERSION } from './index.js';
import { MIGRATIONS } from './schema.js';
import { tableNames } from './table-names.js';

const docs = readFileSync(new URL('../../../docs/store-sql.md', import.meta.url), 'utf8');
const DIALECTS = ['postgres', 'mysql', 'mariadb', 'sqlite'] as const;

/** The SQL block of docs/store-sql.md between `<!-- ddl:<dialect> -->` and `<!-- /ddl:<dialect> -->`. */
function documented(dialect: string): string | undefined {
  const match = new RegExp(
    `<!-- ddl:${dialect} -->\\n\`\`\`sql\\n([\\s\\S]*?)\\n\`\`\`\\n<!-- /ddl:${dialect} -->`,
  ).exec(docs);
  return match?.[1];
}

describe('ddl', () => {
  it.each(DIALECTS)('matches the %s DDL printed in docs/store-sql.md', (dialect) => {
    // On failure, paste the expected text into the docs: the docs must show what migrate runs.
    expect(documented(dialect)).toBe(`${ddl(dialect).join(';\n\n')};`);
  });

  it.each(DIALECTS)('is what the migrations apply for %s, with the prefix on every name', (dialect) => {
    const statements = ddl(dialect, { tablePrefix: 'acme_' });
    expect(statements).toEqual(MIGRATIONS.flatMap((m) => m.up(dialect, tableNames('acme_'))));
    expect(statements.length).toBeGreaterThanOrEqual(3);
    for (const statement of statements) {
      expect(statement).toMatch(/^CREATE (TABLE|INDEX) IF NOT EXISTS acme_/);
      expect(statement).not.toContain('otpkit_');
    }
  });

  it('numbers the migrations 1, 2, 3… and exports the last as SCHEMA_VERSION', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('keeps ids binary and no-pad on MySQL and MariaDB, and text in utf8mb4', () => {
    for (const statement of ddl('mysql').filter((s) => s.startsWith('CREATE TABLE'))) {
      expect(statement).toMatch(/DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin$/);
    }
    for (const statement of ddl('mariadb').filter((s) => s.startsWith('CREATE TABLE'))) {
      expect(statement).toMatch(/DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin$/);
    }
  });
});
