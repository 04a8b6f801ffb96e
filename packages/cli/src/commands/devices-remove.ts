import { EXIT, failure } from '../cli-error.js';
import type { CommandSpec } from '../command.js';
import { printable } from '../io.js';

/** `otpkit devices remove <user> <device>`. */
export const devicesRemoveCommand: CommandSpec = {
  path: ['devices', 'remove'],
  summary: "remove one of a user's devices",
  args: ['user', 'device'],
  details: 'The device id is the one `otpkit devices list` shows (it may start with -).',
  examples: ['otpkit devices remove alice 3q2v8TfM0Kp1YbYw7zqJXg'],
  async run({ args, out, resources }) {
    const otp = await resources.service({ keys: false });
    const userId = args.user!;
    const deviceId = args.device!;
    const device = (await otp.listDevices(userId)).find((candidate) => candidate.id === deviceId);
    const removed = device !== undefined && (await otp.removeDevice({ userId, deviceId }));
    if (!removed) throw failure(`${printable(userId)} has no device ${printable(deviceId)}.`);
    out.result(
      { userId, deviceId, removed: true },
      `Removed ${printable(device.kind)} device "${printable(device.name)}" (${printable(deviceId)}) from ${printable(userId)}.`,
    );
    return EXIT.ok;
  },
};
