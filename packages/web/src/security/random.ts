import { createHash, randomBytes } from 'node:crypto';

/** A random bearer value: 32 bytes from the CSPRNG, base64url. */
export function newBearer(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The store id of a bearer value: its SHA-256, base64url. The store never holds the bearer, so a
 * dump of the token table cannot be replayed as a cookie or a session.
 */
export function tokenIdOf(bearer: string): string {
  return createHash('sha256').update(bearer).digest('base64url');
}
