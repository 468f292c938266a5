import swc from 'unplugin-swc';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * A test file says its tier in its name: `*.unit.test.ts` starts nothing (no database, Redis or process; seconds),
 * `*.integration.test.ts` uses the real Postgres and Redis and in-process Nest apps, `*.e2e.test.ts` spawns processes
 * (API nodes, workers, the CLI, a browser). Each tier is a vitest project: `vitest run --project unit`
 * (packages/devtools/src/tiers.ts names them for `npm test -- --tier <name>`).
 */
const TIERS = ['unit', 'integration', 'e2e'] as const;

const tier = (name: (typeof TIERS)[number]) => ({
  extends: true as const,
  test: {
    name,
    include: [`{apps,workers,packages,prisma}/**/*.${name}.test.ts`],
    // Unit files start nothing and share no state, so one module cache serves them all: most of their time is imports.
    ...(name === 'unit' && { isolate: false }),
    // Tests that start services and processes share two cores with the whole suite in CI, and a few of them still
    // fail now and then on timing alone (ARCHITECTURE.md, "Tests"). One retry keeps such a
    // flake from failing the run; a failure that repeats still fails it. Remove when they are made deterministic.
    ...(name !== 'unit' && { retry: 1 }),
    // `npm test` runs these files three at a time, each vitest worker in its own copy of the database and its own
    // Redis prefix: this points the worker there before the file starts anything.
    ...(name !== 'unit' && { setupFiles: ['packages/testkit/src/worker-env.ts'] }),
  },
});

// `npm test` (packages/devtools/bin/test.mjs) prepares the per-run database and Redis prefix and passes them in the
// environment; running vitest directly uses whatever the environment says.
// Publishable workspace packages (packages/sdk, packages/protocol) export their built dist/ to installers and their
// TypeScript sources under this condition (tsconfig.base.json and the loader, swc-hooks.mjs, ask for it too).
const conditions = ['switchboard-source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
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
    exclude: ['**/node_modules/**', '**/.next/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    projects: TIERS.map(tier),
  },
});
