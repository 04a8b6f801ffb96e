import { defineConfig } from 'tsup';

// One entry per framework, so an Express app never loads the Koa adapter and the other way round.
// adminjs is only imported (dynamically) by adminJsRequests, for tests.
export default defineConfig({
  entry: { index: 'src/index.ts', express: 'src/express.ts', koa: 'src/koa.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: [],
  keepNames: true,
});
