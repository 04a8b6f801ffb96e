/**
 * @otpkit/adminjs: AdminJS behind otpkit's second factor, the Node equivalent of django-otp's
 * `OTPAdminSite`. `protectAdminJs` comes from `@otpkit/adminjs/express` or `@otpkit/adminjs/koa`;
 * this entry holds what both share, and `adminJsRequests` for the tests that prove the panel shut.
 */
export {
  type AdminJsAction,
  type AdminJsInstance,
  type AdminJsRequest,
  type AdminJsRequestsOptions,
  type AdminJsRouterLike,
  adminJsRequests,
} from './admin-requests.js';
export {
  type AdminJsCurrentAdmin,
  type AdminJsPanel,
  CROSS_SITE_REFUSAL,
  crossSiteWrite,
  lendCurrentAdmin,
  type PanelGuard,
  type PanelRequest,
  type ProtectAdminJsOptions,
  panelGuard,
  protectAdminJsOptionsSchema,
} from './options.js';
