/**
 * Test support (not exported from the package): a Mailer that keeps what it is asked to send, and
 * can be told to fail.
 */
import type { Mailer, MailMessage } from '../email/mailer.js';

export function recordingMailer() {
  const sent: MailMessage[] = [];
  let failure: Error | null = null;
  const mailer: Mailer = {
    async send(message) {
      if (failure) throw failure;
      sent.push(message);
    },
  };
  return {
    mailer,
    sent,
    /** Make the next sends reject (null: succeed again). */
    failWith(error: Error | null) {
      failure = error;
    },
    /** The code in the last message's text. */
    lastCode(): string {
      const text = sent.at(-1)?.text ?? '';
      const match = /\b(\d{6,8})\b/.exec(text);
      if (!match) throw new Error('no code in the last message');
      return match[1]!;
    },
  };
}
