import type { CommandSpec } from '../command.js';
import { ENROLL_OPTIONS, finishEnrollment, showProvisioning } from './enroll-flow.js';

/** `otpkit enroll totp <user>`: a new authenticator app, confirmed on the spot unless --no-confirm. */
export const enrollTotpCommand: CommandSpec = {
  path: ['enroll', 'totp'],
  summary: 'enroll an authenticator app: QR code, key and URI, then confirm',
  args: ['user'],
  options: ENROLL_OPTIONS,
  details: [
    'Prints the QR code, the manual key and the otpauth:// URI (secrets: shown only now), then reads',
    'codes from stdin until one confirms the device; an empty line or the end of input stops and',
    'leaves it pending. Enrolling again replaces a pending device. Needs OTPKIT_KEYS.',
  ].join('\n'),
  examples: [
    'otpkit enroll totp alice --label alice@example.com --issuer "Example Admin"',
    'otpkit enroll totp alice --no-confirm --json',
  ],
  async run(ctx) {
    const { args, options, resources } = ctx;
    const otp = await resources.service({ keys: true, issuer: options.issuer as string | undefined });
    const userId = args.user!;
    const name = options.name as string | undefined;
    const label = options.label as string | undefined;
    const enrolled = await otp.enroll({
      userId,
      kind: 'totp',
      ...(name !== undefined ? { name } : {}),
      ...(label !== undefined ? { label } : {}),
    });
    if (!(ctx.out.json && options['no-confirm'] === true)) await showProvisioning(ctx, enrolled);
    return finishEnrollment(ctx, otp, {
      userId,
      enrolled,
      source: 'app',
      confirmed: 'can sign in with the app',
    });
  },
};
