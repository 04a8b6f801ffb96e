import { importSecret, OtpError } from '@otpkit/core';
import { z } from 'zod';

/**
 * Validate the kind-specific fields of `otp.importDevice()`. Like enrollment input these come from
 * another system at run time, so a failure is an `OtpError('OTP_INVALID_INPUT')` whose `details.field`
 * names the field: an importer reports it per row and goes on with the next one. The message names
 * the field and the rule, never the value (an imported secret must not end up in a log line).
 */
export function parseImportInput<S extends z.ZodType>(schema: S, input: unknown, kind: string): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).map(String);
  if (issue?.code === 'unrecognized_keys') {
    // Field names come from the source too: only plain identifiers are echoed back.
    const named = issue.keys.filter((key) => /^[A-Za-z0-9_]{1,32}$/.test(key));
    const list = named.length === issue.keys.length ? ` ${named.join(', ')}` : '';
    throw new OtpError('OTP_INVALID_INPUT', `Invalid ${kind} import input: unknown field${list}`, {
      details: { field: named[0] ?? 'input' },
    });
  }
  const field = path.join('.') || 'input';
  throw new OtpError(
    'OTP_INVALID_INPUT',
    `Invalid ${kind} import input ${field}: ${issue?.message ?? 'invalid value'}`,
    { details: { field } },
  );
}

/** An imported secret: base32 or hex text, or raw bytes. Required, unlike at enrollment. */
export const importedSecretShape = {
  /** The device's shared secret: base32 (or hex, see `encoding`) text, or raw bytes. 16–64 bytes. */
  secret: z.union([z.string(), z.instanceof(Uint8Array)], { error: 'required: text or bytes' }),
  /** How `secret` is written when it is text. @default 'base32' */
  encoding: z.enum(['base32', 'hex']).default('base32'),
};

/** Decode an imported secret; a bad one is `OTP_INVALID_INPUT` on field `secret`, its value unquoted. */
export function decodeImportedSecret(
  input: { secret: string | Uint8Array; encoding: 'base32' | 'hex' },
  kind: string,
): Uint8Array {
  try {
    return importSecret(input.secret, input.encoding);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : 'cannot be decoded';
    throw new OtpError('OTP_INVALID_INPUT', `Invalid ${kind} import input secret: ${why}`, {
      cause,
      details: { field: 'secret' },
    });
  }
}
