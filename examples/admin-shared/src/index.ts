/**
 * The demo admin site's framework-free parts, shared by examples/express-admin and
 * examples/koa-admin: each of them only wires these to its framework.
 */
export {
  type Access,
  type AdminRequest,
  type AdminRoute,
  adminRoutes,
  type PageResult,
  pageContext,
  refuseNonAdmin,
} from './admin-pages.js';
export { type AuditEntry, type AuditLog, createAuditLog } from './audit.js';
export { banner, serve, settingsFromEnv } from './banner.js';
export { type DataDir, openDataDir } from './data-dir.js';
export { type DemoDatabase, openDatabase } from './database.js';
export { type Demo, type DemoApp, type DemoOptions, openDemo, type SiteRequest } from './demo.js';
export { createMail, type DemoMail, type OutboxMessage } from './mail.js';
export { createOtpService, SITE_NAME } from './otp-service.js';
export { CSRF_REFUSAL, PAGE_HEADERS } from './page-security.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { createSessionTable, type SessionTable } from './session-table.js';
export { errorPage, notFoundPage, outboxPage, type SiteResponse, STYLESHEET } from './site-pages.js';
export {
  createUserDirectory,
  type DemoUser,
  type Role,
  type SeededLogin,
  type UserDirectory,
} from './users.js';
export type { PageContext } from './views/layout.js';
