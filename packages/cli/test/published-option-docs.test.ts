/**
 * Option types come from the zod schemas (`z.input<typeof schema>`), and the documentation of each
 * option lives on the schema's field. Declaration emit drops comments from inferred object types,
 * so this reads the published `.d.ts` files, as an editor does for hover text, and checks that
 * every option of every options type still has its documentation (and its `@default` where the
 * schema gives one). It runs with the CLI's tests, which build the packages first.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './helpers/build.js';

const packages = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const OPTION_TYPES = {
  core: ['KeyringOptions', 'MemoryStoreOptions', 'ThrottleOptions', 'OtpOptions'],
  devices: [
    'TotpOptions',
    'HotpOptions',
    'EmailCodeOptions',
    'BackupCodesOptions',
    'NodemailerMailerOptions',
  ],
  'store-sql': ['SqlStoreOptions', 'MigrateOptions', 'DdlOptions', 'ScanDevicesOptions'],
} as const;

/** Options whose default is not a plain value, or that have none to state. */
const NO_DEFAULT = new Set([
  'issuer',
  'image',
  'mailer',
  'siteName',
  'from',
  'db',
  'keys',
  'primary',
  'store',
  'keyring',
  'kinds',
]);

let program: ts.Program;
beforeAll(async () => {
  await ensureBuilt();
  const roots = Object.keys(OPTION_TYPES).map((dir) => join(packages, dir, 'dist', 'index.d.ts'));
  program = ts.createProgram(roots, { strict: true, skipLibCheck: true, types: [] });
}, 120_000);

describe.each(Object.entries(OPTION_TYPES))('@otpkit/%s', (dir, names) => {
  it.each(names)('%s documents every option in the published types', (name) => {
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(join(packages, dir, 'dist', 'index.d.ts'))!;
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
    const symbol = exported.find((candidate) => candidate.name === name);
    expect(symbol, `${name} is exported`).toBeDefined();
    const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol!));
    const properties = type.getProperties();
    expect(properties.length).toBeGreaterThan(0);
    const undocumented = properties
      .filter((property) => ts.displayPartsToString(property.getDocumentationComment(checker)).trim() === '')
      .map((property) => property.name);
    expect(undocumented).toEqual([]);
    const withoutDefault = properties
      .filter((property) => !NO_DEFAULT.has(property.name))
      .filter((property) => !property.getJsDocTags(checker).some((tag) => tag.name === 'default'))
      .map((property) => property.name);
    expect(withoutDefault).toEqual([]);
  });
});
