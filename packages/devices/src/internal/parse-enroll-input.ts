import { OtpError } from '@otpkit/core';
import type { z } from 'zod';

/**
 * Validate the kind-specific fields of `otp.enroll()`. Unlike options, these come from a request at
 * run time, so a failure is an `OtpError('OTP_INVALID_INPUT')` the caller can turn into a 400.
 * Unknown fields are refused too, so a misspelt `lable` is not silently ignored.
 *
 * The message names the field and the rule, never the value: an imported secret must not end up
 * in a log line.
 */
export function parseEnrollInput<S extends z.ZodType>(schema: S, input: unknown, kind: string): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = (issue?.path ?? []).map(String).join('.');
  const rule =
    issue?.code === 'unrecognized_keys' ? unknownFields(issue.keys) : (issue?.message ?? 'invalid value');
  throw new OtpError(
    'OTP_INVALID_INPUT',
    `Invalid ${kind} enrollment input${field ? ` ${field}` : ''}: ${rule}`,
  );
}

// Field names come from the request too: only plain identifiers are echoed back.
const PLAIN_NAME = /^[A-Za-z0-9_]{1,32}$/;

function unknownFields(keys: readonly string[]): string {
  const named = keys.filter((key) => PLAIN_NAME.test(key));
  return named.length === keys.length ? `unknown field ${named.join(', ')}` : 'unknown field';
}
