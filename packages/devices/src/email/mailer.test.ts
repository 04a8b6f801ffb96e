import { describe, expect, it } from 'vitest';
import { nodemailerMailer, type SendMailTransport } from './mailer.js';

const message = { to: 'alice@acme.test', subject: 'S', text: 'T', html: '<p>H</p>' };

function fakeTransport(info: unknown = { accepted: ['alice@acme.test'], rejected: [] }) {
  const calls: unknown[] = [];
  const transport: SendMailTransport = {
    async sendMail(mail) {
      calls.push(mail);
      return info;
    },
  };
  return { transport, calls };
}

describe('nodemailerMailer', () => {
  it('sends the message from the configured sender', async () => {
    const { transport, calls } = fakeTransport();
    await nodemailerMailer(transport, { from: 'Acme <no-reply@acme.test>' }).send(message);
    expect(calls).toEqual([{ from: 'Acme <no-reply@acme.test>', ...message }]);
  });

  it('accepts a sender given as name and address', async () => {
    const { transport, calls } = fakeTransport();
    const from = { name: 'Acme', address: 'no-reply@acme.test' };
    await nodemailerMailer(transport, { from }).send(message);
    expect(calls).toEqual([{ from, ...message }]);
  });

  it('rejects when the server refused the recipient', async () => {
    const { transport } = fakeTransport({ accepted: [], rejected: ['alice@acme.test'] });
    await expect(nodemailerMailer(transport, { from: 'no-reply@acme.test' }).send(message)).rejects.toThrow(
      'refused the recipient',
    );
  });

  it('passes on a failure of the transport', async () => {
    const transport: SendMailTransport = { sendMail: () => Promise.reject(new Error('ECONNREFUSED')) };
    await expect(nodemailerMailer(transport, { from: 'no-reply@acme.test' }).send(message)).rejects.toThrow(
      'ECONNREFUSED',
    );
  });

  it.each([
    [{}, { from: 'no-reply@acme.test' }, 'Invalid option nodemailerMailer.transport'],
    [null, { from: 'no-reply@acme.test' }, 'Invalid option nodemailerMailer.transport'],
    [fakeTransport().transport, {}, 'Invalid option nodemailerMailer.from'],
    [
      fakeTransport().transport,
      { from: 'a@acme.test\r\nBcc: x@y.test' },
      'Invalid option nodemailerMailer.from',
    ],
    [
      fakeTransport().transport,
      { from: { name: 'A', address: 'nope' } },
      'Invalid option nodemailerMailer.from',
    ],
  ])('refuses a bad transport or sender with a TypeError naming it (%#)', (transport, options, text) => {
    expect(() => nodemailerMailer(transport as never, options as never)).toThrow(TypeError);
    expect(() => nodemailerMailer(transport as never, options as never)).toThrow(text);
  });
});
