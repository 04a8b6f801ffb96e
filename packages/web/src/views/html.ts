import escapeHtmlText from 'escape-html';

/**
 * A fragment of HTML that is already safe to insert: the output of {@link html} or {@link raw}.
 * Anything else interpolated into {@link html} is escaped.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  /** The HTML text, so that a `SafeHtml` can be used where a string is expected. */
  toString(): string {
    return this.value;
  }
}

/**
 * Escape text for HTML content and quoted attribute values (`&`, `<`, `>`, `"`, `'`).
 *
 * @example
 * ```ts
 * escapeHtml('<b>"hi"</b>'); // '&lt;b&gt;&quot;hi&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(value: string): string {
  return escapeHtmlText(value);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * The tagged template every otpkit view is written with: each interpolation is escaped unless it is
 * itself a {@link SafeHtml} (a nested `html` fragment or `raw(…)`); arrays are joined; `null`,
 * `undefined` and `false` render nothing.
 *
 * @example
 * ```ts
 * const page = html`<p>Hello ${user.displayName}</p>${items.map((i) => html`<li>${i}</li>`)}`;
 * String(page); // the user's name is escaped, the <li> fragments are kept
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/**
 * Mark a string as trusted HTML. Only for markup otpkit produced itself (an SVG QR code from
 * `renderQr`); never for anything a user or a request supplied.
 *
 * @example
 * ```ts
 * html`<div class="qr">${raw(await renderQr(uri, 'svg'))}</div>`;
 * ```
 */
export function raw(value: string): SafeHtml {
  return new SafeHtml(value);
}
