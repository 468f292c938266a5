export {
  freePort,
  type ProcessHandle,
  type SpawnOptions,
  spawnProcess,
  type WaitOptions,
  waitForHttp,
} from './processes';
