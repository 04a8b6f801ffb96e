// The installed web layer and Express adapter, required as CommonJS.
const { otpkit, requireOtp } = require('@otpkit/adapters-express');
const { createOtpWeb, html, safeNextPath } = require('@otpkit/web');

for (const [name, value] of Object.entries({ otpkit, requireOtp, createOtpWeb, html, safeNextPath })) {
  if (typeof value !== 'function') throw new Error(`${name} is not a function`);
}
if (String(html`<p>${'<b>'}</p>`) !== '<p>&lt;b&gt;</p>') throw new Error('html does not escape');
if (safeNextPath('//evil.test', '/') !== '/') throw new Error('safeNextPath lets //evil.test through');
console.log('pack-smoke: @otpkit/web and @otpkit/adapters-express (CJS) load with require');
