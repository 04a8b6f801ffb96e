import { createHash } from 'node:crypto';
import { OtpError } from '../errors.js';
import type { DeviceKind } from '../kinds/device-kind.js';
import type { DeviceRecord, DeviceWrite, JsonObject, UserStateFields } from '../store/otp-store.js';
import { isPrintableText } from '../text/printable-text.js';
import { nextDevice } from './change-device.js';
import { toDeviceInfo } from './device-info.js';
import { assertWithinLimits } from './device-limits.js';
import { assertUserId, parseDeviceName } from './input-checks.js';
import { RETRY, withRetries } from './retry.js';
import type { ServiceContext } from './service-context.js';
import { commit, loadUser } from './store-calls.js';
import type { ImportDeviceInput, ImportDeviceResult } from './types.js';
import { newDeviceId, stateFields, withNewStamp } from './user-state.js';

const IMPORTS = 'imports';

/** The registry key of an import: a digest, so that source ids never sit in the state in clear. */
const importDigest = (importKey: string) =>
  createHash('sha256').update(importKey, 'utf8').digest('base64url');

function importsOf(fields: UserStateFields): Record<string, string> {
  const value = fields.data[IMPORTS];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
}

function parseImportInput(ctx: ServiceContext, input: ImportDeviceInput) {
  if (!input || typeof input !== 'object')
    throw new OtpError('OTP_INVALID_INPUT', 'importDevice expects an object');
  const {
    userId,
    kind: kindName,
    name,
    importKey,
    confirmed = true,
    createdAt,
    lastUsedAt = null,
    dryRun = false,
    ...fields
  } = input;
  assertUserId(userId);
  const kind = typeof kindName === 'string' ? ctx.kinds.get(kindName) : undefined;
  if (!kind?.import) {
    throw new OtpError('OTP_INVALID_INPUT', 'Unknown device kind, or one that cannot import', {
      details: { field: 'kind' },
    });
  }
  if (
    typeof importKey !== 'string' ||
    importKey.length === 0 ||
    importKey.length > 255 ||
    !isPrintableText(importKey)
  ) {
    throw new OtpError('OTP_INVALID_INPUT', 'importKey must be 1 to 255 printable characters', {
      details: { field: 'importKey' },
    });
  }
  const isTime = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  if (typeof confirmed !== 'boolean') {
    throw new OtpError('OTP_INVALID_INPUT', 'confirmed must be a boolean', {
      details: { field: 'confirmed' },
    });
  }
  if (typeof dryRun !== 'boolean') {
    throw new OtpError('OTP_INVALID_INPUT', 'dryRun must be a boolean', { details: { field: 'dryRun' } });
  }
  if (createdAt !== undefined && !isTime(createdAt)) {
    throw new OtpError('OTP_INVALID_INPUT', 'createdAt must be epoch milliseconds', {
      details: { field: 'createdAt' },
    });
  }
  if (lastUsedAt !== null && !isTime(lastUsedAt)) {
    throw new OtpError('OTP_INVALID_INPUT', 'lastUsedAt must be epoch milliseconds or null', {
      details: { field: 'lastUsedAt' },
    });
  }
  return {
    userId,
    kind: kind as DeviceKind & Required<Pick<DeviceKind, 'import'>>,
    name: parseDeviceName(name ?? kind.defaultName ?? kind.kind),
    importKey,
    confirmed,
    createdAt: createdAt as number | undefined,
    lastUsedAt: lastUsedAt as number | null,
    dryRun,
    fields,
  };
}

/**
 * Import a device from another system (django-otp, a spreadsheet of hardware tokens), with the state
 * that must carry over. Idempotent per user and `importKey`: the user's state remembers which keys
 * were imported (as digests) in the same commit as the device, so a second run, or two racing runs,
 * create nothing twice. A singleton kind (backup codes) merges into the user's existing set. With
 * `dryRun`, every check runs and nothing is written.
 */
export async function importDevice(
  ctx: ServiceContext,
  input: ImportDeviceInput,
): Promise<ImportDeviceResult> {
  const parsed = parseImportInput(ctx, input);
  const { userId, kind } = parsed;
  const digest = importDigest(parsed.importKey);

  const outcome = await withRetries(ctx, async () => {
    const now = ctx.clock();
    const snapshot = await loadUser(ctx, userId);
    let state = stateFields(snapshot.state, now);
    const imports = importsOf(state);
    const already = imports[digest];
    if (already !== undefined)
      return { imported: false as const, reason: 'duplicate' as const, deviceId: already };

    const existing = kind.singleton ? (snapshot.devices.find((d) => d.kind === kind.kind) ?? null) : null;
    if (!existing) assertWithinLimits(ctx, kind, snapshot.devices);
    const deviceId = existing?.id ?? newDeviceId();
    const { data } = kind.import({
      deviceId,
      userId,
      now,
      crypto: ctx.cryptoFor(deviceId),
      input: parsed.fields,
      existing,
    });
    let device: DeviceRecord;
    let write: DeviceWrite;
    if (existing) {
      device = nextDevice(
        existing,
        { data: data as JsonObject, confirmed: existing.confirmed || parsed.confirmed },
        now,
      );
      write = { op: 'update', device, expectedVersion: existing.version };
    } else {
      device = {
        id: deviceId,
        userId,
        kind: kind.kind,
        name: parsed.name,
        confirmed: parsed.confirmed,
        createdAt: parsed.createdAt ?? now,
        updatedAt: now,
        lastUsedAt: parsed.lastUsedAt,
        version: 1,
        data: data as JsonObject,
      };
      write = { op: 'create', device };
    }
    // A dry run has checked all a real one would (fields, limit, duplicate) and stops before writing.
    if (parsed.dryRun) return { imported: false as const, reason: 'dry-run' as const, device };
    if (device.confirmed) state = withNewStamp(state, now);
    state = {
      ...state,
      data: { ...state.data, [IMPORTS]: { ...imports, [digest]: device.id } },
      updatedAt: now,
    };
    const applied = await commit(ctx, {
      userId,
      expectedStateVersion: snapshot.state?.version ?? null,
      state,
      devices: [write],
    });
    return applied ? { imported: true as const, device, created: !existing } : RETRY;
  });

  if (!outcome.imported) {
    return outcome.reason === 'dry-run' ? { ...outcome, device: toDeviceInfo(ctx, outcome.device) } : outcome;
  }
  const event = { userId, deviceId: outcome.device.id, kind: kind.kind };
  if (outcome.created) ctx.events.emit('device.added', { ...event, confirmed: outcome.device.confirmed });
  return { imported: true, device: toDeviceInfo(ctx, outcome.device) };
}
