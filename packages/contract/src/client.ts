import { loadSpec } from './spec';
import { ContractValidator } from './validator';

let shared: ContractValidator | undefined;
const validator = () => (shared ??= new ContractValidator(loadSpec()));

export class ContractViolation extends Error {}

export interface ContractResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  /** The raw body, for binary responses (media downloads) whose `text` would not round-trip. */
  bytes: Uint8Array;
}

/**
 * fetch for end-to-end tests: every response is checked against openapi.yaml and a mismatch throws, failing the test.
 * This is what makes CI fail when the running API and the contract disagree.
 */
export async function contractFetch<T = unknown>(url: string, init: RequestInit = {}): Promise<ContractResponse<T>> {
  const res = await fetch(url, init);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const contentType = res.headers.get('content-type');
  let body: unknown = text;
  if (contentType?.includes('json') && text) body = JSON.parse(text);
  const problems = validator().check({
    method: init.method ?? 'GET',
    path: new URL(url).pathname,
    status: res.status,
    contentType,
    body,
  });
  if (problems.length) throw new ContractViolation(`response disagrees with openapi.yaml:\n  ${problems.join('\n  ')}`);
  return { status: res.status, headers: res.headers, body: body as T, text, bytes };
}
