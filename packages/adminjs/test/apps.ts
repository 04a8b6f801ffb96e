/**
 * The package's test apps: the demo's AdminJS panel behind otpkit on Express 5 and on Koa 2, each
 * with a host route that plants `adminUser` in the session (as AdminJS's own login would).
 */
import { buildRouter as buildExpressRouter } from '@adminjs/express';
import { buildRouter as buildKoaRouter } from '@adminjs/koa';
import KoaRouter from '@koa/router';
import { otpkit as expressOtpkit } from '@otpkit/adapters-express';
import { otpkit as koaOtpkit } from '@otpkit/adapters-koa';
import { createPanel } from '@otpkit/example-admin-shared/adminjs';
import type { WebOptions } from '@otpkit/web';
import { type AdapterApp, listenForTests } from '@otpkit/web/testing';
import { type default as AdminJS, Router } from 'adminjs';
import express from 'express';
import session from 'express-session';
import Koa from 'koa';
import koaSession from 'koa-session';
import { protectAdminJs as protectExpress } from '../src/express.js';
import { protectAdminJs as protectKoa } from '../src/koa.js';
import type { ProtectAdminJsOptions } from '../src/options.js';

export interface PanelApp extends AdapterApp {
  admin: AdminJS;
  /** Session values as the store keeps them (what a session store would write). */
  storedSessions(): string[];
}

export type StartPanelApp = (web: WebOptions, options?: ProtectAdminJsOptions) => Promise<PanelApp>;

/**
 * @adminjs/express serves AdminJS's assets with `res.sendFile`, which refuses a path through a dot
 * folder (pnpm's `node_modules/.pnpm/`): the same routes, first, allowing it.
 */
function assetsRouter() {
  const router = express.Router();
  for (const asset of Router.assets) {
    router.get(asset.path, (_req, res) => res.sendFile(asset.src, { dotfiles: 'allow' }));
  }
  return router;
}

export const startExpressPanel: StartPanelApp = async (web, options) => {
  const admin = createPanel();
  const store = new session.MemoryStore();
  const app = express();
  app.use(session({ secret: 'test', store, resave: false, saveUninitialized: false }));
  app.use(expressOtpkit(web));
  app.post('/host/plant-admin-user', (req, res) => {
    (req.session as unknown as Record<string, unknown>).adminUser = { email: 'planted@example.test' };
    res.status(204).end();
  });
  app.use(admin.options.rootPath, protectExpress(admin, options), buildExpressRouter(admin, assetsRouter()));
  const listening = await listenForTests(app);
  const sessions = (store as unknown as { sessions: Record<string, string> }).sessions;
  return { ...listening, admin, storedSessions: () => Object.values(sessions) };
};

export const startKoaPanel: StartPanelApp = async (web, options) => {
  const admin = createPanel();
  const data = new Map<string, unknown>();
  const app = new Koa();
  app.keys = ['test'];
  app.silent = true;
  app.use(
    koaSession(
      {
        store: {
          get: async (key: string) => data.get(key),
          set: async (key: string, value: unknown) => void data.set(key, value),
          destroy: async (key: string) => void data.delete(key),
        },
        sameSite: 'lax',
      },
      app,
    ),
  );
  app.use(koaOtpkit(web));
  const host = new KoaRouter();
  host.post('/host/plant-admin-user', (ctx) => {
    (ctx.session as unknown as Record<string, unknown>).adminUser = { email: 'planted@example.test' };
    ctx.status = 204;
  });
  app.use(host.routes());
  app.use(protectKoa(admin, options));
  const router = buildKoaRouter(admin, app as never);
  app.use(router.routes()).use(router.allowedMethods());
  const listening = await listenForTests(app.callback());
  return { ...listening, admin, storedSessions: () => [...data.values()].map((v) => JSON.stringify(v)) };
};
