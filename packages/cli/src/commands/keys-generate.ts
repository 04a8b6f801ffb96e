import { generateKey } from '@otpkit/core';
import { EXIT, usageError } from '../cli-error.js';
import type { CommandSpec } from '../command.js';
import { listedKeyIds } from '../config/keys-setting.js';

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** `k<n+1>` after the highest `k<n>` listed, or the first free `k<n>`. */
export function nextKeyId(listed: readonly string[]): string {
  const numbers = listed.map((id) => /^k([0-9]{1,6})$/.exec(id)?.[1]).filter((n) => n !== undefined);
  let n = Math.max(0, ...numbers.map(Number)) + 1;
  while (listed.includes(`k${n}`)) n++;
  return `k${n}`;
}

/** `otpkit keys generate`: a new 32-byte keyring key and the OTPKIT_KEYS line to use it. */
export const keysGenerateCommand: CommandSpec = {
  path: ['keys', 'generate'],
  summary: 'print a new random key and the OTPKIT_KEYS line to use it',
  args: [],
  options: {
    id: {
      type: 'string',
      value: 'id',
      description: 'key id (default: the next kN after the ids in OTPKIT_KEYS, else k1)',
    },
  },
  details: [
    'The key is 32 bytes from the system CSPRNG, in base64: keep it like a password. The current',
    'keys are never printed; only their ids are read from OTPKIT_KEYS. Connects to nothing.',
  ].join('\n'),
  examples: ['otpkit keys generate', 'otpkit keys generate --id 2026-11 --json'],
  async run({ options, out, io }) {
    const listed = listedKeyIds(io.env.OTPKIT_KEYS);
    const id = (options.id as string | undefined) ?? nextKeyId(listed);
    if (!KEY_ID.test(id)) throw usageError('--id must be 1 to 32 letters, digits, _ or -.');
    if (listed.includes(id)) throw usageError(`OTPKIT_KEYS already has a key ${id}: choose another --id.`);
    const key = generateKey();
    const entry = `${id}:${key}`;
    const line = [`OTPKIT_KEYS=${entry}`, ...listed.map((old) => `${old}:<current ${old} key>`)].join(',');
    out.result(
      { id, key, entry },
      [
        `New key ${id} (keep it secret):`,
        `  ${key}`,
        '',
        listed.length === 0
          ? 'Set it as the keyring:'
          : 'Put it first in OTPKIT_KEYS, keeping the current keys after it:',
        `  ${line}`,
        ...(listed.length === 0
          ? []
          : [
              '',
              `Once every app server has the new list, run \`otpkit keys rotate\` to re-seal stored secrets under ${id}.`,
            ]),
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
