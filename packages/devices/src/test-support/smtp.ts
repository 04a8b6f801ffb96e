/**
 * Test support (not exported from the package): a real SMTP server in the test process, and a
 * nodemailer transport pointed at it. Plain SMTP on 127.0.0.1, no TLS and no authentication.
 */
import type { AddressInfo, Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { nodemailerMailer } from '../email/mailer.js';

/** How the server treats a message: take it, refuse the recipient, refuse the data, or hang up. */
export type SmtpBehaviour = 'accept' | 'refuse-recipient' | 'refuse-data' | 'hang-up';

export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  /** The raw RFC 5322 message, headers and body. */
  raw: string;
}

const smtpError = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });

export async function startSmtpServer(initial: SmtpBehaviour = 'accept') {
  let behaviour = initial;
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address: SMTPServerAddress, _session, callback) {
      if (behaviour === 'refuse-recipient') return callback(smtpError('Mailbox unavailable', 550));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (behaviour === 'refuse-data') return callback(smtpError('Message rejected as spam', 554));
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  // Hanging up: the socket is destroyed as soon as the client names a recipient.
  const sockets = new Set<Socket>();
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (chunk: Buffer) => {
      if (behaviour === 'hang-up' && /^RCPT TO/im.test(chunk.toString('latin1'))) socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 5_000,
  });

  return {
    port,
    received,
    mailer: nodemailerMailer(transport, { from: 'Acme <no-reply@acme.test>' }),
    setBehaviour(next: SmtpBehaviour) {
      behaviour = next;
    },
    /** The code in the last message received: the line that holds only digits. */
    lastCode(): string {
      const match = /^ {4}(\d{6,8})\r?$/m.exec(received.at(-1)?.raw ?? '');
      if (!match) throw new Error('no code in the last message');
      return match[1]!;
    },
    async close() {
      transport.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
