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
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
