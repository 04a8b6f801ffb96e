import { describe, expect, it } from 'vitest';
import type { OtpStore } from '../store/otp-store.js';
import { freshId, newToken, T0, TRICKY_JSON } from './conformance-fixtures.js';

/** Tokens: insert once, read until expiry, update, list, consume once, delete by user, purge the expired. */
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

    it('updates the data of a live token, and its expiry when given', async () => {
      const token = newToken(freshId('user'), { type: 'trusted-browser', expiresAt: T0 + 1000 });
      await store().putToken(token);
      expect(await store().updateToken(token.id, { data: TRICKY_JSON }, T0 + 10)).toBe(true);
      expect(await store().getToken(token.id, T0 + 10)).toStrictEqual({ ...token, data: TRICKY_JSON });
      expect(await store().updateToken(token.id, { data: { n: 2 }, expiresAt: T0 + 5000 }, T0 + 20)).toBe(
        true,
      );
      expect(await store().getToken(token.id, T0 + 4000)).toStrictEqual({
        ...token,
        data: { n: 2 },
        expiresAt: T0 + 5000,
      });
    });

    it('never updates an expired, consumed or unknown token, and never revives one', async () => {
      const expired = newToken(freshId('user'), { expiresAt: T0 + 1000 });
      await store().putToken(expired);
      expect(await store().updateToken(expired.id, { data: {}, expiresAt: T0 + 9999 }, T0 + 1000)).toBe(
        false,
      );
      expect(await store().getToken(expired.id, T0 + 1000)).toBeNull();
      expect(await store().getToken(expired.id, T0)).toStrictEqual(expired);
      const consumed = newToken(freshId('user'));
      await store().putToken(consumed);
      await store().consumeToken(consumed.id, T0);
      expect(await store().updateToken(consumed.id, { data: {} }, T0)).toBe(false);
      expect(await store().updateToken(freshId('tok'), { data: {} }, T0)).toBe(false);
    });

    it('lists one user’s live tokens of one type, oldest first, and nobody else’s', async () => {
      const alice = freshId('alice');
      const later = newToken(alice, { type: 'trusted-browser', createdAt: T0 + 5, data: { n: 2 } });
      const earlier = newToken(alice, { type: 'trusted-browser', createdAt: T0 + 1, data: { n: 1 } });
      const expired = newToken(alice, { type: 'trusted-browser', expiresAt: T0 + 50 });
      const otherType = newToken(alice, { type: 'step-up' });
      const bobs = newToken(freshId('bob'), { type: 'trusted-browser' });
      for (const token of [later, earlier, expired, otherType, bobs]) await store().putToken(token);
      expect(await store().listTokens({ userId: alice, type: 'trusted-browser' }, T0 + 100)).toStrictEqual([
        earlier,
        later,
      ]);
      expect(await store().listTokens({ userId: alice, type: 'trusted-browser' }, T0)).toHaveLength(3);
      expect(await store().listTokens({ userId: freshId('nobody'), type: 'trusted-browser' }, T0)).toEqual(
        [],
      );
    });

    it('deletes one token by id only when it is that user’s (and of that type, when given)', async () => {
      const alice = freshId('alice');
      const bob = freshId('bob');
      const mine = newToken(alice, { type: 'trusted-browser' });
      const other = newToken(alice, { type: 'trusted-browser' });
      const bobs = newToken(bob, { type: 'trusted-browser' });
      for (const token of [mine, other, bobs]) await store().putToken(token);
      // Another user cannot delete it, nor can a filter of the wrong type.
      expect(await store().deleteTokens({ userId: bob, id: mine.id })).toBe(0);
      expect(await store().deleteTokens({ userId: alice, type: 'step-up', id: mine.id })).toBe(0);
      expect(await store().getToken(mine.id, T0)).toStrictEqual(mine);
      expect(await store().deleteTokens({ userId: alice, type: 'trusted-browser', id: mine.id })).toBe(1);
      expect(await store().getToken(mine.id, T0)).toBeNull();
      expect(await store().getToken(other.id, T0)).toStrictEqual(other);
      expect(await store().getToken(bobs.id, T0)).toStrictEqual(bobs);
      expect(await store().deleteTokens({ userId: alice, id: mine.id })).toBe(0);
    });
  });
}
