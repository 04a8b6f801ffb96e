import { describe, expect, it } from 'vitest';
import { extractBlocks } from './extract-blocks.js';

describe('extractBlocks', () => {
  it('finds TypeScript and JavaScript blocks with their line and marker, and skips the rest', () => {
    const page = [
      '# Title',
      '```ts',
      'const a = 1;',
      '```',
      '<!-- doc-check: partial -->',
      '',
      '```js',
      'foo(',
      '```',
      '```sh',
      'npm install',
      '```',
      '<!-- doc-check: skip -->',
      '```typescript',
      'nope',
      '```',
    ].join('\n');
    expect(extractBlocks('p.md', page)).toEqual([
      { file: 'p.md', line: 2, lang: 'ts', code: 'const a = 1;', mode: 'check' },
      { file: 'p.md', line: 7, lang: 'js', code: 'foo(', mode: 'partial' },
      { file: 'p.md', line: 14, lang: 'ts', code: 'nope', mode: 'skip' },
    ]);
  });
});
