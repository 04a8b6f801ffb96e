import { EXIT } from '../cli-error.js';
import type { CommandSpec } from '../command.js';
import { refusal } from '../format.js';
import { printable } from '../io.js';
import { explainingUnreadable } from '../unreadable-device.js';

/** `otpkit confirm <user> <device> <code>`: finish an enrollment left pending. */
export const confirmCommand: CommandSpec = {
  path: ['confirm'],
  summary: 'confirm a pending device with a code from it',
  args: ['user', 'device', 'code'],
  details: [
    'Finishes `otpkit enroll totp --no-confirm` (or an enrollment started on the site). The code is',
    'used up; a wrong one counts toward the throttle. Needs OTPKIT_KEYS.',
  ].join('\n'),
  examples: ['otpkit confirm alice 3q2v8TfM0Kp1YbYw7zqJXg 123456'],
  async run({ args, out, resources }) {
    const otp = await resources.service({ keys: true });
    const { result, warnings } = await explainingUnreadable(
      otp,
      await resources.store(),
      resources.keyring(),
      () => otp.confirm({ userId: args.user!, deviceId: args.device!, token: args.code }),
    );
    for (const warning of warnings) out.warn(warning);
    if (result.ok) {
      out.result(result, `Device ${printable(result.deviceId)} of ${printable(result.userId)} is confirmed.`);
      return EXIT.ok;
    }
    out.result(result, `Code refused: ${refusal(result)}.`);
    return warnings.length > 0 ? EXIT.usage : EXIT.failed;
  },
};
