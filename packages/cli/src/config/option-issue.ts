/**
 * Which option an otpkit factory refused, and why. `parseOptions` throws a `TypeError` whose `cause`
 * is the zod error, whose first issue holds the option's path (`['throttle', 'factor']`) and the
 * rule it broke: read those, never the message text.
 */
export interface OptionIssue {
  /** The option's path under the factory's options: `['keys', 'k1']`, `['throttle', 'maxDelay']`. */
  path: string[];
  /** The rule, in the validator's words: `Too big: expected number to be <=2592000`. */
  problem: string;
}

export function optionIssue(error: unknown): OptionIssue | null {
  if (!(error instanceof TypeError)) return null;
  const issues = (error.cause as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return null;
  const { path, message } = issues[0] as { path?: unknown; message?: unknown };
  if (!Array.isArray(path) || typeof message !== 'string') return null;
  return { path: path.map(String), problem: message };
}
