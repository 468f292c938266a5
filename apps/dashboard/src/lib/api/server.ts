import { headers } from 'next/headers';
import createClient from 'openapi-fetch';
import { apiBaseUrl } from '../api-status';
import type { paths } from './schema';

/**
 * The typed client for server components: straight to the API (API_INTERNAL_URL) with the browser's cookie header as
 * it came, so a page renders as the signed-in person and the API decides what they may see.
 */
export async function serverApi() {
  const cookie = (await headers()).get('cookie');
  return createClient<paths>({ baseUrl: apiBaseUrl(), headers: cookie ? { cookie } : {}, cache: 'no-store' });
}
