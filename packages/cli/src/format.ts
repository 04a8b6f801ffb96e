import type { DeviceInfo, JsonValue, VerifyResult } from '@otpkit/core';
import { printable } from './io.js';

/** Epoch milliseconds as `2026-11-23 08:13 UTC`, or `never`. Operators compare these across servers. */
export function formatTime(ms: number | null): string {
  if (ms === null) return 'never';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `1 device`, `2 devices`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Rows of cells as left-aligned columns under a header. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function detailValue(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A device's public details (`remaining: 7`), as one cell. */
export function formatDetails(device: DeviceInfo): string {
  return printable(
    Object.entries(device.details)
      .map(([key, value]) => `${key}: ${detailValue(value)}`)
      .join(', '),
  );
}

const REFUSALS: Record<Exclude<VerifyResult, { ok: true }>['reason'], string> = {
  malformed: 'that is not a code any of the devices takes (wrong length or characters)',
  invalid: 'wrong code',
  replayed: 'this code was already used',
  expired: 'this code has expired',
  throttled: 'too many recent failures',
  locked: 'the user is locked after too many failures (`otpkit unlock <user>` lifts it)',
  'no-device': 'no confirmed device can check this code',
};

/** A refusal reason in words. */
export function reasonText(reason: Exclude<VerifyResult, { ok: true }>['reason']): string {
  return REFUSALS[reason];
}

/** Why a code was refused, in words (a refused result carries no secret, so this is safe to print). */
export function refusal(result: Exclude<VerifyResult, { ok: true }>): string {
  const wait =
    result.retryAfterMs !== undefined && result.retryAfterMs > 0
      ? `; try again in ${Math.ceil(result.retryAfterMs / 1000)} s`
      : '';
  return `${REFUSALS[result.reason]}${wait}`;
}
