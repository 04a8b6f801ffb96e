/**
 * The address an email device sends codes to. It ends up in a `To:` header, so it is checked
 * strictly: one plain address, no display name, no line breaks (header injection).
 */
import { z } from 'zod';

/** RFC 5321 limits a forward path to 256 octets, two of them the angle brackets. */
const MAX_LENGTH = 254;

export const emailAddressSchema = z
  .string()
  // Checked before trimming: a trailing "\r\nBcc: …" must be refused, not trimmed into validity.
  .refine((text) => !/[\r\n]/.test(text), 'must not contain line breaks')
  .transform((text) => text.trim())
  .pipe(z.email().max(MAX_LENGTH))
  // Domains are case-insensitive; the local part, strictly, is not, so it is left as typed.
  .transform((address) => {
    const at = address.lastIndexOf('@');
    return address.slice(0, at) + address.slice(at).toLowerCase();
  });
