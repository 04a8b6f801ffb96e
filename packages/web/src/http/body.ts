import type { Readable } from 'node:stream';

/**
 * A body otpkit refuses: too large (413), not a form or JSON (415), unreadable (400: malformed, or
 * cut off by a client that went away mid-body).
 */
export class WebBodyError extends Error {
  override readonly name = 'WebBodyError';
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The fields of a parsed body or query: a string, or a list when the name repeats. */
export type FormFields = Record<string, string | string[]>;

/**
 * Read a Node.js request stream into bytes, refusing more than `limit` bytes with a
 * {@link WebBodyError} (413). A stream that fails before its end (the client dropped the
 * connection mid-body, an aborted request) is a {@link WebBodyError} too (400): bad input, never
 * an error for the framework's handler. Resolves `undefined` when the stream was already read by
 * someone else (a body parser mounted before otpkit). Both adapters use it as their `readBody`.
 *
 * @example
 * ```ts
 * readBody: (limit) => readNodeBody(req, limit)
 * ```
 */
export async function readNodeBody(stream: Readable, limit: number): Promise<Uint8Array | undefined> {
  if (stream.readableEnded) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buffer.length;
      if (size > limit) {
        stream.resume();
        throw new WebBodyError(413, 'Request body too large');
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof WebBodyError) throw error;
    throw new WebBodyError(400, 'The request body could not be read to its end', { cause: error });
  }
  return Buffer.concat(chunks);
}

function addField(fields: FormFields, name: string, value: string) {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else fields[name] = [existing, value];
}

/** URL-encoded pairs into fields (a repeated name becomes a list). */
export function fieldsOf(params: URLSearchParams): FormFields {
  const fields: FormFields = Object.create(null);
  for (const [name, value] of params) addField(fields, name, value);
  return fields;
}

/**
 * Parse a body as a form (`application/x-www-form-urlencoded`) or JSON. An empty body is no fields;
 * other content types are refused (415); invalid UTF-8 or JSON is refused (400). JSON keeps its
 * shape (objects, arrays, numbers): the flows check every field's type.
 */
export function parseBody(contentType: string | undefined, bytes: Uint8Array): unknown {
  if (bytes.length === 0) return {};
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new WebBodyError(400, 'The body is not valid UTF-8');
  }
  if (type === 'application/x-www-form-urlencoded') return fieldsOf(new URLSearchParams(text));
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new WebBodyError(400, 'A JSON body must be an object');
      }
      return value;
    } catch (err) {
      if (err instanceof WebBodyError) throw err;
      throw new WebBodyError(400, 'The body is not valid JSON');
    }
  }
  throw new WebBodyError(415, 'Send a form or JSON');
}
