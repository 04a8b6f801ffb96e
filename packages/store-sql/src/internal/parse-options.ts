import type { z } from 'zod';

/**
 * Parse factory options once, at creation. A failure throws a `TypeError` naming the option
 * (`sqlStore.tablePrefix: …`), because a bad option is a programming error, not a runtime condition.
 * Core keeps the same helper internal; packages only import each other's public entry points.
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
