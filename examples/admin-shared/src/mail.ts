/**
 * Email through nodemailer: to real SMTP when `SMTP_URL` is set, else to the development outbox (a
 * page of the demo, and the console), built by nodemailer's JSON transport so the message is the
 * one SMTP would carry.
 */
import { type Mailer, nodemailerMailer, type SendMailTransport } from '@otpkit/devices';
import type Database from 'better-sqlite3';
import nodemailer from 'nodemailer';

/** One message of the development outbox. */
export interface OutboxMessage {
  id: number;
  at: number;
  to: string;
  subject: string;
  text: string;
}

export interface DemoMail {
  mailer: Mailer;
  /** `smtp` when SMTP_URL is set; `outbox` otherwise. */
  mode: 'smtp' | 'outbox';
  /** The newest messages of the outbox first (empty in SMTP mode). */
  outbox(limit?: number): OutboxMessage[];
}

const FROM = { name: 'Acme Admin', address: 'no-reply@acme.test' };

/**
 * The demo's mailer.
 *
 * @example
 * ```ts
 * const mail = createMail({ sqlite, smtpUrl: process.env.SMTP_URL, clock: Date.now, log: console.log });
 * const otp = createOtp({ …, kinds: [emailCode({ mailer: mail.mailer })] });
 * ```
 */
export function createMail(options: {
  sqlite: Database.Database;
  smtpUrl?: string | undefined;
  clock: () => number;
  log: (line: string) => void;
}): DemoMail {
  const { sqlite, smtpUrl, clock, log } = options;
  if (smtpUrl) {
    const transport = nodemailer.createTransport(smtpUrl) as unknown as SendMailTransport;
    return { mailer: nodemailerMailer(transport, { from: FROM }), mode: 'smtp', outbox: () => [] };
  }
  const insert = sqlite.prepare('INSERT INTO demo_outbox (at, recipient, subject, body) VALUES (?, ?, ?, ?)');
  const list = sqlite.prepare<
    [number],
    { id: number; at: number; recipient: string; subject: string; body: string }
  >('SELECT * FROM demo_outbox ORDER BY id DESC LIMIT ?');
  const json = nodemailer.createTransport({ jsonTransport: true });
  const outboxTransport: SendMailTransport = {
    async sendMail(mail) {
      const info = await json.sendMail(mail);
      const message = JSON.parse(String(info.message)) as { subject: string; text: string };
      insert.run(clock(), mail.to, message.subject, message.text);
      log(
        `\n[outbox] To: ${mail.to}\n[outbox] Subject: ${message.subject}\n${message.text.replace(/^/gm, '[outbox]   ')}\n`,
      );
      return info;
    },
  };
  return {
    mailer: nodemailerMailer(outboxTransport, { from: FROM }),
    mode: 'outbox',
    outbox: (limit = 50) =>
      list
        .all(limit)
        .map((row) => ({ id: row.id, at: row.at, to: row.recipient, subject: row.subject, text: row.body })),
  };
}
