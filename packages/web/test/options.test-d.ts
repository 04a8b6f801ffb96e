/**
 * Type-level tests of @otpkit/web's options: `createOtpWeb` accepts the documented shapes, refuses
 * wrong ones at compile time, and hands back its options resolved. Run by vitest's typecheck (and by
 * `pnpm typecheck`); an `@ts-expect-error` that stops matching an error fails the run.
 */
import type { Otp, OtpStore } from '@otpkit/core';
import {
  createOtpWeb,
  type GuardOptions,
  type OtpRequestApi,
  type OtpWeb,
  type PolicyDecision,
  parseGuardOptions,
  type WebOptions,
  type WebUser,
} from '@otpkit/web';
import { expectTypeOf } from 'vitest';

declare const otp: Otp;
declare const store: OtpStore;
declare const users: { findById(id: string): Promise<WebUser | null> };
const loadUser = (id: string) => users.findById(id);

// The documented shapes compile.
const web = createOtpWeb({
  otp,
  store,
  loadUser,
  authenticate: async ({ username }) => ({ id: username }),
  policy: (user) => (user.email ? 'required' : { required: true, graceUntil: Date.now() + 86_400_000 }),
  basePath: '/auth',
  factors: ['totp', 'email'],
  trustedBrowsers: { enabled: true, days: 30 },
  notify: { mailer: { send: async () => {} }, events: ['locked', 'device-added'] },
  messages: { 'login.title': 'Anmelden' },
  render: (view, _props, ctx) => (view === 'login' ? `<h1>${ctx.t('login.title')}</h1>` : undefined),
});
expectTypeOf(web).toEqualTypeOf<OtpWeb>();

// The options come back resolved: defaults filled in, so no longer optional.
expectTypeOf(web.options.basePath).toEqualTypeOf<string>();
expectTypeOf(web.options.factors).toEqualTypeOf<Array<'totp' | 'email'>>();
expectTypeOf(web.options.trustedBrowsers.days).toEqualTypeOf<number>();
expectTypeOf(web.options.clock).toEqualTypeOf<() => number>();
expectTypeOf<WebOptions['basePath']>().toEqualTypeOf<string | undefined>();

// The request API the adapters put on req.otp / ctx.state.otp.
declare const api: OtpRequestApi;
expectTypeOf(api.state).toEqualTypeOf<'anonymous' | 'pending' | 'complete'>();
expectTypeOf(api.user).toEqualTypeOf<WebUser | null>();
expectTypeOf(api.beginLogin).returns.resolves.toEqualTypeOf<string>();

// Wrong shapes do not compile.
// @ts-expect-error: loadUser is required
createOtpWeb({ otp, store });
// @ts-expect-error: basePath is a path, a string
createOtpWeb({ otp, store, loadUser, basePath: 5 });
// @ts-expect-error: unknown options are refused (a typo of basePath)
createOtpWeb({ otp, store, loadUser, bassPath: '/auth' });
// @ts-expect-error: the factors are 'totp' and 'email'
createOtpWeb({ otp, store, loadUser, factors: ['sms'] });
// @ts-expect-error: days is a number
createOtpWeb({ otp, store, loadUser, trustedBrowsers: { days: '30' } });
// @ts-expect-error: a notification mailer must have send()
createOtpWeb({ otp, store, loadUser, notify: { mailer: {} } });
// @ts-expect-error: a message key that does not exist
createOtpWeb({ otp, store, loadUser, messages: { 'login.titel': 'Anmelden' } });
// @ts-expect-error: the policy answers 'required', 'optional' or a grace period
createOtpWeb({ otp, store, loadUser, policy: () => 'sometimes' });
// @ts-expect-error: loadUser resolves a user (with an id) or null
createOtpWeb({ otp, store, loadUser: async (id: string) => ({ name: id }) });
expectTypeOf<'sometimes'>().not.toMatchTypeOf<PolicyDecision>();

// The guard's options.
expectTypeOf(parseGuardOptions({ stepUp: true })).toEqualTypeOf<GuardOptions>();
// @ts-expect-error: stepUp is a boolean
parseGuardOptions({ stepUp: 'yes' });
// @ts-expect-error: unknown guard options are refused
parseGuardOptions({ step: true });
