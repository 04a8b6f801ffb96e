/**
 * @otpkit/web: otpkit's framework-free web layer. Login (a password page or the host's own login),
 * the second step, enrollment, management, step-up and trusted browsers, as plain accessible HTML
 * or JSON, over a neutral request and a session port. Adapters (Express, Koa) only translate.
 */
export { createOtpWeb, type OtpRequest, type OtpRequestApi, type OtpWeb } from './create-otp-web.js';
export type {
  OtpWebEventHub,
  OtpWebEventListener,
  OtpWebEventName,
  OtpWebEvents,
} from './engine/events.js';
export { type GuardOptions, guardOptionsSchema, parseGuardOptions } from './engine/guard.js';
export { parseBody, readNodeBody, WebBodyError } from './http/body.js';
export { nodeWebRequest, type WebRequest } from './http/request.js';
export type { WebResponse } from './http/response.js';
export { type Problem, type ProblemStatus, statusOf } from './http/status-map.js';
export {
  type NotifyEvent,
  type PolicyDecision,
  type ResolvedWebOptions,
  type WebMailer,
  type WebOptions,
  type WebUser,
  webOptionsSchema,
} from './options.js';
export { CONTENT_SECURITY_POLICY } from './security/headers.js';
export { safeNextPath } from './security/next-url.js';
export { type HostSession, hostSessionPort } from './session/host-session.js';
export { type LoginMethod, OTPKIT_SESSION_KEY, type SessionPort } from './session/session-port.js';
export { escapeHtml, html, raw, SafeHtml } from './views/html.js';
export {
  defaultMessages,
  type MessageKey,
  type MessageParams,
  type Messages,
  type Translate,
} from './views/messages.js';
export { defaultViews, type RenderHook, type Views } from './views/render-view.js';
export type { ViewContext } from './views/view-context.js';
export type { BrowserRow, DeviceRow, MethodChoice, ViewName, ViewProps } from './views/view-props.js';
