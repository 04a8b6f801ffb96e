import { type Otp, type OtpStore, parseOptions } from '@otpkit/core';
import { z } from 'zod';
import type { WebRequest } from './http/request.js';
import type { MessageKey } from './views/messages.js';
import type { RenderHook } from './views/render-view.js';

/**
 * A user as the host knows them. otpkit reads `id` (a non-empty string), shows `displayName` or
 * `username`, and emails notifications to `email`.
 */
export interface WebUser {
  id: string;
  username?: string | undefined;
  displayName?: string | undefined;
  email?: string | undefined;
  [field: string]: unknown;
}

/**
 * Whether a user must use a second factor: `'required'` (sent to enrollment until they have one),
 * `'optional'` (may sign in with the password alone while they have none), or required with a grace
 * period during which they may skip enrollment.
 */
export type PolicyDecision = 'required' | 'optional' | { required: true; graceUntil: Date | number };

/** Notifications otpkit can email to a user (through the `notify.mailer`). */
export type NotifyEvent =
  | 'backup-code-used'
  | 'device-added'
  | 'device-removed'
  | 'browser-trusted'
  | 'locked'
  | 'throttled';

/** The mail port, the same shape as `@otpkit/devices`' `Mailer`. */
export interface WebMailer {
  /** Send one notification; resolve once it is accepted for delivery, reject when it is not. */
  send(message: { to: string; subject: string; text: string; html: string }): Promise<void>;
}

const fn = <T>(name: string) =>
  z.custom<T>((value) => typeof value === 'function', { message: `expected ${name} to be a function` });

const hasMethods = (...names: string[]) =>
  z.custom<unknown>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function'),
    { message: `expected an object with ${names.join(', ')}` },
  );

const sitePath = z.string().regex(/^\/(?!\/)[^\s\\]*$/, 'must be a path on this site starting with one /');

/** The options schema of {@link @otpkit/web!index.createOtpWeb | createOtpWeb}: types, defaults and checks in one place. */
export const webOptionsSchema = z
  .object({
    otp: hasMethods('verifyToken', 'enroll', 'confirm', 'status', 'listDevices'),
    store: hasMethods('putToken', 'getToken', 'consumeToken', 'deleteTokens'),
    /** Re-reads a user by id on each request (see {@link WebOptions.loadUser}). */
    loadUser: fn<(id: string) => unknown>('loadUser'),
    /** Checks a username and password for otpkit's own password page (see {@link WebOptions.authenticate}). */
    authenticate: fn<(input: unknown) => unknown>('authenticate').optional(),
    /** Who must use a second factor (see {@link WebOptions.policy}). @default every user: 'required' */
    policy: fn<(user: WebUser) => unknown>('policy').optional(),
    /** @default '/auth' */
    basePath: sitePath
      .refine((p) => p.length > 1 && !p.endsWith('/'), 'must not be / nor end with /')
      .default('/auth'),
    /** @default '/' */
    afterLogin: sitePath.default('/'),
    /** The host site's home: the site name in otpkit's header and "Back to …" links. @default afterLogin */
    homeUrl: z
      .union([sitePath, z.string().regex(/^https?:\/\/[^\s]+$/, 'must be a path or an http(s) URL')])
      .optional(),
    /** Where anonymous visitors of a guarded page go. @default `${basePath}/login` with `authenticate`, else '/login' */
    loginUrl: sitePath.optional(),
    /** The factors offered at enrollment. @default ['totp'] */
    factors: z
      .array(z.enum(['totp', 'email']))
      .min(1)
      .default(['totp']),
    /** Offer backup codes after the first factor and on the management page. @default true */
    backupCodes: z.boolean().default(true),
    trustedBrowsers: z
      .object({
        /** @default false */
        enabled: z.boolean().default(false),
        /** @default 30 */
        days: z.number().int().min(1).max(400).default(30),
        /** @default 'otpkit_tb' */
        cookieName: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/)
          .default('otpkit_tb'),
      })
      .strict()
      .default({ enabled: false, days: 30, cookieName: 'otpkit_tb' }),
    /** @default 300000 (5 minutes) */
    stepUpMs: z.number().int().min(1000).max(86_400_000).default(300_000),
    /** @default 600000 (10 minutes) */
    pendingLoginMs: z.number().int().min(10_000).max(86_400_000).default(600_000),
    /** @default false */
    resetPendingOnLeave: z.boolean().default(false),
    /** @default 16384 */
    bodyLimit: z.number().int().min(1024).max(1_048_576).default(16_384),
    /** Extra origins accepted on state-changing requests (a site behind a proxy that rewrites Host). @default [] */
    trustedOrigins: z
      .array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be an origin like https://admin.acme.test'))
      .default([]),
    notify: z
      .object({
        mailer: hasMethods('send'),
        /** @default every event */
        events: z
          .array(
            z.enum([
              'backup-code-used',
              'device-added',
              'device-removed',
              'browser-trusted',
              'locked',
              'throttled',
            ]),
          )
          .optional(),
        /** Failures in a row from which a `throttled` event is worth an email. @default 10 */
        throttledAfter: z.number().int().min(1).default(10),
      })
      .strict()
      .optional(),
    messages: z.record(z.string(), z.string()).optional(),
    render: fn<RenderHook>('render').optional(),
    /** The time source in epoch ms. @default Date.now */
    clock: fn<() => number>('clock').optional(),
    /** Told about errors otpkit swallows on purpose (a notification that could not be sent). */
    onError: fn<(error: unknown) => void>('onError').optional(),
  })
  .strict();

