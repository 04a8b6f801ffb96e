/** A field that is present but is not a usable string (a list, an object, too long): a 400. */
export class BadInput extends Error {
  override readonly name = 'BadInput';
  constructor(readonly field: string) {
    super(`Invalid field ${field}`);
  }
}

/**
 * Read one text field of a form, JSON body or query. Absent → undefined. Present but a list
 * (a repeated parameter), an object, a number or longer than `max` → {@link BadInput} (a 400),
 * never a crash further down.
 */
export function textOf(fields: Record<string, unknown>, name: string, max = 256): string | undefined {
  if (!Object.hasOwn(fields, name)) return undefined;
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) throw new BadInput(name);
  return value;
}

/** Like {@link textOf}, but an absent or empty field is a {@link BadInput}. */
export function requiredText(fields: Record<string, unknown>, name: string, max = 256): string {
  const value = textOf(fields, name, max);
  if (value === undefined || value.trim().length === 0) throw new BadInput(name);
  return value;
}

/** A field that is a code: kept as it is when a short string, else `undefined` (malformed). */
export function tokenOf(fields: Record<string, unknown>): string | undefined {
  const value = fields.token;
  return typeof value === 'string' && value.length <= 64 ? value : undefined;
}

/** A checkbox: `"1"`, `"on"`, `"true"` or JSON `true`. */
export function checked(fields: Record<string, unknown>, name: string): boolean {
  const value = fields[name];
  return value === true || value === '1' || value === 'on' || value === 'true';
}
