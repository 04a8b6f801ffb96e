/**
 * What otpkit answers, for the adapter to write back as it is: the status, headers, `Set-Cookie`
 * values and a body. Redirects are a 303 with a `location` header.
 */
export interface WebResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Serialized `Set-Cookie` header values. */
  cookies: string[];
  body: string | Uint8Array | null;
}

/** A response with the given status, body and content type. */
export function textResponse(status: number, body: string, contentType: string): WebResponse {
  return { status, headers: { 'content-type': contentType }, cookies: [], body };
}