/** Options of {@link @otpkit/web!index.createOtpWeb | createOtpWeb}, as written by callers. */
export interface WebOptions {
  /** The otpkit service (`createOtp(…)`). */
  otp: Otp;
  /** The same store the service uses: otpkit keeps pending logins, step-up grants and trusted browsers in its tokens. */
  store: OtpStore;
  /** Re-reads a user by id on each request; `null` (a deleted user) ends the session. */
  loadUser: (id: string) => WebUser | null | undefined | Promise<WebUser | null | undefined>;
  /**
   * Checks a username and password for otpkit's own password page. Without it there is no password
   * page: the host keeps its login and calls `beginLogin(user)`.
   */
  authenticate?: (input: {
    username: string;
    password: string;
    request: WebRequest;
  }) => WebUser | null | undefined | Promise<WebUser | null | undefined>;
  /** Who must use a second factor. @default every user: 'required' */
  policy?: (user: WebUser) => PolicyDecision | Promise<PolicyDecision>;
  basePath?: string;
  /** Where a login goes without a valid `next`. @default '/' */
  afterLogin?: string;
  /**
   * The host site's home page: otpkit's pages link the site name to it, and the management page
   * has a "Back to <site>" link. A path on this site or an `http(s)` URL. @default afterLogin
   */
  homeUrl?: string;
  loginUrl?: string;
  factors?: Array<'totp' | 'email'>;
  backupCodes?: boolean;
  trustedBrowsers?: { enabled?: boolean; days?: number; cookieName?: string };
  stepUpMs?: number;
  pendingLoginMs?: number;
  resetPendingOnLeave?: boolean;
  bodyLimit?: number;
  trustedOrigins?: string[];
  notify?: { mailer: WebMailer; events?: NotifyEvent[]; throttledAfter?: number };
  /** Overrides of the messages table (translations, wording). */
  messages?: Partial<Record<MessageKey, string>>;
  /** Replace any view. */
  render?: RenderHook;
  /** The time source in epoch ms (the same as the service's, in tests). @default Date.now */
  clock?: () => number;
  /** Told about errors otpkit swallows on purpose (a notification that could not be sent). */
  onError?: (error: unknown) => void;
}

/** The options after parsing, with every default filled in: what `web.options` holds. */
export type ResolvedWebOptions = Omit<
  z.output<typeof webOptionsSchema>,
  | 'otp'
  | 'store'
  | 'loadUser'
  | 'authenticate'
  | 'policy'
  | 'render'
  | 'onError'
  | 'clock'
  | 'notify'
  | 'loginUrl'
  | 'homeUrl'
  | 'messages'
> & { messages?: Partial<Record<MessageKey, string>> | undefined } & Pick<
    WebOptions,
    'otp' | 'store' | 'loadUser' | 'authenticate' | 'policy' | 'render' | 'onError'
  > & {
    loginUrl: string;
    homeUrl: string;
    /** The time source in epoch ms. */
    clock: () => number;
    notify?: { mailer: WebMailer; events: NotifyEvent[]; throttledAfter: number } | undefined;
  };

const ALL_EVENTS: NotifyEvent[] = [
  'backup-code-used',
  'device-added',
  'device-removed',
  'browser-trusted',
  'locked',
  'throttled',
];

/** Parse {@link WebOptions} once; a bad option throws a `TypeError` naming it. */
export function parseWebOptions(input: WebOptions): ResolvedWebOptions {
  const parsed = parseOptions(webOptionsSchema, input, 'createOtpWeb');
  const basePath = parsed.basePath;
  return {
    ...parsed,
    messages: input.messages,
    otp: input.otp,
    store: input.store,
    loadUser: input.loadUser,
    authenticate: input.authenticate,
    policy: input.policy,
    render: input.render,
    onError: input.onError,
    clock: input.clock ?? Date.now,
    loginUrl: parsed.loginUrl ?? (input.authenticate ? `${basePath}/login` : '/login'),
    homeUrl: parsed.homeUrl ?? parsed.afterLogin,
    notify: parsed.notify
      ? {
          mailer: input.notify!.mailer,
          events: parsed.notify.events ?? ALL_EVENTS,
          throttledAfter: parsed.notify.throttledAfter,
        }
      : undefined,
  };
}
