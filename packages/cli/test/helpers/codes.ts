import { decodeBase32, generateTotp } from '@otpkit/core';

/** The TOTP code of a base32 secret, `offsetMs` from now (one step is 30 000 ms). */
export function totpCode(secret: string, offsetMs = 0): string {
  return generateTotp({ secret: decodeBase32(secret), time: Date.now() + offsetMs });
}

/** A well-formed six-digit code that is none of the secret's codes near now (so surely wrong). */
export function wrongTotpCode(secret: string): string {
  const near = new Set([-3, -2, -1, 0, 1, 2, 3].map((step) => totpCode(secret, step * 30_000)));
  return ['000000', '111111', '222222', '333333', '444444', '555555', '666666', '777777'].find(
    (code) => !near.has(code),
  )!;
}

/** A well-formed backup code that is not `code` (its symbols reversed). */
export function wrongBackupCode(code: string): string {
  const wrong = [...code.replace(/-/g, '')].reverse().join('');
  return wrong === code.replace(/-/g, '') ? `${wrong.slice(1)}${wrong[0] === '0' ? '1' : '0'}` : wrong;
}
