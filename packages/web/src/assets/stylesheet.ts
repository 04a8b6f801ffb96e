/**
 * otpkit's one stylesheet, served from `${basePath}/assets/otpkit.css` (the pages' CSP allows styles
 * from this origin only). Plain, readable, high contrast; system fonts; no external request.
 */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #f4f5f7; --card: #fff;
  --accent: #1f5fbf; --accent-ink: #fff; --danger: #b42318; --ok-bg: #eef6ee; --ok-line: #9bc59b;
  --warn-bg: #fff8e6; --warn-line: #e6c36b; --err-bg: #fdeeee; --err-line: #e5a3a3; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.otp-top { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap;
  padding: .75rem 1.5rem; background: var(--card); border-bottom: 1px solid var(--line); }
.otp-site { font-weight: 600; color: var(--ink); text-decoration: none; }
a.otp-site:hover { text-decoration: underline; }
.otp-back { margin: 1.5rem 0 0; }
.otp-user { color: var(--muted); font-size: .9rem; display: flex; gap: .5rem; align-items: center; }
.otp-main { max-width: 28rem; margin: 3rem auto; padding: 0 1rem; }
.otp-main.otp-wide { max-width: 48rem; }
.otp-card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1.75rem;
  box-shadow: 0 1px 2px rgba(27, 31, 36, .06); }
h1 { font-size: 1.4rem; margin: 0 0 1rem; line-height: 1.25; }
h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
p { margin: 0 0 1rem; }
a { color: var(--accent); }
.otp-footer { text-align: center; color: var(--muted); font-size: .85rem; margin-top: 1rem; }
.otp-form { margin: 0 0 1rem; }
.otp-field { margin: 0 0 1rem; }
.otp-field label { display: block; font-weight: 600; margin-bottom: .3rem; }
.otp-field input { width: 100%; font: inherit; padding: .55rem .7rem; border: 1px solid #8c959f; border-radius: 6px; background: #fff; color: var(--ink); }
.otp-field input:focus, .otp-button:focus-visible, a:focus-visible, .otp-check input:focus-visible {
  outline: 3px solid #80a8e6; outline-offset: 1px; }
.otp-field input[aria-invalid="true"] { border-color: var(--danger); }
input.otp-code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 1.5rem;
  letter-spacing: .3em; text-align: center; }
input.otp-code-backup { letter-spacing: .1em; font-size: 1.25rem; }
.otp-hint { color: var(--muted); font-size: .875rem; margin: .3rem 0 0; }
.otp-check { display: grid; grid-template-columns: auto 1fr; gap: 0 .5rem; align-items: start; margin: 0 0 1rem; }
.otp-check input { margin-top: .3rem; }
.otp-check .otp-hint { grid-column: 2; margin: 0; }
.otp-button { display: inline-block; font: inherit; font-weight: 600; padding: .55rem 1.1rem; border-radius: 6px;
  border: 1px solid transparent; cursor: pointer; text-decoration: none; text-align: center; }
.otp-primary { background: var(--accent); color: var(--accent-ink); width: 100%; }
.otp-primary:hover { background: #174a96; }
.otp-secondary { background: #fff; color: var(--ink); border-color: #8c959f; }
.otp-secondary:hover { background: #f3f4f6; }
.otp-danger { background: var(--danger); color: #fff; }
.otp-link { background: none; border: none; color: var(--accent); padding: 0; font-weight: 400; text-decoration: underline; }
.otp-danger-link { color: var(--danger); }
.otp-inline { display: inline; margin: 0; }
.otp-actions { display: flex; gap: .75rem; flex-wrap: wrap; align-items: center; margin: 0 0 1rem; }
.otp-actions .otp-primary { width: auto; }
.otp-alert, .otp-info, .otp-warning { border: 1px solid; border-radius: 6px; padding: .65rem .8rem; margin: 0 0 1rem; }
.otp-alert { background: var(--err-bg); border-color: var(--err-line); }
.otp-info { background: var(--ok-bg); border-color: var(--ok-line); }
.otp-warning { background: var(--warn-bg); border-color: var(--warn-line); }
.otp-others { border-top: 1px solid var(--line); margin-top: 1.25rem; padding-top: .25rem; }
.otp-others h2 { font-size: .95rem; }
.otp-others ul { margin: 0; padding-left: 1.1rem; }
.otp-send { margin-bottom: 1rem; }
.otp-choices { list-style: none; padding: 0; margin: 0 0 1rem; }
.otp-choice-form { display: flex; justify-content: space-between; gap: 1rem; align-items: center;
  border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: 0 0 .75rem; }
.otp-choice-form h2 { margin: 0; font-size: 1rem; }
.otp-choice-form p { margin: 0; color: var(--muted); font-size: .9rem; }
.otp-choice-form .otp-button, .otp-row-actions a { white-space: nowrap; }
.otp-steps { padding-left: 1.25rem; }
.otp-qr { margin: .5rem 0 1rem; width: 200px; height: 200px; padding: 8px; background: #fff; border: 1px solid var(--line); }
.otp-qr svg { width: 100%; height: 100%; display: block; }
.otp-key { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 1.05rem;
  background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; padding: .3rem .5rem; word-spacing: .3em;
  display: inline-block; word-break: break-word; }
.otp-codes { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .3rem 1rem; list-style: none;
  counter-reset: otp-code; padding: .75rem 1rem; margin: 0 0 1rem; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 1.05rem; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; }
.otp-codes li { margin: 0; counter-increment: otp-code; white-space: nowrap; }
.otp-codes li::before { content: counter(otp-code) "."; display: inline-block; min-width: 3ch; margin-right: .75ch;
  text-align: right; color: var(--muted); }
.otp-table { width: 100%; border-collapse: collapse; margin: 0 0 1rem; font-size: .95rem; }
.otp-table th, .otp-table td { text-align: left; padding: .5rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.otp-table thead th { color: var(--muted); font-weight: 600; font-size: .85rem; }
.otp-table tbody th { font-weight: 600; }
.otp-row-actions { white-space: nowrap; text-align: right; }
.otp-row-actions a { margin-left: .75rem; }
.otp-detail { display: block; font-weight: 400; color: var(--muted); font-size: .85rem; }
.otp-badge { display: inline-block; font-size: .75rem; font-weight: 600; background: #eef1f5; border: 1px solid var(--line);
  border-radius: 999px; padding: 0 .5rem; margin-left: .25rem; color: var(--muted); }
.otp-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 32rem) { .otp-main { margin: 1rem auto; } .otp-card { padding: 1.25rem; } .otp-codes { grid-template-columns: 1fr; } }
`;
