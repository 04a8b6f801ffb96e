import type { IncomingMessage } from 'node:http';
import { readNodeBody } from './body.js';

/**
 * The neutral request an adapter hands to otpkit: what any Node.js framework can fill in from its
 * own request object, with no parsing done by the adapter.
 *
 * @example
 * ```ts
 * const request: WebRequest = {
 *   method: req.method,
 *   url: req.originalUrl,
 *   headers: req.headers,
 *   secure: req.secure,
 *   readBody: (limit) => readNodeBody(req, limit),
 * };
 * ```
 */
export interface WebRequest {
  /** `GET`, `POST`… */
  method: string;
  /** The path and query as received (`/auth/verify?next=%2Fadmin`), relative to the site's root. */
  url: string;
  /** Header names in lower case, as Node.js gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** True when the request came over HTTPS (after the framework's proxy trust rules). */
  secure: boolean;
  /** The client's address, for information only (shown nowhere, never trusted). */
  ip?: string | undefined;
  /**
   * Read the raw body, refusing more than `limit` bytes (a {@link WebBodyError} with status 413).
   * Called only for otpkit's own routes. Resolve `undefined` when something already consumed the
   * stream: then {@link WebRequest.parsedBody} is used.
   */
  readBody?: ((limit: number) => Promise<Uint8Array | undefined>) | undefined;
  /** A body a host's body parser already produced, used only when the stream was consumed. */
  parsedBody?: unknown;
}

/**
 * The neutral request of a Node.js `IncomingMessage` (what Express, Koa, Fastify and plain `node:http`
 * hand their handlers): method, headers and a size-limited body reader come from the message, the
 * rest from the framework, which knows the original URL, the proxy rules behind `secure` and
 * whether a body parser already ran.
 *
 * @example
 * ```ts
 * const request = nodeWebRequest(req, { url: req.originalUrl, secure: req.secure, ip: req.ip, parsedBody: req.body });
 * ```
 */
export function nodeWebRequest(
  message: IncomingMessage,
  from: Pick<WebRequest, 'url' | 'secure' | 'ip' | 'parsedBody'>,
): WebRequest {
  return {
    method: message.method ?? 'GET',
    headers: message.headers,
    readBody: (limit) => readNodeBody(message, limit),
    ...from,
  };
}

/** The request after otpkit parsed its URL and cookies; what the flows read. */
export interface ParsedRequest {
  method: string;
  /** The path without the query, percent-encoding kept. */
  path: string;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  cookies: Readonly<Record<string, string>>;
  secure: boolean;
  /** The original path and query, for returning to it after a step. */
  url: string;
  /** True when the client asked for JSON (`Accept: application/json` or a JSON body). */
  wantsJson: boolean;
  raw: WebRequest;
}

/** The first value of a header, or undefined. */
export function headerValue(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
