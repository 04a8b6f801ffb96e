/**
 * The audit log: every event otpkit's service and web layer emit (their payloads never carry a
 * secret, a code or a cookie value), plus the demo's own password checks and administrators'
 * actions, in SQLite.
 */
import type { Otp, OtpEventName } from '@otpkit/core';
import type { OtpWeb, OtpWebEventName } from '@otpkit/web';
import type Database from 'better-sqlite3';

/** One line of the audit log. */
export interface AuditEntry {
  id: number;
  at: number;
  event: string;
  userId: string | null;
  actorId: string | null;
  detail: Record<string, unknown>;
}

// Every event of the service: the Record makes the compiler list a new event here when core adds one.
const OTP_EVENTS: Record<OtpEventName, true> = {
  verified: true,
  failed: true,
  throttled: true,
  locked: true,
  'device.unreadable': true,
  'device.added': true,
  'device.confirmed': true,
  'device.removed': true,
  'backup-codes.generated': true,
  'backup-code.used': true,
  'email.sent': true,
};

// Every event of the web layer (sign-ins, trusted browsers, step-up, sign-outs), likewise listed.
const WEB_EVENTS: Record<OtpWebEventName, true> = {
  'login.completed': true,
  'browser.trusted': true,
  'browser.revoked': true,
  'step-up': true,
  logout: true,
  'pending.abandoned': true,
};

/**
 * The demo's audit log.
 *
 * @example
 * ```ts
 * const audit = createAuditLog(sqlite, Date.now);
 * audit.subscribe(otp);
 * audit.subscribeWeb(otpkit({ … }).web);
 * audit.record('admin.unlock', { userId, actorId: admin.id });
 * ```
 */
export function createAuditLog(sqlite: Database.Database, clock: () => number) {
  const insert = sqlite.prepare(
    'INSERT INTO demo_audit (at, event, user_id, actor_id, detail) VALUES (?, ?, ?, ?, ?)',
  );
  const list = sqlite.prepare<
    [number],
    { id: number; at: number; event: string; user_id: string | null; actor_id: string | null; detail: string }
  >('SELECT * FROM demo_audit ORDER BY id DESC LIMIT ?');

  function record(
    event: string,
    entry: { userId?: string | null; actorId?: string | null; detail?: Record<string, unknown> } = {},
  ): void {
    insert.run(
      clock(),
      event,
      entry.userId ?? null,
      entry.actorId ?? null,
      JSON.stringify(entry.detail ?? {}),
    );
  }

  return {
    record,
    /** Log every otpkit event as `otp.<name>`; the user id goes to its own column. */
    subscribe(otp: Otp): void {
      for (const name of Object.keys(OTP_EVENTS) as OtpEventName[]) {
        otp.events.on(name, (payload) => {
          const { userId, ...detail } = payload as { userId: string } & Record<string, unknown>;
          record(`otp.${name}`, { userId, detail });
        });
      }
    },
    /** Log every event of otpkit's web layer as `web.<name>`. */
    subscribeWeb(web: OtpWeb): void {
      for (const name of Object.keys(WEB_EVENTS) as OtpWebEventName[]) {
        web.events.on(name, (payload) => {
          const { userId, ...detail } = payload as { userId: string } & Record<string, unknown>;
          record(`web.${name}`, { userId, detail });
        });
      }
    },
    /** The newest entries first. */
    list(limit = 200): AuditEntry[] {
      return list.all(limit).map((row) => ({
        id: row.id,
        at: row.at,
        event: row.event,
        userId: row.user_id,
        actorId: row.actor_id,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      }));
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
