import { parseConfig } from '@switchboard/config';
import { afterAll, beforeAll } from 'vitest';
import { type RunningApi, startApi } from '../api';
import { Fixtures, type TestDevice } from './fixtures';
import { RawDevice } from './raw-device';

/** One in-process API for a test file, fixtures, and raw devices that are all closed at the end. */
export function gatewayTest(overrides: Record<string, string> = {}) {
  const ctx = {
    api: undefined as unknown as RunningApi,
    ws: '',
    fx: new Fixtures(parseConfig({ ...process.env, ...overrides })),
    open: [] as RawDevice[],
    async connect(device: TestDevice, options?: { autoAck?: boolean }): Promise<RawDevice> {
      const d = await RawDevice.connect(ctx.ws, device, options);
      ctx.open.push(d);
      return d;
    },
  };
  beforeAll(async () => {
    ctx.api = await startApi(overrides);
    ctx.ws = ctx.api.url.replace('http', 'ws');
  });
  afterAll(async () => {
    for (const d of ctx.open) d.terminate();
    await ctx.api.close();
    await ctx.fx.close();
  });
  return ctx;
}
