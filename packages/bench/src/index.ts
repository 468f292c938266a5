// The benchmark harness, for suites (src/suites/*) and for anything else that wants its pieces.
export { Cleanups } from './harness/cleanup';
export {
  type BenchEnvironment,
  checkPostgres,
  checkRedis,
  createEnvironment,
  ServiceUnavailableError,
  serviceUrls,
} from './harness/environment';
export { type LoadFigures, type LoadOptions, runLoad } from './harness/load';
export { fmt, progress } from './harness/log';
export { repoRoot, type StartedService, type StartServiceOptions, startApi, startService } from './harness/services';
export { median, medians, percentile, type Repeated, repeat, round } from './harness/stats';
export { findSuite, suites } from './suites';
export { type ApiFixture, seedApiFixture } from './suites/api-fixture';
export type { Figures, Suite, SuiteContext, SuiteOption } from './types';
