export { buildDashboardIfStale, DASHBOARD_DIR, NEXT_BIN, nextEnv } from './dashboard';
export {
  freePort,
  type ProcessHandle,
  type SpawnOptions,
  spawnProcess,
  type WaitOptions,
  waitForHttp,
} from './processes';
export { REPO_ROOT } from './services';
