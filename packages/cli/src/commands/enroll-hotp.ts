import { isOtpError } from '@otpkit/core';
import { usageError } from '../cli-error.js';
import { type CommandSpec, integerOption } from '../command.js';
import { createLineReader } from '../line-reader.js';
import { ENROLL_OPTIONS, finishEnrollment, showProvisioning } from './enroll-flow.js';

const ENCODINGS = ['base32', 'hex'] as const;
type Encoding = (typeof ENCODINGS)[number];

/** Hex digits only, with at least one that base32 lacks (0, 1, 8, 9): surely not base32. */
const looksHex = (text: string) => /^[0-9a-f]+$/i.test(text) && /[0189]/.test(text);

/**
 * `otpkit enroll hotp <user>`: a hardware token (its seed imported from stdin, hex or base32, with
 * its counter and code length) or a counter-based app (a new secret, shown as a QR code).
 */
export const enrollHotpCommand: CommandSpec = {
  path: ['enroll', 'hotp'],
  summary: 'enroll an HOTP token (import its seed) or a counter-based app, then confirm',
  args: ['user'],
  options: {
    import: {
      type: 'boolean',
      description: "read the token's seed from the first line of stdin instead of making a new secret",
    },
    encoding: {
      type: 'string',
      value: 'base32|hex',
      description: 'how the imported seed is written (default base32)',
    },
    counter: {
      type: 'string',
      value: 'n',
      description: "the token's current counter, for a token already used (default 0)",
    },
    digits: { type: 'string', value: 'n', description: 'code length of the token, 6–8 (default 6)' },
    ...ENROLL_OPTIONS,
    name: { type: 'string', value: 'name', description: 'device name (default "Security token")' },
  },
  details: [
    "With --import, the token's seed (16 to 64 bytes, as its vendor ships it) is read from the first",
    'line of stdin, never from the command line, so it shows in no process list or shell history;',
    'nothing secret is printed. Without it, a new secret is shown as a QR code, key and URI for a',
    'counter-based app. Then codes are read from stdin until one confirms the device (press the',
    "token's button); an empty line or the end of input leaves it pending. Needs OTPKIT_KEYS.",
  ].join('\n'),
  examples: [
    'otpkit enroll hotp alice --import --encoding hex --digits 8 --name "Token 4711"',
    'otpkit enroll hotp alice --import --counter 12 --no-confirm < seed.txt',
    'otpkit enroll hotp alice --label alice@example.com',
  ],
  async run(ctx) {
    const { args, options, out, io, resources } = ctx;
    const digits = integerOption(options.digits, 'digits', { min: 6, max: 8 });
    const counter = integerOption(options.counter, 'counter', { min: 0, max: 999_999_999, default: 0 });
    const encoding = (options.encoding ?? 'base32') as Encoding;
    if (!ENCODINGS.includes(encoding)) throw usageError('--encoding must be base32 or hex.');
    const imported = options.import === true;
    if (!imported && (options.encoding !== undefined || options.counter !== undefined)) {
      throw usageError('--encoding and --counter describe an imported seed: add --import.');
    }
    const otp = await resources.service({
      keys: true,
      issuer: options.issuer as string | undefined,
      hotpDigits: digits,
    });
    const userId = args.user!;
    const name = options.name as string | undefined;
    const label = options.label as string | undefined;
    const reader = createLineReader(io.stdin);
    try {
      let secret: string | undefined;
      if (imported) {
        io.stderr.write(`Seed of the token (${encoding}): `);
        secret = (await reader.next())?.replace(/\s+/g, '');
        if (!(io.stdin as { isTTY?: boolean }).isTTY) io.stderr.write('\n');
        if (!secret) throw usageError('No seed was given: write it on the first line of stdin.');
      }
      const enrolled = await otp
        .enroll({
          userId,
          kind: 'hotp',
          ...(name !== undefined ? { name } : {}),
          ...(label !== undefined ? { label } : {}),
          ...(secret !== undefined ? { secret, encoding, counter } : {}),
        })
        .catch((error: unknown) => {
          if (!isOtpError(error, 'OTP_INVALID_SECRET')) throw error;
          const hint =
            encoding === 'base32' && looksHex(secret ?? '') ? ': it looks like hex, add --encoding hex' : '';
          throw usageError(`The seed is not a valid ${encoding} secret of 16 to 64 bytes${hint}.`);
        });
      if (!(out.json && options['no-confirm'] === true)) await showProvisioning(ctx, enrolled);
      return await finishEnrollment(ctx, otp, {
        userId,
        enrolled,
        source: imported ? 'token' : 'app',
        confirmed: imported ? 'can sign in with the token' : 'can sign in with the app',
        reader,
      });
    } finally {
      reader.close();
    }
  },
};
