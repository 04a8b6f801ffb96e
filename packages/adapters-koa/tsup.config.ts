import { defineConfig } from 'tsup';

// keepNames: the middleware keep their names in the bundle (`requireOtp`, not `requireOtp2`), as
// stack traces and router listings show them.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: [],
  keepNames: true,
});
