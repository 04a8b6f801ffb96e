import { describe, expect, it } from 'vitest';
import type { OtpStore } from '../store/otp-store.js';
import { freshId, newToken, T0, TRICKY_JSON } from './conformance-fixtures.js';

/** Tokens: insert once, read until expiry, consume once, delete by user, purge the expired. */
export function describeTokenConformance(store: () => OtpStore): void {
  describe('tokens', () => {
    it('stores a token that getToken returns exactly, data included', async () => {
      const token = newToken(freshId('user'), { data: TRICKY_JSON, type: 'trusted-browser' });
      await store().putToken(token);
      expect(await store().getToken(token.id, T0)).toStrictEqual(token);
      expect(await store().getToken(token.id, T0 + 1)).toStrictEqual(token);
    });

    it('returns null for an unknown token', async () => {
      expect(await store().getToken(freshId('tok'), T0)).toBeNull();
      expect(await store().consumeToken(freshId('tok'), T0)).toBeNull();
    });

    it('rejects a second token with the same id with OTP_STORE_CONFLICT, keeping the first', async () => {
      const userId = freshId('user');
      const token = newToken(userId);
      await store().putToken(token);
      const duplicate = { ...token, type: 'step-up', data: { other: true } };
      await expect(store().putToken(duplicate)).rejects.toMatchObject({ code: 'OTP_STORE_CONFLICT' });
      expect(await store().getToken(token.id, T0)).toStrictEqual(token);
    });

    it('consumes a token once: the first call returns it, later calls and reads get null', async () => {
      const token = newToken(freshId('user'));
      await store().putToken(token);
      expect(await store().consumeToken(token.id, T0 + 10)).toStrictEqual(token);
      expect(await store().consumeToken(token.id, T0 + 10)).toBeNull();
      expect(await store().getToken(token.id, T0 + 10)).toBeNull();
    });

    it.each([
      ['at the instant it expires', 0],
      ['after it expires', 1],
      ['long after it expires', 86_400_000],
    ])('hides a token %s from getToken and consumeToken', async (_label, after) => {
      const token = newToken(freshId('user'), { expiresAt: T0 + 1000 });
      await store().putToken(token);
      expect(await store().getToken(token.id, T0 + 1000 + after)).toBeNull();
      expect(await store().consumeToken(token.id, T0 + 1000 + after)).toBeNull();
      // Still there for a reader whose clock is earlier: hiding is by `now`, not a side effect.
      expect(await store().getToken(token.id, T0 + 999)).toStrictEqual(token);
    });

    it('purges only expired tokens and returns how many it deleted', async () => {
      // A low instant of its own, so tokens written by other tests or suites (at T0 and later) are
      // never expired at it; the first purge clears leftovers of earlier runs of this test.
      const at = 1_000_000;
      await store().purgeExpired(at);
      const userId = freshId('user');
      const long = newToken(userId, { createdAt: 0, expiresAt: at - 500_000 });
      const boundary = newToken(userId, { createdAt: 0, expiresAt: at });
      const live = newToken(userId, { createdAt: 0, expiresAt: at + 1 });
      for (const token of [long, boundary, live]) await store().putToken(token);
      expect(await store().purgeExpired(at)).toBe(2);
      // Read at instant 0, when all three would still be live: only a purge can hide them.
      expect(await store().getToken(long.id, 0)).toBeNull();
      expect(await store().getToken(boundary.id, 0)).toBeNull();
      expect(await store().getToken(live.id, 0)).toStrictEqual(live);
      expect(await store().purgeExpired(at)).toBe(0);
    });

    it('deletes all of one user’s tokens, and only theirs', async () => {
      const alice = freshId('alice');
      const bob = freshId('bob');
      const aliceTokens = [
        newToken(alice),
        newToken(alice, { type: 'trusted-browser' }),
        newToken(alice, { type: 'step-up' }),
      ];
      const bobToken = newToken(bob);
      for (const token of [...aliceTokens, bobToken]) await store().putToken(token);
      expect(await store().deleteTokens({ userId: alice })).toBe(3);
      for (const token of aliceTokens) expect(await store().getToken(token.id, T0)).toBeNull();
      expect(await store().getToken(bobToken.id, T0)).toStrictEqual(bobToken);
      expect(await store().deleteTokens({ userId: alice })).toBe(0);
    });

    it('deletes one user’s tokens of one type, and only those', async () => {
      const alice = freshId('alice');
      const bob = freshId('bob');
      const trusted = [
        newToken(alice, { type: 'trusted-browser' }),
        newToken(alice, { type: 'trusted-browser' }),
      ];
      const pending = newToken(alice, { type: 'pending-login' });
      const bobTrusted = newToken(bob, { type: 'trusted-browser' });
      for (const token of [...trusted, pending, bobTrusted]) await store().putToken(token);
      expect(await store().deleteTokens({ userId: alice, type: 'trusted-browser' })).toBe(2);
      for (const token of trusted) expect(await store().getToken(token.id, T0)).toBeNull();
      expect(await store().getToken(pending.id, T0)).toStrictEqual(pending);
      expect(await store().getToken(bobTrusted.id, T0)).toStrictEqual(bobTrusted);
    });
  });
}
