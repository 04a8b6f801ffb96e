/**
 * Django's `dumpdata` JSON, as far as django-otp is concerned: the device rows otpkit imports, the
 * static tokens that belong to static devices, the users (for `{username}` and email devices without
 * their own address), and the plugins' rows otpkit has no counterpart for.
 */
import { OtpError } from '@otpkit/core';

/** One `dumpdata` record: `{ "model": "otp_totp.totpdevice", "pk": 12, "fields": { … } }`. */
export interface DumpRecord {
  model: string;
  /** Absent for models dumped with `--natural-primary`. */
  pk?: unknown;
  fields: Record<string, unknown>;
}

/** The device models otpkit imports, with the otpkit kind each becomes. */
export const DEVICE_MODELS = {
  'otp_totp.totpdevice': 'totp',
  'otp_hotp.hotpdevice': 'hotp',
  'otp_static.staticdevice': 'backup-codes',
  'otp_email.emaildevice': 'email',
} as const;

export type DeviceModel = keyof typeof DEVICE_MODELS;

/** Plugins' device models with no otpkit counterpart, and why (shown in the report). */
export const UNSUPPORTED_MODELS: Readonly<Record<string, string>> = {
  'otp_twilio.twiliosmsdevice': 'SMS through Twilio has no otpkit device kind',
  'otp_yubikey.yubikeydevice': "YubiKey OTP (Yubico's own scheme, not HOTP) has no otpkit device kind",
  'otp_yubikey.remoteyubikeydevice': 'YubiKey OTP validated by a remote service has no otpkit device kind',
  'otp_webauthn.webauthncredential':
    'WebAuthn credentials are bound to the old site and have no otpkit device kind',
};

/** A user row of the dump (`auth.user` or a custom user model named as such). */
export interface DumpUser {
  pk: string;
  username: string | null;
  email: string | null;
}

/** The dump sorted for importing. */
export interface DjangoDump {
  /** Device rows (and unsupported plugins' rows), in dump order. */
  devices: DumpRecord[];
  /** Static tokens by their device's primary key. */
  staticTokens: Map<string, unknown[]>;
  /** Users by primary key, when the dump holds them. */
  users: Map<string, DumpUser>;
  /** Users by username, for dumps made with `--natural-foreign`. */
  usersByName: Map<string, DumpUser>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A primary key as text, or null when it is none (Django keys are integers, UUIDs or strings). */
export function keyText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && value.length > 0 && value.length <= 100) return value;
  return null;
}

/**
 * Sort a `dumpdata` document (JSON text or the parsed array) into what the import needs. A document
 * that is not a JSON array of objects is `OtpError('OTP_INVALID_INPUT')`; single records that are
 * not `{ model, fields }` are kept as device rows so that the import reports them one by one.
 */
export function readDump(dump: string | unknown[]): DjangoDump {
  let records: unknown = dump;
  if (typeof dump === 'string') {
    try {
      records = JSON.parse(dump);
    } catch {
      throw new OtpError('OTP_INVALID_INPUT', 'The dump is not JSON (run manage.py dumpdata --format json)', {
        details: { field: 'dump' },
      });
    }
  }
  if (!Array.isArray(records)) {
    throw new OtpError('OTP_INVALID_INPUT', 'The dump must be a JSON array of records, as dumpdata writes', {
      details: { field: 'dump' },
    });
  }
  const result: DjangoDump = {
    devices: [],
    staticTokens: new Map(),
    users: new Map(),
    usersByName: new Map(),
  };
  for (const record of records) {
    const model = isObject(record) && typeof record.model === 'string' ? record.model.toLowerCase() : null;
    const fields = isObject(record) && isObject(record.fields) ? record.fields : null;
    if (model === null || fields === null) {
      result.devices.push({ model: 'unknown', pk: isObject(record) ? record.pk : undefined, fields: {} });
      continue;
    }
    if (model === 'otp_static.statictoken') {
      const device = keyText(fields.device);
      if (device === null) continue;
      const list = result.staticTokens.get(device) ?? [];
      list.push(fields.token);
      result.staticTokens.set(device, list);
    } else if (model === 'auth.user') {
      const pk = keyText(record.pk);
      const user: DumpUser = {
        pk: pk ?? '',
        username: typeof fields.username === 'string' ? fields.username : null,
        email: typeof fields.email === 'string' && fields.email !== '' ? fields.email : null,
      };
      if (pk !== null) result.users.set(pk, user);
      if (user.username !== null) result.usersByName.set(user.username, user);
    } else if (model in DEVICE_MODELS || model in UNSUPPORTED_MODELS) {
      result.devices.push({ model, pk: record.pk, fields });
    }
  }
  return result;
}
