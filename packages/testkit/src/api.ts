import type { AddressInfo } from 'node:net';
import { type ApiApp, createApp } from '@switchboard/api/bootstrap';
import { parseConfig } from '@switchboard/config';
import { createLogger } from '@switchboard/platform';

export interface RunningApi {
  app: ApiApp;
  url: string;
  close(): Promise<void>;
}

/** The platform operator's credential in tests (`OPERATOR_TOKEN`): what template review decisions need. */
export const OPERATOR_TOKEN = 'test-operator-credential-0123456789abcdef';

/**
 * The real API in this test process on a free port, configured from the environment the test runner set up (the
 * run's own database and Redis prefix), with optional overrides.
 */
export async function startApi(overrides: Record<string, string> = {}): Promise<RunningApi> {
  const config = parseConfig({ ...process.env, OPERATOR_TOKEN, ...overrides });
  const app = await createApp(config, createLogger(config, 'api-test'));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
