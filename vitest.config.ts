import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// One suite for the whole repository. `npm test` (packages/devtools/bin/test.mjs) prepares the per-run database and
// Redis prefix and passes them in the environment; running vitest directly uses whatever the environment says.
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        keepClassNames: true,
      },
    }),
  ],
  test: {
    include: ['{apps,workers,packages,prisma}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.next/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
  },
});
