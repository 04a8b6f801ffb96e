import { createKeyring, type Keyring } from '@otpkit/core';
import { configError } from '../cli-error.js';
import { optionIssue } from './option-issue.js';

const GENERATE = 'create one with `otpkit keys generate`';

/** The key ids listed in an `OTPKIT_KEYS` value, in order, without reading any key. */
export function listedKeyIds(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => entry.slice(0, Math.max(0, entry.indexOf(':'))).trim())
    .filter((id) => id !== '');
}

/**
 * The keyring from `OTPKIT_KEYS` (`k2:BASE64,k1:BASE64`: id and 32-byte base64 key pairs) and
 * `OTPKIT_PRIMARY_KEY` (the id that seals; the first listed by default). Every problem is one
 * sentence naming the setting; no message ever contains a key.
 */
export function keyringFromSettings(keysText: string | undefined, primaryText: string | undefined): Keyring {
  if (keysText === undefined || keysText.trim() === '') {
    throw configError(
      `OTPKIT_KEYS is not set: set it to id:base64key pairs separated by commas (${GENERATE}).`,
    );
  }
  const keys: Record<string, string> = {};
  const ids: string[] = [];
  // Empty entries (a trailing comma) are ignored; entries are numbered among the others.
  const entries = keysText
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, Math.max(0, colon)).trim();
    const key = entry.slice(colon + 1).trim();
    if (colon < 1 || id === '' || key === '') {
      throw configError(`OTPKIT_KEYS entry ${index + 1} is not of the form id:base64key (${GENERATE}).`);
    }
    if (Object.hasOwn(keys, id)) throw configError(`OTPKIT_KEYS lists the key id ${safeId(id)} twice.`);
    keys[id] = key;
    ids.push(id);
  }
  const primary = primaryText?.trim() || ids[0]!;
  if (!ids.includes(primary)) {
    throw configError(
      `OTPKIT_PRIMARY_KEY must be one of the key ids in OTPKIT_KEYS (${ids.map(safeId).join(', ')}).`,
    );
  }
  try {
    return createKeyring({ keys, primary });
  } catch (error) {
    throw configError(`OTPKIT_KEYS is not valid: ${keyringProblem(error)}.`);
  }
}

// Ids are shown only when they look like ids: a key pasted where its id belongs must not be echoed.
const ID = /^[A-Za-z0-9_-]{1,32}$/;
const safeId = (id: string) => (ID.test(id) ? id : '(an invalid id)');

/** What `createKeyring` refused (`keys.k1`: must be 32 bytes, got 16), in terms of OTPKIT_KEYS. */
function keyringProblem(error: unknown): string {
  const issue = optionIssue(error);
  if (!issue) return 'each key must be 32 bytes in base64';
  const [field, id] = issue.path;
  return field === 'keys' && id !== undefined && ID.test(id) ? `key ${id} ${issue.problem}` : issue.problem;
}
