import type { z } from 'zod';

/**
 * Parse factory options once, at creation, with a zod schema (which also gives the options their
 * type and defaults): for otpkit's factories and for custom device kinds and stores. A failure
 * throws a `TypeError` whose message names the offending option
 * (`Invalid option throttle.maxFailures: Too small: expected number to be >=1`), because a bad
 * option is a programming error, not a runtime condition.
 *
 * @example
 * ```ts
 * const schema = z.object({ digits: z.number().int().min(6).max(8).default(6) }).strict();
 * export function myKind(input: z.input<typeof schema> = {}) {
 *   const options = parseOptions(schema, input, 'myKind'); // TypeError "Invalid option myKind.digits: …"
 * }
 * ```
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
