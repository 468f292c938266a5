/**
 * The test tiers, named by a test file's suffix: `*.unit.test.ts` starts nothing (no database, Redis or process),
 * `*.integration.test.ts` uses the real Postgres and Redis and in-process apps, `*.e2e.test.ts` spawns processes (API
 * nodes, workers, CLIs, a browser). vitest.config.ts declares one project per tier.
 */
export const TIERS = ['unit', 'integration', 'e2e'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_OF_FILE = new RegExp(`\\.(${TIERS.join('|')})\\.test\\.tsx?$`);
