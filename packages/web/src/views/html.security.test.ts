// Threat: cross-site scripting through a user's name, a device name or an email address rendered in
// otpkit's pages. Every interpolation of the `html` template is escaped unless explicitly trusted.
import { describe, expect, it } from 'vitest';
import { html, raw } from './html.js';

describe('html', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['" onmouseover="x', '&quot; onmouseover=&quot;x'],
    ["' autofocus onfocus='x", '&#39; autofocus onfocus=&#39;x'],
    ['a & b', 'a &amp; b'],
  ])('escapes %j', (value, escaped) => {
    expect(String(html`<p title="${value}">${value}</p>`)).toBe(`<p title="${escaped}">${escaped}</p>`);
  });

  it('keeps nested fragments and raw markup, joins arrays, drops null, undefined and false', () => {
    const items = ['<a>', 'b'].map((item) => html`<li>${item}</li>`);
    expect(String(html`<ul>${items}</ul>${null}${undefined}${false}${raw('<svg/>')}${0}`)).toBe(
      '<ul><li>&lt;a&gt;</li><li>b</li></ul><svg/>0',
    );
  });

  it('escapes objects through their string form', () => {
    expect(String(html`${{ toString: () => '<b>' }}`)).toBe('&lt;b&gt;');
  });
});
