/**
 * The demo's pages outside the admin panel, framework-free: the stylesheet, the development
 * outbox, the not-found page, and what an error becomes (a body parser's or a router's refusal
 * stays a 4xx; a store outage is a 503 page; anything else is logged and a 500 page).
 */
import { readFileSync } from 'node:fs';
import { isOtpError } from '@otpkit/core';
import type { DemoMail } from './mail.js';
import type { PageContext } from './views/layout.js';
import { errorView, outboxView } from './views/security-views.js';

/** The demo's stylesheet, served at `/static/demo.css`. */
export const STYLESHEET = {
  path: '/static/demo.css',
  body: readFileSync(new URL('../public/demo.css', import.meta.url), 'utf8'),
  headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
} as const;

/** A response of the demo's own: a status, a content type and a body. */
export interface SiteResponse {
  status: number;
  type: 'html' | 'text/plain';
  body: string;
}

export function outboxPage(ctx: PageContext, mail: DemoMail): SiteResponse {
  return { status: 200, type: 'html', body: outboxView(ctx, { messages: mail.outbox(50) }) };
}

export function notFoundPage(ctx: PageContext): SiteResponse {
  return {
    status: 404,
    type: 'html',
    body: errorView(ctx, { title: 'Not found', text: 'This page does not exist.' }),
  };
}

/**
 * What an error thrown while answering becomes.
 *
 * @example
 * ```ts
 * const { status, type, body } = errorPage(error, pageContextOrAnonymous, log);
 * ```
 */
export function errorPage(error: unknown, ctx: PageContext, log: (line: string) => void): SiteResponse {
  // The body parser's and the router's own refusals (413, 415, 400 for a malformed body or path).
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, type: 'text/plain', body: 'The request was not understood.' };
  }
  const unavailable = isOtpError(error, 'OTP_STORE_UNAVAILABLE') || isOtpError(error, 'OTP_STORE_CONFLICT');
  if (!unavailable) {
    log(
      `[demo] unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  const body = errorView(ctx, {
    title: unavailable ? 'Briefly unavailable' : 'Something went wrong',
    text: unavailable
      ? 'The database did not answer. Try again in a moment.'
      : 'The error was logged. Try again later.',
  });
  return { status: unavailable ? 503 : 500, type: 'html', body };
}
