/**
 * Which otpkit user a django-otp device belongs to: Django's user primary key (or username) mapped
 * to the host's user id through a template, a table or a function.
 */
import { type DjangoDump, type DumpRecord, keyText } from './dump.js';

/** The Django user a device belongs to, as far as the dump tells. */
export interface DjangoUser {
  /** The primary key, as text (`'12'`), or null when the dump names users by natural key only. */
  pk: string | null;
  /** The username, when the dump holds the user or names it by natural key. */
  username: string | null;
}

/**
 * How Django users map to the host's user ids:
 * - a template: `'django:{pk}'`, `'{username}'` (`{pk}` and `{username}` are replaced);
 * - a table from the Django primary key (as text) to the user id, where `null` leaves the user out;
 * - a function of the {@link DjangoUser}, where `null` or `undefined` leaves the user out.
 */
export type DjangoUserIdOption =
  | string
  | Readonly<Record<string, string | null>>
  | ReadonlyMap<string, string | null>
  | ((user: DjangoUser) => string | null | undefined);

export type UserIdOutcome =
  | { ok: true; userId: string; user: DjangoUser }
  | { ok: false; outcome: 'skipped' | 'failed'; reason: string };

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Check the option once, so that a typo fails the run, not every row. */
export function checkUserIdOption(option: DjangoUserIdOption): void {
  if (typeof option === 'function' || option instanceof Map) return;
  if (typeof option === 'string') {
    const names = [...option.matchAll(PLACEHOLDER)].map((m) => m[1]);
    const unknown = names.find((name) => name !== 'pk' && name !== 'username');
    if (unknown !== undefined)
      throw new TypeError(`Invalid option userId: unknown placeholder {${unknown}} (use {pk} or {username})`);
    if (names.length === 0)
      throw new TypeError('Invalid option userId: the template must contain {pk} or {username}');
    return;
  }
  if (typeof option !== 'object' || option === null || Array.isArray(option)) {
    throw new TypeError('Invalid option userId: expected a template, a table of user ids or a function');
  }
  for (const [pk, id] of Object.entries(option)) {
    if (id !== null && typeof id !== 'string')
      throw new TypeError(`Invalid option userId: the entry for user ${pk} must be a string or null`);
  }
}

/** The Django user of a device row, from its `user` field: a primary key or a natural key. */
export function djangoUserOf(record: DumpRecord, dump: DjangoDump): DjangoUser | null {
  const value = record.fields.user;
  if (Array.isArray(value)) {
    const username = typeof value[0] === 'string' ? value[0] : null;
    if (username === null || value.length !== 1) return null;
    return { pk: dump.usersByName.get(username)?.pk || null, username };
  }
  const pk = keyText(value);
  if (pk === null) return null;
  return { pk, username: dump.users.get(pk)?.username ?? null };
}

/** The otpkit user id of a device row, or why it has none. */
export function resolveUserId(
  option: DjangoUserIdOption,
  record: DumpRecord,
  dump: DjangoDump,
): UserIdOutcome {
  const user = djangoUserOf(record, dump);
  if (user === null) return { ok: false, outcome: 'failed', reason: 'user: not a user key' };
  const who = user.pk !== null ? `user ${user.pk}` : `user ${user.username}`;
  let userId: string | null | undefined;
  if (typeof option === 'string') {
    let missing: string | null = null;
    userId = option.replace(PLACEHOLDER, (_, name: 'pk' | 'username') => {
      const value = user[name];
      if (value === null) missing = name;
      return value ?? '';
    });
    if (missing !== null)
      return { ok: false, outcome: 'failed', reason: `user: the dump does not give ${who}'s ${missing}` };
  } else if (typeof option === 'function') {
    userId = option(user);
  } else {
    const table = option instanceof Map ? option : new Map(Object.entries(option));
    const key = user.pk ?? '';
    if (!table.has(key))
      return { ok: false, outcome: 'failed', reason: `user: ${who} is not in the user map` };
    userId = table.get(key);
  }
  if (userId === null || userId === undefined)
    return { ok: false, outcome: 'skipped', reason: `user: ${who} is left out by the user map` };
  if (typeof userId !== 'string')
    return { ok: false, outcome: 'failed', reason: `user: ${who} maps to no string` };
  return { ok: true, userId, user };
}
