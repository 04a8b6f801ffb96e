import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseBody, readNodeBody, WebBodyError } from './body.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseBody', () => {
  it('parses a form, keeping repeated names as lists', () => {
    expect(
      parseBody('application/x-www-form-urlencoded; charset=utf-8', bytes('a=1&b=2&b=3&c=%C3%A9')),
    ).toEqual({
      a: '1',
      b: ['2', '3'],
      c: 'é',
    });
  });

  it('parses JSON objects and keeps their types', () => {
    expect(parseBody('application/json', bytes('{"token":123,"x":[1]}'))).toEqual({ token: 123, x: [1] });
  });

  it('reads an empty body as no fields', () => {
    expect(parseBody(undefined, new Uint8Array())).toEqual({});
  });

  it('does not let __proto__ reach the prototype', () => {
    const fields = parseBody('application/x-www-form-urlencoded', bytes('__proto__=x')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([
    ['text/plain', 'a=1', 415],
    [undefined, 'a=1', 415],
    ['application/json', '{"a":', 400],
    ['application/json', '[1]', 400],
    ['application/json', '"a"', 400],
    ['application/x-www-form-urlencoded', '\uFFFD', 200],
  ])('answers %s %j with %i', (type, text, status) => {
    const run = () => parseBody(type, bytes(text));
    if (status === 200) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ status }));
  });

  it('refuses bytes that are not UTF-8 with 400', () => {
    expect(() => parseBody('application/json', new Uint8Array([0xff, 0xfe]))).toThrow(WebBodyError);
  });
});

describe('readNodeBody', () => {
  it('reads a stream up to the limit and refuses more with 413', async () => {
    expect(Buffer.from((await readNodeBody(Readable.from([Buffer.from('abc')]), 10))!).toString()).toBe(
      'abc',
    );
    await expect(readNodeBody(Readable.from([Buffer.alloc(11)]), 10)).rejects.toMatchObject({ status: 413 });
  });

  it('resolves undefined for a stream another parser already read', async () => {
    const stream = Readable.from([Buffer.from('abc')]);
    for await (const _ of stream) void _;
    expect(await readNodeBody(stream, 10)).toBeUndefined();
  });
});

describe('readNodeBody with a client that goes away mid-body', () => {
  /** A server whose handler reads the body with readNodeBody; resolves what the read did. */
  async function serverReading() {
    let settle!: (outcome: { bytes?: number; error?: unknown }) => void;
    const outcome = new Promise<{ bytes?: number; error?: unknown }>((resolve) => {
      settle = resolve;
    });
    const server = createServer((req, res) => {
      readNodeBody(req, 16_384).then(
        (bytes) => settle({ bytes: bytes?.length ?? -1 }),
        (error: unknown) => settle({ error }),
      );
      req.on('error', () => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { server, port, outcome };
  }

  it.each(['end', 'destroy'] as const)(
    'turns half a body and a closed socket (%s) into a 400 WebBodyError',
    async (close) => {
      const { server, port, outcome } = await serverReading();
      try {
        const socket = connect(port, '127.0.0.1');
        await new Promise<void>((resolve) => socket.on('connect', resolve));
        socket.write(
          'POST /auth/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n',
        );
        socket.write('token=123456&_csrf=abcdefghijklmnopqrstuvwxyz0123456789');
        socket.on('error', () => undefined);
        if (close === 'end') socket.end();
        else socket.destroy();
        const { error } = await outcome;
        expect(error).toBeInstanceOf(WebBodyError);
        expect(error).toMatchObject({ status: 400 });
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  );

  it('turns a stream that errors into a 400 WebBodyError, and keeps the cause', async () => {
    const cause = new Error('socket hang up');
    const stream = new Readable({
      read() {
        this.destroy(cause);
      },
    });
    await expect(readNodeBody(stream, 10)).rejects.toMatchObject({
      name: 'WebBodyError',
      status: 400,
      cause,
    });
  });
});
