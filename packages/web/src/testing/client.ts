/**
 * A small browser for the adapter suite: real HTTP with `fetch`, a cookie jar, redirects followed by
 * hand (so each hop can be checked), the CSRF token read from the last page, and the headers a
 * browser sends on a same-origin form post.
 */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
  setCookies: string[];
  /** The body parsed as JSON. */
  json<T = Record<string, unknown>>(): T;
}

/**
 * The suite's browser: a cookie jar, redirects followed by hand, the CSRF token of the last page,
 * and same-origin form and JSON posts.
 *
 * @example
 * ```ts
 * const client = new Client(app.url);
 * const login = await client.post('/auth/login', { username: 'alice', password: 'pw' });
 * ```
 */
export class Client {
  readonly cookies = new Map<string, string>();
  csrf: string | null = null;

  /**
   * @param base the app's URL, e.g. `http://127.0.0.1:53211`
   * @param basePath otpkit's base path on it (where `GET …/session` gives the CSRF token)
   */
  constructor(
    readonly base: string,
    readonly basePath = '/auth',
  ) {}

  /** A new client of the same app, with no cookies (another browser). */
  fresh(): Client {
    return new Client(this.base, this.basePath);
  }

  /** A copy of this client's cookies in a new client (an attacker holding a stolen cookie). */
  clone(): Client {
    const other = this.fresh();
    for (const [k, v] of this.cookies) other.cookies.set(k, v);
    other.csrf = this.csrf;
    return other;
  }

  /** The `Cookie` header this client sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** One request with this client's cookies; redirects are not followed, cookies are kept. */
  async request(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'text/html', ...init.headers };
    for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    const response = await fetch(new URL(path, this.base), {
      method,
      headers,
      redirect: 'manual',
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    return {
      status: response.status,
      headers: response.headers,
      text,
      location: response.headers.get('location'),
      setCookies,
      json: <T>() => JSON.parse(text) as T,
    };
  }

  /** A page navigation (`Accept: text/html`). */
  get(path: string, headers: Record<string, string> = {}) {
    return this.request('GET', path, { headers });
  }

  /** A GET that asks for JSON. */
  getJson(path: string) {
    return this.request('GET', path, { headers: { accept: 'application/json' } });
  }

  /** The session's current CSRF token, as a page of otpkit would carry it. */
  async currentCsrf(): Promise<string> {
    const reply = await this.getJson(`${this.basePath}/session`);
    this.csrf = reply.json<{ csrfToken: string }>().csrfToken;
    return this.csrf;
  }

  /**
   * A same-origin form post, with the session's current CSRF token (as on the page the user came
   * from) unless `_csrf` is given (null: none).
   */
  async post(
    path: string,
    fields: Record<string, string | string[] | null> = {},
    headers: Record<string, string> = {},
  ) {
    const params = new URLSearchParams();
    const withToken = '_csrf' in fields ? fields : { ...fields, _csrf: await this.currentCsrf() };
    for (const [name, value] of Object.entries(withToken)) {
      if (value === null) continue;
      for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
    }
    return this.request('POST', path, {
      body: params.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: new URL(this.base).origin,
        'sec-fetch-site': 'same-origin',
        ...headers,
      },
    });
  }

  /** A JSON post with the CSRF token in `X-CSRF-Token` (unless `csrf` is null). */
  postJson(path: string, body: unknown, csrf: string | null = this.csrf) {
    return this.request('POST', path, {
      body: JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        origin: new URL(this.base).origin,
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
    });
  }

  /** Follow redirects from a reply (GET), up to `max` hops; returns the final reply and the path taken. */
  async follow(reply: Reply, max = 10): Promise<{ reply: Reply; hops: string[] }> {
    const hops: string[] = [];
    let current = reply;
    while (current.status >= 300 && current.status < 400 && current.location) {
      if (hops.length >= max) throw new Error(`redirect loop: ${hops.join(' -> ')}`);
      hops.push(current.location);
      current = await this.get(current.location);
    }
    return { reply: current, hops };
  }
}
