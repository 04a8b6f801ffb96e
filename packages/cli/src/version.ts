import packageJson from '../package.json' with { type: 'json' };

/** The version of @otpkit/cli, printed by `otpkit --version`. */
export const VERSION: string = packageJson.version;
