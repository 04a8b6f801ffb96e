import { EXIT } from '../cli-error.js';
import type { CommandSpec } from '../command.js';
import { refusal } from '../format.js';
import { printable } from '../io.js';

/** `otpkit verify <user> <code>`: check a code exactly as a login would. */
export const verifyCommand: CommandSpec = {
  path: ['verify'],
  summary: 'check a code as a login would (exit 1 when refused)',
  args: ['user', 'code'],
  options: {
    device: { type: 'string', value: 'id', description: 'check this device only' },
  },
  details: [
    "Tries the user's confirmed devices (TOTP, HOTP, email or backup code). A login in all but name:",
    'an accepted code is used up, a refused one counts toward the throttle. Needs OTPKIT_KEYS.',
  ].join('\n'),
  examples: ['otpkit verify alice 123456', 'otpkit verify alice abcde-fghij --json'],
  async run({ args, options, out, resources }) {
    const otp = await resources.service({ keys: true });
    const device = options.device as string | undefined;
    const unreadable: string[] = [];
    const off = otp.events.on('device.unreadable', ({ deviceId }) => void unreadable.push(deviceId));
    const result = await otp
      .verifyToken({
        userId: args.user!,
        token: args.code,
        ...(device !== undefined ? { deviceId: device } : {}),
      })
      .finally(off);
    for (const id of unreadable) {
      out.warn(
        `device ${printable(id)} cannot be read with the keys in OTPKIT_KEYS (its key is missing, or a different key has its id): it was skipped.`,
      );
    }
    if (result.ok) {
      out.result(
        result,
        `Code accepted (${printable(result.kind)} device ${printable(result.deviceId)} of ${printable(result.userId)}).`,
      );
      return EXIT.ok;
    }
    out.result(result, `Code refused: ${refusal(result)}.`);
    // Refused with a device skipped: the operator's keys are the problem, not (only) the code.
    return unreadable.length > 0 ? EXIT.usage : EXIT.failed;
  },
};
