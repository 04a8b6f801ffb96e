import { describe, expect, it } from 'vitest';
import { enroll, T0 } from '../test-support/kind-harness.js';
import { recordingMailer } from '../test-support/recording-mailer.js';
import { emailCode } from './email-code.js';
import { defaultHtml, defaultSubject, defaultText, escapeHtml } from './email-templates.js';

const context = {
  purpose: 'sign-in' as const,
  code: '042917',
  siteName: 'Acme <Admin> & "Co"',
  expiresInMinutes: 5,
  email: 'a@acme.test',
};

describe('default email templates', () => {
  it('put the code and the site name in both bodies, and the site name in the subject', () => {
    expect(defaultText(context)).toContain('042917');
    expect(defaultText(context)).toContain('Acme <Admin> & "Co"');
    expect(defaultText(context)).toContain('5 minutes');
    expect(defaultHtml(context)).toContain('042917');
    expect(defaultSubject(context)).toBe('Your Acme <Admin> & "Co" verification code');
  });

  it('keep the code out of the subject, which shows on lock screens', () => {
    expect(defaultSubject(context)).not.toContain('042917');
  });

  it('escape the site name in HTML', () => {
    const html = defaultHtml(context);
    expect(html).toContain('Acme &lt;Admin&gt; &amp; &quot;Co&quot;');
    expect(html).not.toContain('<Admin>');
  });

  it.each([defaultText, defaultHtml])('hold no link: nothing in the message signs anyone in', (template) => {
    const body = template({ ...context, siteName: 'Acme' });
    expect(body).not.toMatch(/https?:|www\.|href/i);
  });

  it('speak of one minute in the singular', () => {
    expect(defaultText({ ...context, expiresInMinutes: 1 })).toContain('1 minute ');
  });

  it('word a sign-in code as one, with the warning that someone may know the password', () => {
    expect(defaultSubject(context)).toBe('Your Acme <Admin> & "Co" verification code');
    expect(defaultText(context)).toContain('If you did not just try to sign in to Acme <Admin> & "Co"');
  });

  it.each([defaultText, defaultHtml])(
    'word an enrollment code as the confirmation of the address, not as a sign-in',
    (template) => {
      const body = template({ ...context, siteName: 'Acme', purpose: 'enroll' });
      expect(body).toContain('Your code to confirm this email address for Acme is:');
      expect(body).toContain('042917');
      expect(body).toContain(
        'If that was not you, ignore this email: the address is not added without the code.',
      );
      expect(body).not.toMatch(/sign in|password/);
    },
  );

  it('give an enrollment code its own subject, still without the code', () => {
    const subject = defaultSubject({ ...context, siteName: 'Acme', purpose: 'enroll' });
    expect(subject).toBe('Confirm your email address for Acme');
  });

  it('escape the site name in the HTML of an enrollment code too', () => {
    expect(defaultHtml({ ...context, purpose: 'enroll' })).not.toContain('<Admin>');
  });
});

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`"'&`, '&quot;&#39;&amp;'],
    ['plain', 'plain'],
  ])('escapes %j', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});

describe('custom email templates', () => {
  it('receive the code, site name, lifetime in whole minutes and address', async () => {
    const seen: unknown[] = [];
    const box = recordingMailer();
    const kind = emailCode({
      mailer: box.mailer,
      siteName: 'Acme',
      ttl: 150,
      subject: (c) => {
        seen.push(c);
        return `Code for ${c.siteName}`;
      },
      text: (c) => `text ${c.code}`,
      html: (c) => `<b>${c.code}</b>`,
    });
    const h = await enroll(kind, { email: 'alice@acme.test' });
    await h.deliver!();
    const code = box.lastCode();
    expect(seen).toEqual([
      { purpose: 'enroll', code, siteName: 'Acme', expiresInMinutes: 2, email: 'alice@acme.test' },
    ]);
    expect(box.sent[0]).toEqual({
      to: 'alice@acme.test',
      subject: 'Code for Acme',
      text: `text ${code}`,
      html: `<b>${code}</b>`,
    });
  });

  it('receive the purpose "sign-in" for a code sent by challenge, and keep working when they ignore it', async () => {
    const purposes: string[] = [];
    const box = recordingMailer();
    const kind = emailCode({
      mailer: box.mailer,
      siteName: 'Acme',
      cooldown: 0,
      text: ({ code, purpose }) => {
        purposes.push(purpose);
        return `code ${code}`;
      },
      subject: ({ siteName }) => `${siteName} code`, // written before purposes existed
    });
    const h = await enroll(kind, { email: 'alice@acme.test' });
    await h.deliver!();
    const outcome = await h.challenge(T0 + 1_000);
    if (!outcome.sent) throw new Error('not sent');
    await outcome.deliver();
    expect(purposes).toEqual(['enroll', 'sign-in']);
    expect(box.sent.map((m) => m.subject)).toEqual(['Acme code', 'Acme code']);
  });

  it('cannot start a new header from the subject', async () => {
    const box = recordingMailer();
    const kind = emailCode({
      mailer: box.mailer,
      siteName: 'Acme',
      subject: () => 'Code\r\nBcc: all@acme.test',
    });
    const h = await enroll(kind, { email: 'alice@acme.test' });
    await h.deliver!();
    expect(box.sent[0]!.subject).toBe('Code Bcc: all@acme.test');
  });

  it('fail the delivery when a template throws', async () => {
    const box = recordingMailer();
    const kind = emailCode({
      mailer: box.mailer,
      siteName: 'Acme',
      html: () => {
        throw new Error('template bug');
      },
    });
    const h = await enroll(kind, { email: 'alice@acme.test' });
    await expect(h.deliver!()).rejects.toThrow('template bug');
    expect(box.sent).toHaveLength(0);
  });
});
