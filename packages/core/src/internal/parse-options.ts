import type { z } from 'zod';

/**
 * Parse factory options once, at creation. A failure throws a `TypeError` whose message names the
 * offending option (`throttle.maxFailures: Too small: expected number to be >=1`), because a bad
 * option is a programming error, not a runtime condition.
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, scope: string): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [scope, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  throw new TypeError(`Invalid option ${path}: ${issue?.message ?? 'invalid value'}`, {
    cause: result.error,
  });
}
