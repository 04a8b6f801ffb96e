import type { OtpStore, TokenRecord } from '@otpkit/core';
import Bowser from 'bowser';
import { newBearer, tokenIdOf } from '../security/random.js';

/** The token type of a trusted browser. */
export const TRUSTED_BROWSER = 'otpkit:trusted-browser';

/** A trusted browser as listed to its user. */
export interface TrustedBrowser {
  /** The store id (the hash of the cookie value): safe to show and to post back for revocation. */
  id: string;
  browser: string;
  os: string;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
}

/** A readable browser and OS from a User-Agent ("Firefox 128", "macOS"); "Unknown" when unreadable. */
export function describeUserAgent(userAgent: string | undefined): { browser: string; os: string } {
  if (!userAgent) return { browser: 'Unknown browser', os: 'Unknown system' };
  try {
    const parsed = Bowser.parse(userAgent.slice(0, 512));
    const major = parsed.browser.version?.split('.')[0];
    const browser = parsed.browser.name
      ? `${parsed.browser.name}${major ? ` ${major}` : ''}`
      : 'Unknown browser';
    return { browser, os: parsed.os.name ?? 'Unknown system' };
  } catch {
    return { browser: 'Unknown browser', os: 'Unknown system' };
  }
}

function toBrowser(record: TokenRecord): TrustedBrowser {
  const { browser, os, lastUsedAt } = record.data;
  return {
    id: record.id,
    browser: typeof browser === 'string' ? browser : 'Unknown browser',
    os: typeof os === 'string' ? os : 'Unknown system',
    createdAt: record.createdAt,
    lastUsedAt: typeof lastUsedAt === 'number' ? lastUsedAt : record.createdAt,
    expiresAt: record.expiresAt,
  };
}

/**
 * Trust this browser: a random cookie value whose hash is the store id; the record holds the user's
 * security stamp, so any change of factors (even from the CLI) makes it worthless.
 */
export async function trustBrowser(
  store: OtpStore,
  input: { userId: string; stamp: string | null; userAgent: string | undefined; now: number; ttlMs: number },
): Promise<{ bearer: string; browser: TrustedBrowser }> {
  const bearer = newBearer();
  const { browser, os } = describeUserAgent(input.userAgent);
  const record: TokenRecord = {
    id: tokenIdOf(bearer),
    type: TRUSTED_BROWSER,
    userId: input.userId,
    data: { stamp: input.stamp, browser, os, lastUsedAt: input.now },
    createdAt: input.now,
    expiresAt: input.now + input.ttlMs,
  };
  await store.putToken(record);
  return { bearer, browser: toBrowser(record) };
}

/**
 * Check a trusted-browser cookie for the user of a pending login: it must name a live record of
 * that very user whose stamp is the user's current stamp. A matching record's last use is updated.
 * A record with a stale stamp is deleted.
 */
export async function checkTrustedBrowser(
  store: OtpStore,
  input: { bearer: string | undefined; userId: string; stamp: string | null; now: number },
): Promise<boolean> {
  if (!input.bearer || input.bearer.length > 200) return false;
  const id = tokenIdOf(input.bearer);
  const record = await store.getToken(id, input.now);
  if (!record || record.type !== TRUSTED_BROWSER || record.userId !== input.userId) return false;
  if (record.data.stamp !== input.stamp) {
    await store.deleteTokens({ userId: input.userId, type: TRUSTED_BROWSER, id });
    return false;
  }
  return store.updateToken(id, { data: { ...record.data, lastUsedAt: input.now } }, input.now);
}

/** The user's live trusted browsers, oldest first. */
export async function listTrustedBrowsers(store: OtpStore, userId: string, now: number) {
  const records = await store.listTokens({ userId, type: TRUSTED_BROWSER }, now);
  return records.map(toBrowser);
}

/** Revoke one trusted browser by its id (only the user's own), or all of them. Resolves the count. */
export function revokeTrustedBrowsers(store: OtpStore, userId: string, id?: string): Promise<number> {
  return store.deleteTokens({ userId, type: TRUSTED_BROWSER, ...(id ? { id } : {}) });
}

/** The cookie value's store id, to mark "this browser" in the list. */
export const trustedBrowserIdOf = tokenIdOf;
