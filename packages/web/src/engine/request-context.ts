import type { OtpStore } from '@otpkit/core';
import { fieldsOf, parseBody, WebBodyError } from '../http/body.js';
import { readCookies } from '../http/cookies.js';
import { headerValue, type ParsedRequest, type WebRequest } from '../http/request.js';
import type { WebUser } from '../options.js';
import { newBearer } from '../security/random.js';
import {
  type OtpNotice,
  type OtpSessionData,
  type OtpSessionLogin,
  readSessionData,
  type SessionPort,
} from '../session/session-port.js';
import { type PendingLogin, readPendingLogin } from '../tokens/pending-login.js';
import type { WebCore } from './web-core.js';

/** Where the request's session stands. */
export type LoginState =
  | { type: 'anonymous' }
  | { type: 'pending'; user: WebUser; pending: PendingLogin; bearer: string }
  | { type: 'complete'; user: WebUser; login: OtpSessionLogin };

function parseRequest(raw: WebRequest): ParsedRequest {
  const url = typeof raw.url === 'string' && raw.url.startsWith('/') ? raw.url : '/';
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  const query = new URLSearchParams(mark === -1 ? '' : url.slice(mark + 1));
  const accept = headerValue(raw.headers, 'accept') ?? '';
  const contentType = headerValue(raw.headers, 'content-type') ?? '';
  const wantsJson =
    /^application\/(.+\+)?json/i.test(contentType.trim()) ||
    (/application\/json/i.test(accept) && !/text\/html/i.test(accept));
  return {
    method: (raw.method ?? 'GET').toUpperCase(),
    path,
    query,
    headers: raw.headers,
    cookies: readCookies(raw.headers),
    secure: raw.secure === true,
    url,
    wantsJson,
    raw,
  };
}

/**
 * One request as the flows see it: the parsed request, otpkit's session data (read and validated
 * once), the login state, the body (read on demand, with the size limit) and the cookies to set.
 */
export class RequestContext {
  readonly req: ParsedRequest;
  state: LoginState = { type: 'anonymous' };
  /** `Set-Cookie` values to send. */
  readonly cookies: string[] = [];
  private data: OtpSessionData;
  private body: Record<string, unknown> | undefined;

  constructor(
    readonly core: WebCore,
    raw: WebRequest,
    readonly session: SessionPort,
  ) {
    this.req = parseRequest(raw);
    this.data = readSessionData(session) ?? {};
  }

  get store(): OtpStore {
    return this.core.options.store;
  }

  now(): number {
    return this.core.options.clock();
  }

  /** Read the session's login state: a completed login, a live pending login, or nothing. */
  async resolve(): Promise<void> {
    const { loadUser } = this.core.options;
    if (this.data.login) {
      const user = await loadUser(this.data.login.userId);
      if (user && user.id === this.data.login.userId) {
        this.state = { type: 'complete', user, login: this.data.login };
        return;
      }
      this.update({ login: undefined, stepUp: undefined });
    } else if (this.data.pending) {
      const bearer = this.data.pending;
      const pending = await readPendingLogin(this.store, bearer, this.now());
      const user = pending ? await loadUser(pending.userId) : null;
      if (pending && user && user.id === pending.userId) {
        this.state = { type: 'pending', user, pending, bearer };
        return;
      }
      this.update({ pending: undefined });
    }
    this.state = { type: 'anonymous' };
  }

  /** The session data as read (and as changed since). */
  get sessionData(): Readonly<OtpSessionData> {
    return this.data;
  }

  /** Change otpkit's session data and write it to the session. */
  update(change: Partial<OtpSessionData>): void {
    const next: Record<string, unknown> = { ...this.data, ...change };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    this.data = next as OtpSessionData;
    this.session.set(this.data);
  }

  /** The session's CSRF token, created (and saved) the first time a form needs it. */
  csrfToken(): string {
    if (!this.data.csrf) this.update({ csrf: newBearer() });
    return this.data.csrf!;
  }

  /** Take the one-time notice, if any. */
  takeNotice(): OtpNotice | null {
    const notice = this.data.notice ?? null;
    if (notice) this.update({ notice: undefined });
    return notice;
  }

  /**
   * A new session id. With `keepHostData` the host's keys survive (login completion); otpkit's own
   * data is replaced by `data` (a fresh CSRF token always).
   */
  async regenerate(keepHostData: boolean, data: Omit<OtpSessionData, 'csrf'>): Promise<void> {
    await this.session.regenerate({ keepHostData });
    this.data = {};
    this.update({ ...data, csrf: newBearer() });
  }

  /** The request body's fields (forms and JSON), read once, with the size limit. */
  async fields(): Promise<Record<string, unknown>> {
    if (this.body) return this.body;
    const raw = this.req.raw;
    let parsed: unknown = {};
    const bytes = raw.readBody ? await raw.readBody(this.core.options.bodyLimit) : undefined;
    if (bytes !== undefined) parsed = parseBody(headerValue(raw.headers, 'content-type'), bytes);
    else if (raw.parsedBody !== undefined && raw.parsedBody !== null) parsed = raw.parsedBody;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new WebBodyError(400, 'The body must be an object');
    }
    this.body = parsed as Record<string, unknown>;
    return this.body;
  }

  /** The query string's fields. */
  queryFields(): Record<string, unknown> {
    return fieldsOf(this.req.query);
  }
}
