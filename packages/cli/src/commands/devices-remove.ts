import { type DeviceInfo, isOtpError } from '@otpkit/core';
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
    let device: DeviceInfo;
    try {
      device = await otp.removeDevice({ userId, deviceId });
    } catch (error) {
      if (isOtpError(error, 'OTP_DEVICE_NOT_FOUND')) {
        throw failure(`${printable(userId)} has no device ${printable(deviceId)}.`);
      }
      throw error;
    }
    out.result(
      { userId, deviceId, removed: true },
      `Removed ${printable(device.kind)} device "${printable(device.name)}" (${printable(deviceId)}) from ${printable(userId)}.`,
    );
    return EXIT.ok;
  },
};
