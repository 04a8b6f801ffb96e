import { EXIT } from '../cli-error.js';
import type { CommandSpec } from '../command.js';
import { plural } from '../format.js';
import { printable } from '../io.js';

/** `otpkit status <user>`. */
export const statusCommand: CommandSpec = {
  path: ['status'],
  summary: "show a user's two-factor status: enrolled, failures, lock",
  args: ['user'],
  examples: ['otpkit status alice', 'otpkit status alice --json'],
  async run({ args, out, resources }) {
    const otp = await resources.service({ keys: false });
    // The security stamp is left out: it only serves to invalidate trusted browsers.
    const { stamp: _stamp, ...status } = await otp.status({ userId: args.user! });
    const wait =
      status.retryAfterMs === undefined ? [] : [`  next try in:  ${Math.ceil(status.retryAfterMs / 1000)} s`];
    out.result(
      { userId: args.user, ...status },
      [
        printable(args.user!),
        `  enrolled:     ${status.enrolled ? 'yes' : 'no'} (${plural(status.confirmedDevices, 'confirmed device')})`,
        `  failures:     ${status.failures}`,
        `  locked:       ${status.locked ? 'yes (`otpkit unlock` lifts it)' : 'no'}`,
        ...wait,
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
