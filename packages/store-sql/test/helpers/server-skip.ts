import { sql } from 'kysely';
import { it } from 'vitest';
import { connect, SERVERS, type Server } from './databases.js';

async function probe(server: Server): Promise<string | false> {
  const db = connect(server, { max: 1 });
  try {
    await sql`SELECT 1`.execute(db);
    return false;
  } catch (error) {
    return `${SERVERS[server].label} is unreachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await db.destroy().catch(() => undefined);
  }
}

/**
 * Whether to skip the tests of a server: false when it answers. When it does not, a developer's
 * run skips with a printed reason, but CI (`CI=true`) must not pass silently without the database,
 * so there a failing test naming the server is registered instead.
 */
export async function serverSkip(server: Server): Promise<string | false> {
  const reason = await probe(server);
  if (reason === false) return false;
  if (process.env.CI === 'true') {
    it(`${SERVERS[server].label} is reachable (required when CI=true)`, () => {
      throw new Error(reason);
    });
  } else {
    console.warn(`Skipping ${server} tests: ${reason}`);
  }
  return reason;
}
