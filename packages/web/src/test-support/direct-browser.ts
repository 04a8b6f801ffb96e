/**
 * The web layer driven without a framework or a socket, for the package's own tests: one browser's
 * session (a plain object with otpkit's key and the host's), its cookies, and same-origin form posts
 * carrying the session's CSRF token, as otpkit's pages would. Not part of the published package.
 */
import { createOtpWeb, type OtpRequest, type OtpWeb } from '../create-otp-web.js';
import type { GuardOptions } from '../engine/guard.js';
import type { WebResponse } from '../http/response.js';
import type { WebOptions } from '../options.js';
import { OTPKIT_SESSION_KEY, type SessionPort } from '../session/session-port.js';
import { createWorld, type World, type WorldOptions } from '../testing/harness.js';

/** A reply as a test reads it. */
export interface DirectReply {
  status: number;
  headers: Record<string, string>;
  text: string;
  location: string | null;
  cookies: string[];
}

function toReply(response: WebResponse): DirectReply {
  const body = response.body;
  return {
    status: response.status,
    headers: response.headers,
    text: body === null ? '' : typeof body === 'string' ? body : Buffer.from(body).toString('utf8'),
    location: response.headers.location ?? null,
    cookies: response.cookies,
  };
}

/** One browser against a web layer. */
export class DirectBrowser {
  /** The session as the host's session store would hold it. */
  session: Record<string, unknown> = {};
  readonly cookies = new Map<string, string>();
  /** Session ids so far: a new one each time otpkit regenerates the session. */
  sessionIds = 1;

  constructor(readonly web: OtpWeb) {}

  private port(): SessionPort {
    return {
      get: () => this.session[OTPKIT_SESSION_KEY],
      set: (value) => {
        if (value === undefined) delete this.session[OTPKIT_SESSION_KEY];
        else this.session[OTPKIT_SESSION_KEY] = value;
      },
      regenerate: async ({ keepHostData }) => {
        const kept = keepHostData ? { ...this.session } : {};
        delete kept[OTPKIT_SESSION_KEY];
        this.session = kept;
        this.sessionIds += 1;
      },
    };
  }

  /** The session's CSRF token (as the last page of otpkit carried it). */
  get csrf(): string | undefined {
    return (this.session[OTPKIT_SESSION_KEY] as { csrf?: string } | undefined)?.csrf;
  }

  /** Open a request as an adapter would (headers of a same-origin browser). */
  async open(
    method: string,
    url: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<OtpRequest> {
    const headers: Record<string, string> = {
      host: 'admin.acme.test',
      accept: 'text/html',
      'user-agent':
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      ...(this.cookies.size > 0
        ? { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') }
        : {}),
      ...init.headers,
    };
    const bytes = init.body === undefined ? undefined : new TextEncoder().encode(init.body);
    return this.web.request(
      {
        method,
        url,
        headers,
        secure: false,
        ...(bytes ? { readBody: async () => bytes } : {}),
      },
      this.port(),
    );
  }

  private keep(reply: DirectReply): DirectReply {
    for (const line of reply.cookies) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return reply;
  }

  /** One of otpkit's routes; throws when the URL is not otpkit's. */
  async get(url: string, headers: Record<string, string> = {}): Promise<DirectReply> {
    const response = await (await this.open('GET', url, { headers })).handle();
    if (!response) throw new Error(`${url} is not an otpkit route`);
    return this.keep(toReply(response));
  }

  /** A same-origin form post with the session's CSRF token unless `_csrf` is given. */
  async post(
    url: string,
    fields: Record<string, string | string[]> = {},
    headers: Record<string, string> = {},
  ): Promise<DirectReply> {
    const params = new URLSearchParams();
    const all = '_csrf' in fields ? fields : { ...fields, _csrf: this.csrf ?? '' };
    for (const [name, value] of Object.entries(all)) {
      for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
    }
    const request = await this.open('POST', url, {
      body: params.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://admin.acme.test',
        'sec-fetch-site': 'same-origin',
        ...headers,
      },
    });
    const response = await request.handle();
    if (!response) throw new Error(`${url} is not an otpkit route`);
    return this.keep(toReply(response));
  }

  /** A host page behind the guard: null when it lets the request through. */
  async guard(url: string, options: GuardOptions = {}): Promise<DirectReply | null> {
    const response = await (await this.open('GET', url)).guard(options);
    return response ? this.keep(toReply(response)) : null;
  }
}

/** A world (service, users, clock, mail) and a web layer over it. */
export async function directWorld(
  options: WorldOptions & { web?: Partial<WebOptions> } = {},
): Promise<{ world: World; web: OtpWeb; browser(): DirectBrowser }> {
  const world = await createWorld(options);
  const web = createOtpWeb(world.webOptions());
  return { world, web, browser: () => new DirectBrowser(web) };
}

/** Password, then the page of the second step: a browser with a pending login. */
export async function passwordStep(
  browser: DirectBrowser,
  user: { username?: string | undefined; password: string },
): Promise<DirectReply> {
  await browser.get('/auth/login');
  return browser.post('/auth/login', { username: user.username ?? '', password: user.password });
}

/** Password and an authenticator code: a browser with a completed login. */
export async function signIn(
  browser: DirectBrowser,
  world: World,
  user: { username?: string | undefined; password: string },
  secret: Uint8Array,
): Promise<DirectReply> {
  const password = await passwordStep(browser, user);
  if (password.location !== '/auth/verify') throw new Error(`password step went to ${password.location}`);
  await browser.get('/auth/verify');
  const done = await browser.post('/auth/verify', { token: world.totpCode(secret) });
  if (done.status !== 303) throw new Error(`code step answered ${done.status}`);
  return done;
}
