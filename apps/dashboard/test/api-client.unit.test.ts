import { readFileSync } from 'node:fs';
import { API_TYPES_PATH, renderApiTypes } from '@switchboard/devtools/api-client';
import { describe, expect, it } from 'vitest';

describe("the dashboard's typed client", () => {
  it('is what openapi.yaml generates today (npm run api:client)', async () => {
    const committed = readFileSync(API_TYPES_PATH, 'utf8');
    expect(committed === (await renderApiTypes()), 'openapi.yaml changed: run `npm run api:client` and commit').toBe(
      true,
    );
  });
});
