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
