import { EXIT } from '../cli-error.js';
import type { CommandSpec } from '../command.js';
import { plural } from '../format.js';
import { printable } from '../io.js';

/** `otpkit unlock <user>`: the administrator reset of the throttle. */
export const unlockCommand: CommandSpec = {
  path: ['unlock'],
  summary: "clear a user's failures, delay and lock",
  args: ['user'],
  details: 'After too many wrong codes a user is locked until an administrator runs this.',
  examples: ['otpkit unlock alice'],
  async run({ args, out, resources }) {
    const otp = await resources.service({ keys: false });
    const userId = args.user!;
    const before = await otp.status({ userId });
    await otp.resetThrottle({ userId });
    const user = printable(userId);
    out.result(
      { userId, unlocked: true, wasLocked: before.locked, failuresCleared: before.failures },
      before.failures === 0 && !before.locked
        ? `${user} had no failures to clear.`
        : `${user} is unlocked (${before.locked ? 'was locked, ' : ''}${plural(before.failures, 'failure')} cleared).`,
    );
    return EXIT.ok;
  },
};
