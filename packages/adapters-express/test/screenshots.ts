/**
 * Walks every otpkit page in Chromium and saves a screenshot of each to .tmp/screenshots/ (kept out
 * of git), to look at what an administrator sees. Run: `npx tsx packages/adapters-express/test/screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { createWorld } from '@otpkit/web/testing';
import express from 'express';
import { chromium, type Page } from 'playwright-core';
import { startExpressApp } from './test-app.js';

const out = new URL('../../../.tmp/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const world = await createWorld({ web: { trustedBrowsers: { enabled: true } } });
const app = await startExpressApp(express, world.webOptions({ messages: { 'site.name': 'Acme Admin' } }));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page: Page = await browser.newPage({ viewport: { width: 1000, height: 820 } });
const shot = async (name: string) => {
  await page.screenshot({ path: `${out}${name}.png`, fullPage: true });
  console.log('saved', name);
};
const go = (path: string) => page.goto(`${app.url}${path}`);

try {
  const alice = world.addUser({ displayName: 'Alice Martin', username: 'alice' });
  await go('/admin');
  await shot('01-login');
  await page.fill('#username', 'alice');
  await page.fill('#password', 'wrong');
  await page.click('button[type=submit].otp-primary');
  await shot('02-login-error');
  await page.fill('#username', 'alice');
  await page.fill('#password', alice.password);
  await page.click('button[type=submit].otp-primary');
  await shot('03-enroll-choose');
  await page.click('form[action="/auth/enroll/totp"] button');
  await shot('04-enroll-totp');
  const key = (await page.textContent('code.otp-key'))!;
  await page.fill('#code', '000000');
  await page.click('button.otp-primary');
  await shot('05-enroll-totp-wrong');
  world.advance(2_000);
  await page.fill('#code', world.codeFromManualKey(key));
  await page.click('button.otp-primary');
  await shot('06-backup-codes-intro');
  await page.click('button.otp-primary');
  await shot('07-backup-codes');
  await page.click('a.otp-primary');
  await go('/auth/devices');
  await shot('08-devices');
  world.advance(6 * 60_000);
  const remove = await page.getAttribute('a.otp-danger-link', 'href');
  await go(remove!);
  await shot('09-step-up');
  await page.fill('#code', world.codeFromManualKey(key));
  await page.click('button.otp-primary');
  await shot('10-confirm-remove');
  await go('/auth/logout');
  await shot('11-logout');
  const codes = await world.addBackupCodes(alice.id);
  for (const code of codes.slice(0, 7)) await world.otp.verifyToken({ userId: alice.id, token: code });
  world.advance(120_000);
  await page.click('button.otp-primary');
  world.advance(60_000);
  await page.fill('#username', 'alice');
  await page.fill('#password', alice.password);
  await page.click('button[type=submit].otp-primary');
  await shot('12-verify-totp');
  await page.fill('#code', '123');
  await page.click('button.otp-primary');
  await shot('13-verify-error');
  await page.click('.otp-others a');
  await shot('14-verify-backup');
  await page.fill('#code', codes[8]!);
  await page.check('#trust');
  await page.click('button.otp-primary');
  await shot('15-backup-code-used');
  await go('/auth/devices');
  await shot('16-devices-with-browser');
  const rename = await page.getAttribute('a[href$="/rename"]', 'href');
  await go(rename!);
  await shot('17-rename');

  const bob = world.addUser({ displayName: 'Bob', username: 'bob' });
  const enrolled = await world.otp.enroll({
    userId: bob.id,
    kind: 'email',
    email: 'bob.builder@example.test',
  });
  await world.otp.confirm({ userId: bob.id, deviceId: enrolled.device.id, token: world.lastEmailCode() });
  world.advance(120_000);
  const other = await browser.newPage({ viewport: { width: 1000, height: 820 } });
  await other.goto(`${app.url}/auth/login`);
  await other.fill('#username', 'bob');
  await other.fill('#password', bob.password);
  await other.click('button[type=submit].otp-primary');
  await other.click('form.otp-send button');
  await other.screenshot({ path: `${out}18-verify-email-sent.png`, fullPage: true });
  for (let i = 0; i < 12; i++) {
    if (!(await other.$('#code'))) break;
    await other.fill('#code', '000000');
    await other.click('button.otp-primary');
    world.advance(61_000);
  }
  await other.screenshot({ path: `${out}19-locked.png`, fullPage: true });
  await other.goto(`${app.url}/auth/nope`);
  await other.screenshot({ path: `${out}20-not-found.png`, fullPage: true });
  const carol = world.addUser({ username: 'carol' });
  const third = await browser.newPage({ viewport: { width: 1000, height: 820 } });
  await third.goto(`${app.url}/auth/login`);
  await third.fill('#username', 'carol');
  await third.fill('#password', carol.password);
  await third.click('button[type=submit].otp-primary');
  await third.click('form[action="/auth/enroll/email"] button');
  await third.screenshot({ path: `${out}21-enroll-email.png`, fullPage: true });
  await third.click('button.otp-primary');
  await third.screenshot({ path: `${out}22-enroll-email-code.png`, fullPage: true });
  const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await phone.goto(`${app.url}/auth/login`);
  await phone.screenshot({ path: `${out}23-phone-login.png`, fullPage: true });
} finally {
  await browser.close();
  await app.close();
}
