import { EXIT } from '../cli-error.js';
import type { CommandSpec } from '../command.js';
import { refusal } from '../format.js';
import { printable } from '../io.js';
import { explainingUnreadable } from '../unreadable-device.js';

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
    const { result, warnings } = await explainingUnreadable(
      otp,
      await resources.store(),
      resources.keyring(),
      () =>
        otp.verifyToken({
          userId: args.user!,
          token: args.code,
          ...(device !== undefined ? { deviceId: device } : {}),
        }),
    );
    for (const warning of warnings) out.warn(warning);
    if (result.ok) {
      out.result(
        result,
        `Code accepted (${printable(result.kind)} device ${printable(result.deviceId)} of ${printable(result.userId)}).`,
      );
      return EXIT.ok;
    }
    out.result(result, `Code refused: ${refusal(result)}.`);
    // Refused with a device skipped: the operator's keys are the problem, not (only) the code.
    return warnings.length > 0 ? EXIT.usage : EXIT.failed;
  },
};
