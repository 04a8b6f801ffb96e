import type { DeviceInfo, Keyring, OtpStore } from '@otpkit/core';
import { EXIT } from '../cli-error.js';
import type { CommandSpec } from '../command.js';
import { plural } from '../format.js';
import { printable } from '../io.js';
import { unreadableReason } from '../unreadable-device.js';

/** What `enrolled` means for this user, in words: a user with only backup codes is the case to explain. */
function enrolledText(enrolled: boolean, devices: readonly DeviceInfo[], user: string): string {
  const confirmed = devices.filter((device) => device.confirmed);
  const pending = devices.length - confirmed.length;
  const waiting = pending > 0 ? `; ${plural(pending, 'pending device')}` : '';
  if (enrolled) {
    const kinds = [...new Set(confirmed.map((device) => printable(device.kind)))].sort().join(', ');
    return `yes (${plural(confirmed.length, 'confirmed device')}: ${kinds}${waiting})`;
  }
  if (confirmed.length === 0) return `no (no confirmed device${waiting})`;
  const unused = confirmed
    .map((device) => device.details.remaining)
    .reduce<number>((sum, n) => sum + (typeof n === 'number' ? n : 0), 0);
  return [
    `no: only backup codes (${plural(unused, 'unused code')}${waiting}). They let ${user} sign in, but are`,
    '                a way back in, not a second factor of their own: enroll an app',
    `                (\`otpkit enroll totp ${user}\`) for ${user} to count as enrolled.`,
  ].join('\n');
}

/** One line per unreadable device, with the reason. */
async function unreadableLines(ids: readonly string[], store: OtpStore, keyring: Keyring): Promise<string[]> {
  if (ids.length === 0) return ['  unreadable:   none'];
  const lines = [`  unreadable:   ${plural(ids.length, 'device')} (skipped when codes are checked)`];
  for (const id of ids) {
    const device = await store.getDevice(id);
    const reason = device ? unreadableReason(device, keyring, Date.now()) : 'removed meanwhile';
    lines.push(`    ${printable(id)}: ${reason}`);
  }
  return lines;
}

/** `otpkit status <user>`. */
export const statusCommand: CommandSpec = {
  path: ['status'],
  summary: "show a user's two-factor status: enrolled, failures, lock",
  args: ['user'],
  details: [
    'Enrolled means a confirmed device other than backup codes (an app, a token, email): backup codes',
    'alone let a user in but do not count. With OTPKIT_KEYS set, also checks that every confirmed',
    'device can be read with those keys, and says why not.',
  ].join('\n'),
  examples: ['otpkit status alice', 'otpkit status alice --json'],
  async run({ args, out, resources }) {
    const otp = await resources.service({ keys: 'if-set' });
    const userId = args.user!;
    // The security stamp is left out: it only serves to invalidate trusted browsers.
    const { stamp: _stamp, unreadableDevices, ...status } = await otp.status({ userId });
    const devices = await otp.listDevices({ userId });
    // Without the real keys every sealed device would look unreadable: say nothing rather than that.
    const unreadable = resources.hasKeys() ? unreadableDevices : undefined;
    const user = printable(userId);
    const wait =
      status.retryAfterMs === undefined ? [] : [`  next try in:  ${Math.ceil(status.retryAfterMs / 1000)} s`];
    out.result(
      {
        userId,
        ...status,
        backupCodesOnly: !status.enrolled && status.confirmedDevices > 0,
        ...(unreadable !== undefined ? { unreadableDevices: unreadable } : {}),
      },
      [
        user,
        `  enrolled:     ${enrolledText(status.enrolled, devices, user)}`,
        `  failures:     ${status.failures}`,
        `  locked:       ${status.locked ? 'yes (`otpkit unlock` lifts it)' : 'no'}`,
        ...wait,
        ...(unreadable === undefined
          ? ['  unreadable:   not checked (set OTPKIT_KEYS to check that every device can be read)']
          : await unreadableLines(unreadable, await resources.store(), resources.keyring())),
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
