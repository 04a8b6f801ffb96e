// The installed Koa adapter, required as CommonJS.
const { otpkit, requireOtp } = require('@otpkit/adapters-koa');
const { hostSessionPort, nodeWebRequest } = require('@otpkit/web');

for (const [name, value] of Object.entries({ otpkit, requireOtp, hostSessionPort, nodeWebRequest })) {
  if (typeof value !== 'function') throw new Error(`${name} is not a function`);
}
if (requireOtp({ stepUp: true }).name !== 'requireOtp')
  throw new Error('requireOtp is not a named middleware');
console.log('pack-smoke: @otpkit/adapters-koa (CJS) loads with require');
