/**
 * The worked example of docs/custom-adapter.md, run by the adapter suite: otpkit on plain
 * `node:http`, no framework. A third party's Fastify or Hono adapter has the same three parts:
 * a session (here a Map behind a random cookie), the translation (`nodeWebRequest`,
 * `hostSessionPort`, writing the `WebResponse` back), and a test app with the contract's routes.
 * Keep it in step with the page.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import {
  createOtpWeb,
  hostSessionPort,
  nodeWebRequest,
  type OtpRequest,
  type OtpWeb,
  type WebOptions,
  type WebResponse,
} from '@otpkit/web';
import { type AdapterApp, listenForTests } from '@otpkit/web/testing';

// --- the adapter: a session, a request in, a response out -------------------------------------

type SessionData = Record<string, unknown>;
const sessions = new Map<string, SessionData>();

/** A server-side session behind an `sid` cookie; `regenerate` gives it a new id. */
function openSession(req: IncomingMessage) {
  const id = /(?:^|;\s*)sid=([\w-]{43})(?:;|$)/.exec(req.headers.cookie ?? '')?.[1];
  const state = { id: id && sessions.has(id) ? id : undefined, data: (id && sessions.get(id)) || {} };
  return {
    port: hostSessionPort({
      current: () => state.data,
      dataKeys: (data) => Object.keys(data),
      regenerate: async () => {
        if (state.id) sessions.delete(state.id);
        state.id = undefined;
        state.data = {};
      },
    }),
    /** Save the data; the `Set-Cookie` to send when the id is new. */
    save(): string | null {
      if (state.id || Object.keys(state.data).length === 0) return null;
      state.id = randomBytes(32).toString('base64url');
      sessions.set(state.id, state.data);
      return `sid=${state.id}; Path=/; HttpOnly; SameSite=Lax`;
    },
    data: () => state.data,
  };
}

function send(res: ServerResponse, response: WebResponse, sessionCookie: string | null): void {
  const cookies = sessionCookie ? [...response.cookies, sessionCookie] : response.cookies;
  res.writeHead(response.status, {
    ...response.headers,
    ...(cookies.length ? { 'set-cookie': cookies } : {}),
  });
  res.end(response.body ?? undefined);
}

const text = (status: number, body: string, type = 'text/plain'): WebResponse => ({
  status,
  headers: { 'content-type': type },
  cookies: [],
  body,
});

// --- the test app: the contract's host routes ----------------------------------------------------

async function hostRoute(
  req: IncomingMessage,
  otp: OtpRequest,
  web: OtpWeb,
  session: SessionData,
): Promise<WebResponse> {
  const url = new URL(req.url ?? '/', 'http://app.test');
  const route = `${req.method} ${url.pathname}`;
  const guard = async (stepUp: boolean, body: string) => (await otp.guard({ stepUp })) ?? text(200, body);
  switch (route) {
    case 'GET /admin':
      return guard(false, `admin:${otp.api.user?.id}`);
    case 'GET /admin/sensitive':
      return guard(true, 'sensitive');
    case 'POST /admin/action':
      return guard(false, 'done');
    case 'GET /whoami': {
      const { state, user, device } = otp.api;
      const who = {
        state,
        verified: otp.api.isVerified(),
        user: user?.id ?? null,
        device: device?.kind ?? null,
      };
      return text(200, JSON.stringify(who), 'application/json');
    }
    case 'GET /host/page':
      return text(200, '<!doctype html><title>Host</title><p>Host page</p>', 'text/html');
    case 'POST /host/login': {
      const user = await web.options.loadUser(url.searchParams.get('user') ?? '');
      if (!user) return text(401, '');
      const next = url.searchParams.get('next');
      const to = await otp.api.beginLogin(user, next ? { next } : {});
      return { status: 303, headers: { location: to }, cookies: [], body: null };
    }
    case 'POST /host/session-keys':
      Object.assign(session, { user: 'someone', userId: 'someone', isAdmin: true, verified: true });
      return { status: 204, headers: {}, cookies: [], body: null };
    case 'GET /host/session-keys': {
      const { user, userId, isAdmin, verified } = session;
      return text(200, JSON.stringify({ user, userId, isAdmin, verified }), 'application/json');
    }
    case 'POST /host/password-changed':
      await web.passwordChanged(url.searchParams.get('user') ?? '');
      return { status: 204, headers: {}, cookies: [], body: null };
    case 'POST /host/logout':
      await otp.api.logout();
      return { status: 204, headers: {}, cookies: [], body: null };
    case 'POST /host/raw': {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      return text(200, Buffer.concat(chunks).toString('utf8'));
    }
    default:
      return text(404, 'not found');
  }
}

/** Start the example on port 0: the `createApp` of `runAdapterConformance`. */
export async function startNodeHttpApp(options: WebOptions): Promise<AdapterApp> {
  const web = createOtpWeb(options);
  const listener: RequestListener = async (req, res) => {
    try {
      const session = openSession(req);
      const request = nodeWebRequest(req, {
        url: req.url ?? '/',
        secure: false,
        ip: req.socket.remoteAddress,
      });
      const otp = await web.request(request, session.port);
      const response = (await otp.handle()) ?? (await hostRoute(req, otp, web, session.data()));
      send(res, response, session.save());
    } catch (error) {
      console.error('[node:http example] unexpected error', error);
      res.writeHead(500).end();
    }
  };
  return listenForTests(listener);
}
