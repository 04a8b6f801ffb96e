/**
 * AdminJS behind otpkit walked in real headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core, never a downloaded browser): the password, forced enrollment, backup codes, the
 * panel and a resource list, step-up before a factor change, logout through otpkit; and with the
 * password alone, neither the panel nor its API answers any of its data. Screenshots of each page go
 * to .tmp/screenshots/adminjs-express/ (kept out of git).
 *
 * AdminJS is heavy in a browser: this walk runs when CI=true (`.ci/run`) or OTPKIT_ADMINJS_BROWSER=1,
 * not in every local `pnpm test`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { decodeBase32, generateTotp } from '@otpkit/core';
import { PANEL_SECRETS } from '@otpkit/example-admin-shared/adminjs';
import { type RunningDemo, startDemo } from '@otpkit/example-admin-shared/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminJsExpressApp, createAdminJsApp } from '../src/app.js';

const CHROMIUM = '/usr/bin/chromium';
const wanted = process.env.CI === 'true' || process.env.OTPKIT_ADMINJS_BROWSER === '1';
const missing = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install -y chromium)`;
if (wanted && missing && process.env.CI === 'true') {
  it('finds Chromium at /usr/bin/chromium (required when CI=true)', () => {
    throw new Error(missing);
  });
} else if (!wanted) {
  console.warn('Skipping the AdminJS browser walk: set OTPKIT_ADMINJS_BROWSER=1 (CI=true runs it)');
}

const shots = new URL('../../../.tmp/screenshots/adminjs-express/', import.meta.url).pathname;

describe.skipIf(!wanted || missing)('AdminJS on Express in Chromium', { timeout: 120_000 }, () => {
  let running: RunningDemo<AdminJsExpressApp>;
  let browser: Browser;
  let page: Page;
  let secret: Uint8Array;
  let count = 0;

  const url = (path: string) => `${running.url}${path}`;
  const path = (p: Page = page) => new URL(p.url()).pathname;
  const shot = async (name: string, p: Page = page) => {
    count += 1;
    await p.screenshot({ path: `${shots}${String(count).padStart(2, '0')}-${name}.png`, fullPage: true });
  };
  const login = () => running.demo.logins.find((l) => l.role === 'admin')!;
  const nextCode = () => {
    running.advance(30_000);
    return generateTotp({ secret, time: running.now() });
  };
  async function submit(p: Page, selector = 'button.otp-primary') {
    await Promise.all([p.waitForLoadState('load'), p.click(selector)]);
  }
  async function signIn(p: Page) {
    await p.goto(url('/admin'));
    await p.fill('#username', login().username);
    await p.fill('#password', login().password);
    await submit(p, 'button[type=submit].otp-primary');
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    running = await startDemo(createAdminJsApp);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await (await browser.newContext({ viewport: { width: 1440, height: 860 } })).newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('sends the administrator from the password to enrollment, not to the panel', async () => {
    await page.goto(url('/admin/resources/Customers'));
    expect(path()).toBe('/auth/login');
    await shot('sign-in');
    await signIn(page);
    expect(path()).toBe('/auth/enroll');
    await shot('enroll-choose');
    await page.goto(url('/admin'));
    expect(path()).toBe('/auth/enroll');
  });

  it('enrolls an authenticator, saves backup codes, then opens AdminJS as that administrator', async () => {
    await submit(page, 'form[action="/auth/enroll/totp"] button');
    const key = (await page.textContent('code.otp-key'))!;
    secret = decodeBase32(key.replace(/\s+/g, ''));
    await shot('enroll-authenticator');
    await page.fill('#code', generateTotp({ secret, time: running.now() }));
    await submit(page);
    expect(path()).toBe('/auth/backup-codes');
    await submit(page);
    expect(await page.$$('.otp-codes li')).toHaveLength(10);
    await shot('backup-codes');
    await submit(page, 'a.otp-primary');
    expect(path()).toBe('/admin');
    await page.waitForSelector('[data-css="logged-in"]');
    expect(await page.textContent('[data-css="logged-in"]')).toContain('ada@acme.test');
    await shot('adminjs-dashboard');
  });

  it('lists a resource of the panel', async () => {
    // AdminJS keeps its sidebar open from 1440 pixels wide: the resources, grouped under "Sales".
    await page.click('[data-css="sidebar"] >> text=Sales');
    await page.click('[data-css="sidebar"] >> text=Customers');
    await page.waitForSelector('text=Ada Lovelace');
    expect(path()).toBe('/admin/resources/Customers');
    await shot('adminjs-customers');
    await page.click('text=Grace Hopper');
    await page.waitForSelector('text=grace@cobol.test');
    await shot('adminjs-customer');
  });

  it('asks for a fresh code before the administrator changes their factors', async () => {
    running.advance(6 * 60_000); // the verification at sign-in is no longer fresh
    await page.goto(url('/auth/devices'));
    await shot('sign-in-security');
    await submit(page, 'a[href="/auth/enroll"]');
    expect(path()).toBe('/auth/step-up');
    await shot('step-up');
    await page.fill('#code', nextCode());
    await submit(page);
    expect(path()).toBe('/auth/enroll');
  });

  it('logs out from AdminJS’s menu through otpkit’s sign-out page', async () => {
    await page.goto(url('/admin'));
    await page.waitForSelector('[data-css="logged-in"]');
    await page.hover('[data-css="logged-in"]');
    await shot('adminjs-user-menu');
    await Promise.all([page.waitForURL(/\/auth\/logout$/), page.click('text=Log out')]);
    await shot('sign-out');
    await submit(page, 'main button[type=submit]');
    expect(path()).toBe('/auth/login');
    await page.goto(url('/admin'));
    expect(path()).toBe('/auth/login');
  });

  it('shows nothing of the panel or its API with the password alone', async () => {
    await signIn(page);
    expect(path()).toBe('/auth/verify');
    await shot('verify');
    for (const target of [
      '/admin',
      '/admin/resources/Customers',
      '/admin/resources/Invoices/records/1/show',
    ]) {
      await page.goto(url(target));
      expect(path(), target).toBe('/auth/verify');
    }
    // The API as AdminJS's front end calls it, with this browser's cookies (otpkit's pages forbid
    // scripts from fetching, so the requests go through the browser context, not the page).
    const answers = [];
    for (const p of [
      '/admin/api/resources/Customers/actions/list',
      '/admin/api/resources/Invoices/records/1/show',
      '/admin/api/dashboard',
    ]) {
      const response = await page.request.get(url(p), {
        headers: { accept: 'application/json' },
        maxRedirects: 0,
      });
      answers.push({ path: p, status: response.status(), text: await response.text() });
    }
    for (const answer of answers) {
      expect(answer.status, answer.path).toBe(401);
      for (const value of PANEL_SECRETS) expect(answer.text, answer.path).not.toContain(value);
    }
    await page.fill('#code', nextCode());
    await submit(page);
    expect(path()).toBe('/admin');
    await page.waitForSelector('[data-css="logged-in"]');
  });
});
