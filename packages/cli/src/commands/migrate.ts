import { migrate } from '@otpkit/store-sql';
import { EXIT } from '../cli-error.js';
import type { CommandSpec } from '../command.js';

/** `otpkit migrate`: create or upgrade the store's tables. */
export const migrateCommand: CommandSpec = {
  path: ['migrate'],
  summary: 'create or upgrade the otpkit tables',
  args: [],
  details: [
    'Idempotent: applies only the schema versions the database lacks. Safe to run from several',
    'servers at once (they queue on a database lock). The only command that creates a SQLite file',
    'that does not exist yet: the others refuse it, so that a mistyped path is not a new empty database.',
  ].join('\n'),
  examples: ['OTPKIT_DATABASE_URL=postgres://app@db.internal/app otpkit migrate'],
  async run({ out, resources }) {
    const prefix = resources.tablePrefix();
    const result = await migrate(
      await resources.database({ create: true }),
      prefix ? { tablePrefix: prefix } : {},
    );
    out.result(
      result,
      result.applied.length > 0
        ? `Schema upgraded from version ${result.from} to ${result.to} (applied ${result.applied.join(', ')}).`
        : `Schema already at version ${result.to}: nothing to do.`,
    );
    return EXIT.ok;
  },
};
