/**
 * What `otpkit enroll totp` and `otpkit enroll hotp` share: showing what the new device needs (QR
 * code, manual key, URI), and confirming it with codes read from stdin.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { type EnrollResult, type Otp, renderQr, type VerifyResult } from '@otpkit/core';
import { EXIT } from '../cli-error.js';
import type { CommandContext, OptionSpec } from '../command.js';
import { reasonText, refusal } from '../format.js';
import { printable } from '../io.js';
import { createLineReader, type LineReader } from '../line-reader.js';
import { explainingUnreadable } from '../unreadable-device.js';

// A throttle delay this short is waited out for the operator; a longer one ends the command.
const MAX_WAIT_MS = 60_000;

/** Options both enroll commands take. */
export const ENROLL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  name: {
    type: 'string',
    value: 'name',
    description: 'device name (default: the kind’s, e.g. "Authenticator app")',
  },
  label: { type: 'string', value: 'label', description: 'account name the app shows (default: the user)' },
  issuer: {
    type: 'string',
    value: 'issuer',
    description: 'issuer the app shows (default: OTPKIT_ISSUER or otpkit)',
  },
  'no-confirm': {
    type: 'boolean',
    description: 'do not ask for a code: leave the device pending and print its id',
  },
};

/**
 * The QR code (when stdout is a terminal: black on white with colour codes; otherwise plain block
 * characters, which a file, a pipe or paper shows right), the manual key and the URI: all secrets,
 * shown once. In JSON mode they go to stderr, where a person reads them.
 */
export async function showProvisioning(ctx: CommandContext, enrolled: EnrollResult): Promise<void> {
  const { out, io } = ctx;
  if (enrolled.uri === undefined) return;
  const stream = out.json ? io.stderr : io.stdout;
  out.say(await renderQr(enrolled.uri, stream.isTTY ? 'terminal' : 'text'));
  out.say(`Scan the QR code with an authenticator app, or type this key:\n  ${enrolled.manualKey}`);
  out.say(`otpauth URI (a secret too):\n  ${enrolled.uri}`);
}

/**
 * Finish an enrollment: with `--no-confirm`, print the device and stop; otherwise read codes until
 * one confirms the device (the reader is the one the command already reads stdin with, if any).
 */
export async function finishEnrollment(
  ctx: CommandContext,
  otp: Otp,
  input: { userId: string; enrolled: EnrollResult; source: string; confirmed: string; reader?: LineReader },
): Promise<number> {
  const { out, options } = ctx;
  const { userId, source } = input;
  const { device, secret, manualKey, uri } = input.enrolled;
  const shown = { device, secret, manualKey, uri };
  const pending = `Device ${printable(device.id)} is pending: confirm it with \`otpkit confirm ${printable(userId)} ${printable(device.id)} <code>\`.`;
  if (options['no-confirm'] === true) {
    out.result(shown, pending);
    return EXIT.ok;
  }
  const reader = input.reader ?? createLineReader(ctx.io.stdin);
  let result: VerifyResult | null;
  try {
    result = await confirmInteractively(ctx, otp, { userId, deviceId: device.id, source, reader });
  } finally {
    // A reader the command passed in is the command's to close.
    if (!input.reader) reader.close();
  }
  if (result === null || !result.ok) {
    out.warn(result === null ? 'Stopped without a code.' : `Not confirmed: ${refusal(result)}.`);
    out.warn(pending);
    if (out.json) out.result({ ...shown, ...(result ?? { ok: false, reason: 'stopped' }) });
    return EXIT.failed;
  }
  const confirmed =
    (await otp.listDevices({ userId })).find((candidate) => candidate.id === device.id) ?? device;
  out.result(
    { ...shown, device: confirmed },
    `Device ${printable(device.id)} is confirmed: ${printable(userId)} ${input.confirmed}.`,
  );
  return EXIT.ok;
}

/**
 * Ask for codes until one confirms the device; null when the operator stops (empty line, end of
 * input). A wrong code is counted by the throttle like any other try; a short throttle delay is
 * waited out before the same code is checked again.
 */
async function confirmInteractively(
  { io, out, resources }: CommandContext,
  otp: Otp,
  {
    userId,
    deviceId,
    source,
    reader,
  }: { userId: string; deviceId: string; source: string; reader: LineReader },
): Promise<VerifyResult | null> {
  const store = await resources.store();
  const confirm = async (token: string) => {
    const { result, warnings } = await explainingUnreadable(otp, store, resources.keyring(), () =>
      otp.confirm({ userId, deviceId, token }),
    );
    for (const warning of warnings) out.warn(warning);
    return result;
  };
  for (;;) {
    io.stderr.write(`Code from the ${source} (empty line to stop): `);
    const line = await reader.next();
    // Typed input ends its own line; piped input is not echoed, so end the prompt's line here.
    if (line === null || !(io.stdin as { isTTY?: boolean }).isTTY) io.stderr.write('\n');
    if (line === null || line.trim() === '') return null;
    let result = await confirm(line);
    while (!result.ok && result.reason === 'throttled' && result.retryAfterMs <= MAX_WAIT_MS) {
      out.warn(`Too many wrong codes: waiting ${Math.ceil(result.retryAfterMs / 1000)} s.`);
      await delay(result.retryAfterMs);
      result = await confirm(line);
    }
    if (result.ok || ['locked', 'throttled', 'no-device'].includes(result.reason)) return result;
    out.warn(`Not accepted: ${reasonText(result.reason)}; try again.`);
  }
}
