/**
 * The demo walked as a person would, in real headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core; never a downloaded browser): forced enrollment, backup codes, every way to sign
 * in, a trusted browser and its revocation, an editor's email codes, and the administrators'
 * recovery page. Every demo runs it; a screenshot of each page goes to .tmp/screenshots/<demo>/
 * (kept out of git).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { decodeBase32, generateTotp } from '@otpkit/core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CreateDemoApp, type RunningDemo, startDemo } from './start-demo.js';

const CHROMIUM = '/usr/bin/chromium';

/**
 * The browser journey of a demo, named by its screenshots folder (`express-admin`, `koa-admin`).
 */
export function describeBrowserJourney(options: { name: string; create: CreateDemoApp }): void {
  const missing = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install -y chromium)`;
  if (missing && process.env.CI === 'true') {
    it('finds Chromium at /usr/bin/chromium (required when CI=true)', () => {
      throw new Error(missing);
    });
  } else if (missing) {
    console.warn(`Skipping the ${options.name} browser test: ${missing}`);
  }

  const shots = new URL(`../../../../.tmp/screenshots/${options.name}/`, import.meta.url).pathname;

  // A whole page walk per test: generous timeouts for a machine shared with other work.
  describe.skipIf(missing)(`${options.name} in Chromium`, { timeout: 90_000 }, () => {
    let running: RunningDemo;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let secret: Uint8Array;
    let backupCodes: string[];
    let count = 0;

    const url = (path: string) => `${running.url}${path}`;
    const path = (p: Page = page) => new URL(p.url()).pathname;
    const shot = async (name: string, p: Page = page) => {
      count += 1;
      await p.screenshot({ path: `${shots}${String(count).padStart(2, '0')}-${name}.png`, fullPage: true });
    };
    const login = (role: 'admin' | 'editor') => running.demo.logins.find((l) => l.role === role)!;
    /** The code the phone shows now. */
    const code = () => generateTotp({ secret, time: running.now() });
    /** Time passes, so that the next code is a new one (each is accepted once). */
    const nextCode = () => {
      running.advance(30_000);
      return code();
    };

    async function submit(p: Page, selector = 'button.otp-primary') {
      await Promise.all([p.waitForLoadState('load'), p.click(selector)]);
    }

    async function signIn(p: Page, role: 'admin' | 'editor') {
      await p.goto(url('/admin'));
      await p.fill('#username', login(role).username);
      await p.fill('#password', login(role).password);
      await submit(p, 'button[type=submit].otp-primary');
    }

    async function signOut(p: Page = page) {
      // The demo's header and otpkit's pages each have a sign-out form.
      await submit(p, 'header form[action$="/logout"] button');
      expect(path(p)).toBe('/auth/login');
    }

    beforeAll(async () => {
      mkdirSync(shots, { recursive: true });
      running = await startDemo(options.create);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      context = await browser.newContext({ viewport: { width: 1100, height: 800 }, acceptDownloads: true });
      page = await context.newPage();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await running?.close();
    });

    it('sends the administrator from the password straight to enrollment', async () => {
      await page.goto(url('/admin'));
      expect(path()).toBe('/auth/login');
      await shot('sign-in');
      await page.fill('#username', 'admin');
      await page.fill('#password', 'not the password');
      await submit(page, 'button[type=submit].otp-primary');
      expect(await page.textContent('[role=alert]')).toContain('did not match');
      await shot('sign-in-wrong-password');
      await signIn(page, 'admin');
      expect(path()).toBe('/auth/enroll');
      await shot('enroll-choose');
      await page.goto(url('/admin/users'));
      expect(path()).toBe('/auth/enroll');
    });

    it('enrolls an authenticator from the manual key on the page', async () => {
      await submit(page, 'form[action="/auth/enroll/totp"] button');
      const key = (await page.textContent('code.otp-key'))!;
      expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
      expect(await page.$('.otp-qr svg')).not.toBeNull();
      await shot('enroll-authenticator');
      secret = decodeBase32(key.replace(/\s+/g, ''));
      await page.fill('#code', code());
      await submit(page);
      expect(path()).toBe('/auth/backup-codes');
      await shot('backup-codes-offer');
    });

    it('shows backup codes once, and downloads them as a text file', async () => {
      await submit(page);
      backupCodes = await page.$$eval('.otp-codes li', (items) => items.map((li) => li.textContent!.trim()));
      expect(backupCodes).toHaveLength(10);
      for (const c of backupCodes) expect(c).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
      // Two columns whose rows line up: each row's two codes sit at the same height.
      const tops = await page.$$eval('.otp-codes li', (items) =>
        items.map((li) => Math.round(li.getBoundingClientRect().top)),
      );
      const perRow = new Map<number, number>();
      for (const top of tops) perRow.set(top, (perRow.get(top) ?? 0) + 1);
      expect([...perRow.values()]).toEqual([2, 2, 2, 2, 2]);
      // …inside their box (a grid of max-content columns once pushed the second past the card).
      const fits = await page.$eval('.otp-codes', (list) => {
        const box = list.getBoundingClientRect();
        return [...list.querySelectorAll('code')].every((c) => c.getBoundingClientRect().right <= box.right);
      });
      expect(fits).toBe(true);
      expect(await page.textContent('main')).toContain('If you lose your phone, a backup code');
      await shot('backup-codes');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('form[action="/auth/backup-codes/download"] button'),
      ]);
      const text = readFileSync((await download.path())!, 'utf8');
      for (const c of backupCodes) expect(text).toContain(c);
      expect(download.suggestedFilename()).toMatch(/\.txt$/);
      await submit(page, 'a.otp-primary');
      expect(path()).toBe('/admin');
      expect(await page.textContent('main')).toContain('You signed in with');
      await shot('dashboard');
    });

    it('shows the admin pages: users, audit log, the administrators’ page', async () => {
      await page.goto(url('/admin/users'));
      expect(await page.textContent('table')).toContain('Eddie Editor');
      await shot('users');
      await page.goto(url('/admin/audit'));
      const audit = (await page.textContent('table'))!;
      expect(audit).toContain('Method confirmed');
      expect(audit).toContain('Backup codes generated');
      expect(audit).toContain('Signed in'); // the web layer's login.completed: method code
      await shot('audit-log');
      await page.goto(url('/admin/security'));
      expect(path()).toBe('/admin/security');
      await shot('administrators-page');
    });

    it('signs out, and signs in again with a code from the authenticator', async () => {
      await signOut();
      await shot('signed-out');
      await signIn(page, 'admin');
      expect(path()).toBe('/auth/verify');
      await shot('verify-authenticator');
      await page.fill('#code', nextCode());
      await submit(page);
      expect(path()).toBe('/admin');
    });

    it('signs in with a backup code, which is refused the second time', async () => {
      await signOut();
      await signIn(page, 'admin');
      expect(await page.textContent('.otp-others a')).toBe('Use a backup code instead');
      await submit(page, '.otp-others a[href*="device="]');
      expect(await page.textContent('main')).toContain('backup codes');
      expect(await page.textContent('.otp-others a')).toBe('Use your authenticator app instead');
      await shot('verify-backup-code');
      await page.fill('#code', backupCodes[0]!);
      await submit(page);
      expect(await page.textContent('main')).toContain('9 backup codes left');
      await shot('backup-code-used');
      await submit(page, 'a.otp-primary');
      expect(path()).toBe('/admin');
      await signOut();
      await signIn(page, 'admin');
      await submit(page, '.otp-others a[href*="device="]');
      await page.fill('#code', backupCodes[0]!);
      await submit(page);
      expect(path()).toBe('/auth/verify');
      expect(await page.textContent('[role=alert]')).toBe(
        'That backup code was already used: each one works once. Enter another of your codes.',
      );
      await shot('backup-code-refused');
    });

    it('trusts the browser, then signs in without a code', async () => {
      running.advance(5_000); // past the short delay after the wrong code
      await page.goto(url('/auth/verify'));
      await page.fill('#code', nextCode());
      await page.check('#trust');
      await shot('verify-trust-browser');
      await submit(page);
      expect(path()).toBe('/admin');
      await signOut();
      await signIn(page, 'admin');
      expect(path()).toBe('/admin');
      await shot('trusted-browser-no-code');
    });

    it('revokes the trusted browser after a fresh verification; then a code is asked again', async () => {
      await page.goto(url('/auth/devices'));
      expect(await page.textContent('main')).toContain('This browser');
      // The way back to the site: its name in the header, and "Back to Acme Admin".
      expect(await page.getAttribute('header a.otp-site', 'href')).toBe('/admin');
      expect(await page.getAttribute('a:text-is("Back to Acme Admin")', 'href')).toBe('/admin');
      await shot('sign-in-security');
      await submit(page, 'a[href*="/auth/browsers/"][href$="/revoke"]');
      expect(path()).toBe('/auth/step-up');
      await shot('step-up');
      await page.fill('#code', nextCode());
      await submit(page);
      await shot('confirm-revoke-browser');
      await submit(page, 'main button[type=submit]:not(.otp-link)');
      expect(path()).toBe('/auth/devices');
      expect(await page.textContent('main')).toContain('No browser is trusted');
      await shot('browser-revoked');
      await signOut();
      await signIn(page, 'admin');
      expect(path()).toBe('/auth/verify');
      await page.fill('#code', nextCode());
      await submit(page);
      expect(path()).toBe('/admin');
    });

    it('lets the editor in with the password alone, and add email codes through the outbox', async () => {
      const editorContext = await browser.newContext({ viewport: { width: 1100, height: 800 } });
      const editor = await editorContext.newPage();
      try {
        await signIn(editor, 'editor');
        expect(path(editor)).toBe('/admin');
        await shot('editor-dashboard', editor);
        await editor.goto(url('/admin/security'));
        expect(await editor.textContent('h1')).toContain('Administrators only');
        await editor.goto(url('/auth/devices'));
        await submit(editor, 'a[href="/auth/enroll"]');
        await submit(editor, 'form[action="/auth/enroll/email"] button');
        await editor.fill('#email', 'eddie@acme.test');
        await shot('enroll-email', editor);
        await submit(editor);
        await shot('enroll-email-code', editor);
        const outbox = await editorContext.newPage();
        await outbox.goto(url('/outbox'));
        await shot('outbox', outbox);
        // The enrollment email confirms an address: it does not speak of a sign-in.
        expect(await outbox.textContent('.demo-mail strong')).toBe(
          'Confirm your email address for Acme Admin',
        );
        const mail = (await outbox.textContent('.demo-mail pre'))!;
        expect(mail).not.toContain('sign in');
        expect(await outbox.textContent('main')).toContain(
          'A verification method was added to your account: Authenticator app.',
        );
        const emailed = /\b(\d{6})\b/.exec(mail)![1]!;
        await editor.fill('#code', emailed);
        await submit(editor);
        expect(await editor.textContent('main')).toContain(
          'If you cannot get into your email, a backup code',
        );
        expect(await editor.textContent('main')).not.toContain('phone');
        await shot('editor-enrolled', editor);
        expect(
          (await running.demo.otp.status({ userId: running.demo.users.findByUsername('editor')!.id }))
            .enrolled,
        ).toBe(true);
      } finally {
        await editorContext.close();
      }
    });

    it('unlocks a throttled editor and removes their lost factor from the administrators’ page', async () => {
      const editorId = running.demo.users.findByUsername('editor')!.id;
      for (let i = 0; i < 3; i++) {
        await running.demo.otp.verifyToken({ userId: editorId, token: '000000' });
        running.advance(10_000);
      }
      running.advance(6 * 60_000); // the administrator's last verification is now stale
      await page.goto(url('/admin/security'));
      expect(path()).toBe('/auth/step-up');
      await page.fill('#code', nextCode());
      await submit(page);
      expect(path()).toBe('/admin/security');
      expect(await page.textContent('main')).toContain('3 wrong codes in a row');
      await shot('administrators-page-throttled');
      await submit(page, `a[href="/admin/security/users/${editorId}/unlock"]`);
      await shot('confirm-unlock');
      await submit(page);
      expect(await page.textContent('[role=status]')).toContain('Eddie Editor is unlocked');
      expect((await running.demo.otp.status({ userId: editorId })).failures).toBe(0);
      await submit(page, `a[href^="/admin/security/users/${editorId}/devices/"]`);
      await shot('confirm-remove-factor');
      await submit(page, 'button.otp-danger');
      expect(await page.textContent('[role=status]')).toContain('was removed from Eddie Editor');
      await shot('factor-removed');
      expect((await running.demo.otp.status({ userId: editorId })).enrolled).toBe(false);
      await page.goto(url('/admin/audit'));
      const audit = (await page.textContent('table'))!;
      expect(audit).toContain('Unlocked by an administrator');
      for (const event of [
        'Browser trusted',
        'Trusted browsers revoked',
        'Signed out',
        'a trusted browser, no code',
      ]) {
        expect(audit).toContain(event);
      }
      await shot('audit-log-after');
    });

    it('fits a phone screen', async () => {
      const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
      try {
        await phone.goto(url('/auth/login'));
        await shot('phone-sign-in', phone);
      } finally {
        await phone.close();
      }
    });
  });
}
