/**
 * One-time codes by email.
 */
import { randomInt } from 'node:crypto';
import type { DeviceCrypto, DeviceKind, KindEvent } from '@otpkit/core';
import { normalizeToken, OtpError, parseOptions } from '@otpkit/core';
import { z } from 'zod';
import { parseEnrollInput } from '../internal/parse-enroll-input.js';
import { parseImportInput } from '../internal/parse-import-input.js';
import { emailAddressSchema } from './email-address.js';
import { type EmailCodeOptions, emailCodeOptionsSchema } from './email-options.js';
import { defaultHtml, defaultSubject, defaultText, type EmailPurpose } from './email-templates.js';

/** What an email device stores: the address and, while a code is out, only its keyed hash. */
export type EmailData = {
  email: string;
  digits: number;
  /** Keyed hash of the code in force, or null when none is (never sent, used, dead or reverted). */
  codeHash: string | null;
  /** Epoch milliseconds at which the code in force stops working. */
  expiresAt: number | null;
  /** Wrong tries against the code in force. */
  tries: number;
  /** Epoch milliseconds of the last send, for the cooldown. */
  lastSentAt: number | null;
};

const enrollInputSchema = z.object({ email: emailAddressSchema }).strict();

/** Import input: the address only. A code in force at the source does not carry over. */
const importInputSchema = enrollInputSchema;

const SENT: KindEvent[] = [{ type: 'email.sent' }];

const HOUR_MS = 3_600_000;

/** The data with no code in force: what a used, dead or reverted code leaves behind. */
const withoutCode = (data: EmailData): EmailData => ({ ...data, codeHash: null, expiresAt: null, tries: 0 });

/**
 * The email device kind (`'email'`). Enrolling sends a code to the address, and the device stays
 * unconfirmed until `otp.confirm` gets it back. `otp.challenge` sends a fresh code. No code is sent
 * to a user within `cooldown` of the last one, nor past `maxSendsPerHour`, whichever path sends
 * (enrollment or challenge) and whichever device; each code works once, for `ttl` seconds, survives `maxTries` wrong
 * tries, and is replaced by the next one. Codes are stored only as keyed hashes, and a code whose
 * delivery fails is withdrawn.
 *
 * @example
 * ```ts
 * const mailer = nodemailerMailer(nodemailer.createTransport(smtpUrl), { from: 'Acme <no-reply@acme.test>' });
 * const otp = createOtp({ store, keyring, kinds: [emailCode({ mailer, siteName: 'Acme' })] });
 * const { device } = await otp.enroll({ userId, kind: 'email', email: 'alice@acme.test' }); // sends a code
 * await otp.confirm({ userId, deviceId: device.id, token: codeFromInbox });
 * await otp.challenge({ userId, deviceId: device.id }); // at login: { sent: true }
 * ```
 */
