/**
 * `npx -y pnpm@10 demo`: start the demo admin site and print where it is and how to sign in.
 * Settings: PORT (default 3000), HOST (default 127.0.0.1), DATA_DIR (default ./data beside this
 * example), SMTP_URL (send email by SMTP instead of the development outbox).
 */
import { fileURLToPath } from 'node:url';
import { createDemoApp } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = process.env.DATA_DIR ?? fileURLToPath(new URL('../data/', import.meta.url));

const demo = await createDemoApp({ dataDir, smtpUrl: process.env.SMTP_URL || undefined });
const server = demo.app.listen(port, host, () => {
  const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`;
  const admin = demo.logins.find((l) => l.role === 'admin')!;
  const editor = demo.logins.find((l) => l.role === 'editor');
  const lines = [
    '',
    `  Acme Admin, an otpkit demo, is running at ${url}/admin`,
    '',
    `  Sign in as the administrator:  username ${admin.username}   password ${admin.password}`,
    '    Two-step verification is required for administrators: the first sign-in sets it up.',
    ...(editor
      ? [
          `  A second user, an editor:       username ${editor.username}  password ${editor.password}`,
          '    (two-step verification optional)',
        ]
      : []),
    '',
    demo.mail.mode === 'outbox'
      ? `  Emails (codes, notifications) go to ${url}/outbox and to this console. Set SMTP_URL to send real email.`
      : '  Emails go out through SMTP_URL.',
    `  Data: ${demo.data.path} (delete it to start over)`,
    '',
  ];
  if (demo.data.generated) {
    lines.push(
      `  WARNING: a demo keyring was generated in ${demo.data.envFile}.`,
      '  It is for this demo only. A production site needs its own keys, kept in its secret store, never',
      '  generated next to the database they protect (see docs/core.md, "Keyring").',
      '',
    );
  }
  console.log(lines.join('\n'));
});

function stop() {
  server.close(() => {
    void demo.close().then(() => process.exit(0));
  });
  server.closeAllConnections();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
