/**
 * One django-otp device row turned into `otp.importDevice` fields, field by field (the mapping
 * docs/migrating-from-django-otp.md documents).
 */
import {
  DEVICE_MODELS,
  type DeviceModel,
  type DjangoDump,
  type DumpRecord,
  keyText,
  UNSUPPORTED_MODELS,
} from './dump.js';

/** What to import for one row, or why not. */
export type RowPlan =
  | { ok: true; kind: (typeof DEVICE_MODELS)[DeviceModel]; fields: Record<string, unknown> }
  | { ok: false; outcome: 'skipped' | 'failed'; reason: string };

/** otpkit's input fields by the django-otp field they come from, to report problems in Django's terms. */
export const DJANGO_FIELD: Readonly<Record<string, string>> = {
  secret: 'key',
  period: 'step',
  lastStep: 'last_t',
  tokens: 'token',
  createdAt: 'created_at',
  lastUsedAt: 'last_used_at',
};

const failed = (reason: string): RowPlan => ({ ok: false, outcome: 'failed', reason });

/** A Django datetime (ISO 8601; naive ones are UTC, as with USE_TZ = False on a UTC server) in epoch ms. */
function epochMs(value: unknown): number | null | 'bad' {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return 'bad';
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) && ms >= 0 ? ms : 'bad';
}

/** The fields every device has: name, confirmed, and django-otp 1.2's timestamps when present. */
function commonFields(fields: Record<string, unknown>): Record<string, unknown> | string {
  const out: Record<string, unknown> = {};
  if (typeof fields.name === 'string' && fields.name.trim() !== '') out.name = fields.name;
  else if (fields.name !== undefined && fields.name !== '' && fields.name !== null) return 'name: not text';
  if (fields.confirmed !== undefined) out.confirmed = fields.confirmed;
  for (const [django, otpkit] of [
    ['created_at', 'createdAt'],
    ['last_used_at', 'lastUsedAt'],
  ] as const) {
    const ms = epochMs(fields[django]);
    if (ms === 'bad') return `${django}: not a date and time`;
    if (ms !== null) out[otpkit] = ms;
  }
  return out;
}

/** The first of `names` the row lacks, if any: a dump always has every field of its model. */
const missing = (fields: Record<string, unknown>, names: readonly string[]) =>
  names.find((name) => !(name in fields));

/** Plan the import of one device row. */
export function planRow(record: DumpRecord, dump: DjangoDump): RowPlan {
  const unsupported = UNSUPPORTED_MODELS[record.model];
  if (unsupported !== undefined) return { ok: false, outcome: 'skipped', reason: unsupported };
  if (!(record.model in DEVICE_MODELS)) return failed('not a dumpdata record of a django-otp device');
  const model = record.model as DeviceModel;
  const f = record.fields;
  const common = commonFields(f);
  if (typeof common === 'string') return failed(common);

  switch (model) {
    case 'otp_totp.totpdevice': {
      const absent = missing(f, ['key', 'step', 't0', 'digits', 'drift', 'last_t']);
      if (absent) return failed(`${absent}: missing`);
      return {
        ok: true,
        kind: 'totp',
        fields: {
          ...common,
          secret: f.key,
          encoding: 'hex',
          digits: f.digits,
          period: f.step,
          t0: f.t0,
          drift: f.drift,
          // django-otp's "never used" is -1; any other negative is the kind's to refuse.
          lastStep: f.last_t === -1 ? null : f.last_t,
        },
      };
    }
    case 'otp_hotp.hotpdevice': {
      const absent = missing(f, ['key', 'digits', 'counter']);
      if (absent) return failed(`${absent}: missing`);
      return {
        ok: true,
        kind: 'hotp',
        fields: { ...common, secret: f.key, encoding: 'hex', digits: f.digits, counter: f.counter },
      };
    }
    case 'otp_static.staticdevice': {
      const pk = keyText(record.pk);
      const tokens = pk === null ? [] : (dump.staticTokens.get(pk) ?? []);
      // django-otp deletes a token when it is used: an empty device has nothing left to carry over.
      if (tokens.length === 0) return { ok: false, outcome: 'skipped', reason: 'no unused static tokens' };
      return { ok: true, kind: 'backup-codes', fields: { ...common, tokens } };
    }
    case 'otp_email.emaildevice': {
      // With no address of its own, django-otp sends to the user's.
      let email = f.email;
      if (email === null || email === undefined || email === '') {
        const owner = Array.isArray(f.user)
          ? dump.usersByName.get(String(f.user[0]))
          : dump.users.get(keyText(f.user) ?? '');
        email = owner?.email ?? null;
        if (email === null) {
          return failed(
            "email: empty, and the dump does not hold the user's address (add auth.user to the dumpdata command)",
          );
        }
      }
      return { ok: true, kind: 'email', fields: { ...common, email } };
    }
  }
}
