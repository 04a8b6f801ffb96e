/**
 * Type-check the TypeScript blocks of the docs against the packages' sources, and parse the
 * JavaScript ones, so that an example which drifts from the API fails CI.
 *
 * Each block is its own module. Blocks may use, without importing them:
 * - every value the @otpkit packages export (as if the page's earlier blocks had imported it);
 * - the context variables of `context.d.ts` (`otp`, `store`, `userId`, `req`, …): what a real
 *   program would have in scope at that point.
 * An explicit import in a block shadows both, and is checked like any import.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { CodeBlock } from './extract-blocks.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** One problem found in one block, located in its Markdown page. */
export interface BlockProblem {
  file: string;
  line: number;
  message: string;
}

/** The package entry points whose exports the docs may use unimported (sources, as the tests use them). */
export const ENTRY_POINTS: Record<string, string> = {
  '@otpkit/core': 'packages/core/src/index.ts',
  '@otpkit/core/testing': 'packages/core/src/testing/index.ts',
  '@otpkit/devices': 'packages/devices/src/index.ts',
  '@otpkit/store-sql': 'packages/store-sql/src/index.ts',
  '@otpkit/cli': 'packages/cli/src/index.ts',
  '@otpkit/cli/django-otp': 'packages/cli/src/django-otp/index.ts',
  '@otpkit/web': 'packages/web/src/index.ts',
  '@otpkit/web/testing': 'packages/web/src/testing/index.ts',
  '@otpkit/adapters-express': 'packages/adapters-express/src/index.ts',
  '@otpkit/adapters-koa': 'packages/adapters-koa/src/index.ts',
  '@otpkit/adminjs': 'packages/adminjs/src/index.ts',
};

function compilerOptions(entries: Record<string, string>): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noUncheckedIndexedAccess: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    resolveJsonModule: true,
    types: ['node'],
    typeRoots: [join(root, 'node_modules/@types'), join(here, 'node_modules/@types')],
    baseUrl: root,
    paths: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, [path]])),
  };
}

/** `declare global { const x: typeof import('pkg').x }` for every value export of the entries. */
function exportsPrelude(program: ts.Program, entries: Record<string, string>): string {
  const checker = program.getTypeChecker();
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const [name, path] of Object.entries(entries)) {
    const source = program.getSourceFile(join(root, path));
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) continue;
    for (const symbol of checker.getExportsOfModule(module)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (!(target.flags & ts.SymbolFlags.Value) || seen.has(symbol.name)) continue;
      seen.add(symbol.name);
      lines.push(`  const ${symbol.name}: typeof import('${name}').${symbol.name};`);
    }
  }
  return `export {};\ndeclare global {\n${lines.join('\n')}\n}\n`;
}

/** Parse a block (JavaScript, or a partial TypeScript one); syntax errors only. */
function parse(block: CodeBlock): BlockProblem[] {
  const output = ts.transpileModule(block.code, {
    reportDiagnostics: true,
    fileName: block.lang === 'ts' ? 'block.ts' : 'block.js',
    compilerOptions: { allowJs: true, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return (output.diagnostics ?? []).map((d) => locate(block, d));
}

function locate(block: CodeBlock, diagnostic: ts.Diagnostic, offsetLines = 0): BlockProblem {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const line =
    diagnostic.file && diagnostic.start !== undefined
      ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line - offsetLines
      : 0;
  return { file: block.file, line: block.line + 1 + Math.max(0, line), message: text };
}

/**
 * Check blocks: TypeScript blocks in `check` mode are type-checked, `partial` ones only parsed; all
 * JavaScript blocks are parsed. Returns every problem, located in its page.
 */
export function checkBlocks(blocks: CodeBlock[]): BlockProblem[] {
  const entries = Object.fromEntries(
    Object.entries(ENTRY_POINTS).filter(([, path]) => {
      try {
        readFileSync(join(root, path));
        return true;
      } catch {
        return false;
      }
    }),
  );
  const options = compilerOptions(entries);
  const work = join(here, '.blocks');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });

  const problems: BlockProblem[] = [];
  const files = new Map<string, CodeBlock>();
  for (const [index, block] of blocks.entries()) {
    if (block.mode === 'skip') continue;
    if (block.lang === 'js' || block.mode === 'partial') {
      problems.push(...parse(block));
      continue;
    }
    const path = join(work, `block-${index}.ts`);
    // `export {}` makes every block a module: its names are its own, top-level await works.
    writeFileSync(path, `${block.code}\nexport {};\n`);
    files.set(path, block);
  }

  const exportsFile = join(work, 'exports-prelude.d.ts');
  const context = join(here, 'context.d.ts');
  const first = ts.createProgram({ rootNames: Object.values(entries).map((p) => join(root, p)), options });
  writeFileSync(exportsFile, exportsPrelude(first, entries));
  const program = ts.createProgram({
    rootNames: [exportsFile, context, ...files.keys()],
    options,
    oldProgram: first,
  });
  for (const diagnostic of [...program.getGlobalDiagnostics(), ...program.getSyntacticDiagnostics()]) {
    if (!diagnostic.file)
      problems.push({ file: 'tools/docs-check', line: 0, message: String(diagnostic.messageText) });
  }
  for (const [path, block] of files) {
    const source = program.getSourceFile(path);
    if (!source) continue;
    for (const diagnostic of [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ]) {
      problems.push(locate(block, diagnostic));
    }
  }
  for (const file of [exportsFile, context]) {
    const source = program.getSourceFile(file);
    for (const diagnostic of source ? program.getSemanticDiagnostics(source) : []) {
      problems.push({
        file: relative(root, file),
        line: 0,
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      });
    }
  }
  rmSync(work, { recursive: true, force: true });
  return problems;
}
