/**
 * Starts the demo on port 0 with a temporary data directory and a clock the test moves; helpers to
 * sign in the way a browser does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBase32, generateTotp } from '@otpkit/core';
import { Client, listenForTests } from '@otpkit/web/testing';
import type { DemoApp, DemoOptions } from '../demo.js';

/** A demo's app factory (`createDemoApp` of express-admin or koa-admin). */
export type CreateDemoApp<App extends DemoApp = DemoApp> = (options: DemoOptions) => Promise<App>;

export interface RunningDemo<App extends DemoApp = DemoApp> {
  demo: App;
  url: string;
  now(): number;
  advance(ms: number): void;
  /** What the demo printed (the outbox, warnings). */
  printed: string[];
  client(): Client;
  close(): Promise<void>;
}

export async function startDemo<App extends DemoApp>(
  createDemoApp: CreateDemoApp<App>,
): Promise<RunningDemo<App>> {
  const dir = mkdtempSync(join(tmpdir(), 'otpkit-demo-'));
  let now = Date.UTC(2030, 0, 1, 12, 0, 0);
  const printed: string[] = [];
  const demo = await createDemoApp({
    dataDir: dir,
    clock: () => now,
    log: (line) => void printed.push(line),
  });
  const app = await listenForTests(demo.listener);
  const url = app.url;
  return {
    demo,
    url,
    printed,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    client: () => new Client(url),
    async close() {
      await app.close();
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Enroll and confirm an authenticator for a user straight through the service; returns its secret. */
export async function addTotp(running: RunningDemo, userId: string): Promise<Uint8Array> {
  const { otp } = running.demo;
  const enrolled = await otp.enroll({ userId, kind: 'totp', name: 'Test phone', label: userId });
  const secret = decodeBase32(enrolled.secret!);
  const confirmed = await otp.confirm({
    userId,
    deviceId: enrolled.device.id,
    token: generateTotp({ secret, time: running.now() }),
  });
  if (!confirmed.ok) throw new Error(`could not confirm: ${confirmed.reason}`);
  running.advance(30_000); // the confirming step is used up
  return secret;
}

/** The password step on otpkit's sign-in page; resolves the redirect's target. */
export async function signInWithPassword(
  client: Client,
  username: string,
  password: string,
): Promise<string | null> {
  await client.get('/auth/login');
  const reply = await client.post('/auth/login', { username, password });
  if (reply.status !== 303) throw new Error(`password step answered ${reply.status}`);
  return reply.location;
}

/** The `_csrf` value of the demo's own forms on a page. */
export function demoCsrf(pageHtml: string): string {
  const match =
    /<form method="post" action="\/[^"]*"[^>]*>\s*<input type="hidden" name="_csrf" value="([^"]+)"/.exec(
      pageHtml,
    );
  if (!match) throw new Error('no demo form on the page');
  return match[1]!;
}
