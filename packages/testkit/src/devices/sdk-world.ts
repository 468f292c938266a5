import type { DeviceCredentials, RestClient } from '@switchboard/sdk';
import { afterAll, beforeAll } from 'vitest';
import type { RunningApi } from '../api';
import { startCoreApi } from '../core';
import { type SdkDevice, sdkCompanion, sdkDevice } from './sdk-device';

type Account = { rest: RestClient; credentials: DeviceCredentials; number?: string };
type DeviceOptions = Parameters<typeof sdkDevice>[2];

/**
 * One core API for a test file and the SDK devices made on it, all stopped at the end. Call it inside `describe`:
 * it registers the file's beforeAll/afterAll.
 */
export function sdkWorld(overrides: Record<string, string> = {}) {
  const devices: SdkDevice[] = [];
  const world = {
    api: undefined as unknown as RunningApi,
    /** Keeps a device made elsewhere (e.g. a second instance over the same account) to stop it at the end. */
    async track(made: Promise<SdkDevice>): Promise<SdkDevice> {
      const device = await made;
      devices.push(device);
      return device;
    },
    /** A connected SDK device: a new account's primary, or `account`'s device. */
    device: (account?: Account, options?: DeviceOptions) => world.track(sdkDevice(world.api, account, options)),
    /** A companion linked to `primary`'s account. */
    companion: (primary: SdkDevice, options?: { connect?: boolean }) =>
      world.track(sdkCompanion(world.api, primary, options)),
  };
  beforeAll(async () => {
    world.api = await startCoreApi(overrides);
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await world.api?.close();
  });
  return world;
}
