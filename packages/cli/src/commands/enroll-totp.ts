import { setTimeout as delay } from 'node:timers/promises';
import { type Otp, renderQr, type VerifyResult } from '@otpkit/core';
import { EXIT } from '../cli-error.js';
import type { CommandContext, CommandSpec } from '../command.js';
import { reasonText, refusal } from '../format.js';
import { printable } from '../io.js';
import { createLineReader } from '../line-reader.js';

// A throttle delay this short is waited out for the operator; a longer one ends the command.
const MAX_WAIT_MS = 60_000;

/** `otpkit enroll totp <user>`: a new authenticator app, confirmed on the spot unless --no-confirm. */
export const enrollTotpCommand: CommandSpec = {
  path: ['enroll', 'totp'],
  summary: 'enroll an authenticator app: QR code, key and URI, then confirm',
  args: ['user'],
  options: {
    name: { type: 'string', value: 'name', description: 'device name (default "Authenticator app")' },
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
  },
  details: [
    'Prints the QR code, the manual key and the otpauth:// URI (secrets: shown only now), then reads',
    'codes from stdin until one confirms the device; an empty line or the end of input stops and',
    'leaves it pending. Enrolling again replaces a pending device. Needs OTPKIT_KEYS.',
  ].join('\n'),
  examples: [
    'otpkit enroll totp alice --label alice@example.com --issuer "Example Admin"',
    'otpkit enroll totp alice --no-confirm --json',
  ],
  async run(ctx) {
    const { args, options, out, resources } = ctx;
    const otp = await resources.service({ keys: true, issuer: options.issuer as string | undefined });
    const userId = args.user!;
    const name = options.name as string | undefined;
    const label = options.label as string | undefined;
    const enrolled = await otp.enroll({
      userId,
      kind: 'totp',
      ...(name !== undefined ? { name } : {}),
      ...(label !== undefined ? { label } : {}),
    });
    const { device, secret, manualKey, uri } = enrolled;
    const noConfirm = options['no-confirm'] === true;
    if (!(out.json && noConfirm)) {
      out.say(await renderQr(uri!, 'terminal'));
      out.say(`Scan the QR code with an authenticator app, or type this key:\n  ${manualKey}`);
      out.say(`otpauth URI (a secret too):\n  ${uri}`);
    }
    const pending = `Device ${printable(device.id)} is pending: confirm it with \`otpkit confirm ${printable(userId)} ${printable(device.id)} <code>\`.`;
    if (noConfirm) {
      out.result({ device, secret, manualKey, uri }, pending);
      return EXIT.ok;
    }
    const result = await confirmInteractively(ctx, otp, userId, device.id);
    if (result === null || !result.ok) {
      out.warn(result === null ? 'Stopped without a code.' : `Not confirmed: ${refusal(result)}.`);
      out.warn(pending);
      if (out.json)
        out.result({ device, secret, manualKey, uri, ...(result ?? { ok: false, reason: 'stopped' }) });
      return EXIT.failed;
    }
    const confirmed =
      (await otp.listDevices({ userId })).find((candidate) => candidate.id === device.id) ?? device;
    out.result(
      { device: confirmed, secret, manualKey, uri },
      `Device ${printable(device.id)} is confirmed: ${printable(userId)} can sign in with the app.`,
    );
    return EXIT.ok;
  },
};

/**
 * Ask for codes until one confirms the device; null when the operator stops (empty line, end of input). A wrong code is counted by the throttle like any
 * other try; a short throttle delay is waited out before the same code is checked again.
 */
async function confirmInteractively(
  { io, out }: CommandContext,
  otp: Otp,
  userId: string,
  deviceId: string,
): Promise<VerifyResult | null> {
  const reader = createLineReader(io.stdin);
  try {
    for (;;) {
      io.stderr.write('Code from the app (empty line to stop): ');
      const line = await reader.next();
      // Typed input ends its own line; piped input is not echoed, so end the prompt's line here.
      if (line === null || !(io.stdin as { isTTY?: boolean }).isTTY) io.stderr.write('\n');
      if (line === null || line.trim() === '') return null;
      let result = await otp.confirm({ userId, deviceId, token: line });
      while (!result.ok && result.reason === 'throttled' && (result.retryAfterMs ?? 0) <= MAX_WAIT_MS) {
        out.warn(`Too many wrong codes: waiting ${Math.ceil((result.retryAfterMs ?? 0) / 1000)} s.`);
        await delay(result.retryAfterMs ?? 0);
        result = await otp.confirm({ userId, deviceId, token: line });
      }
      if (result.ok || ['locked', 'throttled', 'no-device'].includes(result.reason)) return result;
      out.warn(`Not accepted: ${reasonText(result.reason)}; try again.`);
    }
  } finally {
    reader.close();
  }
}
