import { EXIT } from '../cli-error.js';
import { type CommandSpec, integerOption } from '../command.js';
import { plural } from '../format.js';
import { printable } from '../io.js';

/** `otpkit add-static-token <user>`: django-otp's addstatictoken, over the backup-code set. */
export const addStaticTokenCommand: CommandSpec = {
  path: ['add-static-token'],
  summary: 'give a user single-use backup codes (printed once)',
  args: ['user'],
  options: {
    count: { type: 'string', value: 'n', description: 'how many codes to add, 1–100 (default 1)' },
  },
  details: [
    "Adds codes to the user's backup-code set, keeping the codes they already hold, and creates the",
    'set if they have none: the way to let someone into an admin site that now requires two-factor',
    'authentication before they have set it up. Each code works once. They are shown only now;',
    'the store keeps keyed hashes. Needs OTPKIT_KEYS.',
  ].join('\n'),
  examples: ['otpkit add-static-token alice', 'otpkit add-static-token alice --count 3 --json'],
  async run({ args, options, out, resources }) {
    const count = integerOption(options.count, 'count', { min: 1, max: 100, default: 1 });
    const otp = await resources.service({ keys: true });
    const { device, codes } = await otp.addBackupCodes({ userId: args.user!, count });
    const remaining = typeof device.details.remaining === 'number' ? device.details.remaining : null;
    const user = printable(args.user!);
    out.result(
      { userId: args.user, deviceId: device.id, codes, remaining },
      [
        `${codes.length === 1 ? 'Backup code' : 'Backup codes'} for ${user} (each works once; shown only now):`,
        ...codes.map((code) => `  ${code}`),
        ...(remaining === null ? [] : [`${user} now has ${plural(remaining, 'unused backup code')}.`]),
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
