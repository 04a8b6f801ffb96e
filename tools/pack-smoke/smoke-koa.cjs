// The installed Koa adapter, required as CommonJS: the same login through the password page and the
// OTP step on Koa 3 with koa-session (an external store), every otpkit module loaded with require().
const { otpkit, requireOtp } = require('@otpkit/adapters-koa');
const core = require('@otpkit/core');
const devices = require('@otpkit/devices');
const Koa = require('koa');
// koa-session 7 is written as ESM: its CommonJS build has the middleware as `default`.
const session = require('koa-session').default;

(async () => {
  const { aliceWithAnApp, checkOtpLogin } = await import('./check-app.mjs');
  const { otp, store, loadUser, authenticate, user } = await aliceWithAnApp(core, devices);
  const sessions = new Map();
  const app = new Koa();
  app.keys = ['smoke'];
  const sessionStore = {
    get: async (key) => sessions.get(key),
    set: async (key, value) => void sessions.set(key, value),
    destroy: async (key) => void sessions.delete(key),
  };
  app.use(session({ store: sessionStore }, app));
  app.use(otpkit({ otp, store, loadUser, authenticate }));
  const guard = requireOtp();
  if (guard.name !== 'requireOtp') throw new Error('requireOtp is not a named middleware');
  app.use((ctx, next) =>
    ctx.path === '/admin'
      ? guard(ctx, async () => {
          ctx.body = ctx.state.otp.user?.id === 'alice' ? 'admin' : 'who?';
        })
      : next(),
  );
  await checkOtpLogin(app.callback(), '@otpkit/adapters-koa (CJS) on Koa 3 with koa-session', user);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
