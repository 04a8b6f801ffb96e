/**
 * The `it` of the adapter suite: vitest's, plus the per-scenario skips of
 * `runAdapterConformance({ skip: { [title]: reason } })`. A skipped scenario stays in the report
 * with its reason in its title.
 */
import { it as vitestIt } from 'vitest';

type Body = () => Promise<void>;
// biome-ignore lint/suspicious/noExplicitAny: the parameters of a table row, as vitest types them.
type RowBody<T> = (...args: T extends readonly any[] ? T : [T]) => Promise<void>;

/** vitest's `it` and `it.each`, as far as the suite uses them. */
export interface ScenarioIt {
  (title: string, body: Body): void;
  /** A table of scenarios; a skip names the table's title template. */
  each<T>(rows: readonly T[]): (title: string, body: RowBody<T>) => void;
}

const skippedTitle = (title: string, reason: string) => `${title} (skipped: ${reason})`;

/**
 * An `it` that skips the scenarios `skips` names. `unknown()` lists the titles of `skips` that
 * named no scenario; call it once the suite is collected (from inside a test).
 */
export function scenarioIt(skips: Readonly<Record<string, string>>): {
  it: ScenarioIt;
  unknown(): string[];
} {
  const used = new Set<string>();
  const reasonFor = (title: string) => {
    const reason = skips[title];
    if (reason !== undefined) used.add(title);
    return reason;
  };
  const it = Object.assign(
    (title: string, body: Body): void => {
      const reason = reasonFor(title);
      if (reason === undefined) vitestIt(title, body);
      else vitestIt.skip(skippedTitle(title, reason), body);
    },
    {
      each:
        <T>(rows: readonly T[]) =>
        (title: string, body: RowBody<T>): void => {
          const reason = reasonFor(title);
          const run = reason === undefined ? vitestIt : vitestIt.skip;
          // biome-ignore lint/suspicious/noExplicitAny: vitest's overloads of `each` per row shape.
          run.each(rows as any)(reason === undefined ? title : skippedTitle(title, reason), body as any);
        },
    },
  );
  return { it, unknown: () => Object.keys(skips).filter((title) => !used.has(title)) };
}
