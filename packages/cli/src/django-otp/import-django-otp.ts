/**
 * `importDjangoOtp`: every django-otp device of a `dumpdata` document into otpkit, row by row, with
 * a report of what was imported, what was there already, and what could not be, and why.
 */
import { isOtpError, type Otp } from '@otpkit/core';
import { DEVICE_MODELS, type DjangoDump, type DumpRecord, keyText, readDump } from './dump.js';
import { DJANGO_FIELD, planRow } from './rows.js';
import { checkUserIdOption, type DjangoUserIdOption, resolveUserId } from './user-ids.js';

/** Options of {@link importDjangoOtp}. */
export interface ImportDjangoOtpOptions {
  /** The otpkit service to import into. Its kinds must include those the dump needs (totp, hotp, backupCodes, emailCode). */
  otp: Otp;
  /** The `manage.py dumpdata` output: JSON text, or the parsed array. */
  dump: string | unknown[];
  /** How Django users map to your user ids: `'django:{pk}'`, a table by primary key, or a function. */
  userId: DjangoUserIdOption;
  /** Check every row (including against the store: duplicates, limits) and write nothing. @default false */
  dryRun?: boolean;
  /** Called after each device row, for progress on large imports. */
  onProgress?: (progress: { done: number; total: number }) => void;
}

/**
 * What became of one device row. `imported`: created (or, for static tokens, merged into the user's
 * backup codes); `would-import`: the same, in a dry run; `duplicate`: imported by an earlier run;
 * `skipped`: nothing to import (no unused static tokens, a plugin otpkit has no kind for, a user the
 * map leaves out); `failed`: the row cannot be imported, for `reason`.
 */
export interface DjangoOtpRowReport {
  /** `'otp_totp.totpdevice'`… */
  model: string;
  /** The row's primary key, as text. */
  pk: string | null;
  /** The otpkit user id, once resolved. */
  userId?: string;
  /** The otpkit kind it maps to. */
  kind?: string;
  outcome: 'imported' | 'would-import' | 'duplicate' | 'skipped' | 'failed';
  /** The otpkit device (for a duplicate: the one the earlier run made). */
  deviceId?: string;
  /** Why it was skipped or failed, naming the Django field, never quoting a secret. */
  reason?: string;
}

/** The report of {@link importDjangoOtp}. */
export interface DjangoOtpImportReport {
  dryRun: boolean;
  /** Device rows in the dump (static tokens count with their device). */
  total: number;
  /** Counts by outcome. */
  counts: Record<DjangoOtpRowReport['outcome'], number>;
  rows: DjangoOtpRowReport[];
}

/** The key that makes a second run create nothing: `django-otp:otp_totp.totpdevice:12`. */
export const importKeyOf = (model: string, pk: string) => `django-otp:${model}:${pk}`;

/** A refusal from otpkit in Django's terms: `last_t: too big` rather than otpkit's `lastStep`. */
function reasonOf(error: unknown): string | null {
  if (!isOtpError(error, 'OTP_INVALID_INPUT') && !isOtpError(error, 'OTP_DEVICE_LIMIT')) return null;
  const field = isOtpError(error, 'OTP_INVALID_INPUT') ? error.details.field : undefined;
  if (field === 'kind') return 'the otpkit service has no device kind for it (add it to createOtp kinds)';
  if (field === undefined) return error.message;
  const top = field.split('.')[0]!;
  // The kinds say "Invalid totp import input lastStep: <rule>"; the rule is what the operator needs.
  const rule = /^Invalid \S+ import input(?: \S+)?: (.*)$/s.exec(error.message)?.[1] ?? error.message;
  return `${DJANGO_FIELD[top] ?? top}${field.slice(top.length)}: ${rule}`;
}

async function importRow(
  options: ImportDjangoOtpOptions,
  dump: DjangoDump,
  record: DumpRecord,
): Promise<DjangoOtpRowReport> {
  const pk = keyText(record.pk);
  const row: DjangoOtpRowReport = { model: record.model, pk, outcome: 'failed' };
  const kind = DEVICE_MODELS[record.model as keyof typeof DEVICE_MODELS];
  if (kind) row.kind = kind;
  const plan = planRow(record, dump);
  if (!plan.ok) return { ...row, outcome: plan.outcome, reason: plan.reason };
  if (pk === null) return { ...row, reason: 'pk: missing (dump without --natural-primary)' };
  const owner = resolveUserId(options.userId, record, dump);
  if (!owner.ok) return { ...row, outcome: owner.outcome, reason: owner.reason };
  row.userId = owner.userId;
  try {
    const result = await options.otp.importDevice({
      ...plan.fields,
      userId: owner.userId,
      kind: plan.kind,
      importKey: importKeyOf(record.model, pk),
      dryRun: options.dryRun === true,
    });
    if (result.imported) return { ...row, outcome: 'imported', deviceId: result.device.id };
    if (result.reason === 'duplicate') return { ...row, outcome: 'duplicate', deviceId: result.deviceId };
    return { ...row, outcome: 'would-import' };
  } catch (error) {
    // Bad data fails this row; anything else (the store is down, a key is missing) stops the run,
    // which a second run resumes: rows imported already are duplicates then.
    const reason = reasonOf(error);
    if (reason === null) throw error;
    return { ...row, reason };
  }
}

/**
 * Import django-otp's devices from a `manage.py dumpdata` document: TOTP and HOTP devices with their
 * secrets (sealed), code parameters, drift and last used step or counter; static devices' unused
 * tokens (hashed) into the user's backup codes; email devices' addresses. A row that cannot be
 * imported is reported with its reason and the others go on; a second run creates nothing twice.
 * Throws `OtpError('OTP_INVALID_INPUT')` for a document that is not a dump, a `TypeError` for a bad
 * option, and lets store errors through (run it again once the store is back).
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { importDjangoOtp } from '@otpkit/cli/django-otp';
 *
 * const report = await importDjangoOtp({
 *   otp,
 *   dump: await readFile('otp.json', 'utf8'),
 *   userId: 'django:{pk}',
 * });
 * for (const row of report.rows) if (row.outcome === 'failed') console.warn(row.model, row.pk, row.reason);
 * ```
 */
export async function importDjangoOtp(options: ImportDjangoOtpOptions): Promise<DjangoOtpImportReport> {
  if (!options || typeof options !== 'object')
    throw new TypeError('importDjangoOtp expects an options object');
  if (typeof options.otp?.importDevice !== 'function')
    throw new TypeError('Invalid option otp: expected createOtp()');
  checkUserIdOption(options.userId);
  const dump = readDump(options.dump);
  const total = dump.devices.length;
  const report: DjangoOtpImportReport = {
    dryRun: options.dryRun === true,
    total,
    counts: { imported: 0, 'would-import': 0, duplicate: 0, skipped: 0, failed: 0 },
    rows: [],
  };
  for (const record of dump.devices) {
    const row = await importRow(options, dump, record);
    report.rows.push(row);
    report.counts[row.outcome] += 1;
    options.onProgress?.({ done: report.rows.length, total });
  }
  return report;
}
