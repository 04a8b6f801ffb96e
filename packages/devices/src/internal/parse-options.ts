import type { z } from 'zod';

/**
 * Parse a factory's options once, at creation. A failure throws a `TypeError` whose message names
 * the offending option (`Invalid option totp.digits: Too big: expected number to be <=8`): a bad
 * option is a programming error, found at startup rather than at the first login.
 *
 * Core has the same helper, but packages import each other only through public entry points.
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, scope: string): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [scope, ...(issue?.path ?? []).map(String)].join('.');
  throw new TypeError(`Invalid option ${path}: ${issue?.message ?? 'invalid value'}`, {
    cause: result.error,
  });
}
