/**
 * What a documentation block may use without declaring it: the variables a real program would have
 * in scope at that point of the page. Keep it to context (requests, the service, a user id); package
 * exports come from the generated exports prelude, and anything else a block must import.
 */
import type { DeviceInfo, Keyring, Otp, OtpStore } from '@otpkit/core';
import type { Mailer } from '@otpkit/devices';
import type { WebOptions, WebUser } from '@otpkit/web';
import type { AdapterApp } from '@otpkit/web/testing';
import type { Express, Request, Response, Router } from 'express';
import type { Store as SessionStore } from 'express-session';
import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';

declare global {
  /** The service, from `createOtp`. */
  const otp: Otp;
  const store: OtpStore;
  const keyring: Keyring;
  /** The host's Kysely instance. */
  // biome-ignore lint/suspicious/noExplicitAny: the host's own table types, unknown to the docs.
  const db: Kysely<any>;
  /** The host's table types for Kysely. */
  // biome-ignore lint/suspicious/noExplicitAny: likewise.
  type Database = any;
  const mailer: Mailer;
  const transport: Transporter;
  const logger: {
    info(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    error(...args: unknown[]): void;
  };
  const app: Express;
  /** The host's routers and session store (web and Express pages). */
  const adminRouter: Router;
  const usersRouter: Router;
  const sessionStore: SessionStore;
  /** A third party's test app (docs/custom-adapter.md). */
  function startFastifyApp(web: WebOptions): Promise<AdapterApp>;
  /** The host's koa-session store (docs/koa.md shows one on Redis). */
  const koaSessionStore: {
    get(key: string): Promise<unknown>;
    set(key: string, data: unknown, maxAge: number | 'session'): Promise<void>;
    destroy(key: string): Promise<void>;
  };
  /** The host's user model (web and Express pages). */
  const users: {
    findById(id: string): Promise<WebUser | null>;
    checkPassword(username: string, password: string): Promise<WebUser | null>;
  };
  const req: Request;
  const res: Response;
  const userId: string;
  const deviceId: string;
  const token: string;
  /** A code the user read off their app, an email or a backup-code sheet. */
  const codeFromApp: string;
  const codeFromTheApp: string;
  const codeFromInbox: string;
  const codeFromTheMessage: string;
  const first: string;
  const second: string;
  const codeFromTheToken: string;
  const connectionString: string;
  const smtpUrl: string;
  /** The signed-in user, as the host's own user model has it. */
  const user: { id: string; email: string; name: string; isAdmin: boolean };
  /** A device the user picked from a list. */
  const device: DeviceInfo;
  /** An imported or generated secret, and the state that goes with it. */
  const secret: Uint8Array;
  const lastStep: number | null;
  const counter: number;
  const name: string;
  const count: number;
  /** The host's own helpers: a flash message, an audit log, a notification. */
  function flash(message: string): void;
  function audit(...fields: unknown[]): void;
  function notify(userId: string, message: string): void;
}
