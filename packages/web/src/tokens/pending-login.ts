import type { OtpStore, TokenRecord } from '@otpkit/core';
import { newBearer, tokenIdOf } from '../security/random.js';

/** The token type of a login whose password step is done and whose second step is not. */
export const PENDING_LOGIN = 'otpkit:pending-login';

/** A pending login, read back from the store. */
export interface PendingLogin {
  userId: string;
  /** Where to go once the login completes (already checked to be a same-site path). */
  next: string;
  createdAt: number;
}

function fromRecord(record: TokenRecord | null): PendingLogin | null {
  if (!record || record.type !== PENDING_LOGIN) return null;
  const next = record.data.next;
  return { userId: record.userId, next: typeof next === 'string' ? next : '/', createdAt: record.createdAt };
}

/**
 * Start a pending login: a server-side token whose bearer only this session holds (the session keeps
 * the bearer, the store its hash), so it is bound to the user and to this session, and expires.
 */
export async function startPendingLogin(
  store: OtpStore,
  input: { userId: string; next: string; now: number; ttlMs: number },
): Promise<string> {
  const bearer = newBearer();
  await store.putToken({
    id: tokenIdOf(bearer),
    type: PENDING_LOGIN,
    userId: input.userId,
    data: { next: input.next },
    createdAt: input.now,
    expiresAt: input.now + input.ttlMs,
  });
  return bearer;
}

/** Read a live pending login without using it up. */
export async function readPendingLogin(store: OtpStore, bearer: string, now: number) {
  return fromRecord(await store.getToken(tokenIdOf(bearer), now));
}

/**
 * Use a pending login up: exactly one caller gets it, so two racing posts of a right code cannot
 * both complete the same login.
 */
export async function consumePendingLogin(store: OtpStore, bearer: string, now: number) {
  return fromRecord(await store.consumeToken(tokenIdOf(bearer), now));
}

/** Abandon a pending login (logout, a new login over it). Only that user's token is deleted. */
export async function dropPendingLogin(store: OtpStore, bearer: string, userId: string): Promise<void> {
  await store.deleteTokens({ userId, type: PENDING_LOGIN, id: tokenIdOf(bearer) });
}
