/**
 * The suite's host app on Express (4 or 5): otpkit mounted at the root after express-session, the
 * guarded routes and the host routes of the adapter conformance contract.
 */
import type { WebOptions } from '@otpkit/web';
import { type AdapterApp, listenForTests } from '@otpkit/web/testing';
import type { Express, NextFunction, Request, Response } from 'express';
import session, { type Store } from 'express-session';
import { otpkit, requireOtp } from '../src/index.js';

type ExpressFactory = () => Express;

export async function startExpressApp(
  createExpress: ExpressFactory,
  web: WebOptions,
  store?: Store,
): Promise<AdapterApp> {
  const app = createExpress();
  const mounted = otpkit(web);
  app.use(
    session({
      secret: 'conformance-secret',
      resave: false,
      saveUninitialized: false,
      ...(store ? { store } : {}),
    }),
  );
  app.use(mounted);
  app.get('/admin', requireOtp(), (req, res) => {
    res.type('text/plain').send(`admin:${req.otp.user?.id}`);
  });
  app.get('/admin/sensitive', requireOtp({ stepUp: true }), (_req, res) => {
    res.type('text/plain').send('sensitive');
  });
  app.post('/admin/action', requireOtp(), (_req, res) => {
    res.type('text/plain').send('done');
  });
  app.get('/whoami', (req, res) => {
    res.json({
      state: req.otp.state,
      verified: req.otp.isVerified(),
      user: req.otp.user?.id ?? null,
      device: req.otp.device?.kind ?? null,
    });
  });
  app.get('/host/page', (_req, res) => {
    res.type('html').send('<!doctype html><title>Host</title><p>Host page</p>');
  });
  app.post('/host/login', async (req, res, next) => {
    try {
      const user = await web.loadUser(String(req.query.user));
      if (!user) return void res.status(401).end();
      const next = typeof req.query.next === 'string' ? req.query.next : undefined;
      res.redirect(303, await req.otp.beginLogin(user, next ? { next } : {}));
    } catch (error) {
      next(error);
    }
  });
  app.post('/host/session-keys', (req, res) => {
    Object.assign(req.session, { user: 'someone', userId: 'someone', isAdmin: true, verified: true });
    res.status(204).end();
  });
  app.get('/host/session-keys', (req, res) => {
    const { user, userId, isAdmin, verified } = req.session as unknown as Record<string, unknown>;
    res.json({ user, userId, isAdmin, verified });
  });
  app.post('/host/password-changed', async (req, res) => {
    await mounted.web.passwordChanged(String(req.query.user));
    res.status(204).end();
  });
  app.post('/host/logout', async (req, res) => {
    await req.otp.logout();
    res.status(204).end();
  });
  app.post('/host/raw', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => res.type('text/plain').send(Buffer.concat(chunks).toString('utf8')));
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error('[express test app] unexpected error', error);
    res.status(500).type('text/plain').send('internal error');
  });
  return listenForTests(app);
}
