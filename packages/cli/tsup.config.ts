import { defineConfig } from 'tsup';

export default defineConfig([
  // One ESM file with a shebang: the `otpkit` bin. Dependencies and the optional database drivers
  // stay external (tsup leaves package.json dependencies and peers out of the bundle), so a driver
  // is only loaded when a URL asks for it.
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    clean: true,
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  // `@otpkit/cli/django-otp`: the importer as a library, ESM and CJS with types.
  {
    entry: { 'django-otp/index': 'src/django-otp/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    sourcemap: true,
    target: 'node20',
  },
]);
