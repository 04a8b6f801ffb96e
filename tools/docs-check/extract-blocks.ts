/**
 * Code blocks of Markdown pages: fenced blocks with their language, line and marker. A block preceded
 * by `<!-- doc-check: partial -->` is a deliberate fragment (only parsed, never type-checked); one
 * preceded by `<!-- doc-check: skip -->` is not looked at (say why next to it).
 */
export type BlockMode = 'check' | 'partial' | 'skip';

export interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: 'ts' | 'js';
  code: string;
  mode: BlockMode;
}

const TS = new Set(['ts', 'typescript', 'tsx']);
const JS = new Set(['js', 'javascript', 'mjs', 'cjs', 'jsx']);
const MARKER = /^<!--\s*doc-check:\s*(partial|skip)\s*-->\s*$/;

/** The TypeScript and JavaScript blocks of one page. */
export function extractBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)?\s*$/.exec(lines[i]!);
    if (!open) continue;
    const lang = (open[1] ?? '').toLowerCase();
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    const previous = lines
      .slice(0, i)
      .reverse()
      .find((line) => line.trim() !== '');
    const marker = previous ? MARKER.exec(previous.trim()) : null;
    const kind = TS.has(lang) ? 'ts' : JS.has(lang) ? 'js' : null;
    if (kind) {
      blocks.push({
        file,
        line: i + 1,
        lang: kind,
        code: lines.slice(i + 1, end).join('\n'),
        mode: (marker?.[1] as BlockMode | undefined) ?? 'check',
      });
    }
    i = end;
  }
  return blocks;
}
