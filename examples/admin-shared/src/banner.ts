/**
 * The listen script's part every demo shares: the settings from the environment, what it prints
 * once listening (the address, the seeded sign-ins, where email goes, the keyring warning), and a
 * clean stop.
 */
import type { Server } from 'node:http';
import type { DemoApp, DemoOptions } from './demo.js';

/** The settings of a demo's listen script: PORT, HOST, DATA_DIR, SMTP_URL. */
export function settingsFromEnv(defaultDataDir: URL): { port: number; host: string; options: DemoOptions } {
  return {
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST ?? '127.0.0.1',
    options: {
      dataDir: process.env.DATA_DIR ?? defaultDataDir.pathname,
      smtpUrl: process.env.SMTP_URL || undefined,
    },
  };
}

/** What the demo prints once it listens. */
export function banner(demo: DemoApp, url: string, framework: string): string {
  const admin = demo.logins.find((l) => l.role === 'admin')!;
  const editor = demo.logins.find((l) => l.role === 'editor');
  const lines = [
    '',
    `  Acme Admin, an otpkit demo on ${framework}, is running at ${url}/admin`,
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
    demo.outbox
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
  return lines.join('\n');
}

/**
 * Listen, print the banner, and stop cleanly on SIGINT and SIGTERM.
 *
 * @example
 * ```ts
 * const { port, host, options } = settingsFromEnv(new URL('../data/', import.meta.url));
 * const demo = await createDemoApp(options);
 * serve(demo, createServer(demo.listener), { port, host, framework: 'Koa 3' });
 * ```
 */
export function serve(
  demo: DemoApp,
  server: Server,
  where: { port: number; host: string; framework: string },
): void {
  server.listen(where.port, where.host, () => {
    const url = `http://${where.host === '127.0.0.1' ? 'localhost' : where.host}:${where.port}`;
    console.log(banner(demo, url, where.framework));
  });
  const stop = () => {
    server.close(() => {
      void demo.close().then(() => process.exit(0));
    });
    server.closeAllConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
