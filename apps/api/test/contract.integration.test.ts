import { parseConfig } from '@switchboard/config';
import { loadSpec, specRoutes, toOpenApiPath } from '@switchboard/contract';
import { createLogger } from '@switchboard/platform';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/bootstrap';

// The other half of the contract check (contractFetch validates every response the e2e tests see): the routes the
// API registers and the operations openapi.yaml declares must be the same set.
describe('openapi.yaml and the running API', () => {
  it('declare exactly the same routes', async () => {
    const config = parseConfig(process.env);
    const app = await createApp(config, createLogger({ ...config, logLevel: 'silent' }, 'contract'));
    const routes: string[] = [];
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', (route) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const m of methods) if (m !== 'HEAD' && m !== 'OPTIONS') routes.push(`${m} ${toOpenApiPath(route.url)}`);
      });
    await app.init();
    await app.close();
    const declared = specRoutes(loadSpec());
    expect(routes.length).toBeGreaterThan(0);
    expect({
      undocumented: routes.filter((r) => !declared.includes(r)),
      unimplemented: declared.filter((r) => !routes.includes(r)),
    }).toEqual({
      undocumented: [],
      unimplemented: [],
    });
  });
});
