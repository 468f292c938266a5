/**
 * WebSocket close codes the gateway uses (4000-4999 are the application's); docs/core.md lists them for clients.
 * 1013 (try again later) also closes a device that reads slower than it is written to.
 */
export const CloseCode = {
  Replaced: 4000,
  Removed: 4001,
  /** The device went on sending far past its frame budget: a flood. It may reconnect, and should slow down. */
  TooManyFrames: 4008,
  ReadingTooSlowly: 1013,
  Restarting: 1012,
} as const;
