import { EXIT } from '../cli-error.js';
import type { CommandSpec } from '../command.js';
import { formatDetails, formatTime, table } from '../format.js';
import { printable } from '../io.js';

/** `otpkit devices list <user>`. */
export const devicesListCommand: CommandSpec = {
  path: ['devices', 'list'],
  summary: "list a user's devices (never their secrets)",
  args: ['user'],
  details: 'Shows every device, confirmed or pending, of every kind (email devices included).',
  examples: ['otpkit devices list alice', 'otpkit devices list alice --json'],
  async run({ args, out, resources }) {
    const otp = await resources.service({ keys: false });
    const devices = await otp.listDevices({ userId: args.user! });
    const user = printable(args.user!);
    out.result(
      { userId: args.user, devices },
      devices.length === 0
        ? `${user} has no devices.`
        : table(
            ['ID', 'KIND', 'NAME', 'STATUS', 'CREATED', 'LAST USED', 'DETAILS'],
            devices.map((device) => [
              printable(device.id),
              printable(device.kind),
              printable(device.name),
              device.confirmed ? 'confirmed' : 'pending',
              formatTime(device.createdAt),
              formatTime(device.lastUsedAt),
              formatDetails(device),
            ]),
          ),
    );
    return EXIT.ok;
  },
};
