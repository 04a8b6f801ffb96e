import { parse, serialize } from 'cookie';
import { headerValue } from './request.js';

/** Parse the `Cookie` header. A malformed header reads as no cookies. */
export function readCookies(headers: Readonly<Record<string, string | string[] | undefined>>) {
  const header = headerValue(headers, 'cookie');
  if (!header) return {};
  const parsed = parse(header);
  const cookies: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) if (typeof value === 'string') cookies[name] = value;
  return cookies;
}

/** Options of an otpkit cookie: always HttpOnly and SameSite=Lax, Secure over HTTPS. */
export interface CookieSpec {
  name: string;
  value: string;
  path: string;
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

/** Serialize a `Set-Cookie` value with otpkit's fixed flags. */
export function setCookie(spec: CookieSpec): string {
  return serialize(spec.name, spec.value, {
    path: spec.path,
    httpOnly: true,
    sameSite: 'lax',
    secure: spec.secure,
    maxAge: spec.maxAge,
    ...(spec.maxAge === 0 ? { expires: new Date(0) } : {}),
  });
}
