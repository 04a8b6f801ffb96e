import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

// Tests import workspace packages from their sources, so one run covers the whole
// workspace without a build. The CLI's tests run the built binary and build it first.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@otpkit\/core\/testing$/, replacement: src('core/src/testing/index.ts') },
      { find: /^@otpkit\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@otpkit\/devices$/, replacement: src('devices/src/index.ts') },
      { find: /^@otpkit\/store-sql$/, replacement: src('store-sql/src/index.ts') },
      { find: /^@otpkit\/cli\/django-otp$/, replacement: src('cli/src/django-otp/index.ts') },
      { find: /^@otpkit\/web\/testing$/, replacement: src('web/src/testing/index.ts') },
      { find: /^@otpkit\/web$/, replacement: src('web/src/index.ts') },
      { find: /^@otpkit\/adapters-express$/, replacement: src('adapters-express/src/index.ts') },
      { find: /^@otpkit\/adapters-koa$/, replacement: src('adapters-koa/src/index.ts') },
      { find: /^@otpkit\/adminjs\/express$/, replacement: src('adminjs/src/express.ts') },
      { find: /^@otpkit\/adminjs\/koa$/, replacement: src('adminjs/src/koa.ts') },
      { find: /^@otpkit\/adminjs$/, replacement: src('adminjs/src/index.ts') },
    ],
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'tools/*/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'examples/*/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // The type-level tests of the public API (*.test-d.ts: result unions narrow, req.otp and
    // ctx.state.otp are typed, options refuse wrong shapes) run with the suite: vitest type-checks
    // them with tsc, and an expectTypeOf that does not hold or an unused @ts-expect-error fails.
    typecheck: {
      enabled: true,
      include: ['packages/*/test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
