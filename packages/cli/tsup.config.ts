import { defineConfig } from 'tsup';

// One ESM file with a shebang: the `otpkit` bin. Dependencies and the optional database drivers
// stay external (tsup leaves package.json dependencies and peers out of the bundle), so a driver
// is only loaded when a URL asks for it.
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
});