export function emailCode(options: EmailCodeOptions): DeviceKind<EmailData> {
  const o = parseOptions(emailCodeOptionsSchema, options, 'emailCode');
  const ttlMs = o.ttl * 1000;
  const cooldownMs = o.cooldown * 1000;
  const subject = o.subject ?? defaultSubject;
  const text = o.text ?? defaultText;
  const html = o.html ?? defaultHtml;

  /**
   * Milliseconds before this user may be sent another code (0: now), from the deliveries the
   * service recorded for them on every path: enrollment, challenges, any device. So neither
   * re-enrolling nor alternating devices can flood an inbox (or a stranger's, with an unverified address).
   */
  const waitBeforeSend = (deliveries: readonly number[], now: number): number => {
    let wait = 0;
    const last = deliveries[deliveries.length - 1];
    if (last !== undefined && cooldownMs > 0) wait = Math.min(cooldownMs, last + cooldownMs - now);
    const lastHour = deliveries.filter((at) => at > now - HOUR_MS);
    if (lastHour.length >= o.maxSendsPerHour) {
      const oldestCounted = lastHour[lastHour.length - o.maxSendsPerHour]!;
      wait = Math.max(wait, oldestCounted + HOUR_MS - now);
    }
    return Math.max(0, wait);
  };

  /** A fresh code: its hash goes into the data, the code itself only into the message. */
  const issue = (data: EmailData, now: number, crypto: DeviceCrypto, purpose: EmailPurpose) => {
    const code = String(randomInt(0, 10 ** data.digits)).padStart(data.digits, '0');
    const next: EmailData = {
      ...data,
      codeHash: crypto.hash(code),
      expiresAt: now + ttlMs,
      tries: 0,
      lastSentAt: now,
    };
    const deliver = async () => {
      const context = {
        purpose,
        code,
        siteName: o.siteName,
        expiresInMinutes: Math.floor(o.ttl / 60),
        email: data.email,
      };
      await o.mailer.send({
        to: data.email,
        // A custom subject is a header: a line break in it must not start a new one.
        subject: subject(context).replace(/[\r\n]+/g, ' '),
        text: text(context),
        html: html(context),
      });
    };
    return { next, deliver };
  };

  return {
    kind: 'email',
    defaultName: 'Email',

    parseToken: (token, device) => normalizeToken(token, device.data.digits),

    async enroll({ now, crypto, input, deliveries }) {
      const { email } = parseEnrollInput(enrollInputSchema, input, 'email');
      const wait = waitBeforeSend(deliveries, now);
      if (wait > 0) {
        throw new OtpError('OTP_COOLDOWN', 'A code was sent to this user too recently', {
          details: { retryAfterMs: wait },
        });
      }
      const empty: EmailData = {
        email,
        digits: o.digits,
        codeHash: null,
        expiresAt: null,
        tries: 0,
        lastSentAt: null,
      };
      const { next, deliver } = issue(empty, now, crypto, 'enroll');
      return { data: next, confirmed: false, reveal: {}, deliver, events: SENT };
    },

    async challenge({ device, now, crypto, deliveries }) {
      const d = device.data;
      const wait = waitBeforeSend(deliveries, now);
      if (wait > 0) return { sent: false, reason: 'cooldown', retryAfterMs: wait };
      const { next, deliver } = issue(d, now, crypto, 'sign-in');
      return {
        sent: true,
        data: next,
        deliver,
        // Withdraw the undelivered code (and its cooldown, so the user may retry at once), unless a
        // later send has already replaced it.
        revert: (current) =>
          current.codeHash === next.codeHash ? { ...withoutCode(current), lastSentAt: null } : current,
        events: SENT,
      };
    },

    verify({ device, token, now, crypto }) {
      const d = device.data;
      if (d.codeHash === null || d.expiresAt === null || now >= d.expiresAt || d.tries >= o.maxTries) {
        return { ok: false, reason: 'expired' };
      }
      if (!crypto.verifyHash(token, d.codeHash)) {
        const tries = d.tries + 1;
        // The last try spent: the code is dead, and its hash goes with it.
        const data = tries >= o.maxTries ? { ...withoutCode(d), tries } : { ...d, tries };
        return { ok: false, reason: 'invalid', data };
      }
      return { ok: true, data: withoutCode(d) };
    },

    // Another system's email device (django-otp): the address, with no code in force, and nothing
    // sent: the user gets a code at the next sign-in.
    import: ({ input }) => {
      const { email } = parseImportInput(importInputSchema, input, 'email');
      const data: EmailData = {
        email,
        digits: o.digits,
        codeHash: null,
        expiresAt: null,
        tries: 0,
        lastSentAt: null,
      };
      return { data };
    },

    describe: (device) => ({ email: device.data.email }),

    // Only a code still in force needs its key; a dead one's hash is no loss.
    secretsInUse: (device, now) => {
      const d = device.data;
      return d.codeHash !== null && d.expiresAt !== null && now < d.expiresAt ? [d.codeHash] : [];
    },
  };
}
