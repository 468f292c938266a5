export { buildDashboardIfStale, DASHBOARD_DIR, NEXT_BIN, nextEnv } from './dashboard';
export {
  freePort,
  type ProcessHandle,
  type SpawnOptions,
  spawnProcess,
  type WaitOptions,
  WORKER_NODE_FLAGS,
  waitForHttp,
} from './processes';
export { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, dropDatabase, REPO_ROOT, withDatabase } from './services';
