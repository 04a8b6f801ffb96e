import { SCRIPT } from '../assets/script.js';
import { STYLESHEET } from '../assets/stylesheet.js';
import { createBackupCodes, downloadBackupCodes, showBackupCodes } from '../flows/backup-codes.js';
import { withQuery } from '../flows/common.js';
import {
  confirmDevice,
  type EnrollAccess,
  enrollAccess,
  enrollLater,
  showEnroll,
  startEmail,
  startTotp,
} from '../flows/enroll.js';
import { sendLoginCode, showVerify, submitVerify } from '../flows/login-verify.js';
import { logout, showLogout } from '../flows/logout.js';
import { removeDevice, renameDevice, showDevices } from '../flows/manage-devices.js';
import { showLogin, submitLogin } from '../flows/password-login.js';
import { sessionInfo } from '../flows/session-info.js';
import { sendStepUpCode, showStepUp, submitStepUp } from '../flows/step-up.js';
import { revokeAllBrowsers, revokeBrowser } from '../flows/trusted-browsers.js';
import type { ResolvedWebOptions } from '../options.js';
import type { Outcome } from './outcome.js';
import { redirect } from './outcome.js';
import type { LoginState, RequestContext } from './request-context.js';

type Pending = Extract<LoginState, { type: 'pending' }>;
type Complete = Extract<LoginState, { type: 'complete' }>;
type Handler =
  | { access: 'public'; run: (ctx: RequestContext, params: string[]) => Outcome | Promise<Outcome> }
  | { access: 'pending'; run: (ctx: RequestContext, state: Pending) => Promise<Outcome> }
  | { access: 'complete'; run: (ctx: RequestContext, state: Complete, params: string[]) => Promise<Outcome> }
  | { access: 'enroll'; run: (ctx: RequestContext, access: EnrollAccess) => Promise<Outcome> };

/** One otpkit route: a path pattern under the base path and a handler per method. */
export interface Route {
  pattern: RegExp;
  methods: Partial<Record<'GET' | 'POST', Handler>>;
  /** Assets: served without reading the session. */
  stateless?: boolean;
  /** Always answered in JSON. */
  json?: boolean;
}

const ID = '([^/]{1,200})';
const asset = (body: string, type: string) => (): Outcome => ({
  kind: 'response',
  response: {
    status: 200,
    headers: {
      'content-type': type,
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    },
    cookies: [],
    body,
  },
});

/** The route table, given the options (no password page without `authenticate`, and so on). */
export function buildRoutes(options: ResolvedWebOptions): Route[] {
  const routes: Route[] = [
    {
      pattern: /^\/assets\/otpkit\.css$/,
      stateless: true,
      methods: { GET: { access: 'public', run: asset(STYLESHEET, 'text/css; charset=utf-8') } },
    },
    {
      pattern: /^\/assets\/otpkit\.js$/,
      stateless: true,
      methods: { GET: { access: 'public', run: asset(SCRIPT, 'text/javascript; charset=utf-8') } },
    },
    { pattern: /^\/session$/, json: true, methods: { GET: { access: 'public', run: sessionInfo } } },
    {
      pattern: /^\/logout$/,
      methods: { GET: { access: 'public', run: showLogout }, POST: { access: 'public', run: logout } },
    },
    {
      pattern: /^\/verify$/,
      methods: {
        GET: { access: 'pending', run: showVerify },
        POST: { access: 'pending', run: submitVerify },
      },
    },
    { pattern: /^\/verify\/send$/, methods: { POST: { access: 'pending', run: sendLoginCode } } },
    {
      pattern: /^\/step-up$/,
      methods: {
        GET: { access: 'complete', run: showStepUp },
        POST: { access: 'complete', run: submitStepUp },
      },
    },
    { pattern: /^\/step-up\/send$/, methods: { POST: { access: 'complete', run: sendStepUpCode } } },
    { pattern: /^\/enroll$/, methods: { GET: { access: 'enroll', run: showEnroll } } },
    { pattern: /^\/enroll\/later$/, methods: { POST: { access: 'enroll', run: enrollLater } } },
    {
      pattern: /^\/backup-codes$/,
      methods: {
        GET: { access: 'complete', run: showBackupCodes },
        POST: { access: 'complete', run: createBackupCodes },
      },
    },
    {
      pattern: /^\/backup-codes\/download$/,
      methods: { POST: { access: 'complete', run: (ctx, state) => downloadBackupCodes(ctx, state) } },
    },
    { pattern: /^\/devices$/, methods: { GET: { access: 'complete', run: showDevices } } },
  ];
  const both = <T extends Handler>(handler: T) => ({ GET: handler, POST: handler });
  routes.push(
    {
      pattern: new RegExp(`^/devices/${ID}/rename$`),
      methods: both({ access: 'complete', run: (ctx, s, [id]) => renameDevice(ctx, s, id!) }),
    },
    {
      pattern: new RegExp(`^/devices/${ID}/remove$`),
      methods: both({ access: 'complete', run: (ctx, s, [id]) => removeDevice(ctx, s, id!) }),
    },
  );
  if (options.authenticate) {
    routes.push({
      pattern: /^\/login$/,
      methods: { GET: { access: 'public', run: showLogin }, POST: { access: 'public', run: submitLogin } },
    });
  }
  if (options.factors.includes('totp')) {
    routes.push(
      { pattern: /^\/enroll\/totp$/, methods: { POST: { access: 'enroll', run: startTotp } } },
      {
        pattern: /^\/enroll\/totp\/confirm$/,
        methods: { POST: { access: 'enroll', run: (ctx, a) => confirmDevice(ctx, a, 'totp') } },
      },
    );
  }
  if (options.factors.includes('email')) {
    routes.push(
      { pattern: /^\/enroll\/email$/, methods: { POST: { access: 'enroll', run: startEmail } } },
      {
        pattern: /^\/enroll\/email\/confirm$/,
        methods: { POST: { access: 'enroll', run: (ctx, a) => confirmDevice(ctx, a, 'email') } },
      },
    );
  }
  if (options.trustedBrowsers.enabled) {
    routes.push(
      {
        pattern: /^\/browsers\/revoke-all$/,
        methods: both({ access: 'complete', run: (ctx, s) => revokeAllBrowsers(ctx, s) }),
      },
      {
        pattern: new RegExp(`^/browsers/${ID}/revoke$`),
        methods: both({ access: 'complete', run: (ctx, s, [id]) => revokeBrowser(ctx, s, id!) }),
      },
    );
  }
  return routes;
}

/** Run a matched handler after its access check (pending login, completed login, enrollment). */
export async function runHandler(ctx: RequestContext, handler: Handler, params: string[]): Promise<Outcome> {
  const { options, path } = ctx.core;
  const state = ctx.state;
  switch (handler.access) {
    case 'public':
      return handler.run(ctx, params);
    case 'pending':
      if (state.type === 'pending') return handler.run(ctx, state);
      if (state.type === 'complete') return redirect(options.afterLogin);
      return { kind: 'redirect', to: options.loginUrl, problem: { type: 'login-expired' } };
    case 'complete':
      if (state.type === 'complete') return handler.run(ctx, state, params);
      if (state.type === 'pending')
        return { kind: 'redirect', to: path('/verify'), problem: { type: 'unauthenticated' } };
      return {
        kind: 'redirect',
        to: withQuery(options.loginUrl, { next: ctx.req.method === 'GET' ? ctx.req.url : undefined }),
        problem: { type: 'unauthenticated' },
      };
    case 'enroll': {
      const access = await enrollAccess(ctx);
      return 'kind' in access ? access : handler.run(ctx, access);
    }
  }
}
