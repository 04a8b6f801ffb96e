import { z } from 'zod';

/**
 * How otpkit reaches the host's session (express-session, koa-session…). otpkit keeps all of its
 * session data under one key of its own, so a host's session keys (`req.session.user`, `isAdmin`…)
 * can never satisfy its guard, and nothing otpkit stores collides with the host's.
 *
 * @example
 * ```ts
 * const session: SessionPort = {
 *   get: () => req.session[OTPKIT_SESSION_KEY],
 *   set: (value) => { req.session[OTPKIT_SESSION_KEY] = value; },
 *   regenerate: ({ keepHostData }) => regenerateExpressSession(req, keepHostData),
 * };
 * ```
 */
export interface SessionPort {
  /** The value stored under otpkit's key, or undefined. otpkit validates it before use. */
  get(): unknown;
  /** Store a value under otpkit's key; `undefined` removes it. */
  set(value: unknown): void;
  /**
   * Give the session a new id (the old one stops working: no session fixation). With
   * `keepHostData` the host's own keys are carried over (a login completes, the host's data stays);
   * without it the new session is empty (logout). otpkit sets its own key again afterwards.
   */
  regenerate(options: { keepHostData: boolean }): Promise<void>;
}

/** The session key under which otpkit keeps everything it stores. */
export const OTPKIT_SESSION_KEY = 'otpkit';

const loginSchema = z.object({
  userId: z.string().min(1),
  /** `verified`: a second factor was checked; `exempt`: the policy let the user in without one. */
  level: z.enum(['verified', 'exempt']),
  deviceId: z.string().nullable(),
  deviceKind: z.string().nullable(),
  deviceName: z.string().nullable(),
  verifiedAt: z.number(),
  /** How the login completed (absent in sessions written before it was recorded: see {@link loginMethodOf}). */
  method: z.enum(['code', 'trusted-browser', 'exempt']).optional(),
});

const noticeSchema = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

const sessionSchema = z.object({
  /** The synchronizer CSRF token, created with the first form otpkit shows. */
  csrf: z.string().min(1).optional(),
  /** The bearer of the pending-login token (its store id is the hash). */
  pending: z.string().optional(),
  login: loginSchema.optional(),
  /** The bearer of the step-up grant token. */
  stepUp: z.string().optional(),
  /** A one-time message for the next page (PRG): "7 backup codes remain". */
  notice: noticeSchema.optional(),
});

/** What otpkit keeps in the session. */
export type OtpSessionData = z.infer<typeof sessionSchema>;
/** A completed login as the session records it. */
export type OtpSessionLogin = z.infer<typeof loginSchema>;
/** A one-time notice. */
export type OtpNotice = z.infer<typeof noticeSchema>;

/**
 * How a login completed: `'code'` (a code was verified, at sign-in or by confirming a first factor),
 * `'trusted-browser'` (a browser the user trusted skipped the code) or `'exempt'` (no second factor:
 * the policy let the user in without one).
 */
export type LoginMethod = 'code' | 'trusted-browser' | 'exempt';

/** The method of a completed login, also for sessions recorded before the method was. */
export function loginMethodOf(login: OtpSessionLogin): LoginMethod {
  if (login.method) return login.method;
  if (login.level === 'exempt') return 'exempt';
  return login.deviceId ? 'code' : 'trusted-browser';
}

/** Read otpkit's session data; anything malformed reads as nothing (a fresh, anonymous session). */
export function readSessionData(port: SessionPort): OtpSessionData | undefined {
  const parsed = sessionSchema.safeParse(port.get());
  return parsed.success ? parsed.data : undefined;
}
