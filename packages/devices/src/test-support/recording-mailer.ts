/**
 * Test support (not exported from the package): a Mailer that keeps what it is asked to send, and
 * can be told to fail.
 */
import type { Mailer, MailMessage } from '../email/mailer.js';

export function recordingMailer() {
  const sent: MailMessage[] = [];
  const attempted: MailMessage[] = [];
  let failure: Error | null = null;
  const mailer: Mailer = {
    async send(message) {
      attempted.push(message);
      if (failure) throw failure;
      sent.push(message);
    },
  };
  const codeIn = (message: MailMessage | undefined): string => {
    const match = /\b(\d{6,8})\b/.exec(message?.text ?? '');
    if (!match) throw new Error('no code in the message');
    return match[1]!;
  };
  return {
    mailer,
    /** Messages delivered. */
    sent,
    /** Messages the kind asked to send, delivered or not. */
    attempted,
    /** Make the next sends reject (null: succeed again). */
    failWith(error: Error | null) {
      failure = error;
    },
    /** The code in the last delivered message. */
    lastCode: () => codeIn(sent.at(-1)),
    /** The code in the last message asked for, delivered or not. */
    lastAttemptedCode: () => codeIn(attempted.at(-1)),
  };
}
